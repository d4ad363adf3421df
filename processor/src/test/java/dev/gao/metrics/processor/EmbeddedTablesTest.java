package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Query results whose record components are table records: each takes the result columns that
 * come from its table, the other components the rest by name.
 */
class EmbeddedTablesTest {
  private static final JavaFileObject RUN =
      Sources.java(
          "Run",
          "@MetricsTable(name = \"runs\")",
          "public record Run(@PrimaryKey String runId, String projectName, long total) {}");
  private static final JavaFileObject METRIC =
      Sources.java(
          "Metric",
          "@MetricsTable(name = \"metrics\")",
          "public record Metric(@PrimaryKey(autoGenerate = true) long id,",
          "    @ForeignKey(table = Run.class) String runId, double value, @Nullable @Json List<String> notes) {}");
  private static final JavaFileObject SCHEMA =
      Sources.java("Db", "@MetricsSchema(version = 1, tables = {Run.class, Metric.class})", "public interface Db {}");
  private static final String JOIN = " FROM runs r JOIN metrics m ON m.run_id = r.run_id";

  private static JavaFileObject queries(String... lines) {
    String[] all = new String[lines.length + 3];
    all[0] = "@MetricsQueries(schema = Db.class)";
    all[1] = "public interface Q {";
    System.arraycopy(lines, 0, all, 2, lines.length);
    all[all.length - 1] = "}";
    return Sources.java("Q", all);
  }

  private static Compilation compile(JavaFileObject queries) {
    return Sources.compile(List.of(RUN, METRIC, SCHEMA, queries), "-Xlint:all", "-Werror");
  }

  private static void assertError(String id, String text, String method, String... lines) {
    JavaFileObject q = queries(lines);
    Compilation c = compile(q);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + id + "] " + text).inFile(q).onLineContaining(method);
  }

  @Test
  void tablesSharingColumnNamesEachTakeTheirOwn() {
    JavaFileObject q =
        queries(
            "record RunMetric(Run run, Metric metric) {}",
            "@Query(\"SELECT r.*, m.*" + JOIN + " WHERE r.run_id = :runId\")",
            "Optional<RunMetric> one(String runId);",
            "@Query(\"SELECT m.*, r.*" + JOIN + " ORDER BY m.id\")",
            "List<RunMetric> all();");
    Compilation c = compile(q);
    assertThat(c).succeededWithoutWarnings();
    String impl = Sources.generated(c, "p.QImpl");
    // Both tables have run_id: column 1 is the run's, column 5 the metric's.
    assertTrue(
        impl.contains(
            "    return new Q.RunMetric(\n"
                + "        new Run(\n"
                + "            values().getText(resultSet, 1, ONE_COL_1),\n"
                + "            values().getText(resultSet, 2, ONE_COL_2),\n"
                + "            values().getLong(resultSet, 3, ONE_COL_3)),\n"
                + "        new Metric(\n"
                + "            values().getLong(resultSet, 4, ONE_COL_4),\n"
                + "            values().getText(resultSet, 5, ONE_COL_5),\n"
                + "            values().getDouble(resultSet, 6, ONE_COL_6),\n"
                + "            values().getJson(resultSet, 7, ONE_COL_7_JSON, ONE_COL_7)));\n"),
        impl);
    assertTrue(impl.contains("ONE_COL_1 = new ColumnRef<>(\"runs\", \"run_id\");"), impl);
    assertTrue(impl.contains("ONE_COL_5 = new ColumnRef<>(\"metrics\", \"run_id\");"), impl);
    // Column order follows the SELECT, not the components.
    assertTrue(impl.contains("new Run(\n            values().getText(resultSet, 5, ALL_COL_5),"), impl);
    assertTrue(impl.contains("{@code run} from {@code runs},\n   * {@code metric} from {@code metrics}."), impl);
  }

  @Test
  void plainComponentsTakeTheOtherColumnsByName() {
    JavaFileObject q =
        queries(
            "record RunStats(long metricCount, Run run, double best, String metricRun) {}",
            "@Query(\"SELECT count(*) AS metric_count, r.*, max(m.value) AS best, m.run_id AS metric_run" + JOIN
                + " GROUP BY r.run_id\")",
            "List<RunStats> stats();");
    Compilation c = compile(q);
    assertThat(c).succeededWithoutWarnings();
    String impl = Sources.generated(c, "p.QImpl");
    assertTrue(
        impl.contains(
            "    return new Q.RunStats(\n"
                + "        values().getLong(resultSet, 1, STATS_COL_1),\n"
                + "        new Run(\n"
                + "            values().getText(resultSet, 2, STATS_COL_2),\n"
                + "            values().getText(resultSet, 3, STATS_COL_3),\n"
                + "            values().getLong(resultSet, 4, STATS_COL_4)),\n"
                + "        values().getDouble(resultSet, 5, STATS_COL_5),\n"
                + "        values().getText(resultSet, 6, STATS_COL_6));\n"),
        impl);
    // A plain value is named after the query when it cannot be read, a table's column after its table.
    assertTrue(impl.contains("STATS_COL_1 = new ColumnRef<>(\"Q.stats\", \"metric_count\");"), impl);
    assertTrue(impl.contains("STATS_COL_6 = new ColumnRef<>(\"Q.stats\", \"metric_run\");"), impl);
    assertTrue(impl.contains("STATS_COL_2 = new ColumnRef<>(\"runs\", \"run_id\");"), impl);
  }

  @Test
  void anAliasedColumnOfAnEmbeddedTableGoesToAPlainComponent() {
    JavaFileObject q =
        queries(
            "record Named(Run run, String label) {}",
            "@Query(\"SELECT r.*, r.project_name AS label FROM runs r\")",
            "List<Named> named();");
    assertThat(compile(q)).succeededWithoutWarnings();
  }

  @Test
  void sameSourceTwiceIsByteIdentical() {
    JavaFileObject q =
        queries(
            "record RunMetric(Run run, Metric metric, long n) {}",
            "@Query(\"SELECT r.*, m.*, 1 AS n" + JOIN + "\")",
            "List<RunMetric> all();");
    assertEquals(Sources.generated(compile(q), "p.QImpl"), Sources.generated(compile(q), "p.QImpl"));
  }

  @Test
  void tableOutsideTheSchema() {
    JavaFileObject other = Sources.java("Other", "@MetricsTable", "public record Other(@PrimaryKey String runId) {}");
    JavaFileObject q =
        queries("record WithOther(Run run, Other other) {}", "@Query(\"SELECT * FROM runs\")", "List<WithOther> x();");
    Compilation c = Sources.compile(List.of(RUN, METRIC, SCHEMA, other, q), "-Agaometrics.requireSchema=false");
    assertThat(c)
        .hadErrorContaining(
            "[GM165] Q.x() returns p.Q.WithOther, whose component other embeds table record p.Other, which is not"
                + " part of schema Db")
        .inFile(q)
        .onLineContaining("List<WithOther> x();");
  }

  @Test
  void missingColumnOfAnEmbeddedTable() {
    assertError(
        "GM166",
        "Q.partial() returns p.Q.RunMetric, whose component run embeds table runs, but the result lacks its columns"
            + " [total]; select every column",
        "partial();",
        "record RunMetric(Run run, Metric metric) {}",
        "@Query(\"SELECT r.run_id, r.project_name, m.*" + JOIN + "\")",
        "List<RunMetric> partial();");
  }

  @Test
  void aliasedColumnOfAnEmbeddedTableIsMissing() {
    assertError(
        "GM166",
        "Q.renamed() returns p.Q.RunMetric, whose component metric embeds table metrics, but the result lacks its"
            + " columns [value]",
        "renamed();",
        "record RunMetric(Run run, Metric metric) {}",
        "@Query(\"SELECT r.*, m.id, m.run_id, m.value AS v, m.notes" + JOIN + "\")",
        "List<RunMetric> renamed();");
  }

  @Test
  void selfJoinIntoTwoComponents() {
    assertError(
        "GM167",
        "Q.pairs() returns p.Q.Pair, which reads table runs more than once: components first, second all embed it;"
            + " select each embedded table once",
        "pairs();",
        "record Pair(Run first, Run second) {}",
        "@Query(\"SELECT a.*, b.* FROM runs a JOIN runs b ON a.project_name = b.project_name\")",
        "List<Pair> pairs();");
  }

  @Test
  void tableSelectedTwiceIntoOneComponent() {
    assertError(
        "GM167",
        "Q.twice() returns p.Q.RunMetric, which reads table runs more than once: the result has its columns [run_id,"
            + " project_name, total] more than once",
        "twice();",
        "record RunMetric(Run run, Metric metric) {}",
        "@Query(\"SELECT r.*, m.*, r.*" + JOIN + "\")",
        "List<RunMetric> twice();");
  }

  @Test
  void leftOverColumnsAndPlainComponentsWithoutColumns() {
    assertError(
        "GM168",
        "Q.extra() returns p.Q.RunCount, but its plain components and the result columns that no embedded table"
            + " takes do not match: components without a result column (by snake_case name) [metrics (metrics)],"
            + " result columns without a component [n, note]",
        "extra();",
        "record RunCount(Run run, long metrics) {}",
        "@Query(\"SELECT r.*, 1 AS n, 'x' AS note FROM runs r\")",
        "List<RunCount> extra();");
  }

  @Test
  void leftOverColumnOfAnotherTable() {
    assertError(
        "GM168",
        "Q.values() returns p.Q.RunOnly, but its plain components and the result columns that no embedded table"
            + " takes do not match: components without a result column (by snake_case name) [], result columns"
            + " without a component [value]",
        "values();",
        "record RunOnly(Run run) {}",
        "@Query(\"SELECT r.*, m.value" + JOIN + "\")",
        "List<RunOnly> values();");
  }

  @Test
  void duplicateColumnsOutsideEmbeddedTablesAreRefused() {
    assertError(
        "GM159",
        "the result of Q.dup() has two columns named n",
        "dup();",
        "record RunCount(Run run, long n) {}",
        "@Query(\"SELECT r.*, 1 AS n, 2 AS n FROM runs r\")",
        "List<RunCount> dup();");
  }

  @Test
  void plainComponentWithoutMapping() {
    assertError(
        "GM155",
        "Q.nested() returns java.util.List<p.Q.Outer>, which is not supported: component inner of p.Q.Outer has type"
            + " p.Q.Inner, which no column maps to",
        "nested();",
        "record Inner(String runId) {}",
        "record Outer(Run run, Inner inner) {}",
        "@Query(\"SELECT r.*, r.run_id AS inner FROM runs r\")",
        "List<Outer> nested();");
  }

  @Test
  void genericRecord() {
    assertError(
        "GM155",
        "Q.generic() returns java.util.List<p.Q.Generic<java.lang.Long>>, which is not supported: record p.Q.Generic"
            + " must not have type parameters",
        "generic();",
        "record Generic<T>(Run run, T extra) {}",
        "@Query(\"SELECT r.*, 1 AS extra FROM runs r\")",
        "List<Generic<Long>> generic();");
  }

  @Test
  void plainComponentOfAnotherSqlType() {
    assertError(
        "GM161",
        "Q.typed() reads result column count, declared TEXT in the schema, as long",
        "typed();",
        "record Typed(Run run, long count) {}",
        "@Query(\"SELECT r.*, m.run_id AS count" + JOIN + "\")",
        "List<Typed> typed();");
  }
}

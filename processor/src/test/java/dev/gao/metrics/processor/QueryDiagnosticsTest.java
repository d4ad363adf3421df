package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One case per diagnostic of custom queries: its ID and the line of the method it points at. */
class QueryDiagnosticsTest {
  private static final JavaFileObject TABLE =
      Sources.java(
          "Run",
          "@MetricsTable(name = \"runs\")",
          "public record Run(@PrimaryKey String runId, String projectName, long total) {}");
  private static final JavaFileObject SCHEMA =
      Sources.java("Db", "@MetricsSchema(version = 1, tables = Run.class)", "public interface Db {}");

  private static JavaFileObject queries(String... lines) {
    String[] all = new String[lines.length + 3];
    all[0] = "import java.util.stream.Stream; import java.time.Instant;";
    all[1] = "@MetricsQueries(schema = Db.class)";
    all[2] = "public interface Q {";
    System.arraycopy(lines, 0, all, 3, lines.length);
    String[] closed = java.util.Arrays.copyOf(all, all.length + 1);
    closed[all.length] = "}";
    return Sources.java("Q", closed);
  }

  private static void assertError(String id, String line, String... body) {
    JavaFileObject q = queries(body);
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + id + "]").inFile(q).onLineContaining(line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GM150|List<Run> typo();|@Query(\"SELECT * FROM runs WHERE projct = 1\")",
        "GM150|List<Run> typo();|@Query(\"SELECT * FROM rns\")",
        "GM151|void two();|@Query(\"DELETE FROM runs; DELETE FROM runs\")",
        "GM151|void drop();|@Query(\"DROP TABLE runs\")",
        "GM151|long positional(String a);|@Query(\"SELECT count(*) FROM runs WHERE run_id = :a OR run_id = ?\")",
        "GM151|void returning();|@Query(\"DELETE FROM runs RETURNING run_id\")",
        "GM152|List<Run> unknown(String project);|@Query(\"SELECT * FROM runs WHERE project_name = :projct\")",
        "GM153|List<Run> unused(String project, int limit);|@Query(\"SELECT * FROM runs WHERE project_name = :project\")",
        "GM154|List<Run> many(List<String> ids);|@Query(\"SELECT * FROM runs WHERE run_id IN (:ids)\")",
        "GM154|List<Run> odd(Object id);|@Query(\"SELECT * FROM runs WHERE run_id = :id\")",
        "GM155|String update();|@Query(\"DELETE FROM runs\")",
        "GM155|void select();|@Query(\"SELECT * FROM runs\")",
        "GM155|List<Object> objects();|@Query(\"SELECT * FROM runs\")",
        "GM156|List<Run> partial();|@Query(\"SELECT run_id FROM runs\")",
        "GM157|List<P> wrong();|@Query(\"SELECT run_id, total AS sum FROM runs\")",
        "GM158|List<String> two();|@Query(\"SELECT run_id, total FROM runs\")",
        "GM159|List<Run> twice();|@Query(\"SELECT run_id, run_id, project_name, total FROM runs\")",
        "GM160|long both(String a, @Param(\"a\") String b);|@Query(\"SELECT count(*) FROM runs WHERE run_id = :a\")",
        "GM149|<T> List<Run> generic();|@Query(\"SELECT * FROM runs\")",
        "GM161|List<Long> wrongType();|@Query(\"SELECT project_name FROM runs\")",
        "GM161|List<P> wrongComponent();|@Query(\"SELECT total AS run_id, total FROM runs\")"
      })
  void queryErrors(String id, String method, String annotation) {
    assertError(id, method, "record P(String runId, long total) {}", annotation, method);
  }

  /** A PostgreSQL variant's problems point at the annotation that holds it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GM170|List<Run> pgUnknown(String project);|@Query(value = \"SELECT * FROM runs WHERE project_name = :project\","
            + " postgres = \"SELECT * FROM runs WHERE project_name = :projct\")",
        "GM170|List<Run> pgUnused(String project);|@Query(value = \"SELECT * FROM runs WHERE project_name = :project\","
            + " postgres = \"SELECT * FROM runs\")",
        "GM171|int pgKind(String id);|@Query(value = \"DELETE FROM runs WHERE run_id = :id\","
            + " postgres = \"SELECT count(*) FROM runs WHERE run_id = :id\")",
        "GM171|long pgWrites(String id);|@Query(value = \"SELECT count(*) FROM runs WHERE run_id = :id\","
            + " postgres = \"DELETE FROM runs WHERE run_id = :id\")",
        "GM171|void pgTwo();|@Query(value = \"DELETE FROM runs\", postgres = \"DELETE FROM runs; DELETE FROM runs\")",
        "GM171|void pgDrop();|@Query(value = \"DELETE FROM runs\", postgres = \"DROP TABLE runs\")",
        "GM171|void pgBlank();|@Query(value = \"DELETE FROM runs\", postgres = \" \")"
      })
  void postgresVariantErrors(String id, String method, String annotation) {
    assertError(id, "postgres =", annotation, method);
  }

  /** Every problem of a PostgreSQL variant is reported at once, on its annotation, with its text. */
  @Test
  void postgresVariantProblemsNameTheParameter() {
    JavaFileObject q =
        queries(
            "@Query(value = \"SELECT count(*) FROM runs WHERE run_id = :id AND project_name = :project\",",
            "    postgres = \"SELECT count(*) FROM runs WHERE run_id = :id AND project_name = :projct\")",
            "long both(String id, String project);");
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining(
            "[GM170] the PostgreSQL SQL of Q.both() uses :projct, but no parameter has that name; the parameters"
                + " are: [id, project]")
        .inFile(q)
        .onLineContaining("postgres = ");
    assertThat(c)
        .hadErrorContaining("[GM170] the PostgreSQL SQL of Q.both() does not use parameter :project")
        .inFile(q)
        .onLineContaining("postgres = ");
  }

  /** A {@code ::} cast in a variant names no parameter, and a variant that fits compiles cleanly. */
  @Test
  void postgresVariantWithACastCompiles() {
    JavaFileObject q =
        queries(
            "@Query(value = \"SELECT count(*) FROM runs WHERE total > :min\",",
            "    postgres = \"SELECT count(*)::bigint FROM runs WHERE total > :min::bigint\")",
            "long above(long min);",
            "@Query(value = \"DELETE FROM runs WHERE run_id = :a OR run_id = :b\",",
            "    postgres = \"WITH gone AS (SELECT :b AS x) DELETE FROM runs WHERE run_id IN (:a, (SELECT x FROM gone))\")",
            "int remove(String a, String b);");
    Compilation c = Sources.compile(List.of(TABLE, SCHEMA, q), "-Xlint:all", "-Werror");
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.QImpl");
  }

  @Test
  void tableOutsideTheSchema() {
    JavaFileObject other = Sources.java("Other", "@MetricsTable", "public record Other(@PrimaryKey String runId) {}");
    JavaFileObject q = queries("@Query(\"SELECT run_id FROM runs\")", "List<Other> others();");
    Compilation c = Sources.compile(List.of(TABLE, SCHEMA, other, q), "-Agaometrics.requireSchema=false");
    assertThat(c).hadErrorContaining("[GM155]").inFile(q).onLineContaining("List<Other> others();");
    assertThat(c).hadErrorContaining("is not part of schema Db");
  }

  @Test
  void genericProjection() {
    JavaFileObject q =
        queries("record G<T>(T runId) {}", "@Query(\"SELECT run_id FROM runs\")", "List<G<String>> generic();");
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).hadErrorContaining("[GM155]").inFile(q).onLineContaining("generic();");
    assertThat(c).hadErrorContaining("must not have type parameters");
  }

  @Test
  void componentWithoutMapping() {
    JavaFileObject q =
        queries("record Raw(Object value) {}", "@Query(\"SELECT run_id AS value FROM runs\")", "List<Raw> raw();");
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).hadErrorContaining("[GM155]").inFile(q).onLineContaining("List<Raw> raw();");
    assertThat(c).hadErrorContaining("annotate it with @Json");
  }

  @Test
  void wildcardElement() {
    JavaFileObject q = queries("@Query(\"SELECT run_id FROM runs\")", "List<?> any();");
    assertThat(Sources.compile(TABLE, SCHEMA, q)).hadErrorContaining("[GM155]").inFile(q).onLineContaining("any();");
  }

  @Test
  void missingQuery() {
    assertError("GM149", "long bare();", "long bare();");
  }

  @Test
  void queryOnDefaultMethod() {
    assertError("GM149", "default long one()", "@Query(\"SELECT 1\")", "default long one() { return 1; }");
  }

  @Test
  void notAnInterface() {
    JavaFileObject q =
        Sources.java("Q", "@MetricsQueries(schema = Db.class)", "public abstract class Q {}");
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).hadErrorContaining("[GM146]").inFile(q).onLineContaining("@MetricsQueries");
  }

  @Test
  void schemaNotASchema() {
    JavaFileObject q = Sources.java("Q", "@MetricsQueries(schema = Run.class)", "public interface Q {}");
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).hadErrorContaining("[GM147]").inFile(q).onLineContaining("@MetricsQueries");
  }

  @Test
  void schemaBroken() {
    JavaFileObject broken = Sources.java("Bad", "@MetricsTable", "public record Bad(String a) {}");
    JavaFileObject schema =
        Sources.java("Db", "@MetricsSchema(version = 1, tables = {Run.class, Bad.class})", "public interface Db {}");
    JavaFileObject q = Sources.java("Q", "@MetricsQueries(schema = Db.class)", "public interface Q {}");
    Compilation c = Sources.compile(TABLE, broken, schema, q);
    assertThat(c).hadErrorContaining("[GM148]").inFile(q).onLineContaining("@MetricsQueries");
  }

  @Test
  void unresolvedType() {
    JavaFileObject q = queries("@Query(\"SELECT * FROM runs\")", "List<Missing> all();");
    Compilation c = Sources.compile(TABLE, SCHEMA, q);
    assertThat(c).hadErrorContaining("[GM123]").inFile(q).onLineContaining("public interface Q");
  }

  @Test
  void nestedInterfaceGetsAnUnderscoredImplementation() {
    JavaFileObject outer =
        Sources.java(
            "Outer",
            "public class Outer {",
            "  @MetricsQueries(schema = Db.class)",
            "  interface Q {",
            "    @Query(\"SELECT count(*) FROM runs WHERE project_name = :project\")",
            "    long count(String project);",
            "  }",
            "}");
    Compilation c = Sources.compile(List.of(TABLE, SCHEMA, outer), "-Xlint:all", "-Werror");
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.Outer_QImpl");
  }

  @Test
  void nameClash() {
    JavaFileObject q = queries("@Query(\"SELECT count(*) FROM runs\")", "long count();");
    JavaFileObject impl = Sources.java("QImpl", "public class QImpl {}");
    Compilation c = Sources.compile(TABLE, SCHEMA, q, impl);
    assertThat(c).hadErrorContaining("[GM120]");
  }
}

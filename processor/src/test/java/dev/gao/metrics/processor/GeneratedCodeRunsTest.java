package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated DAOs and queries of the representative input, driven against real databases. */
class GeneratedCodeRunsTest {
  @Test
  void everyDaoMethodWorksAgainstSqlite(@TempDir Path folder) throws Throwable {
    List<JavaFileObject> input = new ArrayList<>(Sources.goldenInput());
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.Scenario",
            Files.readString(Path.of("src/test/resources/scenario/test/metrics/Scenario.java"), StandardCharsets.UTF_8)));
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.QueriesScenario",
            Files.readString(
                Path.of("src/test/resources/scenario/test/metrics/QueriesScenario.java"), StandardCharsets.UTF_8)));
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.MetricScenario",
            Files.readString(Path.of("src/test/resources/scenario/test/metrics/MetricScenario.java"), StandardCharsets.UTF_8)));
    Compilation compilation = Sources.compile(input);
    assertThat(compilation).succeeded();
    CompiledClasses classes = new CompiledClasses(compilation);
    try {
      classes.loadClass("test.metrics.QueriesScenario").getMethod("run", Path.class).invoke(null, folder.resolve("queries.db"));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    try {
      classes.loadClass("test.metrics.MetricScenario").getMethod("run", Path.class).invoke(null, folder.resolve("metric.db"));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    Class<?> scenario = classes.loadClass("test.metrics.Scenario");
    try {
      scenario.getMethod("run", Path.class).invoke(null, folder.resolve("shop.db"));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * The generated queries of the representative input on a real PostgreSQL server: each is prepared
   * there when the implementation is created, and runs the SQL of that engine (a {@code postgres}
   * variant where there is one: SQLite's {@code strftime} and {@code json_extract} would fail there).
   */
  @Test
  void everyQueryWorksAgainstPostgres() throws Throwable {
    List<JavaFileObject> input = new ArrayList<>(Sources.goldenInput());
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.QueriesScenario",
            Files.readString(
                Path.of("src/test/resources/scenario/test/metrics/QueriesScenario.java"), StandardCharsets.UTF_8)));
    Compilation compilation = Sources.compile(input);
    assertThat(compilation).succeeded();
    CompiledClasses classes = new CompiledClasses(compilation);
    SchemaInfo schema = (SchemaInfo) classes.loadClass("test.metrics.ShopSchema").getField("SCHEMA").get(null);
    String url = PostgresServer.newDatabase("generated_queries");
    try (MetricsDatabase db = MetricsDatabase.builder(schema).url(url).user("postgres").open()) {
      assertEquals(Engine.POSTGRESQL, db.dialect().engine());
      classes.loadClass("test.metrics.QueriesScenario").getMethod("run", MetricsDatabase.class).invoke(null, db);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void listingsTakeOnlyTheirTablesColumns() {
    // The column constants are typed by their table's row type: ordering the runs by a column of
    // table tag is a compile error, not a runtime one.
    JavaFileObject wrong =
        Sources.source(
            "test.metrics.WrongColumn",
            "package test.metrics;",
            "",
            "import dev.gao.metrics.runtime.dao.SortOrder;",
            "",
            "final class WrongColumn {",
            "  static Object page(RunDao runs) {",
            "    return runs.list(TagDao.COL_NAME, SortOrder.ASC, 10, 0);",
            "  }",
            "}");
    List<JavaFileObject> input = new ArrayList<>(Sources.goldenInput());
    input.add(wrong);
    Compilation compilation = Sources.compile(input);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "incompatible types: dev.gao.metrics.runtime.dao.ColumnRef<test.metrics.Tag> cannot be converted to"
                + " dev.gao.metrics.runtime.dao.ColumnRef<test.metrics.Run>")
        .inFile(wrong)
        .onLine(7);
  }
}

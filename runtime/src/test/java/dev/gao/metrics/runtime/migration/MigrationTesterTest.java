package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * {@link MigrationTester} on every engine: on SQLite in a new file of a folder, on PostgreSQL in an
 * empty database given by URL, and on both through a data source; the same sample rows, with each
 * engine's SQL of the steps.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MigrationTesterTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private final AtomicInteger databases = new AtomicInteger();

  @BeforeEach
  void target() {
    target = Target.of(engine, temp, "tester");
  }

  @AfterEach
  void drop() {
    target.drop();
  }

  private static MigrationTester sample(SchemaInfo schema) {
    List<Map<String, Object>> runs = new ArrayList<>();
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("run_id", "r" + i);
      run.put("started_at", "2025-05-01T09:30:0" + i + ".000000000Z");
      run.put("ended_at", i == 2 ? null : "2025-05-01T10:00:0" + i + ".000000000Z");
      run.put("project", "p" + i);
      run.put("metadata", "{\"tag\":\"t" + i + "\"}");
      runs.add(run);
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("run_id", "r" + i);
      metric.put("seconds", i + 0.5);
      metric.put("tokens", 10L * i);
      metric.put("day", "2025-01-0" + (i + 1));
      metric.put("local_at", null);
      metric.put("id", i + 1);
      metrics.add(metric);
    }
    Map<String, List<Map<String, Object>>> metricRows = new LinkedHashMap<>();
    metricRows.put("metrics", metrics);
    return MigrationTester.of(schema).rows("runs", runs).rows(metricRows);
  }

  /** Checks in a new database of the engine: a file of the folder, or a new PostgreSQL database. */
  private void check(MigrationTester tester, int from, int to) {
    if (target.sqlite()) {
      tester.check(temp, from, to);
    } else {
      tester.check(target.url("db" + databases.incrementAndGet()), "postgres", "", from, to);
    }
  }

  private DataSource dataSource(String name) {
    if (target.sqlite()) {
      SQLiteDataSource sqlite = new SQLiteDataSource();
      sqlite.setUrl("jdbc:sqlite:" + target.file(name));
      return sqlite;
    }
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setUrl(target.url(name));
    postgres.setUser("postgres");
    return postgres;
  }

  @Test
  void aCorrectChainPassesBothWays() throws Exception {
    sample(Versions.schema(4)).check(dataSource("chain"), 1, 4);
    check(sample(Versions.schema(4)), 2, 3);
    // The data source's database is left at version 1 with the sample.
    try (var connection = target.connect("chain")) {
      assertEquals(
          List.of(List.of("1", "5", "5")),
          dev.gao.metrics.runtime.fixture.Databases.query(
              connection,
              "SELECT (SELECT value FROM gao_metrics_schema WHERE key = 'schema_version'),"
                  + " (SELECT count(*) FROM runs), (SELECT count(*) FROM metrics)"));
    }
  }

  /**
   * Down from version 2, version 1 drops {@code runs.status}: its values cannot come back with the
   * round trip, and the check must not count them as lost; what both versions hold must still
   * survive.
   */
  @Test
  void aDropTheSchemaAcknowledgesIsNotALoss() {
    List<Map<String, Object>> runs = new ArrayList<>();
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("run_id", "r" + i);
      run.put("started_at", "2025-05-01T09:30:0" + i + ".000000000Z");
      run.put("project", "p" + i);
      run.put("status", i == 1 ? "failed" : "completed");
      runs.add(run);
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("id", i + 1);
      metric.put("run_id", "r" + i);
      metric.put("seconds", i + 0.5);
      metric.put("tokens", 10L * i);
      metrics.add(metric);
    }
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    rows.put("runs", runs);
    rows.put("metrics", metrics);
    check(MigrationTester.of(Versions.schema(2)).rows(rows), 2, 1);

    // a project lost on the way down is still a loss
    SchemaInfo lossy =
        Versions.schema(
            2,
            step -> {
              if (step.fromVersion() != 2 || step.toVersion() != 1) {
                return step;
              }
              List<String> statements = new ArrayList<>(step.statements());
              statements.add("UPDATE \"runs\" SET \"project\" = 'x'");
              List<String> postgres = new ArrayList<>(step.forEngine(Engine.POSTGRESQL).statements());
              postgres.add("UPDATE \"runs\" SET \"project\" = 'x'");
              return MigrationStep.of(2, 1, statements, step.finalStatements(), step.foreignKeysOff())
                  .on(Engine.POSTGRESQL, postgres, step.forEngine(Engine.POSTGRESQL).finalStatements());
            });
    AssertionError e =
        assertThrows(AssertionError.class, () -> check(MigrationTester.of(lossy).rows(rows), 2, 1));
    assertTrue(e.getMessage().contains("after migrating 2 -> 1: table runs, row {run_id='r0'}, column project: was 'p0', is 'x'"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("column status"), e.getMessage());
  }

  @Test
  void aStepThatLosesAValueIsReportedWithTableRowAndColumn() {
    SchemaInfo lossy =
        Versions.schema(
            4,
            step -> {
              if (step.fromVersion() != 3 || step.toVersion() != 4) {
                return step;
              }
              List<String> statements = new ArrayList<>(step.statements());
              statements.set(
                  1,
                  "INSERT INTO \"runs__new\" ("
                      + Versions.RUNS_V4_COLUMNS
                      + ") SELECT \"run_id\", \"started_at\", NULL, \"project\", \"metadata\","
                      + " \"created_at\", \"status\" FROM \"runs\"");
              List<String> postgres =
                  new ArrayList<>(step.forEngine(Engine.POSTGRESQL).statements());
              postgres.add("UPDATE \"runs\" SET \"ended_at\" = NULL");
              return MigrationStep.of(3, 4, statements, List.of(), true)
                  .on(Engine.POSTGRESQL, postgres, List.of());
            });
    AssertionError e = assertThrows(AssertionError.class, () -> check(sample(lossy), 1, 4));
    String message = e.getMessage();
    String was = target.sqlite() ? "'2025-05-01T10:00:00.000000000Z'" : "2025-05-01T10:00:00Z";
    assertTrue(
        message.contains(
            "after migrating 1 -> 4: table runs, row {run_id='r0'}, column ended_at: was "
                + was
                + ", is NULL"),
        message);
    assertTrue(message.contains("did not preserve 8 values"), message);
    assertTrue(message.contains("after migrating back 4 -> 1"), message);
    assertTrue(!message.contains("column started_at"), message);
  }

  @Test
  void aStepThatFailsIsReported() {
    SchemaInfo failing =
        Versions.schema(
            2,
            step ->
                step.upgrade()
                    ? step
                    : MigrationStep.of(2, 1, List.of("DROP TABLE \"nope\""), List.of(), false)
                        .on(Engine.POSTGRESQL, List.of("DROP TABLE \"nope\""), List.of()));
    AssertionError e = assertThrows(AssertionError.class, () -> check(sample(failing), 1, 2));
    assertTrue(e.getMessage().contains("Could not migrate back 2 -> 1"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(target.sqlite() ? "no such table: nope" : "table \"nope\" does not exist"),
        e.getMessage());
  }

  @Test
  void unknownVersionsAndColumnsAndDatabasesInUseAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> check(sample(Versions.schema(2)), 1, 3));
    MigrationTester bad =
        MigrationTester.of(Versions.schema(2)).rows("runs", List.of(Map.of("nope", 1)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> check(bad, 1, 2));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());

    DataSource used = dataSource("used");
    sample(Versions.schema(2)).check(used, 1, 2);
    IllegalArgumentException inUse =
        assertThrows(
            IllegalArgumentException.class, () -> sample(Versions.schema(2)).check(used, 1, 2));
    assertTrue(inUse.getMessage().contains("needs an empty database"), inUse.getMessage());
    assertTrue(inUse.getMessage().contains("runs (5 rows)"), inUse.getMessage());
  }

  @Test
  void aPostgresqlUrlIsRequiredForTheUrlForm() {
    if (target.sqlite()) {
      // The URL form is PostgreSQL's: a SQLite URL is refused by the runtime, naming the form.
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () ->
                  sample(Versions.schema(2))
                      .check("jdbc:sqlite:" + temp.resolve("x.db"), "u", "", 1, 2));
      assertTrue(e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
    } else {
      String url = target.url("plain");
      sample(Versions.schema(4)).check(url, "postgres", "", 1, 2);
    }
  }
}

package dev.gao.metrics.example.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GAO-Dev schema drifted the same way on both engines, by another program with plain SQL (each
 * engine's own: SQLite rebuilds the table, PostgreSQL alters it): validation reports the same
 * differences, table by table, kind by kind, and refuses to open either database.
 */
class ValidationOnBothEnginesTest {
  /** The table rebuilt on SQLite: NOT NULL dropped, a default, a type and a check changed, its FK gone. */
  private static final String DRIFTED_WORKFLOW =
      """
      CREATE TABLE "workflow_metrics" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "run_id" TEXT NOT NULL,
        "stories_created" INTEGER NOT NULL,
        "stories_completed" INTEGER,
        "avg_cycle_time_seconds" INTEGER NOT NULL,
        "phase_distribution" TEXT NOT NULL DEFAULT '[]',
        "rework_count" INTEGER NOT NULL,
        CHECK (json_valid("phase_distribution")),
        CONSTRAINT "ck_workflow_metrics_stories_created" CHECK ("stories_created" >= 0),
        CONSTRAINT "ck_workflow_metrics_stories_completed" CHECK ("stories_completed" >= 0),
        CONSTRAINT "ck_workflow_metrics_avg_cycle_time_seconds" CHECK ("avg_cycle_time_seconds" >= 0),
        CONSTRAINT "ck_workflow_metrics_rework_count" CHECK ("rework_count" >= 1)
      ) STRICT""";

  private static final String[] SQLITE_DRIFT = {
    "PRAGMA foreign_keys = OFF",
    "ALTER TABLE workflow_metrics RENAME TO workflow_metrics_old",
    DRIFTED_WORKFLOW,
    "INSERT INTO workflow_metrics SELECT * FROM workflow_metrics_old",
    "DROP TABLE workflow_metrics_old",
    "CREATE UNIQUE INDEX \"idx_workflow_run_id\" ON \"workflow_metrics\" (\"run_id\")",
    "ALTER TABLE benchmark_runs ADD COLUMN note TEXT",
    "DROP INDEX idx_quality_run_id",
    "CREATE INDEX idx_extra ON quality_metrics (tests_written)",
  };

  private static final String[] POSTGRES_DRIFT = {
    "ALTER TABLE workflow_metrics ALTER COLUMN stories_completed DROP NOT NULL",
    "ALTER TABLE workflow_metrics ALTER COLUMN avg_cycle_time_seconds TYPE integer",
    "ALTER TABLE workflow_metrics ALTER COLUMN phase_distribution SET DEFAULT '[]'",
    "ALTER TABLE workflow_metrics DROP CONSTRAINT fk_workflow_metrics_run_id",
    "ALTER TABLE workflow_metrics DROP CONSTRAINT ck_workflow_metrics_rework_count",
    "ALTER TABLE workflow_metrics ADD CONSTRAINT ck_workflow_metrics_rework_count CHECK (rework_count >= 1)",
    "ALTER TABLE benchmark_runs ADD COLUMN note text",
    "DROP INDEX idx_quality_run_id",
    "CREATE INDEX idx_extra ON quality_metrics (tests_written)",
  };

  @TempDir Path folder;

  @Test
  void theSameDriftGivesTheSameReportOnBothEngines() throws Exception {
    Path file = folder.resolve("metrics.db");
    String url = PostgresServer.newDatabase("validation_both");
    Set<String> onSqlite = drift(MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file),
        () -> DriverManager.getConnection("jdbc:sqlite:" + file), SQLITE_DRIFT);
    Set<String> onPostgres = drift(MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres"),
        () -> PostgresServer.connect(url), POSTGRES_DRIFT);
    assertEquals(
        new TreeSet<>(
            List.of(
                "benchmark_runs EXTRA_COLUMN note",
                "quality_metrics EXTRA_INDEX idx_extra",
                "quality_metrics MISSING_INDEX idx_quality_run_id",
                "workflow_metrics COLUMN_RANGE rework_count",
                "workflow_metrics COLUMN_DEFAULT phase_distribution",
                "workflow_metrics COLUMN_NOT_NULL stories_completed",
                "workflow_metrics COLUMN_TYPE avg_cycle_time_seconds",
                "workflow_metrics MISSING_FOREIGN_KEY run_id")),
        onSqlite,
        "SQLite's report");
    assertEquals(onSqlite, onPostgres, "PostgreSQL's report");
    SchemaMismatchException refused =
        assertThrows(SchemaMismatchException.class,
            () -> MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").open());
    for (String expected : List.of("column note", "idx_quality_run_id", "stories_completed", "run_id")) {
      assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
    assertThrows(SchemaMismatchException.class, () -> MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file).open());
  }

  private interface Connect {
    Connection open() throws Exception;
  }

  /** Creates the schema, drifts it with plain SQL while it is open, and returns the report's lines. */
  private static Set<String> drift(MetricsDatabase.Builder builder, Connect connect, String[] drift)
      throws Exception {
    Set<String> report = new TreeSet<>();
    try (MetricsDatabase db = builder.open()) {
      assertEquals(List.of(), db.validate());
      try (Connection connection = connect.open(); Statement statement = connection.createStatement()) {
        for (String sql : drift) {
          statement.execute(sql);
        }
      }
      Engine engine = db.dialect().engine();
      for (SchemaDifference difference : db.validate()) {
        report.add(difference.table() + " " + difference.kind() + " " + difference.subject());
        assertTrue(!difference.description().isBlank(), engine + ": " + difference);
      }
    }
    return report;
  }
}

package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator of large databases: complete runs, every index of the schema in place after its
 * index-less load, and the same content for the same seed.
 */
class LargeDatabaseTest {
  private static final List<String> CONTENT_TABLES =
      List.of(
          "performance_metrics",
          "autonomy_metrics",
          "quality_metrics",
          "workflow_metrics",
          "token_usage");

  @TempDir Path folder;

  @Test
  void buildsCompleteRunsWithEveryIndexOfTheSchema() throws Exception {
    Path file = folder.resolve("large.db");
    // More than one chunk, the last one partial.
    int runs = LargeDatabase.CHUNK + 1_234;

    LargeDatabase.build(file, runs, 7);

    try (MetricsDatabase database = MetricsDatabase.open(GaoMetricsSchema.SCHEMA, file)) {
      assertTrue(database.validate().isEmpty(), "the structure equals the schema: " + database.validate());
      assertEquals(runs, database.rowCount("benchmark_runs"));
      for (String table : List.of("performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics")) {
        assertEquals(runs, database.rowCount(table), table);
      }
      assertEquals(8L * runs, database.rowCount("token_usage"));
    }
    assertEquals(
        List.of(
            "idx_autonomy_run_id",
            "idx_performance_run_id",
            "idx_quality_run_id",
            "idx_runs_benchmark",
            "idx_runs_benchmark_timestamp",
            "idx_runs_project",
            "idx_runs_project_timestamp",
            "idx_runs_timestamp",
            "idx_token_usage_run_model_type",
            "idx_workflow_run_id"),
        TableDump.column(file, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"));
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), TableDump.column(file, "PRAGMA foreign_key_check"));
    // The unique indexes were built over the loaded rows: each run has one row per metric table.
    assertEquals(
        List.of("0"),
        TableDump.column(
            file,
            "SELECT count(*) FROM benchmark_runs r WHERE NOT EXISTS"
                + " (SELECT 1 FROM performance_metrics p WHERE p.run_id = r.run_id)"));
    // Lookups by run id use the rebuilt index.
    assertEquals(
        "SEARCH performance_metrics USING INDEX idx_performance_run_id (run_id=?)",
        queryPlan(file, "SELECT * FROM performance_metrics WHERE run_id = 'x'"));
  }

  private static String queryPlan(Path file, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(plan.length() == 0 ? "" : "; ").append(rs.getString("detail"));
      }
      return plan.toString();
    }
  }

  @Test
  void theSameSeedGivesTheSameRunsAndAnotherSeedOthers() throws Exception {
    Path first = folder.resolve("first.db");
    Path second = folder.resolve("second.db");
    Path other = folder.resolve("other.db");
    LargeDatabase.build(first, 500, 42);
    LargeDatabase.build(second, 500, 42);
    LargeDatabase.build(other, 500, 43);

    String runs = "SELECT run_id || timestamp || project_name || benchmark_name || version || status"
        + " || coalesce(metadata, '') FROM benchmark_runs ORDER BY run_id";
    assertEquals(TableDump.column(first, runs), TableDump.column(second, runs));
    assertNotEquals(TableDump.column(first, runs), TableDump.column(other, runs));
    Map<String, List<Map<String, Object>>> a = TableDump.rows(first, CONTENT_TABLES);
    Map<String, List<Map<String, Object>>> b = TableDump.rows(second, CONTENT_TABLES);
    assertEquals(a, b);
  }

  @Test
  void refusesAnExistingFileAndANegativeCount() throws Exception {
    Path existing = Files.writeString(folder.resolve("existing.db"), "");
    IllegalArgumentException exists =
        assertThrows(IllegalArgumentException.class, () -> LargeDatabase.build(existing, 10, 1));
    assertTrue(exists.getMessage().contains(existing + " exists"), exists.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> LargeDatabase.build(folder.resolve("n.db"), -1, 1));
    assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
    assertEquals("", Files.readString(existing));
  }
}

package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file the GAO-Dev schema creates, read back with a plain SQLite connection. */
class StoredSchemaTest {
  @TempDir Path folder;

  @Test
  void holdsTheStorysFiveTablesAndSevenIndexesPlusTokenUsageAndTimeOrderedLookups() throws SQLException {
    Path file = folder.resolve("nested/dir/metrics.db");
    MetricsDatabase.open(GaoMetricsSchema.SCHEMA, file).close();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      assertEquals(
          Set.of("benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics",
              "token_usage"),
          names(statement, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'gao_metrics_%'"));
      assertEquals(
          Set.of(
              "idx_runs_timestamp",
              "idx_runs_project",
              "idx_runs_benchmark",
              "idx_runs_project_timestamp",
              "idx_runs_benchmark_timestamp",
              "idx_performance_run_id",
              "idx_autonomy_run_id",
              "idx_quality_run_id",
              "idx_workflow_run_id",
              "idx_token_usage_run_model_type"),
          names(statement, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE 'gao_metrics_%'"));

      assertEquals(
          List.of(
              "run_id TEXT notnull=1 pk=1 default=null",
              "timestamp TEXT notnull=1 pk=0 default=null",
              "project_name TEXT notnull=1 pk=0 default=null",
              "benchmark_name TEXT notnull=1 pk=0 default=null",
              "version TEXT notnull=1 pk=0 default='1.0.0'"),
          columns(statement, "benchmark_runs").subList(0, 5));
      assertEquals(
          List.of(
              "status TEXT notnull=1 pk=0 default='completed'",
              "finished_at TEXT notnull=0 pk=0 default=null"),
          columns(statement, "benchmark_runs").subList(7, 9));
      for (String child : List.of("performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics")) {
        try (ResultSet fk = statement.executeQuery("PRAGMA foreign_key_list(\"" + child + "\")")) {
          assertTrue(fk.next(), child + " has a foreign key");
          assertEquals("benchmark_runs", fk.getString("table"));
          assertEquals("run_id", fk.getString("from"));
          assertEquals("run_id", fk.getString("to"));
          assertEquals("CASCADE", fk.getString("on_delete"));
        }
        assertTrue(columns(statement, child).get(0).startsWith("id INTEGER"), child + ".id is the integer key");
      }
      try (ResultSet sql = statement.executeQuery("SELECT sql FROM sqlite_schema WHERE name = 'performance_metrics'")) {
        assertTrue(sql.next());
        assertTrue(sql.getString(1).contains("AUTOINCREMENT"), sql.getString(1));
        assertTrue(sql.getString(1).contains("STRICT"), sql.getString(1));
      }
    }
  }

  @Test
  void theLibrarysOwnConnectionsEnforceForeignKeys() {
    try (MetricsDatabase db = MetricsDatabase.open(GaoMetricsSchema.SCHEMA, folder.resolve("fk.db"))) {
      long enabled =
          db.read(
              tx -> {
                try (Statement statement = tx.connection().createStatement();
                    ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertEquals(1, enabled);
    }
  }

  private static Set<String> names(Statement statement, String sql) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static List<String> columns(Statement statement, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
      while (rs.next()) {
        columns.add(
            rs.getString("name") + " " + rs.getString("type") + " notnull=" + rs.getInt("notnull")
                + " pk=" + rs.getInt("pk") + " default=" + rs.getString("dflt_value"));
      }
    }
    return columns;
  }
}

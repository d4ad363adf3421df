package dev.gao.metrics.example.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MigrationException;
import dev.gao.metrics.runtime.migration.HistoryEntry;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example's GAO-Dev schema, with the SQL the processor generated for PostgreSQL, on a real
 * server: created fresh at the current version and validated against the catalog; and created at
 * version 1, filled, migrated up through every version (the data migration of 1 -> 2 included) and
 * back down to 1, validated at every version, with every value of version 1 intact at the end.
 */
class GaoSchemaOnPostgresTest {
  private static final String[] V1_ROWS = {
    "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, version, metadata,"
        + " created_at) VALUES ('r1', '2026-01-01T10:00:00.000000000Z', 'weather', 'bugfix', '1.0.0',"
        + " '{\"status\": \"failed\", \"agent\": \"amelia\"}', '2026-01-01T10:00:01.000000000Z'),"
        + " ('r2', '2026-01-02T10:00:00.000000000Z', 'todo', 'greenfield', '1.1.0', NULL,"
        + " '2026-01-02T10:00:01.000000000Z')",
    "INSERT INTO performance_metrics (run_id, total_time_seconds, phase_times, token_usage_total,"
        + " token_usage_by_agent, api_calls_count, api_calls_cost) VALUES"
        + " ('r1', 1800.5, '{\"planning\": 300.25}', 120000, '{\"amelia\": 120000}', 42, 3.75),"
        + " ('r2', 900, NULL, 5000, NULL, 7, 0.5)",
    "INSERT INTO autonomy_metrics (run_id, manual_interventions_count, manual_interventions_types,"
        + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate, error_recovery_rate,"
        + " agent_handoffs_successful, agent_handoffs_failed) VALUES"
        + " ('r1', 2, '[\"clarification\"]', 1, 3, 0.5, 0.75, 4, 1)",
    "INSERT INTO quality_metrics (run_id, tests_written, tests_passing, code_coverage_percentage,"
        + " linting_errors_count, linting_errors_by_severity, type_errors_count,"
        + " security_vulnerabilities_count, security_vulnerabilities_by_severity,"
        + " functional_completeness_percentage) VALUES"
        + " ('r1', 40, 38, 81.5, 3, '{\"warning\": 3}', 0, 1, '{\"low\": 1}', 92.5)",
    "INSERT INTO workflow_metrics (run_id, stories_created, stories_completed, avg_cycle_time_seconds,"
        + " phase_distribution, rework_count) VALUES ('r1', 5, 4, 3600.5, '{\"dev\": 0.5}', 1)",
  };

  private static final List<String> V1_TABLES =
      List.of("benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics");

  @Test
  void freshAtTheCurrentVersion() throws Exception {
    String url = PostgresServer.newDatabase("gao_fresh");
    try (MetricsDatabase db = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").open()) {
      assertEquals(Engine.POSTGRESQL, db.dialect().engine());
      assertEquals(GaoMetricsSchema.VERSION, db.storedVersion());
      assertEquals(List.of(), db.validate());
    }
    try (Connection connection = PostgresServer.connect(url); Statement statement = connection.createStatement()) {
      // The column defaults and checks the schema declares hold on the server.
      statement.execute("INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name)"
          + " VALUES ('r', now(), 'p', 'b')");
      try (ResultSet rs = statement.executeQuery(
          "SELECT version, metadata::text, status, created_at IS NOT NULL FROM benchmark_runs")) {
        rs.next();
        assertEquals("1.0.0", rs.getString(1));
        assertEquals("{}", rs.getString(2));
        assertEquals("completed", rs.getString(3));
        assertTrue(rs.getBoolean(4));
      }
      SQLException outOfRange = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> statement.execute("INSERT INTO autonomy_metrics (run_id, manual_interventions_count,"
              + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate, error_recovery_rate,"
              + " agent_handoffs_successful, agent_handoffs_failed) VALUES ('r', 0, 1, 0, 1.5, 0.5, 0, 0)"));
      assertEquals("23514", outOfRange.getSQLState());
      // Since version 6 a status or token type is one of its enum's names, whoever writes it.
      SQLException noName = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> statement.execute("INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, status)"
              + " VALUES ('r2', now(), 'p', 'b', 'paused')"));
      assertEquals("23514", noName.getSQLState());
      assertTrue(noName.getMessage().contains("ck_benchmark_runs_status"), noName.getMessage());
      SQLException tokenType = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> statement.execute("INSERT INTO token_usage (run_id, model, token_type, tokens, cost_usd, price_table_version)"
              + " VALUES ('r', 'claude', 'INPUT', 1, 0.1, '2026-01')"));
      assertTrue(tokenType.getMessage().contains("ck_token_usage_token_type"), tokenType.getMessage());
    }
    // A second open finds the schema as it left it.
    try (MetricsDatabase db = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").open()) {
      assertEquals(List.of(), db.validate());
      assertEquals(1, db.rowCount("benchmark_runs"));
    }
  }

  @Test
  void fromVersionOneUpToTheCurrentAndBackWithEveryValueKept() throws Exception {
    String url = PostgresServer.newDatabase("gao_history");
    try (MetricsDatabase db = open(url, 1)) {
      assertEquals(1, db.storedVersion());
      assertEquals(List.of(), db.validate());
    }
    Map<String, List<Map<String, Object>>> before;
    try (Connection connection = PostgresServer.connect(url); Statement statement = connection.createStatement()) {
      for (String insert : V1_ROWS) {
        statement.execute(insert);
      }
      before = dump(connection);
    }
    for (int version = 2; version <= GaoMetricsSchema.VERSION; version++) {
      try (MetricsDatabase db = open(url, version)) {
        assertEquals(version, db.storedVersion());
        assertEquals(List.of(), db.validate(), "version " + version);
      }
    }
    try (Connection connection = PostgresServer.connect(url); Statement statement = connection.createStatement()) {
      // 1 -> 2 filled the new status from the metadata that held one, and left the default elsewhere.
      try (ResultSet rs = statement.executeQuery("SELECT run_id, status FROM benchmark_runs ORDER BY run_id")) {
        rs.next();
        assertEquals("failed", rs.getString(2));
        rs.next();
        assertEquals("completed", rs.getString(2));
      }
      // A JSON map stored as text in version 1 is jsonb now, the same JSON.
      try (ResultSet rs = statement.executeQuery(
          "SELECT phase_times ->> 'planning', total_time_seconds FROM performance_metrics WHERE run_id = 'r1'")) {
        rs.next();
        assertEquals("300.25", rs.getString(1));
        assertEquals(1800.5, rs.getDouble(2));
      }
      statement.execute("INSERT INTO token_usage (run_id, model, token_type, tokens, cost_usd, price_table_version)"
          + " VALUES ('r1', 'claude', 'input', 1000, 0.003, '2026-01')");
    }
    try (MetricsDatabase db = open(url, 1)) {
      assertEquals(1, db.storedVersion());
      assertEquals(List.of(), db.validate());
      List<HistoryEntry> history = db.history();
      assertEquals(2 * (GaoMetricsSchema.VERSION - 1), history.size(), history.toString());
    }
    // The way up made the JSON maps NOT NULL with the default {} and filled the NULLs with it, as
    // on SQLite (whose rebuild copies COALESCE(column, '{}')); the way back keeps the {}. Every
    // other value is the one version 1 held.
    Map<String, Object> r2Run = before.get("benchmark_runs").get(1);
    r2Run.put("metadata", "{}");
    Map<String, Object> r2Performance = before.get("performance_metrics").get(1);
    r2Performance.put("phase_times", "{}");
    r2Performance.put("token_usage_by_agent", "{}");
    try (Connection connection = PostgresServer.connect(url)) {
      assertEquals(before, dump(connection), "every value of version 1, after the way up and back");
    }
  }

  @Test
  void aStoredStatusThatIsNoNameStopsTheStepToVersionSixAndChangesNothing() throws Exception {
    String url = PostgresServer.newDatabase("gao_paused");
    open(url, 5).close();
    try (Connection connection = PostgresServer.connect(url); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, status)"
          + " VALUES ('r1', now(), 'weather', 'bugfix', 'completed'), ('r2', now(), 'weather', 'bugfix', 'paused')");
    }
    MigrationException failure = org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class, () -> open(url, 6));
    assertTrue(
        failure.getMessage().contains(
            "column benchmark_runs.status holds 'paused', which is not one of the names version 6 allows"
                + " (completed, failed, running, timeout); change or delete those rows, then migrate again"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("the database is still at version 5"), failure.getMessage());
    try (Connection connection = PostgresServer.connect(url); Statement statement = connection.createStatement()) {
      statement.execute("UPDATE benchmark_runs SET status = 'timeout' WHERE run_id = 'r2'");
    }
    try (MetricsDatabase db = open(url, 6)) {
      assertEquals(6, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(2, db.rowCount("benchmark_runs"));
    }
  }

  private static MetricsDatabase open(String url, int version) {
    return MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").targetVersion(version).open();
  }

  /** Every row of version 1's tables as text, keyed by column, in key order. */
  private static Map<String, List<Map<String, Object>>> dump(Connection connection) throws SQLException {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    for (String table : V1_TABLES) {
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY run_id")) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), rs.getString(i));
          }
          rows.add(row);
        }
      }
      tables.put(table, rows);
    }
    return tables;
  }
}

package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.migration.MigrationTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GAO-Dev's own migrations checked with the tester the runtime offers to applications: sample rows
 * of every version-1 table survive the way to version 2, to the current version, and back.
 */
class GaoMigrationTesterTest {
  @TempDir Path folder;

  @Test
  void everyVersionOneValueSurvivesTheRoundTrip() throws Exception {
    MigrationTester.of(GaoMetricsSchema.SCHEMA)
        .rows(rowsOfFixture())
        .check(folder.resolve("round-trip"), 1, 2);
    MigrationTester.of(GaoMetricsSchema.SCHEMA)
        .rows(rowsOfFixture())
        .check(folder.resolve("round-trip-latest"), 1, GaoMetricsSchema.VERSION);
  }

  @Test
  void aRowThatBreaksTheUpgradeIsReported() throws Exception {
    Map<String, List<Map<String, Object>>> rows = rowsOfFixture();
    // Version 1 allowed two performance rows for one run; version 2's unique run_id does not.
    Map<String, Object> duplicate = new LinkedHashMap<>(rows.get("performance_metrics").get(0));
    duplicate.put("id", 10_000L);
    rows.get("performance_metrics").add(duplicate);
    Throwable failure =
        assertThrows(Throwable.class, () -> MigrationTester.of(GaoMetricsSchema.SCHEMA).rows(rows).check(folder.resolve("dup"), 1, 2));
    assertTrue(String.valueOf(failure.getMessage()).contains("performance_metrics"), String.valueOf(failure.getMessage()));
  }

  @Test
  void aStatusThatIsNoNameOfTheEnumStopsTheStepToVersionSix() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("run_id", "r1");
    run.put("timestamp", "2026-01-01T10:00:00.000000000Z");
    run.put("project_name", "weather");
    run.put("benchmark_name", "bugfix");
    run.put("status", "paused");
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    rows.put("benchmark_runs", List.of(run));
    Throwable failure =
        assertThrows(Throwable.class, () -> MigrationTester.of(GaoMetricsSchema.SCHEMA).rows(rows).check(folder.resolve("paused"), 5, 6));
    String message = String.valueOf(failure.getMessage());
    assertTrue(
        message.contains(
            "column benchmark_runs.status holds 'paused', which is not one of the names version 6 allows"
                + " (completed, failed, running, timeout)"),
        message);
  }

  /** The rows of the committed version-1 file, as the tester takes them (column name to SQL value). */
  private Map<String, List<Map<String, Object>>> rowsOfFixture() throws Exception {
    Path copy = folder.resolve("fixture-v1.db");
    Files.copy(Path.of("src/test/resources/fixtures/gao-metrics-v1.db"), copy, StandardCopyOption.REPLACE_EXISTING);
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement statement = connection.createStatement()) {
      for (String table : VersionOneFixtureMigrationTest.V1_TABLES) {
        List<Map<String, Object>> tableRows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            tableRows.add(row);
          }
        }
        rows.put(table, tableRows);
      }
    }
    return rows;
  }
}

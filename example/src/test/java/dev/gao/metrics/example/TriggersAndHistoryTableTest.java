package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time triggers are part of the schema that opening validates, and the history table of files
 * written by earlier builds, whose JSON check failed its NULLs in SQLite before 3.45, is brought to
 * the null-safe form by the next migration.
 */
class TriggersAndHistoryTableTest {
  private static final String OLD_HISTORY =
      "CREATE TABLE \"gao_metrics_history__old\" (\n"
          + "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
          + "  \"from_version\" INTEGER NOT NULL,\n"
          + "  \"to_version\" INTEGER NOT NULL,\n"
          + "  \"direction\" TEXT NOT NULL CHECK (\"direction\" IN ('upgrade', 'downgrade', 'adopt')),\n"
          + "  \"checksum\" TEXT NOT NULL,\n"
          + "  \"applied_at\" TEXT NOT NULL,\n"
          + "  \"duration_ms\" INTEGER NOT NULL,\n"
          + "  \"library_version\" TEXT NOT NULL,\n"
          + "  \"downgrade_sql\" TEXT CHECK (json_valid(\"downgrade_sql\"))\n"
          + ") STRICT";

  @TempDir Path folder;

  private static void sql(Path file, String... statements) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void aMissingTimeTriggerIsASchemaMismatchOnOpen() throws Exception {
    Path file = folder.resolve("m.db");
    BenchmarkStore.open(file).close();
    sql(file, "DROP TRIGGER \"tr_benchmark_runs_time_insert\"");
    SchemaMismatchException missing = assertThrows(SchemaMismatchException.class, () -> BenchmarkStore.open(file));
    assertTrue(missing.getMessage().contains("trigger tr_benchmark_runs_time_insert is missing"), missing.getMessage());
  }

  @Test
  void aTriggerWithOtherSqlIsASchemaMismatchOnOpen() throws Exception {
    Path file = folder.resolve("m.db");
    BenchmarkStore.open(file).close();
    sql(
        file,
        "DROP TRIGGER \"tr_benchmark_runs_time_update\"",
        "CREATE TRIGGER \"tr_benchmark_runs_time_update\" AFTER UPDATE OF \"timestamp\" ON \"benchmark_runs\""
            + " BEGIN SELECT 1; END");
    SchemaMismatchException altered = assertThrows(SchemaMismatchException.class, () -> BenchmarkStore.open(file));
    assertTrue(
        altered.getMessage().contains("trigger tr_benchmark_runs_time_update differs from the schema's definition"),
        altered.getMessage());
  }

  @Test
  void theNextMigrationRepairsAHistoryTableOfTheFirstFormAndKeepsItsRows() throws Exception {
    Path file = folder.resolve("v4.db");
    try (MetricsDatabase db = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file).targetVersion(4).open()) {
      assertEquals(4, db.storedVersion());
    }
    // The history table as earlier builds created it, with an adopt row: NULL downgrade SQL.
    sql(
        file,
        OLD_HISTORY,
        "INSERT INTO \"gao_metrics_history__old\" SELECT * FROM \"gao_metrics_history\"",
        "DROP TABLE \"gao_metrics_history\"",
        "ALTER TABLE \"gao_metrics_history__old\" RENAME TO \"gao_metrics_history\"",
        "INSERT INTO \"gao_metrics_history\" (\"from_version\", \"to_version\", \"direction\", \"checksum\","
            + " \"applied_at\", \"duration_ms\", \"library_version\", \"downgrade_sql\")"
            + " VALUES (4, 4, 'adopt', 'x', '2026-01-01T00:00:00.000000000Z', 3, 'earlier', NULL)");
    List<String> before = TableDump.column(file, "SELECT id || ' ' || direction FROM gao_metrics_history ORDER BY id");
    String shell = OtherPrograms.shellVersion();
    if (OtherPrograms.failsNullJsonChecks(shell)) {
      assertFalse(OtherPrograms.shellProblems(file).isEmpty(), "sqlite3 " + shell + " reports the adopt row's NULL");
    }

    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
      assertTrue(store.database().history().stream().anyMatch(h -> h.downgradeSql() == null));
    }
    String historySql = TableDump.column(file, "SELECT sql FROM sqlite_schema WHERE name = 'gao_metrics_history'").get(0);
    assertTrue(historySql.contains("\"downgrade_sql\" IS NULL OR json_valid(\"downgrade_sql\")"), historySql);
    List<String> after = TableDump.column(file, "SELECT id || ' ' || direction FROM gao_metrics_history ORDER BY id");
    assertEquals(before, after.subList(0, before.size()), "every earlier row kept, with its id");
    assertEquals(
        before.size() + GaoMetricsSchema.VERSION - 4, after.size(), "and the steps from 4 to the current version recorded after them");
    assertEquals(List.of(), OtherPrograms.shellProblems(file), "sqlite3 " + shell);
    assertEquals(List.of(), OtherPrograms.pythonProblems(file), "Python sqlite3");
  }
}

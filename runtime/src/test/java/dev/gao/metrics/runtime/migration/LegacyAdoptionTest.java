package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.MigrationException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Databases created before this library: same tables, not STRICT, no marker, loose time text. */
class LegacyAdoptionTest {
  private static final String LEGACY_RUNS =
      "CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT,"
          + " project TEXT NOT NULL, metadata TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP)";
  private static final String LEGACY_METRICS =
      "CREATE TABLE metrics (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL,"
          + " seconds REAL NOT NULL, tokens INTEGER NOT NULL DEFAULT 0, day TEXT, local_at TEXT,"
          + " FOREIGN KEY (run_id) REFERENCES runs(run_id) ON DELETE CASCADE)";
  private static final String LEGACY_INDEX =
      "CREATE INDEX idx_metrics_run_id ON metrics(run_id)";

  /** started_at as the writers passed it, and the canonical text it must become. */
  private static final String[][] STARTED = {
    {"2025-05-01T09:30:00.123456+00:00", "2025-05-01T09:30:00.123456000Z"},
    {"2025-05-01T09:30:01+00:00", "2025-05-01T09:30:01.000000000Z"},
    {"2025-05-01T09:30:02.5Z", "2025-05-01T09:30:02.500000000Z"},
    {"2025-05-01T09:30:03Z", "2025-05-01T09:30:03.000000000Z"},
    {"2025-05-01T09:30:04.000042", "2025-05-01T09:30:04.000042000Z"},
    {"2025-05-01T09:30:05", "2025-05-01T09:30:05.000000000Z"},
    {"2025-05-01 09:30:06", "2025-05-01T09:30:06.000000000Z"},
    {"2025-05-01T11:30:07.000001+02:00", "2025-05-01T09:30:07.000001000Z"},
    {"2025-05-01T09:30:08.123456789Z", "2025-05-01T09:30:08.123456789Z"}
  };

  private static final Pattern CANONICAL =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");

  @TempDir Path temp;

  private Path legacyFile(String... extra) throws Exception {
    Path file = temp.resolve("legacy-" + System.nanoTime() + ".db");
    Databases.execute(file, LEGACY_RUNS, LEGACY_METRICS, LEGACY_INDEX);
    for (int i = 0; i < STARTED.length; i++) {
      String metadata =
          i % 2 == 0 ? "'{\"tag\": \"t" + i + "\", \"operator\": \"Zo\\u00eb\"}'" : "NULL";
      Databases.execute(
          file,
          "INSERT INTO runs (run_id, started_at, ended_at, project, metadata) VALUES ('r"
              + i
              + "', '"
              + STARTED[i][0]
              + "', "
              + (i % 3 == 0 ? "NULL" : "'" + STARTED[(i + 1) % STARTED.length][0] + "'")
              + ", 'p', "
              + metadata
              + ")",
          "INSERT INTO metrics (run_id, seconds, tokens, day, local_at) VALUES ('r"
              + i
              + "', "
              + (i + 0.5)
              + ", "
              + (i * 10)
              + ", '2025-01-0"
              + (i + 1)
              + (i % 2 == 0 ? "" : " 10:00:00")
              + "', '2025-03-01 08:00:0"
              + i
              + "')");
    }
    Databases.execute(file, extra);
    return file;
  }

  @Test
  void adoptsAsTheMatchingVersionConvertingEveryTimeValueThenMigratesOn() throws Exception {
    Path file = legacyFile();
    List<String> createdBefore = Databases.column(file, "SELECT created_at FROM runs ORDER BY run_id");
    assertTrue(createdBefore.get(0).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));

    MigrationPlan plan = MetricsDatabase.plan(Versions.schema(4), file, 4);
    assertEquals(1, plan.adoptedVersion());
    assertTrue(plan.describe().contains("match version 1"), plan.describe());

    try (MetricsDatabase db = MetricsDatabase.open(Versions.schema(4), file)) {
      assertEquals(4, db.storedVersion());
      assertEquals(List.of(), db.validate());
      List<HistoryEntry> history = db.history();
      assertEquals(4, history.size());
      assertEquals(Direction.ADOPT, history.get(0).direction());
      assertEquals(1, history.get(0).fromVersion());
      assertEquals(1, history.get(0).toVersion());
      assertEquals(Direction.UPGRADE, history.get(3).direction());
    }
    List<List<String>> runs =
        Databases.query(file, "SELECT run_id, started_at, ended_at, created_at, metadata, status FROM runs ORDER BY rowid");
    for (int i = 0; i < STARTED.length; i++) {
      List<String> row = runs.get(i);
      assertEquals("r" + i, row.get(0));
      assertEquals(STARTED[i][1], row.get(1), "started_at of r" + i);
      assertEquals(
          i % 3 == 0 ? null : STARTED[(i + 1) % STARTED.length][1], row.get(2), "ended_at of r" + i);
      assertTrue(CANONICAL.matcher(row.get(3)).matches(), row.get(3));
      assertEquals(createdBefore.get(i).replace(' ', 'T') + ".000000000Z", row.get(3));
      assertEquals(i % 2 == 0 ? "{\"tag\": \"t" + i + "\", \"operator\": \"Zo\\u00eb\"}" : null, row.get(4));
      assertEquals("completed", row.get(5));
    }
    List<List<String>> metrics =
        Databases.query(file, "SELECT id, run_id, total_seconds, tokens, day, local_at FROM metrics ORDER BY id");
    for (int i = 0; i < STARTED.length; i++) {
      List<String> row = metrics.get(i);
      assertEquals(Integer.toString(i + 1), row.get(0));
      assertEquals("r" + i, row.get(1));
      assertEquals(i + 0.5, Double.parseDouble(row.get(2)));
      assertEquals(Integer.toString(i * 10), row.get(3));
      assertEquals("2025-01-0" + (i + 1), row.get(4));
      assertEquals("2025-03-01T08:00:0" + i + ".000000000", row.get(5));
    }
    assertEquals(
        List.of("1", "1", "1"),
        Databases.column(
            file,
            "SELECT strict FROM pragma_table_list WHERE name IN ('runs', 'metrics', 'tags')"));
    assertEquals(
        List.of("r0", "r2", "r4", "r6", "r8"),
        Databases.column(file, "SELECT run_id FROM tags ORDER BY run_id"));
    assertEquals(List.of("ok"), Databases.column(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), Databases.query(file, "PRAGMA foreign_key_check"));
    try (var files = Files.list(temp)) {
      assertEquals(
          1,
          files.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".v0-")).count());
    }
  }

  @Test
  void keysHandedOutBeforeTheAdoptionAreNotReused() throws Exception {
    Path file =
        legacyFile(
            "INSERT INTO metrics (id, run_id, seconds) VALUES (100, 'r0', 1)",
            "DELETE FROM metrics WHERE id = 100");
    MetricsDatabase.builder(Versions.schema(1)).file(file).backupBeforeMigration(false).open().close();
    Databases.execute(file, "INSERT INTO metrics (run_id, seconds) VALUES ('r1', 2)");
    assertEquals(List.of("101"), Databases.column(file, "SELECT max(id) FROM metrics"));
  }

  @Test
  void invalidJsonFailsTheAdoptionNamingTableColumnAndRowLeavingTheFileUnchanged()
      throws Exception {
    Path file = legacyFile("UPDATE runs SET metadata = '{\"tag\": oops' WHERE run_id = 'r4'");
    List<List<String>> before = dump(file);
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                MetricsDatabase.builder(Versions.schema(4))
                    .file(file)
                    .backupBeforeMigration(false)
                    .open());
    String message = e.getMessage();
    assertTrue(message.contains("table runs, column metadata, rowid 5"), message);
    assertTrue(message.contains("not valid JSON"), message);
    assertTrue(message.contains(file.toString()), message);
    assertEquals(before, dump(file));
  }

  /** Schema and rows, as text. */
  private static List<List<String>> dump(Path file) throws Exception {
    List<List<String>> dump = new java.util.ArrayList<>(
        Databases.query(file, "SELECT type, name, sql FROM sqlite_master ORDER BY name"));
    dump.addAll(Databases.query(file, "SELECT * FROM runs ORDER BY rowid"));
    dump.addAll(Databases.query(file, "SELECT * FROM metrics ORDER BY rowid"));
    return dump;
  }

  @Test
  void anUnreadableTimeFailsTheAdoptionNamingTheValue() throws Exception {
    Path file = legacyFile("UPDATE metrics SET local_at = 'yesterday noon' WHERE id = 3");
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                MetricsDatabase.builder(Versions.schema(2))
                    .file(file)
                    .backupBeforeMigration(false)
                    .open());
    String message = e.getMessage();
    assertTrue(
        message.contains("table metrics, column local_at, rowid 3 holds 'yesterday noon'"),
        message);
    assertEquals(List.of("0"), Databases.column(file, "SELECT strict FROM pragma_table_list WHERE name = 'runs'"));
    assertEquals(
        List.of(), Databases.column(file, "SELECT name FROM sqlite_master WHERE name LIKE 'gao_%'"));
  }

  @Test
  void aStructureMatchingNoVersionIsRefusedWithTheClosestVersionsDifferences() throws Exception {
    Path file = temp.resolve("other.db");
    Databases.execute(
        file,
        "CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, project TEXT NOT"
            + " NULL, metadata TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
        LEGACY_METRICS,
        LEGACY_INDEX);
    DatabaseOpenException e =
        assertThrows(
            DatabaseOpenException.class, () -> MetricsDatabase.open(Versions.schema(4), file));
    String message = e.getMessage();
    assertTrue(message.contains("closest is version 1"), message);
    assertTrue(message.contains("table runs: column ended_at is missing"), message);
    assertTrue(message.contains("not created by gao-metrics"), message);
    assertEquals(List.of("0"), Databases.column(file, "SELECT strict FROM pragma_table_list WHERE name = 'runs'"));
  }
}

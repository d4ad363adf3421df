package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaDifference.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaValidationTest {
  @TempDir Path temp;

  private Path created() {
    Path file = temp.resolve("m.db");
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    return file;
  }

  @Test
  void defaultsCompareAsTheDdlDeclaresThem() throws Exception {
    Path file = created();
    // What SQLite reports: the literal as written, the expression without its parentheses.
    assertEquals(
        List.of("'1.0.0'", "strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')"),
        Databases.column(
            file,
            "SELECT dflt_value FROM pragma_table_xinfo('benchmark_runs')"
                + " WHERE name IN ('version', 'created_at') ORDER BY cid"));
    // Reopening compares those with the declared defaults and finds no difference.
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      assertEquals(1, db.storedVersion());
    }
  }

  @Test
  void aValidatedStructureIsStampedAndAnyLaterSchemaChangeIsValidatedAgain() throws Exception {
    Path file = created();
    String cookie = Databases.column(file, "PRAGMA schema_version").get(0);
    assertEquals(
        List.of(cookie + ":" + TestSchema.SCHEMA.identityHash()),
        Databases.column(
            file, "SELECT value FROM gao_metrics_schema WHERE key = 'validated_structure'"));
    // reopening an unchanged file leaves the stamp and the cookie as they were
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    assertEquals(List.of(cookie), Databases.column(file, "PRAGMA schema_version"));

    // any DDL moves the cookie, so the next open compares table by table again
    Databases.execute(file, "DROP INDEX idx_runs_timestamp");
    SchemaMismatchException e =
        assertThrows(SchemaMismatchException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(e.getMessage().contains("idx_runs_timestamp"), e.getMessage());
    // a stamp that does not match (copied from elsewhere, edited) is no shortcut either
    Databases.execute(
        file,
        "CREATE INDEX \"idx_runs_timestamp\" ON \"benchmark_runs\" (\"timestamp\")",
        "UPDATE gao_metrics_schema SET value = 'x' WHERE key = 'validated_structure'");
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    String restored = Databases.column(file, "PRAGMA schema_version").get(0);
    assertEquals(
        List.of(restored + ":" + TestSchema.SCHEMA.identityHash()),
        Databases.column(
            file, "SELECT value FROM gao_metrics_schema WHERE key = 'validated_structure'"));
  }

  @Test
  void withoutTheStampOpeningLeavesTheFileUnchanged() throws Exception {
    Path file = created();
    Databases.execute(file, "DELETE FROM gao_metrics_schema WHERE key = 'validated_structure'");
    byte[] before = java.nio.file.Files.readAllBytes(file);
    MetricsDatabase.builder(TestSchema.SCHEMA).file(file).stampValidation(false).open().close();
    assertTrue(java.util.Arrays.equals(before, java.nio.file.Files.readAllBytes(file)));
    assertEquals(
        List.of(),
        Databases.column(
            file, "SELECT value FROM gao_metrics_schema WHERE key = 'validated_structure'"));
  }

  @Test
  void aHandAlteredSchemaIsReportedWithEveryDifference() throws Exception {
    Path file = created();
    Databases.execute(
        file,
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE new_runs (\n"
            + "  run_id TEXT NOT NULL PRIMARY KEY,\n"
            + "  timestamp INTEGER NOT NULL,\n" // type changed
            + "  project_name TEXT,\n" // NOT NULL dropped
            + "  benchmark_name TEXT NOT NULL,\n"
            + "  version TEXT NOT NULL DEFAULT '2.0.0',\n" // default changed
            + "  metadata TEXT,\n"
            + "  created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')),\n"
            + "  notes TEXT\n" // extra column
            + ") STRICT",
        "DROP TABLE benchmark_runs",
        "ALTER TABLE new_runs RENAME TO benchmark_runs",
        "CREATE UNIQUE INDEX idx_runs_project ON benchmark_runs (project_name)", // columns changed
        // idx_runs_timestamp missing
        "CREATE INDEX idx_runs_extra ON benchmark_runs (notes)", // extra index
        "CREATE TABLE new_metrics (\n"
            + "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            + "  run_id TEXT NOT NULL REFERENCES benchmark_runs (run_id) ON DELETE SET NULL,\n"
            + "  total_time_seconds REAL NOT NULL,\n"
            + "  phase_times TEXT,\n"
            + "  tokens INTEGER NOT NULL DEFAULT 0\n"
            + ")", // not STRICT, FK action changed
        "DROP TABLE performance_metrics",
        "ALTER TABLE new_metrics RENAME TO performance_metrics",
        "CREATE INDEX idx_performance_run_id ON performance_metrics (run_id)");

    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));

    Set<String> found =
        e.differences().stream()
            .map(d -> d.table() + " " + d.kind() + " " + d.subject())
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "benchmark_runs COLUMN_TYPE timestamp",
            "benchmark_runs COLUMN_NOT_NULL project_name",
            "benchmark_runs COLUMN_DEFAULT version",
            "benchmark_runs EXTRA_COLUMN notes",
            "benchmark_runs MISSING_INDEX idx_runs_timestamp",
            "benchmark_runs INDEX_COLUMNS idx_runs_project",
            "benchmark_runs EXTRA_INDEX idx_runs_extra",
            "performance_metrics TABLE_NOT_STRICT performance_metrics",
            "performance_metrics FOREIGN_KEY_ON_DELETE run_id"),
        found);
    String message = e.getMessage();
    assertTrue(message.contains(file.toString()), message);
    assertTrue(message.contains("9 differences"), message);
    assertTrue(message.contains("table benchmark_runs:"), message);
    assertTrue(message.contains("column timestamp: type is INTEGER, expected TEXT"), message);
    assertTrue(message.contains("column project_name: is nullable, expected NOT NULL"), message);
    assertTrue(message.contains("default is '2.0.0', expected '1.0.0'"), message);
    assertTrue(message.contains("index idx_runs_timestamp on (timestamp) is missing"), message);
    assertTrue(
        message.contains(
            "foreign key on column run_id: ON DELETE SET NULL, expected ON DELETE CASCADE"),
        message);
    // Grouped table by table: every benchmark_runs line comes before the performance_metrics group.
    assertTrue(
        message.indexOf("table benchmark_runs:") < message.indexOf("table performance_metrics:"));
    assertTrue(
        message.lastIndexOf("idx_runs_extra") < message.indexOf("table performance_metrics:"));
  }

  @Test
  void missingTablesForeignKeysAndKeyChangesAreReported() throws Exception {
    Path file = created();
    Databases.execute(
        file,
        "PRAGMA foreign_keys = OFF",
        "DROP TABLE performance_metrics",
        "CREATE TABLE new_runs (run_id TEXT NOT NULL, timestamp TEXT NOT NULL PRIMARY KEY,"
            + " project_name TEXT NOT NULL, benchmark_name TEXT NOT NULL,"
            + " version TEXT NOT NULL DEFAULT '1.0.0', metadata TEXT,"
            + " created_at TEXT, other_id INTEGER REFERENCES gao_metrics_schema (key)) STRICT",
        "DROP TABLE benchmark_runs",
        "ALTER TABLE new_runs RENAME TO benchmark_runs",
        "CREATE INDEX idx_runs_timestamp ON benchmark_runs (timestamp)",
        "CREATE INDEX idx_runs_project ON benchmark_runs (project_name, benchmark_name)");
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    List<String> kinds = e.differences().stream().map(d -> d.kind() + " " + d.subject()).toList();
    assertEquals(
        List.of(
            "COLUMN_PRIMARY_KEY run_id",
            "COLUMN_PRIMARY_KEY timestamp",
            "COLUMN_DEFAULT created_at",
            "EXTRA_COLUMN other_id",
            "INDEX_UNIQUE idx_runs_project",
            "EXTRA_FOREIGN_KEY other_id",
            "MISSING_TABLE performance_metrics"),
        kinds);
    for (SchemaDifference difference : e.differences()) {
      assertTrue(!difference.description().isBlank());
    }
    assertTrue(
        e.getMessage().contains("table performance_metrics:\n    - table is missing"),
        e.getMessage());
  }

  @Test
  void aDroppedColumnIsReportedAsMissing() throws Exception {
    Path file = created();
    Databases.execute(file, "ALTER TABLE benchmark_runs DROP COLUMN created_at");
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertEquals(
        List.of(
            new SchemaDifference(
                "benchmark_runs",
                Kind.MISSING_COLUMN,
                "created_at",
                "TEXT DEFAULT " + TestSchema.NOW_DEFAULT,
                null)),
        e.differences());
    assertTrue(e.getMessage().contains("1 difference)"), e.getMessage());
  }

  @Test
  void foreignKeyTargetAndMissingForeignKeyAreReported() throws Exception {
    Path file = created();
    Databases.execute(
        file,
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE new_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " run_id TEXT NOT NULL, total_time_seconds REAL NOT NULL,"
            + " phase_times TEXT, tokens INTEGER NOT NULL DEFAULT 0) STRICT",
        "DROP TABLE performance_metrics",
        "ALTER TABLE new_metrics RENAME TO performance_metrics",
        "CREATE INDEX idx_performance_run_id ON performance_metrics (run_id)");
    SchemaMismatchException missing =
        assertThrows(
            SchemaMismatchException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertEquals(Kind.MISSING_FOREIGN_KEY, missing.differences().get(0).kind());
    assertTrue(
        missing
            .getMessage()
            .contains(
                "foreign key on column run_id (references benchmark_runs.run_id) is missing"));

    Databases.execute(
        file,
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE new_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " run_id TEXT NOT NULL REFERENCES gao_metrics_schema ON UPDATE CASCADE,"
            + " total_time_seconds REAL NOT NULL,"
            + " phase_times TEXT, tokens INTEGER NOT NULL DEFAULT 0) STRICT",
        "DROP TABLE performance_metrics",
        "ALTER TABLE new_metrics RENAME TO performance_metrics",
        "CREATE INDEX idx_performance_run_id ON performance_metrics (run_id)");
    SchemaMismatchException target =
        assertThrows(
            SchemaMismatchException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertEquals(
        List.of(
            "FOREIGN_KEY_TARGET gao_metrics_schema.key",
            "FOREIGN_KEY_ON_DELETE NO ACTION",
            "FOREIGN_KEY_ON_UPDATE CASCADE"),
        target.differences().stream().map(d -> d.kind() + " " + d.actual()).toList());
  }
}

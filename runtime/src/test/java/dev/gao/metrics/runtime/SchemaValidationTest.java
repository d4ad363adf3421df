package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaDifference.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Validation of a live schema against the code's, on every engine: each kind of difference is made
 * by hand with the engine's own DDL (a table rebuild on SQLite, {@code ALTER TABLE} on PostgreSQL)
 * and must be reported, all of them at once; a validated structure is stamped and not compared
 * again until its DDL changes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class SchemaValidationTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;

  @BeforeEach
  void created() {
    target = Target.of(engine, temp, "validation");
    target.open(TestSchema.SCHEMA).close();
  }

  @AfterEach
  void drop() {
    target.drop();
  }

  private SchemaMismatchException mismatch() {
    return assertThrows(SchemaMismatchException.class, () -> target.open(TestSchema.SCHEMA));
  }

  private List<String> stamp() throws Exception {
    return target.column("SELECT value FROM gao_metrics_schema WHERE key = 'validated_structure'");
  }

  @Test
  void defaultsCompareAsTheDdlDeclaresThem() throws Exception {
    if (target.sqlite()) {
      // What SQLite reports: the literal as written, the expression without its parentheses.
      assertEquals(
          List.of("'1.0.0'", "strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')"),
          target.column(
              "SELECT dflt_value FROM pragma_table_xinfo('benchmark_runs')"
                  + " WHERE name IN ('version', 'created_at') ORDER BY cid"));
    } else {
      // What PostgreSQL reports: the literal with its type, the keyword as the catalog writes it.
      assertEquals(
          List.of("'1.0.0'::text", "CURRENT_TIMESTAMP"),
          target.column(
              "SELECT column_default FROM information_schema.columns WHERE table_name ="
                  + " 'benchmark_runs' AND column_name IN ('version', 'created_at')"
                  + " ORDER BY ordinal_position"));
    }
    // Reopening compares those with the declared defaults and finds no difference.
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      assertEquals(1, db.storedVersion());
      assertEquals(List.of(), db.validate());
    }
  }

  @Test
  void aValidatedStructureIsStampedAndAnyLaterSchemaChangeIsValidatedAgain() throws Exception {
    List<String> stamped = stamp();
    assertEquals(1, stamped.size());
    assertTrue(
        stamped.get(0).matches("-?\\d+:" + TestSchema.SCHEMA.identityHash()), stamped.get(0));
    if (target.sqlite()) {
      String cookie = target.column("PRAGMA schema_version").get(0);
      assertEquals(List.of(cookie + ":" + TestSchema.SCHEMA.identityHash()), stamped);
    }
    // reopening an unchanged database leaves the stamp as it was
    target.open(TestSchema.SCHEMA).close();
    assertEquals(stamped, stamp());

    // any DDL changes the structure's cookie or digest, so the next open compares again
    target.execute("DROP INDEX idx_runs_timestamp");
    SchemaMismatchException e = mismatch();
    assertTrue(e.getMessage().contains("idx_runs_timestamp"), e.getMessage());
    assertEquals(stamped, stamp(), "a failed validation stamps nothing");
    // a stamp that does not match (copied from elsewhere, edited) is no shortcut either
    target.execute(
        "CREATE INDEX \"idx_runs_timestamp\" ON \"benchmark_runs\" (\"timestamp\")",
        "UPDATE gao_metrics_schema SET value = 'x' WHERE key = 'validated_structure'");
    target.open(TestSchema.SCHEMA).close();
    List<String> restamped = stamp();
    assertTrue(
        restamped.get(0).matches("-?\\d+:" + TestSchema.SCHEMA.identityHash()), restamped.get(0));
    if (target.sqlite()) {
      String restored = target.column("PRAGMA schema_version").get(0);
      assertEquals(List.of(restored + ":" + TestSchema.SCHEMA.identityHash()), restamped);
    }
    // a stamp of the same structure does not hide a change made after it was written
    target.execute("UPDATE gao_metrics_schema SET value = '" + restamped.get(0) + "' WHERE key = 'validated_structure'");
    target.execute("ALTER TABLE benchmark_runs ADD COLUMN notes TEXT");
    assertEquals(
        List.of("benchmark_runs EXTRA_COLUMN notes"),
        mismatch().differences().stream().map(d -> d.table() + " " + d.kind() + " " + d.subject()).toList());
  }

  @Test
  void withoutTheStampOpeningLeavesTheDatabaseUnchanged() throws Exception {
    target.execute("DELETE FROM gao_metrics_schema WHERE key = 'validated_structure'");
    byte[] before = target.sqlite() ? Files.readAllBytes(target.file("m")) : null;
    try (MetricsDatabase db = target.builder(TestSchema.SCHEMA).stampValidation(false).open()) {
      assertEquals(List.of(), db.validate());
    }
    if (target.sqlite()) {
      assertTrue(Arrays.equals(before, Files.readAllBytes(target.file("m"))));
    }
    assertEquals(List.of(), stamp());
  }

  @Test
  void aHandAlteredSchemaIsReportedWithEveryDifference() throws Exception {
    if (target.sqlite()) {
      target.execute(
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
    } else {
      target.execute(
          "ALTER TABLE benchmark_runs ALTER COLUMN \"timestamp\" TYPE bigint"
              + " USING extract(epoch FROM \"timestamp\")::bigint", // type changed
          "ALTER TABLE benchmark_runs ALTER COLUMN project_name DROP NOT NULL",
          "ALTER TABLE benchmark_runs ALTER COLUMN version SET DEFAULT '2.0.0'",
          "ALTER TABLE benchmark_runs ADD COLUMN notes text",
          "DROP INDEX idx_runs_project",
          "CREATE UNIQUE INDEX idx_runs_project ON benchmark_runs (project_name)",
          "DROP INDEX idx_runs_timestamp",
          "CREATE INDEX idx_runs_extra ON benchmark_runs (notes)",
          "ALTER TABLE performance_metrics DROP CONSTRAINT performance_metrics_run_id_fkey",
          "ALTER TABLE performance_metrics ADD CONSTRAINT performance_metrics_run_id_fkey"
              + " FOREIGN KEY (run_id) REFERENCES benchmark_runs (run_id) ON DELETE SET NULL",
          "ALTER TABLE performance_metrics ADD CONSTRAINT ck_performance_metrics_tokens"
              + " CHECK (tokens >= 0)");
    }

    SchemaMismatchException e = mismatch();

    Set<String> found =
        e.differences().stream()
            .map(d -> d.table() + " " + d.kind() + " " + d.subject())
            .collect(Collectors.toSet());
    Set<String> expected =
        new HashSet<>(
            Set.of(
                "benchmark_runs COLUMN_TYPE timestamp",
                "benchmark_runs COLUMN_NOT_NULL project_name",
                "benchmark_runs COLUMN_DEFAULT version",
                "benchmark_runs EXTRA_COLUMN notes",
                "benchmark_runs MISSING_INDEX idx_runs_timestamp",
                "benchmark_runs INDEX_COLUMNS idx_runs_project",
                "benchmark_runs EXTRA_INDEX idx_runs_extra",
                "performance_metrics FOREIGN_KEY_ON_DELETE run_id"));
    if (target.sqlite()) {
      // SQLite's STRICT is part of the structure; its CHECKs other than ranges are not compared.
      expected.add("performance_metrics TABLE_NOT_STRICT performance_metrics");
    } else {
      // PostgreSQL compares every named check as the catalog writes it.
      expected.add("performance_metrics EXTRA_CHECK ck_performance_metrics_tokens");
    }
    assertEquals(expected, found);
    String message = e.getMessage();
    assertTrue(message.contains(expected.size() + " differences"), message);
    assertTrue(message.contains("table benchmark_runs:"), message);
    if (target.sqlite()) {
      assertTrue(message.contains(target.file("m").toString()), message);
      assertTrue(message.contains("column timestamp: type is INTEGER, expected TEXT"), message);
      assertTrue(message.contains("default is '2.0.0', expected '1.0.0'"), message);
    } else {
      assertTrue(message.contains(target.location("m")), message);
      assertTrue(
          message.contains(
              "column timestamp: type is bigint, expected timestamp with time zone"),
          message);
      assertTrue(message.contains("default is '2.0.0'::text, expected '1.0.0'::text"), message);
    }
    assertTrue(message.contains("column project_name: is nullable, expected NOT NULL"), message);
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
    if (target.sqlite()) {
      target.execute(
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
    } else {
      target.execute(
          "DROP TABLE performance_metrics",
          "ALTER TABLE benchmark_runs DROP CONSTRAINT benchmark_runs_pkey",
          "ALTER TABLE benchmark_runs ADD PRIMARY KEY (\"timestamp\")",
          "ALTER TABLE benchmark_runs ALTER COLUMN created_at DROP DEFAULT",
          "ALTER TABLE benchmark_runs ADD COLUMN other_id text REFERENCES gao_metrics_schema (key)",
          "DROP INDEX idx_runs_project",
          "CREATE INDEX idx_runs_project ON benchmark_runs (project_name, benchmark_name)");
    }
    SchemaMismatchException e = mismatch();
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
    target.execute("ALTER TABLE benchmark_runs DROP COLUMN created_at");
    SchemaMismatchException e = mismatch();
    assertEquals(
        List.of(
            new SchemaDifference(
                "benchmark_runs",
                Kind.MISSING_COLUMN,
                "created_at",
                target.sqlite()
                    ? "TEXT DEFAULT " + TestSchema.NOW_DEFAULT
                    : "timestamp with time zone DEFAULT CURRENT_TIMESTAMP",
                null)),
        e.differences());
    assertTrue(e.getMessage().contains("1 difference)"), e.getMessage());
  }

  @Test
  void foreignKeyTargetAndMissingForeignKeyAreReported() throws Exception {
    if (target.sqlite()) {
      target.execute(
          "PRAGMA foreign_keys = OFF",
          "CREATE TABLE new_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " run_id TEXT NOT NULL, total_time_seconds REAL NOT NULL,"
              + " phase_times TEXT, tokens INTEGER NOT NULL DEFAULT 0) STRICT",
          "DROP TABLE performance_metrics",
          "ALTER TABLE new_metrics RENAME TO performance_metrics",
          "CREATE INDEX idx_performance_run_id ON performance_metrics (run_id)");
    } else {
      target.execute(
          "ALTER TABLE performance_metrics DROP CONSTRAINT performance_metrics_run_id_fkey");
    }
    SchemaMismatchException missing = mismatch();
    assertEquals(
        List.of(Kind.MISSING_FOREIGN_KEY),
        missing.differences().stream().map(SchemaDifference::kind).toList());
    assertTrue(
        missing
            .getMessage()
            .contains(
                "foreign key on column run_id (references benchmark_runs.run_id) is missing"),
        missing.getMessage());

    if (target.sqlite()) {
      target.execute(
          "PRAGMA foreign_keys = OFF",
          "CREATE TABLE new_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " run_id TEXT NOT NULL REFERENCES gao_metrics_schema ON UPDATE CASCADE,"
              + " total_time_seconds REAL NOT NULL,"
              + " phase_times TEXT, tokens INTEGER NOT NULL DEFAULT 0) STRICT",
          "DROP TABLE performance_metrics",
          "ALTER TABLE new_metrics RENAME TO performance_metrics",
          "CREATE INDEX idx_performance_run_id ON performance_metrics (run_id)");
    } else {
      target.execute(
          "ALTER TABLE performance_metrics ADD CONSTRAINT performance_metrics_run_id_fkey"
              + " FOREIGN KEY (run_id) REFERENCES gao_metrics_schema ON UPDATE CASCADE");
    }
    SchemaMismatchException other = mismatch();
    assertEquals(
        List.of(
            "FOREIGN_KEY_TARGET gao_metrics_schema.key",
            "FOREIGN_KEY_ON_DELETE NO ACTION",
            "FOREIGN_KEY_ON_UPDATE CASCADE"),
        other.differences().stream().map(d -> d.kind() + " " + d.actual()).toList());
  }
}

package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MigrationException;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Sample;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  private static final int RUNS = 40;

  @TempDir Path temp;

  /** A file at version {@code version} written by code of that version, with the sample. */
  private Path fileAt(int version) throws Exception {
    Path file = temp.resolve("v" + version + "-" + System.nanoTime() + ".db");
    MetricsDatabase.open(Versions.schema(1), file).close();
    try (Connection connection = Databases.connect(file)) {
      Sample.populateV1(connection, RUNS);
    }
    if (version > 1) {
      open(Versions.schema(version), file).close();
    }
    return file;
  }

  private static MetricsDatabase open(SchemaInfo schema, Path file) {
    return MetricsDatabase.builder(schema).file(file).backupBeforeMigration(false).open();
  }

  private static void assertRows(Path file, int version) throws SQLException {
    Map<String, List<List<Object>>> expected = Sample.expected(version, RUNS);
    Map<String, List<List<Object>>> actual = Sample.actual(file, version);
    for (String table : expected.keySet()) {
      assertEquals(expected.get(table), actual.get(table), "rows of table " + table);
    }
    assertEquals(expected.keySet(), actual.keySet());
    assertEquals(List.of(List.of("ok")), Databases.query(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), Databases.query(file, "PRAGMA foreign_key_check"));
    assertEquals(
        List.of(Integer.toString(version)), Databases.column(file, "PRAGMA user_version"));
  }

  @Test
  void upgradesOverSeveralStepsKeepingEveryValue() throws Exception {
    Path file = fileAt(1);
    assertRows(file, 1);
    try (MetricsDatabase db = open(Versions.schema(4), file)) {
      assertEquals(4, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(List.of(), db.pendingSteps());
      List<HistoryEntry> history = db.history();
      assertEquals(3, history.size());
      for (int i = 0; i < 3; i++) {
        HistoryEntry entry = history.get(i);
        assertEquals(i + 1, entry.fromVersion());
        assertEquals(i + 2, entry.toVersion());
        assertEquals(Direction.UPGRADE, entry.direction());
        assertEquals(Versions.schema(4).step(i + 1, i + 2).orElseThrow().checksum(), entry.checksum());
        assertTrue(entry.durationMs() >= 0);
        assertFalse(entry.libraryVersion().isBlank());
        MigrationStep down = entry.downgrade().orElseThrow();
        assertEquals(i + 2, down.fromVersion());
        assertEquals(i + 1, down.toVersion());
        assertEquals(
            Versions.schema(4).step(i + 2, i + 1).orElseThrow().statements(), down.statements());
      }
      assertTrue(history.get(2).downgrade().orElseThrow().foreignKeysOff());
    }
    assertRows(file, 4);
    assertEquals(
        List.of("migration-metrics-v4"),
        Databases.column(
            file, "SELECT value FROM gao_metrics_schema WHERE key = 'identity_hash'"));
  }

  @Test
  void aRebuildOfAParentTableWithForeignKeysOffKeepsItsChildren() throws Exception {
    Path file = fileAt(3);
    long metrics = Long.parseLong(Databases.column(file, "SELECT count(*) FROM metrics").get(0));
    long tags = Long.parseLong(Databases.column(file, "SELECT count(*) FROM tags").get(0));
    assertTrue(metrics > 0 && tags > 0);
    try (MetricsDatabase db = open(Versions.schema(4), file)) {
      assertEquals(metrics, db.rowCount("metrics"));
      assertEquals(tags, db.rowCount("tags"));
      // Enforcement is back on every pooled connection after the step.
      for (int i = 0; i < 6; i++) {
        TransactionException e =
            assertThrows(
                TransactionException.class,
                () ->
                    db.runInTransaction(
                        tx -> {
                          try (Statement s = tx.connection().createStatement()) {
                            s.execute(
                                "INSERT INTO metrics (run_id, total_seconds) VALUES ('nope', 1)");
                          }
                        }));
        assertTrue(e.getCause().getMessage().contains("FOREIGN KEY"), e.getCause().getMessage());
      }
      db.runInTransaction(
          tx -> {
            try (Statement s = tx.connection().createStatement()) {
              s.execute("DELETE FROM runs WHERE run_id = '" + Sample.runId(2) + "'");
            }
          });
      assertEquals(metrics - Sample.METRICS_PER_RUN, db.rowCount("metrics"));
    }
  }

  @Test
  void downgradesOnlyWhenAsked() throws Exception {
    Path file = fileAt(4);
    SchemaVersionException refused =
        assertThrows(SchemaVersionException.class, () -> open(Versions.schema(2), file));
    assertEquals(4, refused.storedVersion());
    assertEquals(2, refused.codeVersion());
    assertTrue(refused.getMessage().contains("targetVersion(2)"), refused.getMessage());
    assertRows(file, 4);

    try (MetricsDatabase db =
        MetricsDatabase.builder(Versions.schema(4))
            .file(file)
            .targetVersion(2)
            .backupBeforeMigration(false)
            .open()) {
      assertEquals(2, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(2, db.pendingSteps().size());
      List<HistoryEntry> history = db.history();
      assertEquals(Direction.DOWNGRADE, history.get(history.size() - 1).direction());
      assertEquals(3, history.get(history.size() - 1).fromVersion());
      assertEquals(2, history.get(history.size() - 1).toVersion());
      assertNull(history.get(history.size() - 1).downgradeSql());
    }
    assertRows(file, 2);
    open(Versions.schema(2), file).close();
    open(Versions.schema(4), file).close();
    assertRows(file, 4);
  }

  @Test
  void aNewerFileWithoutStoredStepsIsRefusedNamingBothVersions() throws Exception {
    Path file = temp.resolve("new3.db");
    open(Versions.schema(3), file).close();
    SchemaVersionException e =
        assertThrows(SchemaVersionException.class, () -> open(Versions.schema(2), file));
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertTrue(e.getMessage().contains("records no steps down"), e.getMessage());
    SchemaVersionException asked =
        assertThrows(
            SchemaVersionException.class,
            () ->
                MetricsDatabase.builder(Versions.schema(2))
                    .file(file)
                    .targetVersion(2)
                    .backupBeforeMigration(false)
                    .open());
    assertTrue(asked.getMessage().contains("downgrade step 3 -> 2"), asked.getMessage());
    assertEquals(List.of("3"), Databases.column(file, "PRAGMA user_version"));
  }

  @Test
  void olderCodeRollsBackWithTheStoredDowngradeSql() throws Exception {
    Path file = fileAt(4); // migrated 1 -> 4 by "newer" code, which stored the steps down
    try (MetricsDatabase db =
        MetricsDatabase.builder(Versions.schema(2))
            .file(file)
            .targetVersion(2)
            .backupBeforeMigration(false)
            .open()) {
      assertEquals(2, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals("migration-metrics-v2", identityHash(file));
    }
    assertRows(file, 2);
  }

  @Test
  void aFailingStatementLeavesThePreviousVersionIntact() throws Exception {
    Path file = fileAt(2);
    SchemaInfo broken =
        Versions.schema(
            4,
            step ->
                step.fromVersion() == 3 && step.toVersion() == 4
                    ? MigrationStep.of(
                        3,
                        4,
                        append(step.statements(), "ALTER TABLE \"runs\" ADD COLUMN \"x\" NOPE NOPE"),
                        List.of(),
                        true)
                    : step);
    MigrationException e = assertThrows(MigrationException.class, () -> open(broken, file));
    assertEquals(3, e.fromVersion());
    assertEquals(4, e.toVersion());
    assertTrue(e.getMessage().contains("NOPE NOPE"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    // Step 2 -> 3 committed; 3 -> 4 left nothing behind.
    assertRows(file, 3);
    open(Versions.schema(3), file).close();
  }

  @Test
  void aFailingDataMigrationLeavesThePreviousVersionIntact() throws Exception {
    Path file = fileAt(2);
    SchemaInfo broken =
        Versions.schema(
            3,
            step ->
                step.fromVersion() == 2 && step.toVersion() == 3
                    ? new MigrationStep(
                        2,
                        3,
                        step.statements(),
                        List.of("DROP TABLE \"tags\""),
                        false,
                        step.checksum(),
                        List.of(
                            Versions.FILL_TAGS,
                            tx -> {
                              throw new IllegalStateException("tag 't3' cannot be converted");
                            }))
                    : step);
    MigrationException e = assertThrows(MigrationException.class, () -> open(broken, file));
    assertTrue(e.getMessage().contains("tag 't3' cannot be converted"), e.getMessage());
    assertTrue(e.getMessage().contains("still at version 2"), e.getMessage());
    assertRows(file, 2);
    try (MetricsDatabase db = open(Versions.schema(2), file)) {
      assertEquals(1, db.history().size());
    }
  }

  @Test
  void rowsOutsideATighterRangeFailTheStepNamingTheConstraint() throws Exception {
    Path file = fileAt(2);
    SchemaInfo tighter =
        Versions.schema(
            3,
            step -> {
              if (step.fromVersion() != 2 || step.toVersion() != 3) {
                return step;
              }
              List<String> statements = new java.util.ArrayList<>(step.statements());
              statements.add("CREATE TABLE \"scores\" (\"v\" REAL, CONSTRAINT \"ck_scores_v\" CHECK (\"v\" <= 1)) STRICT");
              statements.add("INSERT INTO \"scores\" (\"v\") VALUES (2)");
              return new MigrationStep(
                  2, 3, statements, step.finalStatements(), true, step.checksum(), step.dataMigrations());
            });
    MigrationException e = assertThrows(MigrationException.class, () -> open(tighter, file));
    assertTrue(e.getMessage().contains("still at version 2"), e.getMessage());
    assertTrue(
        e.getMessage().contains("Stored rows violate range constraint ck_scores_v that version 3 declares"),
        e.getMessage());
    assertRows(file, 2);
  }

  @Test
  void aBrokenForeignKeyRollsTheStepBackNamingTableAndRow() throws Exception {
    Path file = fileAt(3);
    SchemaInfo broken =
        Versions.schema(
            4,
            step ->
                step.fromVersion() == 3 && step.toVersion() == 4
                    ? MigrationStep.of(
                        3,
                        4,
                        append(
                            step.statements(),
                            "DELETE FROM \"runs\" WHERE \"run_id\" = '" + Sample.runId(7) + "'"),
                        List.of(),
                        true)
                    : step);
    MigrationException e = assertThrows(MigrationException.class, () -> open(broken, file));
    assertTrue(e.getMessage().contains("table metrics rowid"), e.getMessage());
    assertTrue(e.getMessage().contains("foreign keys are broken"), e.getMessage());
    assertRows(file, 3);
  }

  @Test
  void backupsAreTakenOwnerOnlyPrunedAndCanBeSwitchedOff() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("backups"));
    Path file = folder.resolve("m.db");
    MetricsDatabase.open(Versions.schema(1), file).close();
    try (Connection connection = Databases.connect(file)) {
      Sample.populateV1(connection, RUNS);
    }
    MetricsDatabase.open(Versions.schema(2), file).close();
    List<Path> backups = backups(folder);
    assertEquals(1, backups.size(), backups.toString());
    Path first = backups.get(0);
    assertTrue(first.getFileName().toString().matches("m\\.db\\.v1-\\d{8}T\\d{6}Z\\.backup"), first.toString());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(first)));
    assertEquals(List.of("1"), Databases.column(first, "PRAGMA user_version"));
    Map<String, List<List<Object>>> expected = Sample.expected(1, RUNS);
    assertEquals(expected, Sample.actual(first, 1));

    MetricsDatabase.open(Versions.schema(3), file).close();
    MetricsDatabase.open(Versions.schema(4), file).close();
    MetricsDatabase.builder(Versions.schema(4)).file(file).targetVersion(3).open().close();
    backups = backups(folder);
    assertEquals(3, backups.size(), backups.toString());
    assertFalse(backups.contains(first), "the oldest backup is pruned");

    MetricsDatabase.builder(Versions.schema(4)).file(file).backupBeforeMigration(false).open().close();
    assertEquals(backups, backups(folder));
    MetricsDatabase.open(Versions.schema(4), file).close(); // nothing to migrate: no backup
    assertEquals(backups, backups(folder));
    assertRows(file, 4);
  }

  @Test
  void pruningTakesOnlyBackupsOfTheExactFormItWritesAndLeavesTheUsersFilesAlone() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("own-files"));
    Path file = folder.resolve("m.db");
    MetricsDatabase.open(Versions.schema(1), file).close();
    List<Path> own = new ArrayList<>();
    for (String name :
        List.of("m.db.very-important.backup", "m.db.vacation-notes.backup", "m.db.v1-notes.backup",
            "m.db.v1-20200101T000000Z.backup.keep", "m.db.v1-2020.backup", "m.db.copy-notes.backup.partial",
            "xm.db.v1-20200101T000000Z.backup")) {
      own.add(Files.writeString(folder.resolve(name), "mine: " + name));
    }
    Path ownFolder = Files.createDirectories(folder.resolve("m.db.v0-20000101T000000Z.backup"));
    // Backups this project wrote long ago, in its own form: these are the ones pruning may take.
    Path oldest = Files.writeString(folder.resolve("m.db.v0-20000101T000000Z-2.backup"), "old");
    Files.setLastModifiedTime(oldest, FileTime.fromMillis(0));
    for (int version = 2; version <= 4; version++) {
      MetricsDatabase.open(Versions.schema(version), file).close();
    }
    MetricsDatabase.builder(Versions.schema(4)).file(file).targetVersion(3).open().close();
    for (Path mine : own) {
      assertTrue(Files.exists(mine), mine + " survived");
      assertEquals("mine: " + mine.getFileName(), Files.readString(mine));
    }
    assertTrue(Files.isDirectory(ownFolder), "a folder named like a backup is not one");
    assertFalse(Files.exists(oldest), "the oldest backup of the project's own form is pruned");
    List<Path> kept = backups(folder).stream()
        .filter(p -> p.getFileName().toString().matches("m\\.db\\.v\\d+-\\d{8}T\\d{6}Z(-\\d+)?\\.backup"))
        .filter(Files::isRegularFile)
        .toList();
    assertEquals(3, kept.size(), kept.toString());
  }

  private static List<Path> backups(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".backup")).sorted().toList();
    }
  }

  @Test
  void aDryRunPlansWithoutChangingTheFile() throws Exception {
    Path file = fileAt(1);
    byte[] before = Files.readAllBytes(file);
    MigrationPlan plan = MetricsDatabase.plan(Versions.schema(4), file, 4);
    assertEquals(1, plan.storedVersion());
    assertEquals(4, plan.targetVersion());
    assertEquals(3, plan.steps().size());
    assertFalse(plan.createsSchema());
    String text = plan.describe();
    assertTrue(text.contains("-- step 3 -> 4 (upgrade, foreign keys off)"), text);
    assertTrue(text.contains("ALTER TABLE \"runs__new\" RENAME TO \"runs\";"), text);
    assertTrue(text.contains("data migration"), text);
    assertEquals(List.of("1"), Databases.column(file, "PRAGMA user_version"));
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));

    MigrationPlan none = MetricsDatabase.plan(Versions.schema(4), temp.resolve("absent.db"), 4);
    assertTrue(none.createsSchema());
    assertTrue(none.describe().contains("created at version 4"), none.describe());
    assertFalse(Files.exists(temp.resolve("absent.db")));

    MigrationPlan down = MetricsDatabase.plan(Versions.schema(4), fileAt(4), 1);
    assertEquals(List.of(4, 3, 2), down.steps().stream().map(MigrationStep::fromVersion).toList());
    assertTrue(down.describe().contains("(downgrade"), down.describe());
    MigrationPlan same = MetricsDatabase.plan(Versions.schema(4), file, 1);
    assertTrue(same.describe().contains("nothing to migrate"), same.describe());
  }

  @Test
  void aNewFileIsCreatedAtTheRequestedVersionAndReportsPendingSteps() throws Exception {
    Path file = temp.resolve("at2.db");
    try (MetricsDatabase db =
        MetricsDatabase.builder(Versions.schema(4)).file(file).targetVersion(2).open()) {
      assertEquals(2, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(
          List.of(2, 3), db.pendingSteps().stream().map(MigrationStep::fromVersion).toList());
      assertEquals(List.of(), db.history());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> MetricsDatabase.builder(Versions.schema(4)).targetVersion(5));
  }

  @Test
  void validateListsDifferencesOfTheLiveSchema() throws Exception {
    Path file = fileAt(2);
    try (MetricsDatabase db = open(Versions.schema(2), file)) {
      assertEquals(List.of(), db.validate());
      db.runInTransaction(
          tx -> {
            try (Statement s = tx.connection().createStatement()) {
              s.execute("DROP INDEX \"idx_runs_project\"");
            }
          });
      List<SchemaDifference> differences = db.validate();
      assertEquals(1, differences.size(), differences.toString());
      assertEquals(SchemaDifference.Kind.MISSING_INDEX, differences.get(0).kind());
    }
    assertThrows(SchemaMismatchException.class, () -> open(Versions.schema(2), file));
  }

  @Test
  void aStepThatLeavesTheWrongStructureFailsValidationAfterMigrating() throws Exception {
    Path file = fileAt(1);
    SchemaInfo broken =
        Versions.schema(
            2,
            step ->
                step.fromVersion() == 1 && step.toVersion() == 2
                    ? MigrationStep.of(1, 2, step.statements().subList(0, 1), List.of(), false)
                    : step);
    SchemaMismatchException e =
        assertThrows(SchemaMismatchException.class, () -> open(broken, file));
    assertTrue(e.getMessage().contains("idx_runs_project"), e.getMessage());
  }

  @Test
  void aFileWrittenBeforeTheHistoryTableExistedGetsItOnItsFirstMigration() throws Exception {
    Path file = fileAt(1);
    Databases.execute(file, "DROP TABLE gao_metrics_history");
    try (MetricsDatabase db = open(Versions.schema(1), file)) {
      assertEquals(List.of(), db.history());
    }
    try (MetricsDatabase db = open(Versions.schema(2), file)) {
      assertEquals(1, db.history().size());
    }
    assertRows(file, 2);
  }

  @Test
  void databasesOpeningAnOldFileAtOnceMigrateItOnce() throws Exception {
    Path file = fileAt(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<Integer>> opened = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opened.add(
            pool.submit(
                () -> {
                  try (MetricsDatabase db = open(Versions.schema(4), file)) {
                    return db.storedVersion();
                  }
                }));
      }
      for (java.util.concurrent.Future<Integer> future : opened) {
        assertEquals(4, future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (MetricsDatabase db = open(Versions.schema(4), file)) {
      assertEquals(3, db.history().size());
    }
    assertRows(file, 4);
  }

  @Test
  void aDryRunOfAnotherSchemasFileIsRefused() throws Exception {
    Path file = fileAt(1);
    SchemaInfo other = new SchemaInfo("Other", 1, "h", Versions.tables(1));
    dev.gao.metrics.runtime.exception.DatabaseOpenException e =
        assertThrows(
            dev.gao.metrics.runtime.exception.DatabaseOpenException.class,
            () -> MetricsDatabase.plan(other, file, 1));
    assertTrue(e.getMessage().contains("holds schema 'MigrationMetrics'"), e.getMessage());
    Path empty = temp.resolve("empty.db");
    Files.createFile(empty);
    assertTrue(MetricsDatabase.plan(Versions.schema(2), empty, 2).createsSchema());
    Path notADatabase = temp.resolve("text.db");
    Files.writeString(notADatabase, "hello, this is not a database file at all..........");
    assertThrows(
        dev.gao.metrics.runtime.exception.DatabaseOpenException.class,
        () -> MetricsDatabase.plan(Versions.schema(2), notADatabase, 2));
  }

  @Test
  void foreignKeysAreOffOnlyAroundTheStepAndBackOnAfterAFailure() throws Exception {
    Path file = fileAt(4);
    try (MetricsDatabase db =
        MetricsDatabase.builder(Versions.schema(4)).file(file).poolSize(1).open()) {
      IllegalStateException failure =
          assertThrows(
              IllegalStateException.class,
              () ->
                  db.transactions()
                      .exclusiveWrite(
                          true,
                          tx -> {
                            assertEquals(
                                List.of(List.of("0")),
                                Databases.query(tx.connection(), "PRAGMA foreign_keys"));
                            throw new IllegalStateException("step failed");
                          }));
      assertEquals("step failed", failure.getMessage());
      assertEquals(
          List.of(List.of("1")),
          db.read(tx -> Databases.query(tx.connection(), "PRAGMA foreign_keys")));
      assertEquals(
          "done",
          db.transactions()
              .exclusiveWrite(
                  false,
                  tx -> {
                    assertEquals(
                        List.of(List.of("1")),
                        Databases.query(tx.connection(), "PRAGMA foreign_keys"));
                    return "done";
                  }));
      assertThrows(
          IllegalStateException.class,
          () -> db.runInTransaction(tx -> db.transactions().exclusiveWrite(true, inner -> null)));
    }
  }

  private static String identityHash(Path file) throws SQLException {
    return Databases.column(
            file, "SELECT value FROM gao_metrics_schema WHERE key = 'identity_hash'")
        .get(0);
  }

  private static List<String> append(List<String> statements, String statement) {
    List<String> all = new ArrayList<>(statements);
    all.add(statement);
    return all;
  }
}

package dev.gao.metrics.runtime.sql.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Sample;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What migrating means for a SQLite file only: a backup by {@code VACUUM INTO} before each
 * migration and the pruning of old ones, dry runs that read a file without changing a byte of it,
 * and foreign-key enforcement switched off around a table rebuild only. A PostgreSQL server takes
 * no backup files, plans no file, and never switches foreign keys off; the migrations themselves
 * run on both engines in {@code migration/MigrationTest}.
 */
class SqliteMigrationTest {
  private static final int RUNS = 40;

  @TempDir Path temp;

  private Path fileAt(int version) throws Exception {
    Path file = temp.resolve("v" + version + "-" + System.nanoTime() + ".db");
    MetricsDatabase.open(Versions.schema(1), file).close();
    try (Connection connection = Databases.connect(file)) {
      Sample.populateV1(connection, RUNS);
    }
    if (version > 1) {
      MetricsDatabase.builder(Versions.schema(version))
          .file(file)
          .backupBeforeMigration(false)
          .open()
          .close();
    }
    return file;
  }

  private static void assertRows(Path file, int version) throws Exception {
    assertEquals(Sample.expected(version, RUNS), Sample.actual(file, version));
    assertEquals(List.of(List.of("ok")), Databases.query(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), Databases.query(file, "PRAGMA foreign_key_check"));
    assertEquals(List.of(Integer.toString(version)), Databases.column(file, "PRAGMA user_version"));
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
    assertTrue(
        first.getFileName().toString().matches("m\\.db\\.v1-\\d{8}T\\d{6}Z\\.backup"),
        first.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
    assertEquals(List.of("1"), Databases.column(first, "PRAGMA user_version"));
    Map<String, List<List<Object>>> expected = Sample.expected(1, RUNS);
    assertEquals(expected, Sample.actual(first, 1));

    MetricsDatabase.open(Versions.schema(3), file).close();
    MetricsDatabase.open(Versions.schema(4), file).close();
    MetricsDatabase.builder(Versions.schema(4)).file(file).targetVersion(3).open().close();
    backups = backups(folder);
    assertEquals(3, backups.size(), backups.toString());
    assertFalse(backups.contains(first), "the oldest backup is pruned");

    MetricsDatabase.builder(Versions.schema(4))
        .file(file)
        .backupBeforeMigration(false)
        .open()
        .close();
    assertEquals(backups, backups(folder));
    MetricsDatabase.open(Versions.schema(4), file).close(); // nothing to migrate: no backup
    assertEquals(backups, backups(folder));
    assertRows(file, 4);
  }

  @Test
  void pruningTakesOnlyBackupsOfTheExactFormItWritesAndLeavesTheUsersFilesAlone()
      throws Exception {
    Path folder = Files.createDirectories(temp.resolve("own-files"));
    Path file = folder.resolve("m.db");
    MetricsDatabase.open(Versions.schema(1), file).close();
    List<Path> own = new ArrayList<>();
    for (String name :
        List.of(
            "m.db.very-important.backup",
            "m.db.vacation-notes.backup",
            "m.db.v1-notes.backup",
            "m.db.v1-20200101T000000Z.backup.keep",
            "m.db.v1-2020.backup",
            "m.db.copy-notes.backup.partial",
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
    List<Path> kept =
        backups(folder).stream()
            .filter(
                p ->
                    p.getFileName()
                        .toString()
                        .matches("m\\.db\\.v\\d+-\\d{8}T\\d{6}Z(-\\d+)?\\.backup"))
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
    assertTrue(Arrays.equals(before, Files.readAllBytes(file)));

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
  void aDryRunOfAnotherSchemasFileIsRefused() throws Exception {
    Path file = fileAt(1);
    SchemaInfo other = new SchemaInfo("Other", 1, "h", Versions.tables(1));
    DatabaseOpenException e =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.plan(other, file, 1));
    assertTrue(e.getMessage().contains("holds schema 'MigrationMetrics'"), e.getMessage());
    Path empty = temp.resolve("empty.db");
    Files.createFile(empty);
    assertTrue(MetricsDatabase.plan(Versions.schema(2), empty, 2).createsSchema());
    Path notADatabase = temp.resolve("text.db");
    Files.writeString(notADatabase, "hello, this is not a database file at all..........");
    assertThrows(
        DatabaseOpenException.class, () -> MetricsDatabase.plan(Versions.schema(2), notADatabase, 2));
  }

  @Test
  void foreignKeysAreOffOnlyAroundTheStepAndBackOnAfterAFailure() throws Exception {
    Path file = fileAt(4);
    assertRows(file, 4);
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
}

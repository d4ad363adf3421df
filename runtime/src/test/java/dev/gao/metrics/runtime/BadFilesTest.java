package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.fixture.Versions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that cannot be used as a metrics database: each is refused with a message naming the file
 * and what to do, and is never modified, replaced or accompanied by side files (-wal, -shm,
 * -journal, backups).
 *
 * <p>What is found when: a file that is not SQLite, a truncated file and a damaged header are
 * refused before any connection opens (from the header and the file's size); damaged schema pages,
 * another application's tables, another schema and a newer version when opening; damaged pages of
 * table rows only when a statement reads them, with an error naming the file.
 */
class BadFilesTest {
  @TempDir Path temp;

  /** The bytes, modification time and neighbours of a file, to prove nothing touched it. */
  private record Snapshot(Path file, byte[] bytes, FileTime modified, List<String> folder) {
    static Snapshot of(Path file) throws IOException {
      return new Snapshot(
          file, Files.readAllBytes(file), Files.getLastModifiedTime(file), names(file.getParent()));
    }

    void assertUnchanged() throws IOException {
      assertArrayEquals(bytes, Files.readAllBytes(file), "content of " + file);
      assertEquals(modified, Files.getLastModifiedTime(file), "modification time of " + file);
      assertEquals(folder, names(file.getParent()), "no -wal, -shm, -journal or backup files");
    }

    private static List<String> names(Path folder) throws IOException {
      try (Stream<Path> entries = Files.list(folder)) {
        return entries.map(path -> path.getFileName().toString()).sorted().toList();
      }
    }
  }

  /** A real database with enough rows to span many pages, closed cleanly (no -wal left). */
  private Path database(String name) throws Exception {
    Path file = temp.resolve(name);
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      RunDao runs = new RunDao(db);
      db.runInTransaction(
          tx -> {
            for (int i = 0; i < 400; i++) {
              String project = "p" + i + "x".repeat(300);
              runs.insert(Run.of("run-" + i, Instant.EPOCH.plusSeconds(i), project));
            }
          });
    }
    // Age the file so that any write by an open would show in its modification time.
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    return file;
  }

  private static DatabaseOpenException refused(Path file) {
    DatabaseOpenException e =
        assertThrows(
            DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e;
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void aFileThatIsNotADatabase() throws Exception {
    Path file = temp.resolve("metrics.db");
    String notes = "{\"notes\": \"not a database\"}\n".repeat(200);
    Files.write(file, notes.getBytes(StandardCharsets.UTF_8));
    Snapshot before = Snapshot.of(file);
    assertMentions(refused(file), "not a SQLite database", "Move it away");
    before.assertUnchanged();
  }

  @Test
  void aDatabaseTruncatedInTheMiddleOfAPage() throws Exception {
    Path file = database("truncated.db");
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size / 2 + 1000);
    }
    Snapshot before = Snapshot.of(file);
    assertMentions(refused(file), "truncated", "restore it from a backup", "move the file's -wal and -shm files away together with it");
    before.assertUnchanged();
  }

  @Test
  void aDatabaseTruncatedAtAPageBoundary() throws Exception {
    Path file = database("cut.db");
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size / 2 / 4096 * 4096);
    }
    Snapshot before = Snapshot.of(file);
    assertMentions(refused(file), "truncated", "pages");
    before.assertUnchanged();
  }

  @Test
  void aHeaderWithAnImpossiblePageSize() throws Exception {
    Path file = database("header.db");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(16);
      raf.writeShort(1000);
    }
    Snapshot before = Snapshot.of(file);
    assertMentions(refused(file), "damaged", "page size 1000");
    before.assertUnchanged();
  }

  @Test
  void damagedSchemaPagesAreFoundWhenOpening() throws Exception {
    Path file = database("schema.db");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      // Page 1 holds the schema after the 100-byte file header; its b-tree header is garbage now.
      raf.seek(100);
      raf.write(garbage(3996));
    }
    Snapshot before = Snapshot.of(file);
    assertMentions(refused(file), "damaged", "restore it from a backup", "move the file's -wal and -shm files away together with it");
    before.assertUnchanged();
  }

  @Test
  void damagedRowPagesAreFoundByTheFirstReadNamingTheFile() throws Exception {
    Path file = database("rows.db");
    long pages = Files.size(file) / 4096;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      for (long page = pages / 3; page < 2 * pages / 3; page++) {
        raf.seek(page * 4096);
        raf.write(garbage(4096));
      }
    }
    Snapshot before = Snapshot.of(file);
    // The schema pages are intact, so the open succeeds: SQLite reads row pages only on demand,
    // and checking every page at each open would cost a read of the whole file.
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      MetricsException e = assertThrows(MetricsException.class, () -> new RunDao(db).list(1000, 0));
      assertMentions(e, file.toString(), "damaged", "restore it from a backup", "move the file's -wal and -shm files away together with it");
    }
    before.assertUnchanged();
  }

  @Test
  void aDatabaseOfAnotherApplicationIsLeftAsItWas() throws Exception {
    Path file = temp.resolve("notes.db");
    Databases.execute(
        file,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO notes (body) VALUES ('buy milk'), ('call back')");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    Snapshot before = Snapshot.of(file);
    // Not a WAL file: switching it to WAL before refusing it would rewrite its header.
    assertEquals(1, before.bytes()[18]);
    assertMentions(refused(file), "not created by gao-metrics", "notes");
    before.assertUnchanged();
  }

  @Test
  void aDatabaseOfAnotherSchemaIsLeftAsItWas() throws Exception {
    Path file = database("other-schema.db");
    Snapshot before = Snapshot.of(file);
    DatabaseOpenException e =
        assertThrows(
            DatabaseOpenException.class,
            () -> MetricsDatabase.open(Versions.schema(1), file));
    assertMentions(e, file.toString(), "TestMetrics", Versions.NAME);
    before.assertUnchanged();
  }

  @Test
  void aRollbackJournalFileOfAnotherSchemaIsRefusedBeforeItsHeaderChanges() throws Exception {
    Path file = database("restored.db");
    Databases.execute(file, "PRAGMA journal_mode = DELETE");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    Snapshot before = Snapshot.of(file);
    assertEquals(1, before.bytes()[18]);
    DatabaseOpenException e =
        assertThrows(
            DatabaseOpenException.class, () -> MetricsDatabase.open(Versions.schema(1), file));
    assertMentions(e, file.toString(), "TestMetrics", "left unchanged");
    before.assertUnchanged();
    // Its own schema opens it, switching it back to WAL.
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      assertEquals(400, db.rowCount("benchmark_runs"));
    }
    assertEquals(2, Files.readAllBytes(file)[18]);
  }

  @Test
  void aRollbackJournalFileWithADamagedSchemaIsRefusedUnchanged() throws Exception {
    Path file = temp.resolve("broken-notes.db");
    Databases.execute(
        file,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO notes (body) VALUES ('buy milk')");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(100);
      raf.write(garbage(3996));
    }
    Snapshot before = Snapshot.of(file);
    assertMentions(refused(file), "damaged", "restore it from a backup", "move the file's -wal and -shm files away together with it");
    before.assertUnchanged();
  }

  @Test
  void aDatabaseNewerThanTheCodeIsLeftAsItWas() throws Exception {
    Path file = temp.resolve("newer.db");
    MetricsDatabase.open(Versions.schema(3), file).close();
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    Snapshot before = Snapshot.of(file);
    SchemaVersionException e =
        assertThrows(
            SchemaVersionException.class, () -> MetricsDatabase.open(Versions.schema(2), file));
    assertMentions(e, file.toString(), "version 3", "records no steps down", "restore a backup", "move the file's -wal and -shm files away together with it");
    before.assertUnchanged();
  }

  @Test
  void planningAMigrationOfABadFileLeavesItAndItsFolderAsTheyWere() throws Exception {
    Path file = temp.resolve("plan.db");
    MetricsDatabase.open(Versions.schema(3), file).close();
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    Snapshot before = Snapshot.of(file);
    // A read-only connection would leave -wal and -shm behind; the dry run removes them.
    assertThrows(
        SchemaVersionException.class, () -> MetricsDatabase.plan(Versions.schema(2), file, 2));
    before.assertUnchanged();
    assertEquals(3, MetricsDatabase.plan(Versions.schema(3), file, 3).storedVersion());
    before.assertUnchanged();

    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - 100);
    }
    Snapshot cut = Snapshot.of(file);
    DatabaseOpenException e =
        assertThrows(
            DatabaseOpenException.class, () -> MetricsDatabase.plan(Versions.schema(3), file, 3));
    assertMentions(e, file.toString(), "truncated");
    cut.assertUnchanged();
  }

  @Test
  void aReadOnlyFileIsRefusedEvenForAUserWhomPermissionsDoNotStop() throws Exception {
    Path file = database("readonly.db");
    assumeTrue(posix(), "the file system has no POSIX permissions");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    Snapshot before = Snapshot.of(file);
    // The runtime reads the permission bits itself, so this holds even when running as root.
    assertMentions(refused(file), "read-only", "chmod u+rw");
    before.assertUnchanged();
  }

  @Test
  void aReadOnlyFolderIsRefusedBecauseSqliteMustCreateSideFiles() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("locked"));
    Path file = database("locked/metrics.db");
    assumeTrue(posix(), "the file system has no POSIX permissions");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Snapshot before = Snapshot.of(file);
      DatabaseOpenException e = refused(file);
      assertMentions(e, "folder " + folder, "metrics.db-wal", "chmod u+w");
      before.assertUnchanged();
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aNewFileInAReadOnlyFolderIsNotCreated() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("closed"));
    assumeTrue(posix(), "the file system has no POSIX permissions");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Path file = folder.resolve("metrics.db");
      assertMentions(refused(file), "folder " + folder, "chmod u+w");
      assertEquals(List.of(), Snapshot.names(folder));
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aPathThatIsAFolderIsRefusedAndLeftEmpty() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("metrics.db"));
    DatabaseOpenException e = refused(folder);
    assertMentions(e, "is a folder", folder.resolve("metrics.db").toString());
    assertEquals(List.of(), Snapshot.names(folder));
    assertEquals(List.of("metrics.db"), Snapshot.names(temp));
  }

  private boolean posix() throws IOException {
    return Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  private static byte[] garbage(int length) {
    byte[] bytes = new byte[length];
    new Random(42).nextBytes(bytes);
    return bytes;
  }
}

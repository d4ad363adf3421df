package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local user must not be able to change a database behind its owner's back. SQLite
 * replays a {@code -wal} and rolls back a {@code -journal} it finds beside a database, whoever wrote
 * them, so the runtime refuses a database in a folder others can write and side files of another
 * user. The second user is real: {@code nobody} (uid 65534), through util-linux's {@code setpriv}.
 */
class LocalSecurityTest {
  private static final String OTHER_UID = "65534";

  @TempDir Path temp;

  @BeforeEach
  void openToOthers() throws IOException {
    // The other user must be able to reach the folders the tests share with it.
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aWalPlantedByAnotherUserInAStickySharedFolderIsRefusedAndNeverReplayed() throws Exception {
    // The owner's database, made in a folder of its own that is opened to everyone afterwards (as
    // when a file is kept in /tmp or a shared project folder).
    Path shared = folder("shared", "rwx------");
    Path file = shared.resolve("m.db");
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      RunDao runs = new RunDao(db);
      for (int i = 0; i < 20; i++) {
        runs.insert(Run.of("real-" + i, Instant.EPOCH.plusSeconds(i), "p" + i));
      }
    }
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    setSticky(shared);
    assertEquals("rw-------", permissions(file));
    byte[] before = Files.readAllBytes(file);

    // The other user builds a database of the same schema with a run of its own, keeps the
    // write-ahead log of its last transaction, and plants it beside the owner's file.
    Path wal = attackerWal();
    asOtherUser("cp " + wal + " " + shared.resolve("m.db-wal"));
    assertEquals(OTHER_UID, owner(shared.resolve("m.db-wal")));

    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(refused.getMessage().contains("its folder " + shared.toRealPath()), refused.getMessage());
    assertTrue(refused.getMessage().contains("writable by every user (rwxrwxrwt)"), refused.getMessage());
    assertTrue(refused.getMessage().contains("chmod go-w " + shared.toRealPath()), refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "the database file is untouched");

    // With the folder closed to others, the planted file is still refused, by its owner.
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(
        refused.getMessage().contains(shared.resolve("m.db-wal") + " beside it belongs to user nobody (uid 65534)")
            || refused.getMessage().contains(shared.resolve("m.db-wal") + " beside it belongs to user 65534"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("delete " + shared.resolve("m.db-wal")), refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "the database file is untouched");

    // Once it is gone, the owner's runs are all there and nothing of the other user's.
    Files.delete(shared.resolve("m.db-wal"));
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      RunDao runs = new RunDao(db);
      assertEquals(20, runs.count());
      assertTrue(runs.findById("planted").isEmpty());
    }
  }

  @Test
  void theAttackWorksOnAPlainConnectionWhichIsWhyTheRuntimeRefusesIt() throws Exception {
    // The same planted log through SQLite alone: it replaces what the owner stored.
    Path own = folder("own", "rwx------");
    Path file = own.resolve("m.db");
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      new RunDao(db).insert(Run.of("real-1", Instant.EPOCH, "p"));
    }
    Files.copy(attackerWal(), own.resolve("m.db-wal"));
    assertEquals(List.of("planted"), Databases.column(file, "SELECT run_id FROM benchmark_runs"));
  }

  @Test
  void sideFilesOfAnotherUserAreRefusedInAFolderOnlyTheOwnerWrites() throws Exception {
    for (String suffix : List.of("-wal", "-shm", "-journal")) {
      Path folder = folder("side" + suffix, "rwxr-xr-x");
      Path file = folder.resolve("m.db");
      MetricsDatabase.open(TestSchema.SCHEMA, file).close();
      Path side = folder.resolve("m.db" + suffix);
      Files.write(side, new byte[0]);
      chownToOther(side);
      DatabaseOpenException refused =
          assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
      assertTrue(refused.getMessage().contains(side + " beside it belongs to user"), refused.getMessage());
      DatabaseOpenException planned =
          assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.plan(TestSchema.SCHEMA, file, 1));
      assertTrue(planned.getMessage().contains(side.toString()), planned.getMessage());
    }
  }

  @Test
  void aSideFileThatIsALinkIsRefused() throws Exception {
    Path folder = folder("linked", "rwx------");
    Path file = folder.resolve("m.db");
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    Path elsewhere = Files.writeString(temp.resolve("elsewhere"), "");
    Files.createSymbolicLink(folder.resolve("m.db-journal"), elsewhere);
    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(
        refused.getMessage().contains(folder.resolve("m.db-journal") + " beside it is not a regular file"),
        refused.getMessage());
  }

  @Test
  void aNewDatabaseIsNotCreatedInAFolderOthersCanWrite() throws Exception {
    Path shared = folder("shared-new", "rwxrwxrwx");
    setSticky(shared);
    Path file = shared.resolve("m.db");
    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(refused.getMessage().startsWith("Cannot create database file " + file), refused.getMessage());
    assertTrue(refused.getMessage().contains("mkdir -m 700"), refused.getMessage());
    assertEquals(List.of(), list(shared), "nothing was created");

    // A new folder of its own inside the shared one is fine: nobody else can write there.
    Path inside = shared.resolve("mine/m.db");
    MetricsDatabase.open(TestSchema.SCHEMA, inside).close();
    assertEquals("rwx------", permissions(inside.getParent()));
  }

  @Test
  void aFolderOfAGroupIsRefusedButTheOwnersPrivateGroupIsNot() throws Exception {
    Path group = folder("group", "rwxrwxr-x");
    UserPrincipalLookupService users = temp.getFileSystem().getUserPrincipalLookupService();
    GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
    Files.getFileAttributeView(group, PosixFileAttributeView.class).setGroup(nogroup);
    Path file = group.resolve("m.db");
    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(refused.getMessage().contains("writable by the group nogroup"), refused.getMessage());

    // The owner's own group (root's is named root, as Debian's private groups are named as their
    // user) adds no other writer.
    String ownName = Files.getOwner(temp).getName();
    Files.getFileAttributeView(group, PosixFileAttributeView.class)
        .setGroup(users.lookupPrincipalByGroupName(ownName));
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    assertTrue(Files.isRegularFile(file));
  }

  @Test
  void aFolderAboveThatOthersCouldSwapIsRefusedUnlessSticky() throws Exception {
    Path open = folder("open", "rwxrwxrwx");
    Path mine = Files.createDirectory(open.resolve("mine"));
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
    Path file = mine.resolve("m.db");
    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(
        refused.getMessage().contains("the folder " + open.toRealPath() + " above it is writable by every user and not sticky"),
        refused.getMessage());
    setSticky(open);
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    assertTrue(Files.isRegularFile(file));
  }

  @Test
  void aFolderOfAnotherUserIsRefused() throws Exception {
    Path theirs = folder("theirs", "rwxr-xr-x");
    Path file = theirs.resolve("m.db");
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    chownToOther(theirs);
    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, file));
    assertTrue(refused.getMessage().contains("its folder " + theirs.toRealPath() + " belongs to user"), refused.getMessage());
  }

  @Test
  void aLinkToNothingCreatesItsTargetOwnerOnly() throws Exception {
    Path folder = folder("links", "rwx------");
    Path relative = Files.createSymbolicLink(folder.resolve("relative.db"), Path.of("sub/target.db"));
    Path absolute = Files.createSymbolicLink(folder.resolve("absolute.db"), folder.resolve("other.db"));
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, relative)) {
      assertEquals(folder.resolve("sub/target.db"), db.file().orElseThrow());
    }
    MetricsDatabase.open(TestSchema.SCHEMA, absolute).close();
    assertEquals("rw-------", permissions(folder.resolve("sub/target.db")));
    assertEquals("rwx------", permissions(folder.resolve("sub")));
    assertEquals("rw-------", permissions(folder.resolve("other.db")));
    assertTrue(Files.isSymbolicLink(relative), "the link is kept");
    // Reopened through the link, the database is the same file.
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, relative)) {
      new RunDao(db).insert(Run.of("r1", Instant.EPOCH, "p"));
    }
    assertEquals(List.of("r1"), Databases.column(folder.resolve("sub/target.db"), "SELECT run_id FROM benchmark_runs"));
  }

  @Test
  void aLoopOfLinksIsRefusedNamingThePath() throws Exception {
    Path folder = folder("loop", "rwx------");
    Path a = folder.resolve("a.db");
    Path b = folder.resolve("b.db");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    DatabaseOpenException refused =
        assertThrows(DatabaseOpenException.class, () -> MetricsDatabase.open(TestSchema.SCHEMA, a));
    assertTrue(refused.getMessage().contains(a + ": it is a chain of more than 40 symbolic links"), refused.getMessage());
    assertFalse(Files.exists(folder.resolve("c.db")));
  }

  /**
   * The write-ahead log of a database of the test schema that holds only a run "planted", as a
   * user who can write the owner's folder would make it with SQLite alone.
   */
  private Path attackerWal() throws Exception {
    Path theirs = folder("attacker-" + System.nanoTime(), "rwxr-xr-x");
    Path file = theirs.resolve("t.db");
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();
    Path wal = temp.resolve("planted-" + System.nanoTime() + ".wal");
    try (Connection connection = Databases.connect(file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA wal_autocheckpoint = 0");
      statement.execute(
          "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name)"
              + " VALUES ('planted', '1970-01-01T00:00:00.000000000Z', 'p', 'b')");
      // Copied while the connection is open: closing it would checkpoint the log into t.db.
      Files.copy(theirs.resolve("t.db-wal"), wal);
    }
    Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-r--r--"));
    return wal;
  }

  private Path folder(String name, String permissions) throws IOException {
    Path folder = Files.createDirectory(temp.resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions));
    return folder;
  }

  private static void setSticky(Path folder) throws Exception {
    run(List.of("chmod", "+t", folder.toString()));
  }

  private static void chownToOther(Path path) throws Exception {
    run(List.of("chown", "-h", OTHER_UID + ":" + OTHER_UID, path.toString()));
  }

  private static void asOtherUser(String shell) throws Exception {
    run(List.of("setpriv", "--reuid=" + OTHER_UID, "--regid=" + OTHER_UID, "--clear-groups", "sh", "-c", shell));
  }

  private static void run(List<String> command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail(command.get(0) + " is not installed (" + e.getMessage() + "); it is part of util-linux/coreutils");
      return;
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command + " did not finish");
    }
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.exitValue(), command + ": " + output);
  }

  private static String owner(Path path) throws IOException {
    return Files.getAttribute(path, "unix:uid").toString();
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<String> list(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.permissions;
import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --output} and {@code --split} never destroy data: the database, its side files,
 * any SQLite database and folders are refused even with {@code --force}, other files are replaced
 * only with it, and a refused or failed export writes nothing. Run through the real command line
 * on real files.
 */
class OutputFilesTest {
  @TempDir Path folder;

  private Path db;
  private List<CompleteRun> runs;

  @BeforeEach
  void recordRuns() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(61, Instant.parse("2026-06-01T07:00:00Z")).matrix(1);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
  }

  private Result export(String... args) {
    return CliRun.export(db, args);
  }

  /** The refusal: exit 2, one line on standard error naming the file and saying what to do. */
  private static void assertRefused(Result result, Path named, String because) {
    assertEquals(2, result.exitCode(), result.all());
    assertEquals("", result.out());
    assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
    assertTrue(result.err().startsWith("gao-metrics export: "), result.err());
    assertTrue(result.err().contains(named.toString()), named + " is named: " + result.err());
    assertTrue(result.err().contains(because), because + ": " + result.err());
  }

  private void assertNoPartialFiles(Path in) throws Exception {
    try (Stream<Path> files = Files.walk(in)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no temporary file is left");
    }
  }

  @Test
  void theDatabaseItselfIsRefusedUnderEveryNameEvenWithForce() throws Exception {
    byte[] before = Files.readAllBytes(db);
    Files.createSymbolicLink(folder.resolve("link.db"), db);
    Files.createDirectory(folder.resolve("sub"));
    Files.createLink(folder.resolve("hard.db"), db);
    for (String name : new String[] {
        db.toString(), folder + "/./metrics.db", folder + "/sub/../metrics.db", folder.resolve("link.db").toString(),
        folder.resolve("hard.db").toString()}) {
      for (String format : new String[] {"json", "csv"}) {
        assertRefused(export("--format", format, "--output", name), db, "it is the metrics database being read");
        assertRefused(export("--format", format, "--force", "--output", name), db,
            "it is the metrics database being read");
      }
    }
    // Relative to the working folder, as a user types it.
    Path relative = Path.of("").toAbsolutePath().relativize(db);
    assertRefused(export("--output", "./" + relative), db, "metrics database being read");
    assertArrayEquals(before, Files.readAllBytes(db), "the database is unchanged");
    assertNoPartialFiles(folder);
  }

  @Test
  void theDatabasesWalShmAndJournalAreRefusedWhetherOrNotTheyExist() throws Exception {
    for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
      Path side = folder.resolve("metrics.db" + suffix);
      assertFalse(Files.exists(side), suffix + " is gone once the database is closed");
      assertRefused(export("--force", "--output", side.toString()), side, "the " + suffix + " file of the metrics database");
      assertFalse(Files.exists(side), suffix + " was not created");
    }
    // While a writer holds the database open, its -wal and -shm exist and hold its pages.
    try (BenchmarkStore writer = BenchmarkStore.open(db)) {
      writer.record(new DemoRuns(62, Instant.parse("2026-07-01T07:00:00Z")).next("todo-app", "bugfix-suite", "1.0.0"));
      Path wal = folder.resolve("metrics.db-wal");
      Path shm = folder.resolve("metrics.db-shm");
      assertTrue(Files.size(wal) > 0, "the -wal file holds the new run");
      byte[] walBefore = Files.readAllBytes(wal);
      byte[] shmBefore = Files.readAllBytes(shm);
      assertRefused(export("--output", wal.toString()), wal, "the -wal file of the metrics database");
      assertRefused(export("--force", "--output", wal.toString()), wal, "the -wal file of the metrics database");
      assertRefused(export("--force", "--output", shm.toString()), shm, "the -shm file of the metrics database");
      Files.createSymbolicLink(folder.resolve("wal-link"), wal);
      assertRefused(export("--force", "--output", folder.resolve("wal-link").toString()), wal, "-wal file");
      assertArrayEquals(walBefore, Files.readAllBytes(wal), "the -wal file is unchanged");
      assertArrayEquals(shmBefore, Files.readAllBytes(shm), "the -shm file is unchanged");
    }
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(runs.size() + 1, store.runs().count(), "the run in the -wal file reached the database");
    }
  }

  @Test
  void anySqliteDatabaseIsRefusedEvenWithForce() throws Exception {
    Path other = folder.resolve("other-metrics.db");
    try (BenchmarkStore store = BenchmarkStore.open(other)) {
      store.recordAll(runs.subList(0, 2));
    }
    Path plain = folder.resolve("notes.sqlite");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + plain);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE note (text TEXT)");
      statement.execute("INSERT INTO note VALUES ('keep me')");
    }
    for (Path database : List.of(other, plain)) {
      byte[] before = Files.readAllBytes(database);
      assertRefused(export("--output", database.toString()), database, "it is a SQLite database");
      assertRefused(export("--force", "--output", database.toString()), database, "which --force never replaces");
      assertRefused(run("y\n", true, "export", "--db", db.toString(), "--output", database.toString()), database,
          "it is a SQLite database");
      assertArrayEquals(before, Files.readAllBytes(database), database + " is unchanged");
    }
    assertNoPartialFiles(folder);
  }

  @Test
  void anExistingFileIsReplacedOnlyWithForceOrAYesOnATerminal() throws Exception {
    Path notes = Files.writeString(folder.resolve("notes.txt"), "my notes\n");
    Result refused = export("--output", notes.toString());
    assertRefused(refused, notes, "exists; pass --force to replace it, or choose another path");
    assertEquals("my notes\n", Files.readString(notes));

    Result declined = run("n\n", true, "export", "--db", db.toString(), "--output", notes.toString());
    assertEquals(0, declined.exitCode(), declined.all());
    assertTrue(declined.err().contains("replace " + notes + "? [y/N]"), declined.err());
    assertEquals("nothing written\n", declined.out());
    assertEquals("my notes\n", Files.readString(notes));
    Result noAnswer = run("", true, "export", "--db", db.toString(), "--output", notes.toString());
    assertEquals(0, noAnswer.exitCode(), noAnswer.all());
    assertEquals("my notes\n", Files.readString(notes), "no answer is no");

    Result accepted = run("y\n", true, "export", "--db", db.toString(), "--output", notes.toString());
    assertEquals(0, accepted.exitCode(), accepted.all());
    assertEquals(runs.size(), RunDocument.mapper().readTree(notes.toFile()).size());

    Files.writeString(notes, "my notes again\n");
    Result forced = export("--format", "jsonl", "--force", "--output", notes.toString());
    assertEquals(0, forced.exitCode(), forced.all());
    assertEquals("", forced.out());
    List<String> lines = Files.readAllLines(notes);
    assertEquals(runs.size(), lines.size());
    for (String line : lines) {
      JsonNode doc = RunDocument.mapper().readTree(line);
      assertTrue(runs.stream().anyMatch(r -> r.runId().equals(doc.get("run_id").textValue())));
    }
    if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
      assertEquals("rw-------", permissions(notes), "the replaced file is readable by its owner only");
    }
    // A link to a plain file is followed, as a shell's > follows it: the file it names is replaced.
    Path target = Files.writeString(folder.resolve("target.txt"), "old\n");
    Path link = Files.createSymbolicLink(folder.resolve("target-link.txt"), target);
    assertEquals(0, export("--force", "--output", link.toString()).exitCode());
    assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    assertEquals(runs.size(), RunDocument.mapper().readTree(target.toFile()).size());
    assertNoPartialFiles(folder);
  }

  @Test
  void aFolderEmptyOrNotIsRefusedEvenWithForce() throws Exception {
    Path empty = Files.createDirectory(folder.resolve("empty"));
    Path full = Files.createDirectory(folder.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "keep");
    for (Path dir : List.of(empty, full)) {
      assertRefused(export("--output", dir.toString()), dir, "it is a folder, which is never replaced");
      assertRefused(export("--force", "--output", dir.toString()), dir, "it is a folder");
      assertRefused(run("y\n", true, "export", "--db", db.toString(), "--output", dir.toString()), dir, "it is a folder");
    }
    try (Stream<Path> files = Files.list(empty)) {
      assertEquals(0, files.count(), "the empty folder stays empty");
    }
    try (Stream<Path> files = Files.list(full)) {
      assertEquals(List.of(full.resolve("keep.txt")), files.toList());
    }
    assertEquals("keep", Files.readString(full.resolve("keep.txt")));
    // A file given as a folder of the output is refused too.
    Path notes = Files.writeString(folder.resolve("notes.txt"), "notes");
    Path under = notes.resolve("runs.json");
    assertRefused(export("--output", under.toString()), notes, "is a file, not a folder");
    assertEquals("notes", Files.readString(notes));
  }

  @Test
  void aDeviceIsRefusedRatherThanReplaced() {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "no /dev/null device");
    assertRefused(export("--force", "--output", devNull.toString()), devNull, "it is not a regular file");
    assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "/dev/null is still a device");
  }

  @Test
  void missingFoldersAreCreatedOwnerOnly() throws Exception {
    Path file = folder.resolve("exports/2026/june/runs.json");
    Result result = export("--output", file.toString());
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(runs.size(), RunDocument.mapper().readTree(file.toFile()).size());
    if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
      assertEquals("rwx------", permissions(folder.resolve("exports")));
      assertEquals("rwx------", permissions(folder.resolve("exports/2026")));
      assertEquals("rwx------", permissions(folder.resolve("exports/2026/june")));
      assertEquals("rw-------", permissions(file));
    }
    // An export of nothing creates no folder either.
    Result nothing = export("--project", "none", "--output", folder.resolve("empty/nested/runs.json").toString());
    assertEquals(0, nothing.exitCode(), nothing.all());
    assertFalse(Files.exists(folder.resolve("empty")), "no folder for an export of nothing");
  }

  @Test
  void aFailedExportLeavesNoHalfFileAndTheOldFileAsItWas() throws Exception {
    // A damaged database: a run in the middle of the order lost its performance row, so the export
    // fails after it wrote the runs before it.
    String damaged = runs.get(runs.size() / 2).runId();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM performance_metrics WHERE run_id = '" + damaged + "'");
    }
    Path old = Files.writeString(folder.resolve("runs.json"), "the previous export\n");
    for (String format : new String[] {"json", "jsonl"}) {
      Result failed = export("--format", format, "--force", "--output", old.toString());
      assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, failed.exitCode(), failed.all());
      assertTrue(failed.err().contains(damaged) && failed.err().contains("performance_metrics"), failed.err());
      assertEquals("the previous export\n", Files.readString(old));
      Path fresh = folder.resolve("fresh/runs." + format);
      Result failedFresh = export("--format", format, "--output", fresh.toString());
      assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, failedFresh.exitCode(), failedFresh.all());
      assertFalse(Files.exists(fresh), "no half file");
      assertNoPartialFiles(folder);
    }
  }

  @Test
  void splitChecksEveryFileAndWritesNoneWhenOneIsRefused() throws Exception {
    Path dir = Files.createDirectory(folder.resolve("csv"));
    Path quality = dir.resolve("quality.csv");
    try (BenchmarkStore store = BenchmarkStore.open(quality)) {
      store.recordAll(runs.subList(0, 1));
    }
    byte[] before = Files.readAllBytes(quality);
    Result refused = export("--format", "csv", "--split", dir.toString(), "--force");
    assertRefused(refused, quality, "it is a SQLite database");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(quality), files.toList(), "no other file was written");
    }
    assertArrayEquals(before, Files.readAllBytes(quality));

    Files.delete(quality);
    Files.createDirectory(quality);
    assertRefused(export("--format", "csv", "--split", dir.toString(), "--force"), quality, "it is a folder");
    Files.delete(quality);

    Path runsCsv = Files.writeString(dir.resolve("runs.csv"), "mine\n");
    assertRefused(export("--format", "csv", "--split", dir.toString()), runsCsv, "pass --force");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(runsCsv), files.toList(), "no other file was written");
    }
    assertEquals("mine\n", Files.readString(runsCsv));
    Result forced = export("--format", "csv", "--split", dir.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced.all());
    assertTrue(Files.readString(runsCsv).startsWith("run_id,timestamp,project_name,benchmark_name,version"));

    // The database as the folder, or inside the folder.
    assertRefused(export("--format", "csv", "--split", db.toString()), db, "is a file, not a folder");
    assertRefused(export("--format", "csv", "--split", folder.resolve("csv/../metrics.db").toString()), db,
        "is a file, not a folder");
    Path missing = folder.resolve("new/csv");
    Result created = export("--format", "csv", "--split", missing.toString());
    assertEquals(0, created.exitCode(), created.all());
    try (Stream<Path> files = Files.list(missing)) {
      assertEquals(List.of("autonomy.csv", "performance.csv", "quality.csv", "runs.csv", "workflow.csv"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
      assertEquals("rwx------", permissions(folder.resolve("new")));
      assertEquals("rwx------", permissions(missing));
      assertEquals("rw-------", permissions(missing.resolve("workflow.csv")));
    }
    assertNoPartialFiles(folder);
  }
}

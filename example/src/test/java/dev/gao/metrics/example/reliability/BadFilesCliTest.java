package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the command line cannot use: each command fails with the database exit code and one line
 * naming the file and what to do, and leaves the file and its folder as they were.
 */
class BadFilesCliTest {
  @TempDir Path folder;

  private record Snapshot(Path file, byte[] bytes, FileTime modified, List<String> names) {
    static Snapshot of(Path file) throws IOException {
      return new Snapshot(file, Files.readAllBytes(file), Files.getLastModifiedTime(file), names(file));
    }

    void assertUnchanged() throws IOException {
      assertArrayEquals(bytes, Files.readAllBytes(file), "content of " + file);
      assertEquals(modified, Files.getLastModifiedTime(file));
      assertEquals(names, names(file), "no -wal, -shm, -journal or backup files");
    }

    private static List<String> names(Path file) throws IOException {
      try (Stream<Path> entries = Files.list(file.getParent())) {
        return entries.map(path -> path.getFileName().toString()).sorted().toList();
      }
    }
  }

  private Path database() throws Exception {
    Path file = folder.resolve("metrics.db");
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      store.recordAll(new DemoRuns(3, Instant.parse("2026-01-01T00:00:00Z")).matrix(2));
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    return file;
  }

  private static void assertDatabaseError(Cli.Result result, Path file, String... parts) {
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), result.all());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().contains(file.toString()), result.err());
    for (String part : parts) {
      assertTrue(result.err().contains(part), "expected '" + part + "' in: " + result.err());
    }
  }

  @Test
  void aFileThatIsNotADatabase() throws Exception {
    Path file = Files.writeString(folder.resolve("metrics.db"), "name,score\nrun-1,3\n".repeat(100));
    Snapshot before = Snapshot.of(file);
    for (String command : List.of("status", "runs", "init")) {
      assertDatabaseError(Cli.run(command, "--db", file.toString()), file, "not a SQLite database");
    }
    before.assertUnchanged();
  }

  @Test
  void aTruncatedDatabase() throws Exception {
    Path file = database();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2 + 123);
    }
    Snapshot before = Snapshot.of(file);
    assertDatabaseError(Cli.run("runs", "--db", file.toString()), file, "truncated", "restore it from a backup", "move the file's -wal and -shm files away together with it");
    before.assertUnchanged();
  }

  @Test
  void aReadOnlyDatabaseRecordsNothing() throws Exception {
    Path file = database();
    assumeTrue(Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    Path input = Files.writeString(folder.resolve("run.jsonl"),
        RunDocument.write(new DemoRuns(4, Instant.parse("2026-02-01T00:00:00Z"))
            .next("todo-app", "bugfix-suite", "1.0.0")) + "\n", StandardCharsets.UTF_8);
    Snapshot before = Snapshot.of(file);
    Snapshot inputBefore = Snapshot.of(input);
    assertDatabaseError(Cli.run("record", "--db", file.toString(), input.toString()), file, "read-only",
        "chmod u+rw");
    before.assertUnchanged();
    inputBefore.assertUnchanged();
  }

  @Test
  void aDatabaseFromANewerVersionOfTheCode() throws Exception {
    Path file = database();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE gao_metrics_schema SET value = '99' WHERE key = 'schema_version'");
      statement.execute("PRAGMA user_version = 99");
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    Snapshot before = Snapshot.of(file);
    assertDatabaseError(Cli.run("runs", "--db", file.toString()), file, "version 99", "Open the file with code built for version 99", "restore a backup");
    before.assertUnchanged();
  }
}

package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gao.metrics.example.TableDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GAO-Dev's Python store writes in SQLite's rollback-journal mode: a writer killed mid-transaction
 * leaves {@code m.db-journal} holding the pages it changed, and the file itself half-written. SQLite
 * rolls such a hot journal back on the next read-write open; moving the file away without it makes
 * the half-written transaction permanent. Every command must first roll it back, or, where it may
 * not write the file, refuse with advice that keeps the journal.
 */
class HotJournalTest {
  /**
   * Updates every token-usage map and adds 3,000 runs in one transaction, with a page cache small
   * enough that changed pages are written into the file before the commit, then kills itself.
   */
  private static final String KILLED_WRITER =
      String.join(
          "\n",
          "import os, signal, sqlite3, sys",
          "c = sqlite3.connect(sys.argv[1], isolation_level=None)",
          "c.execute('PRAGMA cache_size = 10')",
          "c.execute('BEGIN')",
          "c.execute(\"UPDATE performance_metrics SET token_usage_by_agent = '{\\\"x\\\": 1}'\")",
          "for i in range(3000):",
          "    c.execute('INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, metadata)'",
          "              ' VALUES (?, ?, ?, ?, ?)', ('half-%d' % i, '2026-01-01T00:00:00Z', 'p', 'b', '{}' * 200))",
          "os.kill(os.getpid(), signal.SIGKILL)");

  @TempDir Path temp;

  @Test
  void everyCommandRollsTheInterruptedTransactionBackFirst() throws Exception {
    Path file = interruptedStore("m.db");
    List<List<String>> committed = committedState(file);

    Cli.Result plan = Cli.run("migrate", "--dry-run", "--db", file.toString());
    assertEquals(0, plan.exitCode(), plan.all());
    assertFalse(Files.exists(journal(file)), "the journal was rolled back and removed");
    assertEquals(committed, readOnly(file), "the file holds exactly what was committed");
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"));

    Cli.Result migrate = Cli.run("migrate", "--db", file.toString());
    assertEquals(0, migrate.exitCode(), migrate.all());
    Cli.Result runs = Cli.run("runs", "--limit", "0", "--db", file.toString());
    assertEquals(0, runs.exitCode(), runs.all());
    assertFalse(runs.out().contains("half-"), runs.out());
    assertEquals(List.of("24"), TableDump.column(file, "SELECT count(*) FROM benchmark_runs"));
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"));
  }

  @Test
  void aReadCommandOnAnInterruptedStoreListsOnlyCommittedRuns() throws Exception {
    Path file = interruptedStore("r.db");
    List<List<String>> committed = committedState(file);
    // status reads the file as stored; the roll back happens before anything is read.
    Cli.Result status = Cli.run("status", "--db", file.toString());
    assertEquals(0, status.exitCode(), status.all());
    assertFalse(Files.exists(journal(file)));
    assertEquals(committed, readOnly(file));
  }

  @Test
  void aFileThisUserMayNotWriteIsRefusedWithAdviceThatKeepsTheJournal() throws Exception {
    Path file = interruptedStore("ro.db");
    byte[] database = Files.readAllBytes(file);
    byte[] undo = Files.readAllBytes(journal(file));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    for (List<String> command :
        List.of(List.of("status"), List.of("runs"), List.of("migrate", "--dry-run"), List.of("migrate"))) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--db", file.toString()));
      Cli.Result result = Cli.run(args.toArray(String[]::new));
      assertEquals(3, result.exitCode(), command + ": " + result.all());
      String line = result.err().strip();
      assertEquals(1, line.lines().count(), line);
      assertTrue(line.contains("ro.db-journal beside it holds a transaction that was not finished"), line);
      assertTrue(line.contains("cp " + file + " " + file + "-journal"), line);
      assertArrayEquals(database, Files.readAllBytes(file), command + " left the file as it was");
      assertArrayEquals(undo, Files.readAllBytes(journal(file)), command + " left the journal as it was");
    }
  }

  /** GAO-Dev's Python store with a writer killed in the middle of a large transaction. */
  private Path interruptedStore(String name) throws Exception {
    Path file = temp.resolve(name);
    Files.copy(Path.of("src/test/resources/fixtures/legacy-python-store.db"), file);
    Process python;
    try {
      python =
          new ProcessBuilder("python3", "-c", KILLED_WRITER, file.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      fail("python3 is not installed (" + e.getMessage() + "); install Debian's python3");
      throw e;
    }
    assertTrue(python.waitFor(60, TimeUnit.SECONDS), "the writer finished");
    assertEquals(128 + 9, python.exitValue(), new String(python.getInputStream().readAllBytes()));
    assertTrue(Files.size(journal(file)) > 0, "the writer left a hot journal");
    return file;
  }

  /**
   * What the file holds once SQLite rolls the journal back: read from a copy of both files, so the
   * originals stay hot.
   */
  private List<List<String>> committedState(Path file) throws Exception {
    Path copy = Files.createDirectory(temp.resolve("copy-" + file.getFileName()));
    Files.copy(file, copy.resolve("c.db"));
    Files.copy(journal(file), copy.resolve("c.db-journal"));
    List<List<String>> state = readOnlyAfterRollback(copy.resolve("c.db"));
    assertEquals(List.of("24"), state.get(0), "the 24 committed runs");
    return state;
  }

  private static List<List<String>> readOnlyAfterRollback(Path file) throws Exception {
    // A plain read-write connection rolls the copy's journal back, as SQLite always does.
    TableDump.column(file, "SELECT count(*) FROM sqlite_master");
    return readOnly(file);
  }

  private static List<List<String>> readOnly(Path file) throws Exception {
    List<List<String>> state = new ArrayList<>();
    state.add(TableDump.column(file, "SELECT count(*) FROM benchmark_runs"));
    state.add(TableDump.column(file, "SELECT run_id || ':' || ifnull(token_usage_by_agent, '') FROM performance_metrics ORDER BY id"));
    return state;
  }

  private static Path journal(Path file) {
    return file.resolveSibling(file.getFileName() + "-journal");
  }
}

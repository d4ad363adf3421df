package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that finds no room: the file reaches SQLite's {@code max_page_count} in the middle of a
 * transaction, or a process under {@code ulimit -f} grows it past the limit. The caller gets a
 * clear error naming the file, the run being recorded is not stored at all, every run before it is
 * whole, the file stays intact, and once the limit is gone the file takes writes again.
 */
class DiskFullTest {
  private static final long SEED = Long.getLong("gao.reliability.seed", 20_261_126L);
  /** Runs recorded before the limit; enough for several pages per table. */
  private static final int BEFORE = 40;

  @TempDir Path folder;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aTransactionThatReachesMaxPageCountRollsBackWithAClearError() throws Exception {
    Path file = folder.resolve("metrics.db");
    RunSequence runs = new RunSequence(SEED);
    List<CompleteRun> recorded = new ArrayList<>();
    // One connection, so that the limit set on it applies to every write.
    try (MetricsDatabase database =
        MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file).poolSize(1).open()) {
      BenchmarkStore store = new BenchmarkStore(database);
      for (int i = 0; i < BEFORE; i++) {
        store.record(runs.get(i));
        recorded.add(runs.get(i));
      }
      // Offer runs with room for one more page each, until one fails part-way: its first rows
      // took the free page and a later row needs another. Every run that fails must leave no row.
      String context = "max_page_count, seed " + SEED;
      List<CompleteRun> failed = new ArrayList<>();
      String midTransaction = null;
      String firstMessage = null;
      for (int i = BEFORE; i < BEFORE + 500 && midTransaction == null; i++) {
        // Set before every run: the limit belongs to a connection, and a connection the pool
        // opens later starts without it.
        long limit = database.read(tx -> pragma(tx.connection(), "page_count")) + 1;
        assertEquals(limit, setMaxPageCount(database, limit));
        try {
          store.record(runs.get(i));
          recorded.add(runs.get(i));
        } catch (StorageException e) {
          String message = e.getMessage();
          firstMessage = firstMessage == null ? message : firstMessage;
          assertTrue(message.contains(file.toString()), "names the file: " + message);
          assertTrue(message.contains("is full while writing table "), "says so: " + message);
          assertTrue(message.contains("max_page_count"), "names the limit: " + message);
          assertEquals(
              0,
              e.getSuppressed().length,
              "SQLite rolled back by itself; the rollback's own failure is not reported: "
                  + java.util.Arrays.toString(e.getSuppressed()));
          failed.add(runs.get(i));
          assertFalse(store.runs().exists(runs.get(i).runId()), "rolled back: " + message);
          if (!message.contains("table benchmark_runs")) {
            midTransaction = message;
          }
        }
      }
      assertNotNull(midTransaction, "a run failed after its first row: " + firstMessage);
      System.out.printf(
          "max_page_count: %d runs fitted, %d failed and left nothing; mid-transaction: %s%n",
          recorded.size(), failed.size(), midTransaction);

      StoredRuns.assertIntact(file, context);
      for (CompleteRun run : recorded) {
        StoredRuns.assertWhole(store, run, context);
      }
      assertEquals(recorded.size(), store.runs().count());

      // A batch that cannot fit is stored not at all either.
      long now = database.read(tx -> pragma(tx.connection(), "page_count"));
      setMaxPageCount(database, now + 2);
      List<CompleteRun> batch = runs.range(BEFORE + 1_000, 5);
      StorageException batchFailure =
          assertThrows(StorageException.class, () -> store.recordAll(batch));
      assertTrue(batchFailure.getMessage().contains(file.toString()), batchFailure.getMessage());
      for (CompleteRun run : batch) {
        assertFalse(store.runs().exists(run.runId()), "the failed batch was rolled back");
      }
      assertEquals(recorded.size(), StoredRuns.assertIntact(file, context));

      // With the limit raised, the same open database takes the failed runs.
      setMaxPageCount(database, 1_000_000);
      store.recordAll(failed);
      recorded.addAll(failed);
      for (CompleteRun run : failed) {
        StoredRuns.assertWhole(store, run, context);
      }
    }
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (CompleteRun run : recorded) {
        StoredRuns.assertWhole(store, run, "reopened after max_page_count");
      }
    }
    StoredRuns.assertIntact(file, "reopened after max_page_count");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aProcessThatHitsItsFileSizeLimitGetsAClearErrorAndLeavesAnIntactFile() throws Exception {
    Path file = folder.resolve("limited.db");
    RunSequence runs = new RunSequence(SEED);
    List<CompleteRun> recorded = new ArrayList<>();
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (int i = 0; i < BEFORE; i++) {
        store.record(runs.get(i));
        recorded.add(runs.get(i));
      }
    }
    // Closing checkpointed the log into the file; the child grows the log until the limit. The
    // limit is above the size of sqlite-jdbc's native library, which the child extracts first.
    long limitKib = 2_048;
    assertTrue(Files.size(file) < limitKib * 1024 / 2, "the file starts well below the limit");

    String name = "limited";
    Process child =
        ChildJvm.startWithFileSizeLimit(
            folder,
            name,
            limitKib,
            DiskFullChild.class,
            file.toString(),
            Long.toString(SEED),
            Integer.toString(BEFORE),
            "5000");
    List<String> lines;
    String outcome;
    try {
      ChildOutput output = ChildOutput.of(child, folder, name);
      lines = output.awaitEnd(Duration.ofSeconds(90));
      outcome = output.describe();
    } finally {
      ChildJvm.destroy(child);
    }
    // The JVM ignores SIGXFSZ, so the write fails instead of the process dying (exit 153).
    assertEquals(0, child.exitValue(), "the writer ended normally: " + outcome);
    String failedLine =
        lines.stream().filter(line -> line.startsWith("FAILED ")).findFirst().orElse(null);
    assertNotNull(
        failedLine,
        "a write failed at the limit; last lines: "
            + lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    System.out.println("ulimit -f " + limitKib + " KiB: " + failedLine);
    String[] failedParts = failedLine.split(" ", 4);
    assertEquals(StorageException.class.getName() + ":", failedParts[2], failedLine);
    assertTrue(failedParts[3].contains(file.toString()), "names the file: " + failedLine);
    assertTrue(failedParts[3].contains("size limit (ulimit -f)"), "names the limit: " + failedLine);

    int reported = 0;
    for (String line : lines) {
      if (line.startsWith("RUN ")) {
        CompleteRun run = runs.get(BEFORE + reported);
        assertEquals(run.runId(), line.substring("RUN ".length()), "runs in order");
        recorded.add(run);
        reported++;
      }
    }
    CompleteRun failed = runs.get(BEFORE + reported);
    assertEquals(failed.runId(), failedParts[1]);
    assertTrue(reported > 0, "runs fitted before the limit");

    String context = "ulimit -f, seed " + SEED;
    assertEquals(recorded.size(), StoredRuns.assertIntact(file, context), "only whole runs stored");
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertFalse(store.runs().exists(failed.runId()), "the failed run was rolled back");
      for (CompleteRun run : recorded) {
        StoredRuns.assertWhole(store, run, context);
      }
      // Without the limit the same file takes the failed run and more.
      for (int i = BEFORE + reported; i < BEFORE + reported + 50; i++) {
        store.record(runs.get(i));
        recorded.add(runs.get(i));
      }
      for (CompleteRun run : recorded) {
        StoredRuns.assertWhole(store, run, "after the limit was lifted");
      }
    }
    assertEquals(recorded.size(), StoredRuns.assertIntact(file, "after the limit was lifted"));
    System.out.printf(
        "ulimit -f: %d runs recorded before the limit, then %d after it was lifted%n",
        reported, 50);
  }

  private static long setMaxPageCount(MetricsDatabase database, long pages) {
    return database.inTransaction(
        tx -> {
          try (Statement statement = tx.connection().createStatement()) {
            statement.execute("PRAGMA max_page_count = " + pages);
          }
          return pragma(tx.connection(), "max_page_count");
        });
  }

  private static long pragma(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

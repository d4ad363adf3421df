package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gao-metrics copy} killed with SIGKILL while it copies a file's runs into a real
 * PostgreSQL server: the target holds only whole runs, in whole committed batches, and running the
 * same command again copies exactly the rest, skipping what is there, so that afterwards the
 * target holds every run of the file with every value.
 */
class CopyResumeTest {
  private static final int RUNS = 6_000;
  private static final int BATCH = 200;

  @TempDir Path folder;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aKilledCopyIsCompletedByRunningItAgain() throws Exception {
    Path file = folder.resolve("history.db");
    List<CompleteRun> runs = new DemoRuns(5, Instant.parse("2025-01-01T00:00:00Z")).matrix(RUNS / 15);
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      store.recordAll(runs);
    }
    String url = PostgresServer.newDatabase("copy_resume");
    try {
      Process child = null;
      long atKill;
      long started = System.nanoTime();
      try {
        child = ChildJvm.start(folder, "copy", GaoMetricsCli.class,
            "copy", "--from", file.toString(), "--to", url);
        atKill = awaitRuns(url, child, Duration.ofSeconds(90));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      } finally {
        ChildJvm.destroy(child);
      }
      String err = Files.readString(folder.resolve("copy.err"));
      assertEquals(ChildJvm.KILLED, child.exitValue(), "the copy ended before it was killed: " + err);
      long afterKill = StoredRuns.assertIntact(url, "after the kill");
      System.out.printf("copy killed after %.1f s with %,d of %,d runs in the target%n",
          (System.nanoTime() - started) / 1e9, afterKill, RUNS);
      assertTrue(afterKill >= atKill && afterKill < RUNS, afterKill + " runs after the kill");
      assertEquals(0, afterKill % BATCH, "only whole batches were committed: " + afterKill);

      long rerunStart = System.nanoTime();
      Cli.Result rerun = Cli.run("copy", "--from", file.toString(), "--to", url);
      double seconds = (System.nanoTime() - rerunStart) / 1e9;
      assertEquals(0, rerun.exitCode(), rerun.all());
      System.out.printf("the rerun copied %,d runs in %.1f s (%.0f runs/s, in-process, opening both included)%n",
          RUNS - afterKill, seconds, (RUNS - afterKill) / seconds);
      assertTrue(rerun.out().startsWith(String.format(java.util.Locale.ROOT, "copied %,d runs (", RUNS - afterKill)),
          rerun.out());
      assertTrue(rerun.out().contains(String.format(java.util.Locale.ROOT, "\nskipped %,d runs already in ", afterKill)),
          rerun.out());
      assertEquals(RUNS, StoredRuns.assertIntact(url, "after the rerun"));
      try (BenchmarkStore target = StoredRuns.open(url)) {
        for (CompleteRun run : runs) {
          StoredRuns.assertWhole(target, run, "after the rerun");
        }
      }
    } finally {
      PostgresServer.dropDatabase(url);
    }
  }

  /** Waits until the target holds some runs (at least one committed batch), the copy still running. */
  private static long awaitRuns(String url, Process child, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      long count = count(url);
      if (count > 0 || !child.isAlive()) {
        return count;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no run reached the target within " + limit);
  }

  private static long count(String url) throws Exception {
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement();
        ResultSet tables = statement.executeQuery("SELECT to_regclass('benchmark_runs') IS NOT NULL")) {
      tables.next();
      if (!tables.getBoolean(1)) {
        return 0;
      }
    }
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM benchmark_runs")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

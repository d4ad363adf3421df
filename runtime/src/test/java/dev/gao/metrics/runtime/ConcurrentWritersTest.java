package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
  private static final int THREADS = 8;
  private static final int UNITS_PER_THREAD = 1000;
  private static final int CHILDREN = 4;

  @TempDir Path temp;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void eightThreadsWriteCompleteRunsWithoutLosingOneOrSeeingBusy() throws Exception {
    // A short busy timeout: a writer of this process that had to wait on SQLite's lock would fail.
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA)
            .file(temp.resolve("m.db"))
            .busyTimeout(Duration.ofMillis(50))
            .open()) {
      RunDao runs = new RunDao(db);
      MetricDao metrics = new MetricDao(db);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          writers.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < UNITS_PER_THREAD; i++) {
                      String runId = "t" + thread + "-" + i;
                      Instant timestamp = Instant.ofEpochMilli(i);
                      db.runInTransaction(
                          tx -> {
                            runs.insert(Run.of(runId, timestamp, runId));
                            for (int c = 0; c < CHILDREN; c++) {
                              metrics.insert(Metric.of(runId, c, c));
                            }
                          });
                      if (i % 100 == 0) {
                        // Readers run alongside the writers.
                        runs.findById(runId).orElseThrow();
                      }
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
          writer.get(90, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(THREADS * UNITS_PER_THREAD, runs.count());
      assertEquals(THREADS * UNITS_PER_THREAD * CHILDREN, metrics.count());
      assertEquals(
          0L,
          (long)
              db.read(
                  tx -> {
                    try (var statement = tx.connection().createStatement();
                        var rs =
                            statement.executeQuery(
                                "SELECT count(*) FROM benchmark_runs r WHERE (SELECT count(*) FROM"
                                    + " performance_metrics m WHERE m.run_id = r.run_id) <> 4")) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  }));
      assertEquals(0, db.transactions().activeConnections());
    }
  }
}

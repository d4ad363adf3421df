package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight threads recording complete runs into one file at once. */
class ConcurrentWritersTest {
  private static final int THREADS = 8;
  private static final int RUNS_PER_THREAD = 1_000;

  @TempDir Path folder;

  @Test
  void eightThreadsTimesAThousandRunsLoseNothingAndSeeNoBusyError() throws Exception {
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    Set<String> written = java.util.Collections.synchronizedSet(new HashSet<>());
    long began = System.nanoTime();
    try (BenchmarkStore store = BenchmarkStore.open(folder.resolve("concurrent.db"))) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  DemoRuns runs = new DemoRuns(1_000 + thread, Instant.parse("2026-02-01T00:00:00Z"));
                  start.await();
                  for (int i = 0; i < RUNS_PER_THREAD; i++) {
                    CompleteRun run = runs.next(DemoRuns.PROJECTS.get(thread % 3), "greenfield-webapp", "1.0.0");
                    try {
                      store.record(run);
                      written.add(run.runId());
                    } catch (RuntimeException e) {
                      errors.add(e);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - began) / 1e9;
      System.out.printf(
          "concurrent writers: %d runs (%d rows) in %.2f s = %.0f runs/s%n",
          THREADS * RUNS_PER_THREAD, THREADS * RUNS_PER_THREAD * 5, seconds, THREADS * RUNS_PER_THREAD / seconds);

      assertEquals(List.of(), List.copyOf(errors), "no write failed");
      assertEquals(THREADS * RUNS_PER_THREAD, written.size());
      assertEquals(written.size(), store.runs().count());
      assertEquals(written.size(), store.performance().count());
      assertEquals(written.size(), store.autonomy().count());
      assertEquals(written.size(), store.quality().count());
      assertEquals(written.size(), store.workflow().count());
      for (String runId : written) {
        if (runId.hashCode() % 50 == 0) {
          store.find(runId).orElseThrow();
        }
      }
    }
  }
}

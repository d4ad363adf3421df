package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LargeDatasetTest {
  private static final int RUNS = 200_000;

  @TempDir Path temp;

  private static String runId(int i) {
    return String.format("run-%06d", i);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoHundredThousandRunsWithIndexedLookups() throws Exception {
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, temp.resolve("large.db"))) {
      RunDao runs = new RunDao(db);
      MetricDao metrics = new MetricDao(db);
      Instant start = Instant.parse("2025-01-01T00:00:00Z");
      db.runInTransaction(
          tx -> {
            runs.insertAll(
                () ->
                    IntStream.range(0, RUNS)
                        .mapToObj(i -> Run.of(runId(i), start.plusSeconds(i), "project-" + i))
                        .iterator());
            metrics.insertBatch(
                () ->
                    IntStream.range(0, RUNS)
                        .mapToObj(i -> Metric.of(runId(i), i / 10.0, i))
                        .iterator());
          });
      assertEquals(RUNS, runs.count());
      assertEquals(RUNS, metrics.count());

      Random random = new Random(7);
      for (int lookup = 0; lookup < 2_000; lookup++) {
        int i = random.nextInt(RUNS);
        assertEquals("project-" + i, runs.findById(runId(i)).orElseThrow().projectName());
        List<Metric> children = metrics.findByRunId(runId(i));
        assertEquals(1, children.size());
        assertEquals(i, children.get(0).tokens());
      }
      List<String> plan =
          Databases.query(
                  db.file().orElseThrow(),
                  "EXPLAIN QUERY PLAN SELECT * FROM performance_metrics WHERE run_id = 'x'")
              .stream()
              .map(row -> row.get(row.size() - 1))
              .toList();
      assertTrue(plan.toString().contains("USING INDEX idx_performance_run_id"), plan.toString());
      assertEquals(0, db.transactions().activeConnections());
    }
  }
}

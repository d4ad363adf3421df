package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Tag;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements on the test PostgreSQL server, not tests: they run only with {@code
 * -Dmeasure.batches=true} and print the median of their rounds. How long {@code insertAll} of 10,000
 * rows takes with pgjdbc's {@code reWriteBatchedInserts} off and on, for runs (text, time, JSON,
 * defaults) and metrics (an assigned key, a foreign key); and what the savepoint each DAO call takes
 * inside a unit costs: 1,000 single inserts in {@code inTransaction} against {@code
 * inWholeTransaction}, which takes none.
 */
@EnabledIfSystemProperty(named = "measure.batches", matches = "true")
class InsertMeasurement {
  private static final int ROWS = 10_000;
  private static final int WARM_UPS = 3;
  private static final int ROUNDS = 15;

  @Test
  void insertAllOfTenThousandRows() throws Exception {
    String url = PostgresServer.newDatabase("batches");
    List<Run> runs = new ArrayList<>();
    List<Metric> metrics = new ArrayList<>();
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < ROWS; i++) {
      String id = String.format("run-%05d", i);
      runs.add(
          new Run(
              id,
              start.plusSeconds(i),
              "project-" + (i % 7),
              "bench-" + i,
              i % 2 == 0 ? null : "2.0.0",
              Map.of("tags", List.of(new Tag("t" + (i % 5), i, start))),
              null));
      metrics.add(Metric.of("run-00000", i * 0.5, i));
    }
    StringBuilder report = new StringBuilder("insertAll of " + ROWS + " rows, median of " + ROUNDS + " rounds (ms):\n");
    boolean[] settings = {false, true};
    long[][] runTimes = new long[2][ROUNDS];
    long[][] metricTimes = new long[2][ROUNDS];
    try (MetricsDatabase plain = open(url, false);
        MetricsDatabase rewritten = open(url, true)) {
      MetricsDatabase[] databases = {plain, rewritten};
      // The settings take turns, so that whatever else the machine does falls on both alike.
      for (int round = -WARM_UPS; round < ROUNDS; round++) {
        for (int setting = 0; setting < 2; setting++) {
          RunDao runDao = new RunDao(databases[setting]);
          MetricDao metricDao = new MetricDao(databases[setting]);
          clear(url);
          long t0 = System.nanoTime();
          assertEquals(ROWS, runDao.insertAll(runs));
          long t1 = System.nanoTime();
          assertEquals(ROWS, metricDao.insertBatch(metrics));
          long t2 = System.nanoTime();
          assertEquals(ROWS, metricDao.count());
          if (round >= 0) {
            runTimes[setting][round] = (t1 - t0) / 1_000_000;
            metricTimes[setting][round] = (t2 - t1) / 1_000_000;
          }
        }
      }
    }
    for (int setting = 0; setting < 2; setting++) {
      report.append(
          String.format(
              "  reWriteBatchedInserts=%-5s runs %5d   metrics %5d   (runs %s, metrics %s)%n",
              settings[setting],
              median(runTimes[setting]),
              median(metricTimes[setting]),
              Arrays.toString(runTimes[setting]),
              Arrays.toString(metricTimes[setting])));
    }
    System.out.print(report);
  }

  private static MetricsDatabase open(String url, boolean rewrite) {
    return MetricsDatabase.builder(TestSchema.SCHEMA)
        .url(url + "&reWriteBatchedInserts=" + rewrite)
        .user("postgres")
        .open();
  }

  @Test
  void singleInsertsInsideAUnit() throws Exception {
    String url = PostgresServer.newDatabase("units");
    int count = 1000;
    long[][] times = new long[2][ROUNDS];
    try (MetricsDatabase db = open(url, false)) {
      RunDao runDao = new RunDao(db);
      Instant start = Instant.parse("2025-01-01T00:00:00Z");
      for (int round = -WARM_UPS; round < ROUNDS; round++) {
        for (int whole = 0; whole < 2; whole++) {
          clear(url);
          long t0 = System.nanoTime();
          dev.gao.metrics.runtime.TransactionWork<Void> work =
              tx -> {
                for (int i = 0; i < count; i++) {
                  runDao.insert(Run.of("run-" + i, start.plusSeconds(i), "p" + i));
                }
                return null;
              };
          if (whole == 1) {
            db.inWholeTransaction(work);
          } else {
            db.inTransaction(work);
          }
          if (round >= 0) {
            times[whole][round] = (System.nanoTime() - t0) / 1_000_000;
          }
        }
      }
    }
    System.out.printf(
        "%d single inserts in one unit, median of %d rounds (ms): inTransaction (a savepoint each) %d,"
            + " inWholeTransaction (none) %d%n",
        count, ROUNDS, median(times[0]), median(times[1]));
  }

  private static void clear(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE performance_metrics, benchmark_runs");
    }
  }

  private static long median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}

package dev.gao.metrics.example.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RegressionOptions;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test: it runs only with {@code -Dmeasure.analytics=true} and prints the
 * median time of each analytic over the same demo runs on SQLite and on the test PostgreSQL
 * server, both on this machine.
 *
 * <pre>
 * ./mvnw -B -o -pl annotations,runtime,processor,example -Dtest=AnalyticsMeasurement \
 *     -Dmeasure.analytics=true -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true verify
 * </pre>
 */
@EnabledIfSystemProperty(named = "measure.analytics", matches = "true")
class AnalyticsMeasurement {
  /** Repeats of the demo matrix of 12 project, benchmark and version combinations. */
  private static final int REPEATS = 834;
  private static final int WARM_UPS = 3;
  private static final int ROUNDS = 9;

  @TempDir Path folder;

  @Test
  void analyticsOnBothEngines() {
    List<CompleteRun> runs = new DemoRuns(11, Instant.parse("2025-01-01T00:00:00Z")).matrix(REPEATS);
    try (BenchmarkStore sqlite = BenchmarkStore.open(folder.resolve("runs.db"));
        BenchmarkStore postgres =
            new BenchmarkStore(
                MetricsDatabase.builder(GaoMetricsSchema.SCHEMA)
                    .url(PostgresServer.newDatabase("analytics_measurement"))
                    .user("postgres")
                    .open())) {
      assertEquals(runs.size(), sqlite.recordAll(runs));
      assertEquals(runs.size(), postgres.recordAll(runs));
      postgres.database().runInTransaction(tx -> {
        try (var statement = tx.connection().createStatement()) {
          statement.execute("ANALYZE");
        }
      });
      List<String> metrics =
          GaoRunModel.MODEL.metrics().values().stream().filter(m -> !m.isMap()).map(MetricRef::name).toList();
      Object newest =
          GaoRunModel.analytics(sqlite).latest(1, RunFilter.ALL).get(0).id();
      List<Object> latest =
          GaoRunModel.analytics(sqlite).latest(20, RunFilter.ALL).stream().map(RunRow::id).toList();
      Map<String, Function<Analytics, Object>> questions = new LinkedHashMap<>();
      questions.put("runs, newest 50", a -> a.runs(RunFilter.ALL.newestFirst().limit(50)));
      questions.put("count of one project", a -> a.count(RunFilter.ALL.where("project_name", "todo-app")));
      questions.put(
          "stats of " + metrics.size() + " metrics by project, benchmark, version",
          a -> a.statsByMetric(metrics, List.of("project_name", "benchmark_name", "version"), RunFilter.ALL));
      questions.put(
          "trend of total_time per day, window 5",
          a -> a.trend("performance_metrics.total_time_seconds", RunFilter.ALL, Interval.DAY, 5));
      questions.put(
          "trend of a token map key per run, newest 100",
          a -> a.trend("performance_metrics.token_usage_by_agent[amelia]", RunFilter.ALL.limit(100), Interval.RUN, 5));
      questions.put("regressions of the newest run", a -> a.regressions(newest, RegressionOptions.againstLatest(10)));
      questions.put("whole runs, newest 20", a -> a.wholeRuns(latest));
      Analytics onSqlite = GaoRunModel.analytics(sqlite);
      Analytics onPostgres = GaoRunModel.analytics(postgres);
      StringBuilder report =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%,d runs, median of %d rounds after %d warm-ups (ms)%n%-52s %9s %11s%n",
                  runs.size(),
                  ROUNDS,
                  WARM_UPS,
                  "question",
                  "SQLite",
                  "PostgreSQL"));
      for (Map.Entry<String, Function<Analytics, Object>> question : questions.entrySet()) {
        report.append(
            String.format(
                Locale.ROOT,
                "%-52s %9.2f %11.2f%n",
                question.getKey(),
                median(onSqlite, question.getValue()),
                median(onPostgres, question.getValue())));
      }
      System.out.print(report);
    }
  }

  private static double median(Analytics analytics, Function<Analytics, Object> question) {
    for (int i = 0; i < WARM_UPS; i++) {
      question.apply(analytics);
    }
    double[] millis = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      question.apply(analytics);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[ROUNDS / 2];
  }
}

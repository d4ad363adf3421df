package dev.gao.metrics.example.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.gao.metrics.runtime.analytics.RunRetention;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same generated runs recorded into a SQLite file and a PostgreSQL database through the same
 * generated DAOs, then every analytic asked the same questions of both: the answers must be equal,
 * floating-point values to 12 significant digits (the engines add in different orders), everything
 * else exactly, in the same order (but for {@code created_at}, the time each engine stored the row). The questions cover every metric of GAO-Dev's schema (columns,
 * summed child rows and JSON map keys), every grouping and filter kind, paging, every trend
 * interval, comparisons, regression checks, whole runs and retention.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsOnBothEnginesTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  private static final List<List<String>> GROUPINGS =
      List.of(
          List.of(),
          List.of("project_name"),
          List.of("status"),
          List.of("project_name", "benchmark_name", "version"));

  private Path folder;
  private BenchmarkStore sqlite;
  private BenchmarkStore postgres;
  private Analytics onSqlite;
  private Analytics onPostgres;
  private List<String> metrics;
  private List<CompleteRun> recorded;

  @BeforeAll
  void recordTheSameRunsInBoth() throws Exception {
    folder = Files.createTempDirectory("analytics-both");
    recorded = new DemoRuns(7, START).matrix(6);
    sqlite = BenchmarkStore.open(folder.resolve("runs.db"));
    postgres =
        new BenchmarkStore(
            MetricsDatabase.builder(GaoMetricsSchema.SCHEMA)
                .url(PostgresServer.newDatabase("analytics_both"))
                .user("postgres")
                .open());
    assertEquals(Engine.POSTGRESQL, postgres.database().dialect().engine());
    assertEquals(recorded.size(), sqlite.recordAll(recorded));
    assertEquals(recorded.size(), postgres.recordAll(recorded));
    onSqlite = GaoRunModel.analytics(sqlite);
    onPostgres = GaoRunModel.analytics(postgres);
    metrics = new ArrayList<>();
    for (MetricRef metric : GaoRunModel.MODEL.metrics().values()) {
      if (metric.isMap()) {
        // one key of each map that the generated runs hold
        metrics.addAll(keysOf(metric));
      } else {
        metrics.add(metric.name());
      }
    }
    assertTrue(metrics.size() > 30, "metrics: " + metrics);
  }

  /** The keys a map metric has in the recorded runs, as {@code table.column[key]} names. */
  private List<String> keysOf(MetricRef map) {
    List<String> names = new ArrayList<>();
    RunRow newest = onSqlite.latest(1, RunFilter.ALL).get(0);
    onSqlite.wholeRuns(List.of(newest.id())).values().iterator().next().children()
        .getOrDefault(map.table(), List.of())
        .stream()
        .map(row -> row.get(map.column().name()))
        .filter(Map.class::isInstance)
        .map(Map.class::cast)
        .flatMap(value -> value.keySet().stream())
        .map(String::valueOf)
        .distinct()
        .sorted()
        .limit(2)
        .forEach(key -> names.add(map.name() + "[" + key + "]"));
    if (map.table().equals(GaoRunModel.MODEL.runTable().name())) {
      names.add(map.name() + "[no such key]");
    }
    return names;
  }

  @AfterAll
  void close() throws Exception {
    sqlite.close();
    postgres.close();
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private List<RunFilter> filters() {
    Instant middle = START.plus(30, ChronoUnit.HOURS);
    return List.of(
        RunFilter.ALL,
        RunFilter.ALL.newestFirst().limit(7).offset(3),
        RunFilter.ALL.oldestFirst().offset(5),
        RunFilter.ALL.where("project_name", DemoRuns.PROJECTS.get(0), DemoRuns.PROJECTS.get(2)),
        RunFilter.ALL.where("version", "1.1.0").withoutFailed(),
        RunFilter.ALL.status("failed", "timeout"),
        RunFilter.ALL.between(START, middle),
        RunFilter.ALL.between(middle, null).where("benchmark_name", DemoRuns.BENCHMARKS.get(1)));
  }

  @Test
  void runsAndCounts() {
    for (RunFilter filter : filters()) {
      same("runs " + filter, a -> a.runs(filter));
      same("count " + filter, a -> a.count(filter));
      try (var left = onSqlite.streamRuns(filter);
          var right = onPostgres.streamRuns(filter)) {
        assertEquals(normalize(left.toList()), normalize(right.toList()), "streamRuns " + filter);
      }
    }
    same("latest", a -> a.latest(9, RunFilter.ALL.where("project_name", DemoRuns.PROJECTS.get(1))));
  }

  @Test
  void statisticsOfEveryMetricByEveryGrouping() {
    for (List<String> groupBy : GROUPINGS) {
      for (RunFilter filter : filters()) {
        same("stats by " + groupBy + " of " + filter, a -> a.statsByMetric(metrics, groupBy, filter));
      }
    }
    for (String metric : metrics) {
      same("stats of " + metric, a -> a.stats(metric, List.of("benchmark_name"), RunFilter.ALL));
    }
  }

  @Test
  void trendsOfEveryMetricAtEveryInterval() {
    List<RunFilter> filters =
        List.of(
            RunFilter.ALL,
            RunFilter.ALL.limit(5).offset(2),
            RunFilter.ALL.where("project_name", DemoRuns.PROJECTS.get(0)).withoutFailed());
    for (Interval interval : Interval.values()) {
      assertFalse(onPostgres.trend(metrics.get(0), RunFilter.ALL, interval, 3).isEmpty(), interval.name());
    }
    for (String metric : metrics) {
      for (Interval interval : Interval.values()) {
        for (RunFilter filter : filters) {
          for (int window : new int[] {1, 3}) {
            same(
                "trend of " + metric + " per " + interval + " window " + window + " " + filter,
                a -> a.trend(metric, filter, interval, window));
          }
        }
      }
    }
  }

  @Test
  void comparisonsAndRegressionChecks() {
    List<RunRow> newest = onSqlite.runs(RunFilter.ALL.newestFirst().limit(12));
    RegressionOptions latest = RegressionOptions.againstLatest(5);
    RegressionOptions withFailed =
        RegressionOptions.againstLatest(20).includeFailed(true).thresholds(Thresholds.relative(0.02));
    for (int i = 0; i + 1 < newest.size(); i++) {
      Object baseline = newest.get(i + 1).id();
      Object candidate = newest.get(i).id();
      RegressionOptions againstBaseline = RegressionOptions.againstRun(baseline);
      same("compare " + baseline + " " + candidate, a -> a.compare(baseline, candidate, Thresholds.DEFAULT));
      same("regressions of " + candidate, a -> a.regressions(candidate, latest));
      same("regressions of " + candidate + " with failed runs", a -> a.regressions(candidate, withFailed));
      same(
          "regressions of " + candidate + " against " + baseline,
          a -> a.regressions(candidate, againstBaseline));
    }
    List<Object> ids = newest.stream().map(RunRow::id).toList();
    same("whole runs", a -> a.wholeRuns(ids));
  }

  @Test
  void retentionDeletesTheSameRuns() {
    String project = DemoRuns.PROJECTS.get(2);
    RunFilter filter = RunFilter.ALL.where("project_name", project);
    // half of the project's runs are older than this one
    List<RunRow> ofProject = onSqlite.runs(filter);
    Object middle = ofProject.get(ofProject.size() / 2).values().get("timestamp");
    Instant before = middle instanceof OffsetDateTime time ? time.toInstant() : (Instant) middle;
    RunRetention left = new RunRetention(sqlite.database(), GaoRunModel.MODEL);
    RunRetention right = new RunRetention(postgres.database(), GaoRunModel.MODEL);
    assertEquals(left.count(before, filter), right.count(before, filter));
    assertTrue(left.count(before, filter) > 0, "nothing to prune");
    Map<String, Long> prunedLeft = left.prune(before, filter, n -> {});
    Map<String, Long> prunedRight = right.prune(before, filter, n -> {});
    assertEquals(prunedLeft, prunedRight);
    assertFalse(prunedLeft.isEmpty());
    Object oldest = onSqlite.runs(RunFilter.ALL.where("project_name", project).limit(1)).get(0).id();
    assertEquals(left.delete(oldest), right.delete(oldest));
    same("runs after pruning", a -> a.runs(RunFilter.ALL.where("project_name", project)));
    same("stats after pruning", a -> a.statsByMetric(metrics, List.of("project_name"), RunFilter.ALL));
  }

  private void same(String question, Function<Analytics, Object> ask) {
    Object expected = normalize(ask.apply(onSqlite));
    Object actual = normalize(ask.apply(onPostgres));
    if (!expected.equals(actual)) {
      throw new AssertionError(question + ": " + difference("answer", expected, actual));
    }
  }

  /** Where two normalized answers first differ, and how. */
  private static String difference(String path, Object expected, Object actual) {
    if (expected instanceof Map<?, ?> left && actual instanceof Map<?, ?> right) {
      if (!left.keySet().equals(right.keySet())) {
        return path + " has keys " + left.keySet() + " on SQLite but " + right.keySet() + " on PostgreSQL";
      }
      for (Object key : left.keySet()) {
        if (!java.util.Objects.equals(left.get(key), right.get(key))) {
          return difference(path + "." + key, left.get(key), right.get(key));
        }
      }
    }
    if (expected instanceof List<?> left && actual instanceof List<?> right) {
      for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
        if (!java.util.Objects.equals(left.get(i), right.get(i))) {
          return difference(path + "[" + i + "]", left.get(i), right.get(i));
        }
      }
      return path + " has " + left.size() + " entries on SQLite but " + right.size() + " on PostgreSQL";
    }
    return path + " is " + expected + " on SQLite but " + actual + " on PostgreSQL";
  }

  /**
   * An answer in a form both engines must give alike: records as maps of their components, maps
   * with sorted keys (JSON objects come back in stored order on SQLite, and in PostgreSQL's
   * {@code jsonb} order there), lists in their order, floating-point values to 12 significant
   * digits, integers of any width as one kind, times as instants.
   */
  private static Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return Double.isFinite(number) ? String.format(Locale.ROOT, "%.12g", number) : value.toString();
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, entry) -> sorted.put(String.valueOf(key), normalize(entry)));
      // when each engine stored the row, by its own clock: no analytic's answer
      sorted.remove("created_at");
      return sorted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(AnalyticsOnBothEnginesTest::normalize).toList();
    }
    if (value.getClass().isRecord()) {
      Map<String, Object> components = new TreeMap<>();
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        try {
          components.put(component.getName(), normalize(component.getAccessor().invoke(value)));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("cannot read " + component, e);
        }
      }
      return components;
    }
    return value;
  }
}

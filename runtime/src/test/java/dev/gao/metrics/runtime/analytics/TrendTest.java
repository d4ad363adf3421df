package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static dev.gao.metrics.runtime.analytics.ComparisonData.agents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trends on a real file, checked against series computed in the test. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class TrendTest {
  @Parameter Engine engine;
  /** A Monday. */
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;
  private final List<Run> runs = new ArrayList<>();

  @BeforeEach
  void setUp() {
    db = ComparisonData.open(Target.of(engine, dir, "trendtest"), "trend");
    analytics = new Analytics(db, ComparisonSchema.MODEL);
    for (int i = 0; i < 40; i++) {
      // every 7 hours: the runs span 12 days, two weeks and, with the last ones, one day per point
      Instant time = T0.plus(7L * i, ChronoUnit.HOURS);
      double seconds = 100 + 10 * i + (i % 3) * 7.5;
      runs.add(
          new Run(
              String.format("r%02d", i),
              time,
              "b",
              "1",
              "completed",
              null,
              seconds,
              1.0,
              null,
              agents("amelia", 1000 + 100 * i, "bob", 10),
              List.of((long) i, 2L * i)));
    }
    runs.add(
        new Run("failed", T0.plusSeconds(5 * 3600 + 60), "b", "1", "failed", null, 999.0, 1.0,
            null, agents("amelia", 99999), List.of(999L)));
    runs.add(new Run("no-perf", T0.plusSeconds(9 * 3600), "b", "1", "completed", null, null, 0.0,
        null, null, List.of()));
    runs.add(Run.timed("other", T0.plusSeconds(3600), "c", "1", 5.0));
    ComparisonData.insert(db, runs);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private List<Run> completedOfB() {
    return runs.stream()
        .filter(r -> r.benchmark().equals("b") && r.status().equals("completed"))
        .filter(r -> r.seconds() != null)
        .sorted(java.util.Comparator.comparing(Run::time))
        .toList();
  }

  @Test
  void perRunPointsCarryTheTrailingMovingAverage() {
    RunFilter filter = RunFilter.ALL.where("benchmark", "b").withoutFailed().limit(5);
    List<TrendPoint> points = analytics.trend("perf.seconds", filter, Interval.RUN, 3);
    List<Run> series = completedOfB();
    assertEquals(5, points.size());
    for (int p = 0; p < 5; p++) {
      int i = series.size() - 5 + p;
      TrendPoint point = points.get(p);
      Run run = series.get(i);
      assertEquals(run.id(), point.runId());
      assertEquals(run.time(), point.time());
      assertEquals(1, point.count());
      assertEquals(run.seconds(), point.value());
      assertEquals(run.seconds(), point.min());
      assertEquals(run.seconds(), point.max());
      double mean =
          (series.get(i).seconds() + series.get(i - 1).seconds() + series.get(i - 2).seconds()) / 3;
      assertEquals(mean, point.movingAverage(), 1e-9);
    }

    List<TrendPoint> all =
        analytics.trend("perf.seconds", RunFilter.ALL.where("benchmark", "b").withoutFailed(),
            Interval.RUN, 3);
    assertEquals(series.size(), all.size());
    assertNull(all.get(0).movingAverage());
    assertNull(all.get(1).movingAverage());
    assertEquals(
        (series.get(0).seconds() + series.get(1).seconds() + series.get(2).seconds()) / 3,
        all.get(2).movingAverage(),
        1e-9);

    // the failed run counts once it is included
    List<TrendPoint> withFailed =
        analytics.trend("perf.seconds", RunFilter.ALL.where("benchmark", "b"), Interval.RUN, 1);
    assertEquals(series.size() + 1, withFailed.size());
    assertTrue(withFailed.stream().anyMatch(p -> p.value() == 999.0));
    assertEquals(999.0, withFailed.stream().filter(p -> "failed".equals(p.runId())).findFirst()
        .orElseThrow().movingAverage());

    // the offset skips the newest points
    List<TrendPoint> older =
        analytics.trend("perf.seconds", filter.offset(2), Interval.RUN, 3);
    assertEquals(points.subList(0, 3), older.subList(2, 5));
  }

  @Test
  void periodsAverageTheirRuns() {
    checkPeriods(Interval.DAY, t -> LocalDate.ofInstant(t, ZoneOffset.UTC).atStartOfDay()
        .toInstant(ZoneOffset.UTC));
    checkPeriods(Interval.WEEK, t -> LocalDate.ofInstant(t, ZoneOffset.UTC)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay()
        .toInstant(ZoneOffset.UTC));
    checkPeriods(Interval.MONTH, t -> YearMonth.from(t.atZone(ZoneOffset.UTC)).atDay(1)
        .atStartOfDay().toInstant(ZoneOffset.UTC));
    checkPeriods(Interval.HOUR, t -> t.truncatedTo(ChronoUnit.HOURS));
    List<TrendPoint> weeks =
        analytics.trend("perf.seconds", RunFilter.ALL.withoutFailed(), Interval.WEEK, 1);
    assertEquals(
        List.of(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-08T00:00:00Z")),
        weeks.stream().map(TrendPoint::time).toList());
  }

  private void checkPeriods(Interval interval, Function<Instant, Instant> start) {
    for (int window : new int[] {1, 2, 4}) {
      for (int limit : new int[] {0, 3}) {
        RunFilter filter = RunFilter.ALL.where("benchmark", "b").withoutFailed().limit(limit);
        List<TrendPoint> points = analytics.trend("perf.seconds", filter, interval, window);
        List<double[]> expected = periods(completedOfB(), start, Run::seconds);
        List<Instant> starts = new ArrayList<>(periodStarts(completedOfB(), start));
        int from = limit == 0 ? 0 : Math.max(0, expected.size() - limit);
        assertEquals(expected.size() - from, points.size(), interval + " limit " + limit);
        for (int p = 0; p < points.size(); p++) {
          int i = from + p;
          TrendPoint point = points.get(p);
          String where = interval + " window " + window + " point " + i;
          assertNull(point.runId(), where);
          assertEquals(starts.get(i), point.time(), where);
          assertEquals((long) expected.get(i)[0], point.count(), where);
          assertEquals(expected.get(i)[1], point.value(), 1e-9, where);
          assertEquals(expected.get(i)[2], point.min(), where);
          assertEquals(expected.get(i)[3], point.max(), where);
          if (i + 1 < window) {
            assertNull(point.movingAverage(), where);
          } else {
            double sum = 0;
            for (int k = i - window + 1; k <= i; k++) {
              sum += expected.get(k)[1];
            }
            assertEquals(sum / window, point.movingAverage(), 1e-9, where);
          }
        }
      }
    }
  }

  /** count, mean, min, max per period, in time order. */
  private static List<double[]> periods(
      List<Run> series, Function<Instant, Instant> start, ToDoubleFunction<Run> value) {
    Map<Instant, List<Double>> byPeriod = new TreeMap<>();
    for (Run run : series) {
      byPeriod.computeIfAbsent(start.apply(run.time()), k -> new ArrayList<>())
          .add(value.applyAsDouble(run));
    }
    List<double[]> result = new ArrayList<>();
    for (List<Double> values : byPeriod.values()) {
      double sum = values.stream().mapToDouble(Double::doubleValue).sum();
      result.add(new double[] {values.size(), sum / values.size(),
          values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
          values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()});
    }
    return result;
  }

  private static java.util.Set<Instant> periodStarts(
      List<Run> series, Function<Instant, Instant> start) {
    java.util.Set<Instant> starts = new java.util.TreeSet<>();
    series.forEach(run -> starts.add(start.apply(run.time())));
    return starts;
  }

  @Test
  void keysOfJsonMapsAndSummedChildRowsTrendToo() {
    RunFilter filter = RunFilter.ALL.where("benchmark", "b").withoutFailed();
    List<TrendPoint> amelia =
        analytics.trend("perf.tokens_by_agent[amelia]", filter, Interval.RUN, 2);
    List<Run> series = completedOfB();
    assertEquals(series.size(), amelia.size());
    for (int i = 0; i < series.size(); i++) {
      assertEquals(series.get(i).tokensByAgent().get("amelia").doubleValue(),
          amelia.get(i).value());
    }
    // a key no run has makes no point; a key that is data, not SQL, is harmless
    assertEquals(List.of(),
        analytics.trend("perf.tokens_by_agent[') OR 1=1 --]", filter, Interval.RUN, 2));
    List<TrendPoint> usage = analytics.trend("usage.tokens", filter, Interval.RUN, 1);
    for (int i = 0; i < series.size(); i++) {
      assertEquals(
          series.get(i).usage().stream().mapToLong(Long::longValue).sum(), usage.get(i).value());
    }
    assertEquals(List.of(), analytics.trend("perf.seconds",
        RunFilter.ALL.where("benchmark", "b' OR '1'='1"), Interval.RUN, 1));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThrows(IllegalArgumentException.class,
        () -> analytics.trend("perf.seconds", RunFilter.ALL, Interval.RUN, 0));
    IllegalArgumentException map = assertThrows(IllegalArgumentException.class,
        () -> analytics.trend("perf.tokens_by_agent", RunFilter.ALL, Interval.RUN, 1));
    assertTrue(map.getMessage().contains("name one of its keys as perf.tokens_by_agent[key]"),
        map.getMessage());
    IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
        () -> analytics.trend("perf.seconds[x]", RunFilter.ALL, Interval.RUN, 1));
    assertTrue(number.getMessage().contains("is a number, not a JSON map"), number.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> analytics.trend("perf.tokens_by_agent[]", RunFilter.ALL, Interval.RUN, 1));
    assertTrue(empty.getMessage().contains("empty key"), empty.getMessage());
    assertThrows(IllegalStateException.class, () -> Interval.RUN.start("2026"));
  }

  @Test
  void theTrendReadsRunsThroughTheTimeIndexAndChildrenThroughTheirRunIdIndex() throws Exception {
    BoundQuery query =
        analytics.trendQuery(
            "perf.tokens_by_agent[amelia]", RunFilter.ALL.between(T0, null).limit(20),
            Interval.RUN, 5);
    List<String> plan = new ArrayList<>();
    boolean sqlite = engine == Engine.SQLITE;
    db.read(
        tx -> {
          if (!sqlite) {
            // a handful of rows: PostgreSQL would scan them; forbidding scans shows that the
            // statement's shape lets each index serve it
            try (var statement = tx.connection().createStatement()) {
              statement.execute("SET LOCAL enable_seqscan = off");
            }
          }
          String explain = sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
          try (var statement = tx.connection().prepareStatement(explain + query.sql())) {
            query.binder().bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                plan.add(rs.getString(sqlite ? 4 : 1));
              }
            }
          }
          return null;
        });
    String text = String.join("\n", plan);
    if (sqlite) {
      assertTrue(text.contains("USING INDEX idx_runs_time"), text);
      assertTrue(text.contains("USING INDEX idx_perf_run_id"), text);
      assertTrue(plan.stream().noneMatch(line -> line.startsWith("SCAN r")), text);
    } else {
      assertTrue(text.matches("(?s).*Index Scan (using|on) idx_runs_time .*"), text);
      assertTrue(text.matches("(?s).*Index Scan (using|on) idx_perf_run_id .*"), text);
      assertTrue(plan.stream().noneMatch(line -> line.contains("Seq Scan")), text);
    }
  }
}

package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues.JsonText;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class AnalyticsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ColumnRef<?> TIME = new ColumnRef<>("runs", "timestamp");
  private static final ColumnRef<?> META = new ColumnRef<>("runs", "metadata");
  private static final ColumnRef<?> DURATION = new ColumnRef<>("runs", "duration_s");
  private static final List<String> PROJECTS = List.of("alpha", "bêta \"quoted\"", "o'brien");
  private static final List<String> BENCHMARKS = List.of("todo-app", "chat");
  private static final List<String> VERSIONS = List.of("1.0", "1.1");

  @Parameter Engine engine;
  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;
  private final List<Run> runs = new ArrayList<>();

  record Run(
      String id,
      Instant time,
      String project,
      String benchmark,
      String version,
      String status,
      Double duration,
      List<Double> totals) {}

  @BeforeEach
  void setUp() {
    db = Target.of(engine, dir, "analytics").open(AnalyticsSchema.SCHEMA, "runs");
    analytics = new Analytics(db, AnalyticsSchema.model());
    Random random = new Random(42);
    int n = 0;
    for (String project : PROJECTS) {
      for (String benchmark : BENCHMARKS) {
        for (String version : VERSIONS) {
          int repeats = 4 + random.nextInt(4);
          for (int i = 0; i < repeats; i++) {
            double base = 1000 + 300 * PROJECTS.indexOf(project) + 50 * VERSIONS.indexOf(version);
            String status =
                i == 0 && random.nextBoolean() ? "failed" : i == 1 ? "timeout" : "completed";
            List<Double> totals = new ArrayList<>();
            int children = status.equals("failed") ? 0 : 1 + random.nextInt(2);
            for (int c = 0; c < children; c++) {
              totals.add(base * (1 + 0.1 * random.nextGaussian()));
            }
            Double duration = n % 5 == 3 ? null : base * (1 + 0.15 * random.nextGaussian());
            runs.add(
                new Run(
                    String.format("run-%03d", n),
                    START.plusSeconds(3600L * n + 7),
                    project,
                    benchmark,
                    version,
                    status,
                    duration,
                    totals));
            n++;
          }
        }
      }
    }
    Collections.shuffle(runs, random);
    db.runInTransaction(
        tx -> {
          Connection c = tx.connection();
          try (PreparedStatement r =
                  c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
              PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO perf (run_id, total_time, tokens, label) VALUES (?, ?, ?, ?)");
              PreparedStatement q =
                  c.prepareStatement(
                      "INSERT INTO quality (run_id, coverage, lint_errors) VALUES (?, ?, ?)")) {
            for (Run run : runs) {
              r.setString(1, run.id());
              db.values().setInstant(r, 2, run.time(), TIME);
              r.setString(3, run.project());
              r.setString(4, run.benchmark());
              r.setString(5, run.version());
              r.setString(6, run.status());
              db.values().setValue(r, 7, new JsonText("{\"note\":\"it's " + run.id() + "\"}"), META);
              db.values().setValue(r, 8, run.duration(), DURATION);
              r.executeUpdate();
              for (double total : run.totals()) {
                p.setString(1, run.id());
                p.setDouble(2, total);
                p.setLong(3, Math.round(total * 100));
                p.setString(4, "l" + run.id());
                p.executeUpdate();
              }
              q.setString(1, run.id());
              q.setDouble(2, 50 + run.id().hashCode() % 40);
              q.setNull(3, java.sql.Types.BIGINT);
              q.executeUpdate();
            }
          }
        });
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void modelDiscoversChildTablesAndMetrics() {
    RunModel model = analytics.model();
    assertEquals(List.of("perf", "quality"), List.copyOf(model.childTables().keySet()));
    assertEquals(
        List.of(
            "runs.duration_s",
            "perf.total_time",
            "perf.tokens",
            "quality.coverage",
            "quality.lint_errors"),
        List.copyOf(model.metrics().keySet()));
    assertEquals("run_id", model.idColumn());
    assertEquals("perf.total_time", model.metric("perf.total_time").name());
    assertEquals("u", model.metric("perf.total_time").info().unit());
  }

  @Test
  void modelRejectsUnknownOrMistypedNames() {
    var schema = AnalyticsSchema.SCHEMA;
    assertMessage(
        "no table nope", () -> RunModel.builder(schema).runTable("nope").timeColumn("t").build());
    assertMessage(
        "time column when does not exist in table runs",
        () -> RunModel.builder(schema).runTable("runs").timeColumn("when").build());
    assertMessage(
        "time column runs.project_name must be a TEXT column",
        () -> RunModel.builder(schema).runTable("runs").timeColumn("project_name").build());
    assertMessage(
        "dimension runs.duration_s must be a plain TEXT column",
        () ->
            RunModel.builder(schema)
                .runTable("runs")
                .timeColumn("timestamp")
                .dimensions("duration_s")
                .build());
    assertMessage(
        "status column missing does not exist",
        () ->
            RunModel.builder(schema)
                .runTable("runs")
                .timeColumn("timestamp")
                .status("missing")
                .build());
    assertThrows(IllegalStateException.class, () -> RunModel.builder(schema).build());
  }

  @Test
  void runsDecodeTypedValuesInTimeOrder() {
    List<RunRow> all = analytics.runs(RunFilter.ALL.oldestFirst());
    assertEquals(runs.size(), all.size());
    List<Run> expected = sortedByTime();
    for (int i = 0; i < all.size(); i++) {
      RunRow row = all.get(i);
      Run run = expected.get(i);
      assertEquals(run.id(), row.id());
      assertEquals(run.time(), row.get("timestamp"));
      assertEquals(run.duration(), row.get("duration_s"));
      assertEquals(Map.of("note", "it's " + run.id()), row.get("metadata"));
    }
    List<RunRow> newest = analytics.latest(3, RunFilter.ALL.oldestFirst().offset(5));
    assertEquals(
        List.of(
            expected.get(expected.size() - 1).id(),
            expected.get(expected.size() - 2).id(),
            expected.get(expected.size() - 3).id()),
        newest.stream().map(RunRow::id).toList());
    assertThrows(IllegalArgumentException.class, () -> all.get(0).get("nope"));
  }

  @Test
  void filtersApplyAloneAndCombined() {
    Instant from = START.plusSeconds(3600L * 10);
    Instant to = START.plusSeconds(3600L * 40);
    check(RunFilter.ALL.where("project_name", "o'brien"), r -> r.project().equals("o'brien"));
    check(
        RunFilter.ALL.where("project_name", "alpha", "bêta \"quoted\""),
        r -> !r.project().equals("o'brien"));
    check(RunFilter.ALL.status("failed", "timeout"), r -> !r.status().equals("completed"));
    check(RunFilter.ALL.between(from, to), r -> !r.time().isBefore(from) && r.time().isBefore(to));
    check(RunFilter.ALL.between(from, null), r -> !r.time().isBefore(from));
    check(
        RunFilter.ALL
            .where("project_name", "alpha")
            .where("version", "1.1")
            .where("benchmark_name", "chat")
            .status("completed")
            .between(null, to),
        r ->
            r.project().equals("alpha")
                && r.version().equals("1.1")
                && r.benchmark().equals("chat")
                && r.status().equals("completed")
                && r.time().isBefore(to));
    List<String> page =
        analytics.runs(RunFilter.ALL.oldestFirst().limit(4).offset(2)).stream()
            .map(r -> (String) r.id())
            .toList();
    assertEquals(sortedByTime().subList(2, 6).stream().map(Run::id).toList(), page);
    List<String> rest =
        analytics.runs(RunFilter.ALL.oldestFirst().offset(runs.size() - 2)).stream()
            .map(r -> (String) r.id())
            .toList();
    assertEquals(2, rest.size());

    // Streamed: the same rows in the same order, from one statement read lazily.
    for (RunFilter filter :
        List.of(
            RunFilter.ALL,
            RunFilter.ALL.oldestFirst(),
            RunFilter.ALL.where("project_name", "alpha").newestFirst(),
            RunFilter.ALL.oldestFirst().limit(4).offset(2))) {
      try (java.util.stream.Stream<RunRow> streamed = analytics.streamRuns(filter)) {
        assertEquals(analytics.runs(filter), streamed.toList(), filter.toString());
      }
    }
  }

  @Test
  void injectionAttemptsStayData() {
    for (String attack : List.of("' OR '1'='1", "alpha'; DROP TABLE runs; --", "\" OR 1=1 --", "alpha\0")) {
      if (engine == Engine.POSTGRESQL && attack.indexOf('\0') >= 0) {
        // PostgreSQL's text cannot hold NUL: the value is refused before it reaches the server
        InvalidValueException refused =
            assertThrows(
                InvalidValueException.class,
                () -> analytics.runs(RunFilter.ALL.where("project_name", attack)));
        assertTrue(refused.getMessage().contains("runs.project_name"), refused.getMessage());
        continue;
      }
      assertEquals(List.of(), analytics.runs(RunFilter.ALL.where("project_name", attack)));
      assertEquals(List.of(), analytics.runs(RunFilter.ALL.status(attack)));
      assertEquals(
          List.of(),
          analytics.stats("perf.total_time", List.of(), RunFilter.ALL.where("version", attack)));
    }
    assertEquals(runs.size(), analytics.runs(RunFilter.ALL).size());
  }

  @Test
  void unknownNamesAreRejectedWithTheValidOnes() {
    assertMessage(
        "unknown metric perf.nope; metrics: runs.duration_s, perf.total_time",
        () -> analytics.stats("perf.nope", List.of(), RunFilter.ALL));
    assertMessage(
        "column perf.label is not a metric: declare it with @Metric",
        () -> analytics.stats("perf.label", List.of(), RunFilter.ALL));
    assertMessage(
        "unknown dimension status; dimensions: project_name, benchmark_name, version",
        () -> analytics.stats("perf.total_time", List.of("status"), RunFilter.ALL));
    assertMessage("unknown dimension x\"", () -> analytics.runs(RunFilter.ALL.where("x\"", "v")));
    assertMessage("limit must be >= 0", () -> RunFilter.ALL.limit(-1));
    assertMessage("offset must be >= 0", () -> RunFilter.ALL.offset(-1));
    assertMessage("must not be empty", () -> RunFilter.ALL.status());
    assertMessage("after its end", () -> RunFilter.ALL.between(START.plusSeconds(1), START));
    assertMessage("n must be >= 1", () -> analytics.latest(0, RunFilter.ALL));
  }

  @Test
  void wholeRunsEqualPerRunReads() {
    List<String> ids = new ArrayList<>(runs.stream().map(Run::id).toList());
    ids.add("missing");
    Map<Object, WholeRun> all = analytics.wholeRuns(ids);
    assertEquals(runs.size(), all.size());
    assertEquals(runs.stream().map(Run::id).toList(), List.copyOf(all.keySet()));
    for (Run run : runs) {
      WholeRun whole = all.get(run.id());
      assertEquals(analytics.wholeRuns(List.of(run.id())).get(run.id()), whole);
      assertEquals(run.time(), whole.run().get("timestamp"));
      List<Map<String, Object>> perf = whole.rows("perf");
      assertEquals(run.totals(), perf.stream().map(r -> r.get("total_time")).toList());
      perf.forEach(r -> assertEquals(run.id(), r.get("run_id")));
      assertEquals(1, whole.rows("quality").size());
      assertNull(whole.rows("quality").get(0).get("lint_errors"));
    }
    assertThrows(IllegalArgumentException.class, () -> all.get(runs.get(0).id()).rows("nope"));
    assertEquals(Map.of(), analytics.wholeRuns(List.of()));
  }

  @Test
  void statsMatchValuesComputedInJava() {
    RunFilter filter = RunFilter.ALL.between(START, START.plusSeconds(3600L * 1000));
    List<MetricStats> stats =
        analytics.stats("perf.total_time", List.of("project_name", "version"), filter);
    Map<List<String>, List<Run>> groups =
        runs.stream().collect(Collectors.groupingBy(r -> List.of(r.project(), r.version())));
    assertEquals(groups.size(), stats.size());
    for (MetricStats s : stats) {
      List<Run> group =
          groups.get(
              List.of((String) s.group().get("project_name"), (String) s.group().get("version")));
      // perf has several rows per run: each run with rows counts once, with their total
      List<Double> values =
          group.stream()
              .filter(r -> !r.totals().isEmpty())
              .map(r -> r.totals().stream().mapToDouble(Double::doubleValue).sum())
              .sorted()
              .toList();
      assertStats(values, group, s);
    }
    List<String> order =
        stats.stream().map(s -> (String) s.group().get("project_name")).distinct().toList();
    assertEquals(PROJECTS.stream().sorted().toList(), order);

    List<MetricStats> one =
        analytics.stats(
            "runs.duration_s", List.of(), RunFilter.ALL.where("benchmark_name", "chat"));
    assertEquals(1, one.size());
    assertEquals(Map.of(), one.get(0).group());
    List<Run> chat = runs.stream().filter(r -> r.benchmark().equals("chat")).toList();
    List<Double> durations =
        chat.stream().map(Run::duration).filter(d -> d != null).sorted().toList();
    assertStats(durations, chat, one.get(0));
  }

  @Test
  void statsOfTheNewestRunsGroupThoseRunsOnly() {
    List<Run> newest =
        runs.stream()
            .sorted(java.util.Comparator.comparing(Run::time).thenComparing(Run::id).reversed())
            .filter(r -> r.benchmark().equals("chat"))
            .limit(9)
            .toList();
    List<MetricStats> stats =
        analytics.stats(
            "runs.duration_s",
            List.of("project_name"),
            RunFilter.ALL.where("benchmark_name", "chat").limit(9));
    Map<String, List<Run>> groups = newest.stream().collect(Collectors.groupingBy(Run::project));
    assertEquals(groups.size(), stats.size());
    assertEquals(9, stats.stream().mapToLong(MetricStats::runs).sum());
    for (MetricStats s : stats) {
      List<Run> group = groups.get((String) s.group().get("project_name"));
      List<Double> durations =
          group.stream().map(Run::duration).filter(d -> d != null).sorted().toList();
      assertStats(durations, group, s);
    }
    List<Run> oldest =
        runs.stream().sorted(java.util.Comparator.comparing(Run::time)).skip(2).limit(5).toList();
    MetricStats page =
        analytics.stats("runs.duration_s", List.of(), RunFilter.ALL.oldestFirst().offset(2).limit(5)).get(0);
    assertStats(oldest.stream().map(Run::duration).filter(d -> d != null).sorted().toList(), oldest, page);
  }

  @Test
  void statsOfManyMetricsEqualTheStatsOfEachInOneStatementPerTable() {
    List<String> metrics = List.of("perf.total_time", "runs.duration_s", "perf.tokens", "quality.coverage");
    for (RunFilter filter :
        List.of(RunFilter.ALL, RunFilter.ALL.where("version", "1.1"), RunFilter.ALL.limit(17))) {
      Map<String, List<MetricStats>> all =
          analytics.statsByMetric(metrics, List.of("project_name", "benchmark_name"), filter);
      assertEquals(metrics, List.copyOf(all.keySet()));
      for (String metric : metrics) {
        assertEquals(
            analytics.stats(metric, List.of("project_name", "benchmark_name"), filter),
            all.get(metric),
            metric + " " + filter);
      }
    }
    Map<String, List<MetricStats>> bare =
        analytics.statsByMetric(List.of("coverage", "quality.coverage"), List.of(), RunFilter.ALL);
    assertEquals(List.of("quality.coverage"), List.copyOf(bare.keySet()), "one metric, named twice");
    assertMessage("at least one metric", () -> analytics.statsByMetric(List.of(), List.of(), RunFilter.ALL));
    assertMessage("unknown metric perf.nope", () -> analytics.statsByMetric(List.of("perf.nope"), List.of(),
        RunFilter.ALL));
  }

  @Test
  void statsOfGroupsWithoutValuesAndWithoutStatus() {
    List<MetricStats> failedOnly =
        analytics.stats("perf.tokens", List.of("benchmark_name"), RunFilter.ALL.status("failed"));
    for (MetricStats s : failedOnly) {
      assertEquals(0, s.count());
      assertNull(s.mean());
      assertNull(s.median());
      assertNull(s.stddev());
      assertEquals(1.0, s.failureRate());
    }
    RunModel plain =
        RunModel.builder(AnalyticsSchema.SCHEMA).runTable("runs").timeColumn("timestamp").build();
    MetricStats all =
        new Analytics(db, plain).stats("quality.coverage", List.of(), RunFilter.ALL).get(0);
    assertNull(all.failureRate());
    assertEquals(runs.size(), all.count());
    assertMessage(
        "has no status column", () -> new Analytics(db, plain).runs(RunFilter.ALL.status("x")));
  }

  private static void assertStats(List<Double> sorted, List<Run> group, MetricStats s) {
    int n = sorted.size();
    assertEquals(group.size(), s.runs());
    assertEquals(n, s.count());
    double mean = sorted.stream().mapToDouble(Double::doubleValue).sum() / n;
    double variance = sorted.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    double p95 = sorted.get((int) Math.ceil(0.95 * n) - 1);
    long failed = group.stream().filter(r -> !r.status().equals("completed")).count();
    assertEquals(mean, s.mean(), 1e-9);
    assertEquals(sorted.get(0), s.min(), 1e-12);
    assertEquals(sorted.get(n - 1), s.max(), 1e-12);
    assertEquals(Math.sqrt(variance), s.stddev(), 1e-9);
    assertEquals(median, s.median(), 1e-12);
    assertEquals(p95, s.p95(), 1e-12);
    assertEquals((double) failed / group.size(), s.failureRate(), 1e-12);
  }

  private void check(RunFilter filter, java.util.function.Predicate<Run> expected) {
    List<String> want =
        sortedByTime().stream().filter(expected).map(Run::id).collect(Collectors.toList());
    Collections.reverse(want);
    List<String> got = analytics.runs(filter).stream().map(r -> (String) r.id()).toList();
    assertTrue(!want.isEmpty(), filter.toString());
    assertEquals(want, got, filter.toString());
  }

  private List<Run> sortedByTime() {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparing(Run::time));
    return sorted;
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}

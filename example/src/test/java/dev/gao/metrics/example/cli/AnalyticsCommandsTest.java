package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare}, {@code trend}, {@code regressions}, {@code prune} and the JSON of {@code status},
 * {@code history} and {@code validate}, run in-process against real files. Expected answers are
 * computed here from the recorded runs, not by the analytics the commands use.
 */
class AnalyticsCommandsTest {
  private static final Instant START = Instant.parse("2026-06-01T07:00:00Z");
  private static final Instant NOW = Instant.parse("2026-06-10T00:00:00Z");
  private static final Instant LAB = Instant.parse("2026-05-01T00:00:00Z");
  private static final String[] HOSTILE = {"'; DROP TABLE benchmark_runs; --", "\" OR 1=1 --"};
  private static final String[] TABLES = {
    "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics", "token_usage", "benchmark_runs"
  };

  @TempDir Path folder;

  private Path db;
  private final List<CompleteRun> recorded = new ArrayList<>();
  private CompleteRun template;

  private record Result(int exitCode, String out, String err) {}

  private Result runIn(Path file, String stdin, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive);
    String[] full = Stream.concat(Stream.of(args), Stream.of("--db", file.toString())).toArray(String[]::new);
    int exitCode =
        GaoMetricsCli.commandLine(
                Map.of(), terminal, Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(full);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private Result run(String... args) {
    return runIn(db, "", false, args);
  }

  private Result ok(String... args) {
    Result result = run(args);
    assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.out() + result.err());
    return result;
  }

  private static JsonNode json(Result result) throws Exception {
    return RunDocument.mapper().readTree(result.out());
  }

  @BeforeEach
  void recordDemoRuns() {
    db = folder.resolve("metrics.db");
    record(new DemoRuns(42, START).matrix(6));
    template = new DemoRuns(99, LAB).next("template", "template", "0");
  }

  private void record(List<CompleteRun> runs) {
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
    recorded.addAll(runs);
  }

  // ---- crafted runs ----

  /** A run whose metrics are set here; everything else is copied from a demo run. */
  private final class Craft {
    String id;
    Instant time;
    String project = "lab";
    String benchmark = "bench";
    String version = "1";
    RunStatus status = RunStatus.completed;
    double totalTime = 100;
    Map<String, Double> phaseTimes = map("analysis", 10.0, "planning", 90.0);
    Map<String, Long> byAgent = map("amelia", 1000L);
    double cost = 2.0;
    double coverage = 80;
    int testsWritten = 100;
    int lint = 0;
    int typeErrors = 0;
    Map<String, Double> distribution = map("analysis", 10.0, "planning", 90.0);

    Craft(String id, Instant time) {
      this.id = id;
      this.time = time;
    }

    CompleteRun build() {
      CompleteRun t = template;
      AutonomyMetrics a = t.autonomy();
      QualityMetrics q = t.quality();
      WorkflowMetrics w = t.workflow();
      Map<String, Integer> lintBySeverity = new LinkedHashMap<>();
      lintBySeverity.put("error", lint);
      return new CompleteRun(
          new BenchmarkRun(id, time, project, benchmark, version, t.run().metadata(), null, status,
              time.plusSeconds(3600)),
          new PerformanceMetrics(0, id, totalTime, phaseTimes, t.performance().tokenUsageTotal(), byAgent,
              t.performance().apiCallsCount(), cost),
          new AutonomyMetrics(0, id, a.manualInterventionsCount(), a.manualInterventionsTypes(),
              a.promptsNeededInitial(), a.promptsNeededFollowup(), a.oneShotSuccessRate(), a.errorRecoveryRate(),
              a.agentHandoffsSuccessful(), a.agentHandoffsFailed()),
          new QualityMetrics(0, id, testsWritten, Math.min(testsWritten, q.testsPassing()), coverage, lint,
              lintBySeverity, typeErrors, q.securityVulnerabilitiesCount(), q.securityVulnerabilitiesBySeverity(),
              q.functionalCompletenessPercentage()),
          new WorkflowMetrics(0, id, w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(), distribution,
              w.reworkCount()),
          t.tokenUsage().stream()
              .map(u -> new TokenUsage(0, id, u.model(), u.tokenType(), u.tokens(), u.costUsd(), u.priceTableVersion()))
              .toList());
    }
  }

  private static <V> Map<String, V> map(Object... pairs) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      V value = (V) pairs[i + 1];
      map.put((String) pairs[i], value);
    }
    return map;
  }

  // ---- table helpers ----

  /** The cells of each table line, split where two or more spaces separate them. */
  private static Map<String, Map<String, String>> tableRows(String out, String headerStart) {
    List<String> lines = out.lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(headerStart)) {
        header = i;
        break;
      }
    }
    assertTrue(header >= 0, "no table header " + headerStart + " in\n" + out);
    List<String> columns = Arrays.asList(lines.get(header).split(" {2,}"));
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int i = header + 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).strip().split(" {2,}");
      if (cells.length != columns.size()) {
        break;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < cells.length; c++) {
        row.put(columns.get(c), cells[c]);
      }
      rows.put(cells[0], row);
    }
    return rows;
  }

  /** A number as the tables print it: rounded to four decimals, or {@code -}. */
  private static String cell(JsonNode number) {
    if (number == null || number.isNull()) {
      return "-";
    }
    return new BigDecimal(number.doubleValue()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static void close(double expected, JsonNode actual, String what) {
    assertNotNull(actual, what);
    assertFalse(actual.isNull(), what + " is null");
    assertEquals(expected, actual.doubleValue(), Math.abs(expected) * 1e-9 + 1e-9, what);
  }

  private static void assertUsageError(Result result, String command, String... args) {
    assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.out() + result.err());
    assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
    assertTrue(result.err().startsWith("gao-metrics " + command + ": "), result.err());
  }

  // ---- compare ----

  /** The verdict of one metric, by its direction, computed here. */
  private static String verdict(String better, JsonNode baseline, JsonNode candidate, double threshold) {
    if (baseline.isNull() || candidate.isNull()) {
      return "missing";
    }
    double b = baseline.doubleValue();
    double c = candidate.doubleValue();
    boolean beyond = b == 0 ? c != 0 : Math.abs((c - b) / Math.abs(b)) > threshold;
    if (!beyond) {
      return "unchanged";
    }
    if (better.equals("none")) {
      return "changed";
    }
    return (c > b) == better.equals("higher") ? "improved" : "regressed";
  }

  private void craftComparison() {
    Craft baseline = new Craft("base-run", LAB);
    Craft candidate = new Craft("cand-run", LAB.plusSeconds(3600));
    candidate.totalTime = 150;
    candidate.cost = 2.06;
    candidate.coverage = 88;
    candidate.testsWritten = 102;
    candidate.lint = 3;
    candidate.distribution = map("analysis", 20.0, "planning", 80.0);
    candidate.phaseTimes = map("analysis", 10.0, "planning", 140.0, "review", 5.0);
    candidate.byAgent = map("amelia", 900L);
    record(List.of(baseline.build(), candidate.build()));
  }

  @Test
  void compareJudgesEveryMetricByItsDirectionAndThreshold() throws Exception {
    craftComparison();
    JsonNode root = json(ok("compare", "base-run", "cand-run", "--json"));
    assertEquals("base-run", root.get("baseline").get("run_id").textValue());
    assertEquals("cand-run", root.get("candidate").get("run_id").textValue());
    assertEquals(0.05, root.get("thresholds").get("default").doubleValue());
    Map<String, JsonNode> deltas = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode d : root.get("deltas")) {
      deltas.put(d.get("metric").textValue(), d);
      String expected = verdict(d.get("better").textValue(), d.get("baseline"), d.get("candidate"), 0.05);
      assertEquals(expected, d.get("change").textValue(), d.toString());
      counts.merge(expected, 1, Integer::sum);
      if (!d.get("baseline").isNull() && !d.get("candidate").isNull()) {
        double b = d.get("baseline").doubleValue();
        double c = d.get("candidate").doubleValue();
        close(c - b, d.get("absolute_delta"), d.get("metric") + " delta");
        if (b != 0) {
          close((c - b) / Math.abs(b), d.get("relative_delta"), d.get("metric") + " relative");
        }
      }
    }
    Map<String, Object[]> expected = new LinkedHashMap<>();
    expected.put("performance_metrics.total_time_seconds", new Object[] {100.0, 150.0, 50.0, 0.5, "regressed"});
    expected.put("performance_metrics.api_calls_cost", new Object[] {2.0, 2.06, 0.06, 0.03, "unchanged"});
    expected.put("quality_metrics.code_coverage_percentage", new Object[] {80.0, 88.0, 8.0, 0.1, "improved"});
    expected.put("quality_metrics.tests_written", new Object[] {100.0, 102.0, 2.0, 0.02, "unchanged"});
    expected.put("quality_metrics.linting_errors_count", new Object[] {0.0, 3.0, 3.0, null, "regressed"});
    expected.put("quality_metrics.type_errors_count", new Object[] {0.0, 0.0, 0.0, 0.0, "unchanged"});
    expected.put("workflow_metrics.phase_distribution[analysis]", new Object[] {10.0, 20.0, 10.0, 1.0, "changed"});
    expected.put("performance_metrics.token_usage_by_agent[amelia]", new Object[] {1000.0, 900.0, -100.0, -0.1, "improved"});
    expected.put("performance_metrics.phase_times[planning]", new Object[] {90.0, 140.0, 50.0, 50.0 / 90, "regressed"});
    for (Map.Entry<String, Object[]> e : expected.entrySet()) {
      JsonNode d = deltas.get(e.getKey());
      assertNotNull(d, e.getKey() + " in " + deltas.keySet());
      Object[] v = e.getValue();
      close((Double) v[0], d.get("baseline"), e.getKey());
      close((Double) v[1], d.get("candidate"), e.getKey());
      close((Double) v[2], d.get("absolute_delta"), e.getKey());
      if (v[3] == null) {
        assertTrue(d.get("relative_delta").isNull(), "a delta from 0 has no relative size: " + d);
      } else {
        close((Double) v[3], d.get("relative_delta"), e.getKey());
      }
      assertEquals(v[4], d.get("change").textValue(), e.getKey());
    }
    JsonNode review = deltas.get("performance_metrics.phase_times[review]");
    assertEquals("missing", review.get("change").textValue());
    assertTrue(review.get("baseline").isNull());
    assertEquals(5.0, review.get("candidate").doubleValue());
    assertEquals("s", deltas.get("performance_metrics.total_time_seconds").get("unit").textValue());
    assertEquals("lower", deltas.get("performance_metrics.total_time_seconds").get("better").textValue());
    for (String change : new String[] {"improved", "regressed", "unchanged", "changed", "missing"}) {
      assertEquals(counts.getOrDefault(change, 0), root.get("summary").get(change).intValue(), change);
    }

    Result text = ok("compare", "base-run", "cand-run");
    Map<String, Map<String, String>> rows = tableRows(text.out(), "metric ");
    assertEquals(deltas.keySet(), rows.keySet());
    for (JsonNode d : root.get("deltas")) {
      Map<String, String> row = rows.get(d.get("metric").textValue());
      assertEquals(d.get("unit").textValue(), row.get("unit"));
      assertEquals(cell(d.get("baseline")), row.get("baseline"), d.toString());
      assertEquals(cell(d.get("candidate")), row.get("candidate"), d.toString());
      assertEquals(cell(d.get("absolute_delta")), row.get("delta"), d.toString());
      assertEquals(d.get("change").textValue(), row.get("verdict"));
    }
    assertEquals("n/a", rows.get("quality_metrics.linting_errors_count").get("delta %"));
    assertEquals("+50.0%", rows.get("performance_metrics.total_time_seconds").get("delta %"));
    assertEquals("-10.0%", rows.get("performance_metrics.token_usage_by_agent[amelia]").get("delta %"));
    String summary = text.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertEquals(
        counts.getOrDefault("improved", 0) + " improved, " + counts.getOrDefault("regressed", 0) + " regressed, "
            + counts.getOrDefault("unchanged", 0) + " unchanged, " + counts.getOrDefault("changed", 0) + " changed, "
            + counts.getOrDefault("missing", 0) + " missing (threshold 5%)",
        summary);
    assertTrue(text.out().startsWith("baseline:  base-run  (lab, bench 1, completed, "), text.out());

    Map<String, Map<String, String>> changed = tableRows(ok("compare", "base-run", "cand-run", "--changed-only").out(), "metric ");
    assertFalse(changed.containsKey("quality_metrics.tests_written"));
    assertTrue(changed.containsKey("performance_metrics.total_time_seconds"));
    assertTrue(changed.values().stream().noneMatch(r -> r.get("verdict").equals("unchanged")));
  }

  @Test
  void compareThresholdsAcceptPercentWithOrWithoutTheSignAndPerMetric() throws Exception {
    craftComparison();
    for (String threshold : new String[] {"1%", "1", " 1 %"}) {
      JsonNode root = json(ok("compare", "base-run", "cand-run", "--threshold", threshold, "--json"));
      assertEquals(0.01, root.get("thresholds").get("default").doubleValue(), 1e-12);
      assertEquals("regressed", change(root, "performance_metrics.api_calls_cost"), "3% is beyond 1%");
      assertEquals("improved", change(root, "quality_metrics.tests_written"), "2% is beyond 1%");
    }
    JsonNode per = json(ok("compare", "base-run", "cand-run", "--threshold-for",
        "performance_metrics.total_time_seconds=60%", "--threshold-for", "performance_metrics.phase_times=60",
        "--threshold-for", "performance_metrics.token_usage_by_agent[amelia]=10.5", "--json"));
    assertEquals("unchanged", change(per, "performance_metrics.total_time_seconds"), "50% is within 60%");
    assertEquals("unchanged", change(per, "performance_metrics.phase_times[planning]"), "the map's threshold");
    assertEquals("unchanged", change(per, "performance_metrics.token_usage_by_agent[amelia]"), "10% is within 10.5%");
    assertEquals("improved", change(per, "quality_metrics.code_coverage_percentage"), "others keep 5%");
    assertEquals(0.6, per.get("thresholds").get("per_metric").get("performance_metrics.total_time_seconds").doubleValue(), 1e-12);
    JsonNode zero = json(ok("compare", "base-run", "cand-run", "--threshold", "0", "--json"));
    assertEquals("improved", change(zero, "quality_metrics.tests_written"));
  }

  private static String change(JsonNode root, String metric) {
    for (JsonNode d : root.has("deltas") ? root.get("deltas") : root.get("checks")) {
      if (d.get("metric").textValue().equals(metric)) {
        return d.get("change").textValue();
      }
    }
    throw new AssertionError("no " + metric);
  }

  // ---- trend ----

  @Test
  void trendPerRunHasValuesAndMovingAveragesOldestFirst() throws Exception {
    double[] times = {100, 110, 90, 130, 120, 80, 140, 100};
    long[] amelia = {1000, 1200, 800, 1500, 900, 1100, 1300, 700};
    List<CompleteRun> runs = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      Craft c = new Craft("trend-" + i, LAB.plus(Duration.ofHours(7L * i)));
      c.project = "trend-lab";
      c.totalTime = times[i];
      c.byAgent = map("amelia", amelia[i]);
      runs.add(c.build());
    }
    Craft failed = new Craft("trend-failed", LAB.plus(Duration.ofHours(10)));
    failed.project = "trend-lab";
    failed.status = RunStatus.failed;
    failed.totalTime = 14_400;
    record(List.of(runs.get(0), runs.get(1), failed.build()));
    record(runs.subList(2, runs.size()));

    JsonNode root = json(ok("trend", "--metric", "performance_metrics.total_time_seconds", "--project", "trend-lab",
        "--window", "3", "--json"));
    assertEquals("s", root.get("unit").textValue());
    assertEquals("lower", root.get("better").textValue());
    assertFalse(root.get("failed_runs_included").booleanValue());
    JsonNode points = root.get("points");
    assertEquals(times.length, points.size(), "the failed run is left out");
    for (int i = 0; i < times.length; i++) {
      JsonNode p = points.get(i);
      assertEquals("trend-" + i, p.get("run_id").textValue());
      assertEquals(LAB.plus(Duration.ofHours(7L * i)), Instant.parse(p.get("time").textValue()));
      assertEquals(1, p.get("count").intValue());
      close(times[i], p.get("value"), "value " + i);
      if (i < 2) {
        assertTrue(p.get("moving_average").isNull(), "no full window yet at " + i);
      } else {
        close((times[i] + times[i - 1] + times[i - 2]) / 3, p.get("moving_average"), "moving average " + i);
      }
    }
    Result text = ok("trend", "--metric", "performance_metrics.total_time_seconds", "--project", "trend-lab",
        "--window", "3");
    assertEquals("performance_metrics.total_time_seconds (s, lower is better), per run, moving average over 3 points,"
        + " failed and timed-out runs left out", text.out().lines().findFirst().orElseThrow());
    List<String> lines = text.out().lines().toList();
    assertTrue(lines.get(1).matches("time +run_id +n +value +moving_avg +change_point"), lines.get(1));
    for (int i = 0; i < times.length; i++) {
      String[] cells = lines.get(i + 2).split(" {2,}");
      assertEquals(points.get(i).get("time").textValue(), cells[0]);
      assertEquals("trend-" + i, cells[1]);
      assertEquals(cell(points.get(i).get("value")), cells[3]);
      assertEquals(cell(points.get(i).get("moving_average")), cells[4]);
    }

    JsonNode limited = json(ok("trend", "--metric", "performance_metrics.total_time_seconds", "--project", "trend-lab",
        "--window", "3", "--limit", "2", "--json")).get("points");
    assertEquals(2, limited.size(), "the newest two points");
    assertEquals("trend-6", limited.get(0).get("run_id").textValue());
    close((times[6] + times[5] + times[4]) / 3, limited.get(0).get("moving_average"), "the window reaches back");

    JsonNode withFailed = json(ok("trend", "--metric", "performance_metrics.total_time_seconds", "--project",
        "trend-lab", "--include-failed", "--limit", "0", "--json"));
    assertTrue(withFailed.get("failed_runs_included").booleanValue());
    assertEquals(times.length + 1, withFailed.get("points").size());
    JsonNode onlyFailed = json(ok("trend", "--metric", "performance_metrics.total_time_seconds", "--project",
        "trend-lab", "--status", "failed", "--json")).get("points");
    assertEquals(1, onlyFailed.size(), "an explicit --status keeps failed runs");
    close(14_400, onlyFailed.get(0).get("value"), "failed run");

    JsonNode agent = json(ok("trend", "--metric", "performance_metrics.token_usage_by_agent[amelia]", "--project",
        "trend-lab", "--window", "2", "--json"));
    assertEquals("tokens", agent.get("unit").textValue());
    for (int i = 0; i < amelia.length; i++) {
      JsonNode p = agent.get("points").get(i);
      close(amelia[i], p.get("value"), "amelia " + i);
      if (i > 0) {
        close((amelia[i] + amelia[i - 1]) / 2.0, p.get("moving_average"), "amelia moving average " + i);
      }
    }
  }

  @Test
  void trendPerDayHasMeanMinMaxAndMovingAveragesOfDays() throws Exception {
    JsonNode root = json(ok("trend", "--metric", "performance_metrics.total_time_seconds", "--interval", "day",
        "--window", "2", "--limit", "0", "--project", "todo-app", "--json"));
    TreeMap<LocalDate, List<Double>> days = new TreeMap<>();
    for (CompleteRun r : recorded) {
      if (r.run().projectName().equals("todo-app") && r.run().status() == RunStatus.completed) {
        days.computeIfAbsent(LocalDate.ofInstant(r.run().timestamp(), ZoneOffset.UTC), d -> new ArrayList<>())
            .add(r.performance().totalTimeSeconds());
      }
    }
    assertTrue(days.size() >= 2, days.toString());
    JsonNode points = root.get("points");
    assertEquals(days.size(), points.size());
    int i = 0;
    Double previous = null;
    for (Map.Entry<LocalDate, List<Double>> day : days.entrySet()) {
      JsonNode p = points.get(i++);
      List<Double> values = day.getValue();
      double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
      assertEquals(day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant(), Instant.parse(p.get("time").textValue()));
      assertEquals(values.size(), p.get("count").intValue());
      close(mean, p.get("value"), day.getKey() + " mean");
      close(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), p.get("min"), "min");
      close(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), p.get("max"), "max");
      if (previous == null) {
        assertTrue(p.get("moving_average").isNull());
      } else {
        close((previous + mean) / 2, p.get("moving_average"), day.getKey() + " moving average");
      }
      previous = mean;
    }
    Result text = ok("trend", "--metric", "performance_metrics.total_time_seconds", "--interval", "DAY",
        "--window", "2", "--limit", "0", "--project", "todo-app");
    Map<String, Map<String, String>> rows = tableRows(text.out(), "day ");
    assertEquals(days.size(), rows.size());
    for (JsonNode p : points) {
      Map<String, String> row = rows.get(p.get("time").textValue().substring(0, 10));
      assertNotNull(row, p.toString());
      assertEquals(p.get("count").asText(), row.get("n"));
      assertEquals(cell(p.get("value")), row.get("value"));
      assertEquals(cell(p.get("min")), row.get("min"));
      assertEquals(cell(p.get("max")), row.get("max"));
      assertEquals(cell(p.get("moving_average")), row.get("moving_avg"));
    }
    assertEquals("no runs match", ok("trend", "--metric", "performance_metrics.total_time_seconds", "--project",
        "nobody").out().lines().skip(1).findFirst().orElseThrow());
  }

  // ---- regressions ----

  private static final double[] SERIES = {100, 102, 98, 101, 99, 103, 97, 100};

  /** A series of completed runs of one project and the ids of its runs, oldest first. */
  private List<String> series(String project, double... values) {
    List<CompleteRun> runs = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Craft c = new Craft(project + "-" + i, LAB.plus(Duration.ofHours(i)));
      c.project = project;
      c.totalTime = values[i];
      runs.add(c.build());
    }
    record(runs);
    return runs.stream().map(CompleteRun::runId).toList();
  }

  private String candidate(String project, int index, double totalTime, RunStatus status) {
    Craft c = new Craft(project + "-candidate", LAB.plus(Duration.ofHours(index)));
    c.project = project;
    c.totalTime = totalTime;
    c.status = status;
    record(List.of(c.build()));
    return c.id;
  }

  /** The one-sided upper tail of Student's t with {@code df} degrees of freedom, by Simpson's rule. */
  private static double upperTail(double t, int df) {
    double norm = Math.exp(logGamma((df + 1) / 2.0) - logGamma(df / 2.0)) / Math.sqrt(df * Math.PI);
    double a = Math.abs(t);
    double b = a + 2_000;
    int n = 2_000_000;
    double h = (b - a) / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double x = a + i * h;
      double f = norm * Math.pow(1 + x * x / df, -(df + 1) / 2.0);
      sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    return sum * h / 3;
  }

  /** ln Γ(x) for x a positive multiple of 1/2. */
  private static double logGamma(double x) {
    double result = x == Math.floor(x) ? 0 : Math.log(Math.sqrt(Math.PI));
    for (double k = x == Math.floor(x) ? 1 : 0.5; k < x; k++) {
      result += Math.log(k);
    }
    return result;
  }

  @Test
  void aCraftedRegressionExitsOneWithItsEvidence() throws Exception {
    series("reg", SERIES);
    String candidate = candidate("reg", SERIES.length, 106, RunStatus.completed);
    Result text = run("regressions", candidate);
    assertEquals(1, text.exitCode(), text.out() + text.err());
    assertEquals("", text.err(), "a regression of a completed run says nothing on stderr");
    double mean = Arrays.stream(SERIES).sum() / SERIES.length;
    double squares = Arrays.stream(SERIES).map(x -> (x - mean) * (x - mean)).sum();
    double stddev = Math.sqrt(squares / (SERIES.length - 1));
    double t = (106 - mean) / (stddev * Math.sqrt(1 + 1.0 / SERIES.length));
    double p = upperTail(t, SERIES.length - 1);
    assertTrue(p < 0.05 && p > 0.0001, "p " + p);
    Map<String, Map<String, String>> rows = tableRows(text.out(), "metric ");
    assertEquals(List.of("performance_metrics.total_time_seconds"), List.copyOf(rows.keySet()), text.out());
    Map<String, String> row = rows.get("performance_metrics.total_time_seconds");
    assertEquals("106", row.get("candidate"));
    assertEquals(cell(RunDocument.mapper().getNodeFactory().numberNode(mean)), row.get("mean"));
    assertEquals(cell(RunDocument.mapper().getNodeFactory().numberNode(stddev)), row.get("stddev"));
    assertEquals("8", row.get("n"));
    assertEquals("97", row.get("min"));
    assertEquals("103", row.get("max"));
    assertEquals(String.format(java.util.Locale.ROOT, "%+.1f%%", (106 - mean) / mean * 100), row.get("delta %"));
    assertEquals(String.format(java.util.Locale.ROOT, "%.2f", t), row.get("t"));
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", p), row.get("p"));
    assertEquals("regressed", row.get("verdict"));
    assertTrue(text.out().contains("baseline:  latest 10 comparable runs: project_name=reg, benchmark_name=bench,"
        + " version=1, found 8"), text.out());
    assertTrue(text.out().strip().endsWith("REGRESSED: 1 of " + countMetrics(candidate) + " metrics:"
        + " performance_metrics.total_time_seconds"), text.out());

    Result asJson = run("regressions", candidate, "--json");
    assertEquals(1, asJson.exitCode());
    JsonNode root = json(asJson);
    assertTrue(root.get("regressed").booleanValue());
    assertFalse(root.get("candidate_failed").booleanValue());
    assertEquals(candidate, root.get("candidate").get("run_id").textValue());
    assertEquals("latest", root.get("baseline").get("kind").textValue());
    assertEquals(8, root.get("baseline").get("found").intValue());
    assertEquals("reg-7", root.get("baseline").get("runs").get(0).textValue(), "newest first");
    assertEquals("reg", root.get("baseline").get("comparable_on").get("project_name").textValue());
    assertEquals(5, root.get("options").get("min_samples").intValue());
    assertEquals(0.05, root.get("options").get("alpha").doubleValue());
    for (JsonNode check : root.get("checks")) {
      String metric = check.get("metric").textValue();
      if (metric.equals("performance_metrics.total_time_seconds")) {
        close(106, check.get("candidate"), "candidate");
        close(mean, check.get("mean"), "mean");
        close(stddev, check.get("stddev"), "stddev");
        close(t, check.get("t"), "t");
        assertEquals(p, check.get("p_value").doubleValue(), 1e-6, "p");
        assertEquals(8, check.get("samples").intValue());
        assertEquals("regressed", check.get("change").textValue());
      } else {
        assertEquals("unchanged", check.get("change").textValue(), "every other metric is constant: " + check);
      }
    }
    Map<String, Map<String, String>> all = tableRows(ok("regressions", "reg-7", "--all").out(), "metric ");
    assertEquals(root.get("checks").size(), all.size(), "--all prints every metric");

    Result lenient = run("regressions", candidate, "--threshold-for", "performance_metrics.total_time_seconds=6.5%");
    assertEquals(0, lenient.exitCode(), lenient.out());
    assertTrue(lenient.out().contains("no regressions in"), lenient.out());
    Result strictAlpha = run("regressions", candidate, "--alpha", String.valueOf(p / 2));
    assertEquals(0, strictAlpha.exitCode(), "not significant at alpha below p: " + strictAlpha.out());

    Result named = run("regressions", candidate, "--baseline", "reg-0", "--json");
    assertEquals(1, named.exitCode(), named.out());
    JsonNode namedRoot = json(named);
    assertEquals("run", namedRoot.get("baseline").get("kind").textValue());
    assertEquals("reg-0", namedRoot.get("baseline").get("run").textValue());
    assertEquals("regressed", change(namedRoot, "performance_metrics.total_time_seconds"));
    assertTrue(ok("regressions", "reg-3", "--baseline", "reg-0").out().contains("baseline:  run reg-0"));
  }

  private int countMetrics(String runId) throws Exception {
    return json(run("regressions", runId, "--json")).get("checks").size();
  }

  @Test
  void noiseOnlyPassesAndAFailedCandidateFails() throws Exception {
    series("noise", SERIES);
    String candidate = candidate("noise", SERIES.length, 101.5, RunStatus.completed);
    Result noise = run("regressions", candidate);
    assertEquals(0, noise.exitCode(), noise.out());
    assertTrue(noise.out().strip().endsWith("metrics"), noise.out());
    assertTrue(noise.out().contains("no regressions in "), noise.out());
    assertFalse(json(run("regressions", candidate, "--json")).get("regressed").booleanValue());

    String failed = candidate("noise-failed", 0, 100, RunStatus.failed);
    Result failure = run("regressions", failed);
    assertEquals(1, failure.exitCode(), failure.out());
    assertEquals(1, failure.err().strip().lines().count(), failure.err());
    assertTrue(failure.err().contains("\"noise-failed-candidate\" itself did not succeed (status failed)"),
        failure.err());
    JsonNode root = json(run("regressions", failed, "--json"));
    assertTrue(root.get("candidate_failed").booleanValue());
    assertFalse(root.get("regressed").booleanValue());

    Result timedOut = run("regressions", "--project", "noise", "--status", "timeout");
    assertUsageError(timedOut, "regressions");
    assertTrue(timedOut.err().contains("no run matches --project \"noise\" --status \"timeout\""), timedOut.err());
  }

  @Test
  void tooFewBaselineRunsAreInsufficientDataAndDoNotFail() throws Exception {
    series("few", 100, 101, 99);
    String candidate = candidate("few", 3, 160, RunStatus.completed);
    Result text = run("regressions", candidate);
    assertEquals(0, text.exitCode(), text.out());
    assertTrue(text.out().contains("fewer than 5 baseline values and were not tested: "
        + "performance_metrics.total_time_seconds"), text.out());
    JsonNode root = json(run("regressions", candidate, "--json"));
    for (JsonNode check : root.get("checks")) {
      assertEquals("insufficient_data", check.get("change").textValue(), check.toString());
      assertEquals(3, check.get("samples").intValue());
    }
    Result enough = run("regressions", candidate, "--min-samples", "3");
    assertEquals(1, enough.exitCode(), enough.out());
    Result capped = run("regressions", candidate, "--last", "3", "--min-samples", "9", "--json");
    assertEquals(1, capped.exitCode(), "min samples is capped to --last: " + capped.out());
    assertEquals(3, json(capped).get("options").get("min_samples").intValue());
  }

  @Test
  void comparableByWidensOrNarrowsTheBaseline() throws Exception {
    List<String> few = series("few", 100, 101, 99);
    List<String> other = series("other", 100, 102, 98, 101);
    String candidate = candidate("few", 5, 160, RunStatus.completed);

    Result narrow = run("regressions", candidate, "--json");
    assertEquals(0, narrow.exitCode(), "three runs of the same project are too few: " + narrow.out());
    JsonNode narrowBaseline = json(narrow).get("baseline");
    assertEquals(3, narrowBaseline.get("found").intValue());
    assertEquals("few", narrowBaseline.get("comparable_on").get("project_name").textValue());

    Result wide = run("regressions", candidate, "--comparable-by", "benchmark_name, version", "--json");
    assertEquals(1, wide.exitCode(), wide.out());
    JsonNode wideBaseline = json(wide).get("baseline");
    List<String> expected = new ArrayList<>(few);
    expected.addAll(other);
    List<String> found = new ArrayList<>();
    wideBaseline.get("runs").forEach(id -> found.add(id.textValue()));
    assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList());
    assertEquals(List.of("benchmark_name", "version"), List.copyOf(fieldNames(wideBaseline.get("comparable_on"))));

    JsonNode every = json(run("regressions", candidate, "--comparable-by", "", "--json")).get("baseline");
    assertEquals(0, every.get("comparable_on").size());
    assertEquals(7, every.get("found").intValue(), "only the crafted runs are earlier than the candidate");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void statementsCanBeTracedToStandardError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        GaoMetricsCli.commandLine(
                Map.of("GAO_METRICS_TRACE_SQL", "1"),
                new Terminal(new ByteArrayInputStream(new byte[0]), false),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintWriter(out, true),
                new PrintWriter(err, true))
            .execute("runs", "--project", "todo-app", "--limit", "3", "--db", db.toString());
    assertEquals(0, exitCode, err.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(lines.get(0).matches("sql \\d+\\.\\d{3} ms: SELECT .* FROM \"benchmark_runs\" r WHERE .*"), lines.get(0));
    assertFalse(run("runs", "--project", "todo-app", "--limit", "3").err().contains("sql "));
  }

  @Test
  void theDemoEndsWithARegressionThatTheDefaultCheckFinds() throws Exception {
    CompleteRun newest = recorded.stream().max(Comparator.comparing((CompleteRun r) -> r.run().timestamp())).orElseThrow();
    assertEquals("weather-dashboard", newest.run().projectName());
    List<Double> baseline =
        recorded.stream()
            .filter(r -> r != newest && r.run().projectName().equals("weather-dashboard")
                && r.run().benchmarkName().equals("bugfix-suite") && r.run().version().equals("1.1.0")
                && r.run().status() == RunStatus.completed)
            .sorted(Comparator.comparing((CompleteRun r) -> r.run().timestamp()).reversed())
            .limit(10)
            .map(r -> r.performance().totalTimeSeconds())
            .toList();
    assertEquals(5, baseline.size());
    double mean = baseline.stream().mapToDouble(Double::doubleValue).sum() / baseline.size();
    assertTrue(newest.performance().totalTimeSeconds() > mean * 1.2, "the newest run is clearly slower");

    Result text = run("regressions");
    assertEquals(1, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().startsWith("candidate: " + newest.runId()), text.out());
    assertTrue(text.out().contains("found 5"), text.out());
    Map<String, Map<String, String>> rows = tableRows(text.out(), "metric ");
    assertTrue(rows.containsKey("performance_metrics.total_time_seconds"), text.out());
    assertTrue(rows.containsKey("performance_metrics.api_calls_cost"), text.out());
    JsonNode root = json(run("regressions", "--json"));
    for (JsonNode check : root.get("checks")) {
      if (check.get("metric").textValue().equals("performance_metrics.total_time_seconds")) {
        close(mean, check.get("mean"), "mean of the 5 earlier runs");
        assertEquals("regressed", check.get("change").textValue());
      }
    }
    Result todo = run("regressions", "--project", "todo-app");
    assertTrue(todo.out().startsWith("candidate: "), "the newest todo-app run is checked: " + todo.out() + todo.err());
  }

  // ---- prune ----

  private static long count(Path file, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, Long> counts(Path file) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, count(file, "SELECT count(*) FROM \"" + table + "\""));
    }
    return counts;
  }

  @Test
  void pruneDryRunChangesNoByte() throws Exception {
    Instant cutoff = NOW.minus(Duration.ofDays(7));
    long older = recorded.stream().filter(r -> r.run().timestamp().isBefore(cutoff)).count();
    assertTrue(older > 0 && older < recorded.size(), "some runs on each side of " + cutoff);
    byte[] before = Files.readAllBytes(db);
    Result dry = ok("prune", "--older-than", "7d", "--dry-run");
    assertEquals("would delete " + older + " runs older than " + cutoff + " (7d) from " + db
        + "; nothing changed (dry run)", dry.out().strip());
    assertArrayEquals(before, Files.readAllBytes(db), "the file is byte-identical");
    for (String iso : new String[] {"P7D", "PT168H", "p1w", "1w", "168h", "10080m"}) {
      assertTrue(ok("prune", "--older-than", iso, "--dry-run").out().startsWith("would delete " + older + " runs"), iso);
    }
    assertArrayEquals(before, Files.readAllBytes(db), "the file is byte-identical");
  }

  @Test
  void pruneDeletesExactlyTheOlderRunsWithAllTheirRowsAndShrinksTheFile() throws Exception {
    Instant cutoff = NOW.minus(Duration.ofDays(7));
    List<CompleteRun> older = recorded.stream().filter(r -> r.run().timestamp().isBefore(cutoff)).toList();
    Map<String, Long> before = counts(db);
    long sizeBefore = Files.size(db);

    Result pruned = ok("prune", "--older-than", "7d");
    Map<String, Long> after = counts(db);
    long tokenRows = older.stream().mapToLong(r -> r.tokenUsage().size()).sum();
    for (String table : TABLES) {
      long expected = table.equals("token_usage") ? tokenRows : older.size();
      assertEquals(before.get(table) - expected, after.get(table), table);
      assertTrue(pruned.out().matches("(?s).*\\n  " + table + " +" + String.format(java.util.Locale.ROOT, "%,d", expected)
          + " rows\\n.*"), pruned.out());
    }
    assertTrue(pruned.out().startsWith("deleted " + older.size() + " runs older than " + cutoff), pruned.out());
    for (CompleteRun r : recorded) {
      long present = count(db, "SELECT count(*) FROM benchmark_runs WHERE run_id = '" + r.runId() + "'");
      assertEquals(r.run().timestamp().isBefore(cutoff) ? 0 : 1, present, r.runId());
    }
    for (String table : TABLES) {
      if (!table.equals("benchmark_runs")) {
        assertEquals(0, count(db, "SELECT count(*) FROM \"" + table + "\" WHERE run_id NOT IN (SELECT run_id FROM benchmark_runs)"),
            "no orphans in " + table);
      }
    }
    String vacuum = pruned.out().lines().filter(l -> l.startsWith("vacuum: ")).findFirst().orElseThrow();
    long[] bytes = Arrays.stream(vacuum.replaceAll("[^0-9 ]", "").trim().split(" +")).mapToLong(Long::parseLong).toArray();
    assertTrue(bytes[1] < bytes[0], vacuum);
    assertEquals(bytes[0] - bytes[1], bytes[2], vacuum);
    assertTrue(Files.size(db) < sizeBefore, "the file shrank: " + sizeBefore + " -> " + Files.size(db));

    assertEquals("no runs older than " + cutoff + " (7d) match; nothing deleted",
        ok("prune", "--older-than", "7d").out().strip());
  }

  @Test
  void pruneHonoursFiltersConfirmationAndNoVacuum() throws Exception {
    Instant cutoff = NOW.minus(Duration.ofDays(8));
    List<CompleteRun> older = recorded.stream()
        .filter(r -> r.run().timestamp().isBefore(cutoff) && r.run().projectName().equals("todo-app")
            && r.run().status() == RunStatus.completed)
        .toList();
    assertFalse(older.isEmpty());
    Map<String, Long> before = counts(db);

    Result declined = runIn(db, "n\n", true, "prune", "--older-than", "8d", "--project", "todo-app", "--status", "completed");
    assertEquals(0, declined.exitCode());
    assertEquals("nothing deleted", declined.out().strip());
    assertTrue(declined.err().contains("delete " + older.size() + " runs older than"), declined.err());
    assertEquals(before, counts(db));

    Result accepted = runIn(db, "y\n", true, "prune", "--older-than", "8d", "--project", "todo-app", "--status",
        "completed", "--no-vacuum");
    assertEquals(0, accepted.exitCode(), accepted.err());
    assertTrue(accepted.err().contains("gao-metrics prune: " + older.size() + " runs deleted"), "progress on a terminal");
    assertTrue(accepted.out().contains("space not reclaimed (--no-vacuum)"), accepted.out());
    assertFalse(accepted.out().contains("vacuum: "), accepted.out());
    assertEquals(before.get("benchmark_runs") - older.size(), counts(db).get("benchmark_runs"));
    assertEquals(0, count(db, "SELECT count(*) FROM benchmark_runs WHERE project_name = 'todo-app' AND status = 'completed'"
        + " AND timestamp < '" + cutoff + "'"));
    assertTrue(count(db, "SELECT count(*) FROM benchmark_runs WHERE project_name <> 'todo-app'") > 0);
  }

  // ---- JSON of status, history and validate ----

  @Test
  void statusHistoryAndValidatePrintTheSameFactsAsJson() throws Exception {
    JsonNode status = json(ok("status", "--json"));
    assertEquals(db.toString(), status.get("file").textValue());
    assertEquals(Files.size(db), status.get("bytes").longValue());
    assertEquals(GaoMetricsSchema.VERSION, status.get("version").intValue());
    assertEquals(0, status.get("pending").size());
    assertEquals(0, status.get("history").get("steps").intValue());
    Map<String, Long> counts = counts(db);
    String text = ok("status").out();
    for (String table : TABLES) {
      assertEquals(counts.get(table), status.get("tables").get(table).longValue(), table);
      assertTrue(text.matches("(?s).*" + table + "\\s+" + String.format(java.util.Locale.ROOT, "%,d", counts.get(table))
          + " rows.*"), text);
    }
    assertTrue(text.contains(status.get("identity").textValue()));

    Path v1 = folder.resolve("v1.db");
    Files.copy(Path.of("src/test/resources/fixtures/gao-metrics-v1.db"), v1);
    JsonNode pending = json(runIn(v1, "", false, "status", "--json"));
    assertEquals(1, pending.get("version").intValue());
    assertEquals(GaoMetricsSchema.VERSION - 1, pending.get("pending").size());
    assertEquals("upgrade", pending.get("pending").get(0).get("direction").textValue());
    JsonNode never = json(runIn(v1, "", false, "history", "--json"));
    assertEquals(0, never.get("steps").size());
    assertEquals(0, runIn(v1, "", false, "migrate").exitCode());
    JsonNode history = json(runIn(v1, "", false, "history", "--json"));
    assertEquals(GaoMetricsSchema.VERSION - 1, history.get("steps").size());
    assertEquals(1, history.get("steps").get(0).get("from_version").intValue());
    assertEquals(2, history.get("steps").get(0).get("to_version").intValue());
    assertEquals("upgrade", history.get("steps").get(0).get("direction").textValue());
    String historyText = runIn(v1, "", false, "history").out();
    assertTrue(historyText.contains(history.get("steps").get(1).get("applied_at").textValue()), historyText);

    Result valid = runIn(v1, "", false, "validate", "--json");
    assertEquals(0, valid.exitCode());
    assertTrue(json(valid).get("matches").booleanValue());
    assertEquals(0, json(valid).get("differences").size());
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + v1);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP INDEX idx_runs_project");
    }
    Result broken = runIn(v1, "", false, "validate", "--json");
    assertEquals(ValidateCommand.EXIT_MISMATCH, broken.exitCode(), broken.out() + broken.err());
    JsonNode report = json(broken);
    assertFalse(report.get("matches").booleanValue());
    assertTrue(report.get("differences").toString().contains("idx_runs_project"), report.toString());
  }

  // ---- injection, usage errors, unknown runs, help ----

  @Test
  void sqlMetacharactersInFiltersAndRunIdsStayData() throws Exception {
    List<CompleteRun> hostile = new ArrayList<>();
    for (int i = 0; i < HOSTILE.length; i++) {
      Craft c = new Craft(HOSTILE[i], LAB.plus(Duration.ofHours(i)));
      c.project = HOSTILE[i];
      c.benchmark = HOSTILE[(i + 1) % HOSTILE.length];
      c.version = HOSTILE[i];
      c.totalTime = 100 + i;
      hostile.add(c.build());
    }
    record(hostile);
    long runs = count(db, "SELECT count(*) FROM benchmark_runs");
    for (int i = 0; i < HOSTILE.length; i++) {
      String value = HOSTILE[i];
      for (String option : new String[] {"--project", "--version"}) {
        JsonNode points = json(ok("trend", "--metric", "performance_metrics.total_time_seconds", option, value,
            "--json")).get("points");
        assertEquals(1, points.size(), option + " " + value);
        assertEquals(value, points.get(0).get("run_id").textValue());
        JsonNode report = json(run("regressions", option, value, "--json"));
        assertEquals(value, report.get("candidate").get("run_id").textValue());
        assertEquals(value, report.get("baseline").get("comparable_on").get("project_name").textValue());
        assertTrue(ok("prune", "--older-than", "1d", option, value, "--dry-run").out().startsWith("would delete 1 run "));
      }
      assertTrue(ok("prune", "--older-than", "1d", "--benchmark", HOSTILE[(i + 1) % HOSTILE.length], "--dry-run")
          .out().startsWith("would delete 1 run "));
      // A status is one of four names: a hostile one is a usage error, never SQL.
      assertEquals(2, run("prune", "--older-than", "1d", "--status", value, "--dry-run").exitCode());
      JsonNode compared = json(ok("compare", HOSTILE[i], HOSTILE[(i + 1) % HOSTILE.length], "--json"));
      assertEquals(value, compared.get("baseline").get("run_id").textValue());
      assertEquals(value, json(run("regressions", value, "--json")).get("candidate").get("run_id").textValue());
      Result named = run("regressions", value, "--baseline", HOSTILE[(i + 1) % HOSTILE.length]);
      assertTrue(named.out().contains("baseline:  run " + HOSTILE[(i + 1) % HOSTILE.length]), named.out() + named.err());
      String unknown = value + "x";
      for (String[] args : new String[][] {
          {"compare", unknown, value}, {"compare", value, unknown}, {"regressions", unknown},
          {"regressions", value, "--baseline", unknown}}) {
        Result missing = run(args);
        assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, missing.exitCode(), String.join(" ", args) + missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("no run with benchmark_runs.run_id"), missing.err());
      }
    }
    assertEquals(runs, count(db, "SELECT count(*) FROM benchmark_runs"), "no table was dropped or emptied");
  }

  @Test
  void everyUsageErrorIsOneLineWithExitTwo() {
    craftComparison();
    String[][] cases = {
      {"compare"},
      {"compare", "base-run"},
      {"compare", "base-run", "cand-run", "--threshold", "abc"},
      {"compare", "base-run", "cand-run", "--threshold", "-1"},
      {"compare", "base-run", "cand-run", "--threshold", "-1%"},
      {"compare", "base-run", "cand-run", "--threshold", "NaN"},
      {"compare", "base-run", "cand-run", "--threshold-for", "performance_metrics.total_time_seconds"},
      {"compare", "base-run", "cand-run", "--threshold-for", "performance_metrics.nope=5"},
      {"compare", "base-run", "cand-run", "--threshold-for", "performance_metrics.total_time_seconds=x"},
      {"compare", "base-run", "cand-run", "--threshold-for", "performance_metrics.total_time_seconds=-5%"},
      {"trend"},
      {"trend", "--metric", "performance_metrics.nope"},
      {"trend", "--metric", "benchmark_runs.project_name"},
      {"trend", "--metric", "performance_metrics.phase_times"},
      {"trend", "--metric", "performance_metrics.total_time_seconds", "--interval", "year"},
      {"trend", "--metric", "performance_metrics.total_time_seconds", "--window", "0"},
      {"trend", "--metric", "performance_metrics.total_time_seconds", "--limit", "-1"},
      {"trend", "--metric", "performance_metrics.total_time_seconds", "--since", "yesterday"},
      {"regressions", "--last", "1"},
      {"regressions", "--min-samples", "1"},
      {"regressions", "--alpha", "0"},
      {"regressions", "--alpha", "1.5"},
      {"regressions", "--alpha", "x"},
      {"regressions", "--baseline", "base-run", "--last", "3"},
      {"regressions", "--baseline", "base-run", "--min-samples", "3"},
      {"regressions", "--baseline", "base-run", "--comparable-by", "version"},
      {"regressions", "--comparable-by", "status"},
      {"regressions", "--comparable-by", "version,nope"},
      {"regressions", "cand-run", "--project", "lab"},
      {"regressions", "--project", "nobody"},
      {"regressions", "--threshold", "five"},
      {"prune"},
      {"prune", "--older-than", "90x"},
      {"prune", "--older-than", "-5d"},
      {"prune", "--older-than", "0d"},
      {"prune", "--older-than", "P1Y"},
      {"prune", "--older-than", "soon"},
      {"prune", "--older-than", "90d", "--since", "2026-01-01"},
    };
    for (String[] args : cases) {
      Result result = run(args);
      assertUsageError(result, args[0], args);
    }
    Result threshold = run("compare", "base-run", "cand-run", "--threshold", "abc");
    assertTrue(threshold.err().contains("invalid --threshold \"abc\""), threshold.err());
    Result per = run("compare", "base-run", "cand-run", "--threshold-for", "performance_metrics.total_time_seconds=x");
    assertTrue(per.err().contains("invalid --threshold-for performance_metrics.total_time_seconds \"x\""), per.err());
    Result duration = run("prune", "--older-than", "90x");
    assertTrue(duration.err().contains("invalid --older-than \"90x\""), duration.err());
    Result none = run("regressions", "--project", "nobody");
    assertTrue(none.err().contains("no run matches --project \"nobody\""), none.err());
  }

  @Test
  void theNewCommandsHaveHelpAndNeverCreateADatabase() {
    for (String command : new String[] {"compare", "trend", "regressions", "prune"}) {
      Result help = runIn(db, "", false, command, "--help");
      assertEquals(0, help.exitCode(), command);
      assertTrue(help.out().contains("--db"), help.out());
      Path missing = folder.resolve(command + ".db");
      String[] args = switch (command) {
        case "compare" -> new String[] {"compare", "a", "b"};
        case "trend" -> new String[] {"trend", "--metric", "performance_metrics.total_time_seconds"};
        case "regressions" -> new String[] {"regressions"};
        default -> new String[] {"prune", "--older-than", "1d", "--yes"};
      };
      Result result = runIn(missing, "", false, args);
      assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), command + result.err());
      assertTrue(result.err().contains("gao-metrics init"), result.err());
      assertFalse(Files.exists(missing));
    }
    for (String command : new String[] {"status", "history", "validate"}) {
      assertTrue(runIn(db, "", false, command, "--help").out().contains("--json"), command);
    }
  }
}

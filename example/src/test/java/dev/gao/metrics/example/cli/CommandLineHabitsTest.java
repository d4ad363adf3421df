package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.analytics.MetricRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a Unix user expects it, in-process against real files: whole days for date
 * bounds, bare metric names, {@code stats --last} and {@code --all-metrics}, run durations, and
 * impossible option values as usage errors.
 */
class CommandLineHabitsTest {
  private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir Path folder;

  private Path db;
  private List<CompleteRun> runs;

  private record Result(int exitCode, String out, String err) {}

  private Result run(Map<String, String> environment, String... args) {
    String[] full = Stream.concat(Stream.of("--db", db.toString()), Stream.of(args)).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        GaoMetricsCli.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(full);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private Result run(String... args) {
    return run(Map.of(), args);
  }

  private Result ok(String... args) {
    Result result = run(args);
    assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.err());
    return result;
  }

  private JsonNode json(String... args) throws Exception {
    return RunDocument.mapper().readTree(ok(args).out());
  }

  /** The run with another start time, finish time and status. */
  private static CompleteRun at(CompleteRun run, Instant timestamp, Instant finishedAt, RunStatus status) {
    BenchmarkRun r = run.run();
    return new CompleteRun(
        new BenchmarkRun(r.runId(), timestamp, r.projectName(), r.benchmarkName(), r.version(), r.metadata(), null,
            status, finishedAt),
        run.performance(), run.autonomy(), run.quality(), run.workflow(), run.tokenUsage());
  }

  @BeforeEach
  void record() {
    db = folder.resolve("metrics.db");
    runs = new ArrayList<>(new DemoRuns(11, START).matrix(3));
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
  }

  private List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get("run_id").textValue()));
    return ids;
  }

  // ---- 4: --since and --until ----

  @Test
  void aDateUntilIncludesTheWholeDayAndASinceDateStartsAtMidnight() throws Exception {
    DemoRuns demo = new DemoRuns(5, START);
    Instant lastOfThirtieth = Instant.parse("2025-01-30T23:59:59.999999999Z");
    Instant midnight = Instant.parse("2025-01-31T00:00:00Z");
    Instant lastOfDay = Instant.parse("2025-01-31T23:59:59.999999999Z");
    Instant nextDay = Instant.parse("2025-02-01T00:00:00Z");
    Map<Instant, String> ids = new HashMap<>();
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      for (Instant time : List.of(lastOfThirtieth, midnight, lastOfDay, nextDay)) {
        CompleteRun run = at(demo.next("edge", "bugfix-suite", "1.0.0"), time, time.plusSeconds(60), RunStatus.completed);
        store.record(run);
        ids.put(time, run.runId());
      }
    }
    assertEquals(List.of(ids.get(lastOfDay), ids.get(midnight)),
        ids(json("runs", "--project", "edge", "--since", "2025-01-31", "--until", "2025-01-31", "--json")),
        "the whole of January 31st, and nothing of the days around it");
    assertEquals(List.of(ids.get(lastOfDay), ids.get(midnight), ids.get(lastOfThirtieth)),
        ids(json("runs", "--project", "edge", "--until", "2025-01-31", "--json")));
    assertEquals(List.of(ids.get(nextDay), ids.get(lastOfDay), ids.get(midnight)),
        ids(json("runs", "--project", "edge", "--since", "2025-01-31", "--json")));
    assertEquals(List.of(ids.get(midnight), ids.get(lastOfThirtieth)),
        ids(json("runs", "--project", "edge", "--until", "2025-01-31T23:59:59.999999999Z", "--json")),
        "a time keeps its exact meaning: before it");
    assertEquals(List.of(ids.get(lastOfDay), ids.get(midnight), ids.get(lastOfThirtieth)),
        ids(json("runs", "--project", "edge", "--until", "2025-02-01T01:00:00+01:00", "--json")),
        "an offset is honoured: 01:00+01:00 is midnight UTC");
    assertEquals(4, ids(json("runs", "--project", "edge", "--until", "9999-12-31", "--json")).size());
    JsonNode stats = json("stats", "--metric", "total_time_seconds", "--project", "edge", "--by", "",
        "--since", "2025-01-31", "--until", "2025-01-31", "--json");
    assertEquals(2, stats.get(0).get("runs").asLong(), "stats take the same bounds");

    Result empty = run("runs", "--since", "2025-02-01", "--until", "2025-01-31");
    assertEquals(2, empty.exitCode());
    assertEquals("gao-metrics runs: --since 2025-02-01 is not before --until 2025-01-31, so no run could match;"
        + " swap them; see 'gao-metrics runs --help'", empty.err().strip());
  }

  // ---- 5: bare metric names ----

  @Test
  void bareMetricNamesResolveWhereverMetricsAreNamed() throws Exception {
    assertEquals(
        json("stats", "--metric", "performance_metrics.total_time_seconds", "--json"),
        json("stats", "--metric", "total_time_seconds", "--json"));
    assertEquals(
        json("trend", "--metric", "performance_metrics.token_usage_by_agent[amelia]", "--json"),
        json("trend", "--metric", "token_usage_by_agent[amelia]", "--json"));
    assertEquals("token_usage.cost_usd",
        json("trend", "--metric", "cost_usd", "--json").get("metric").textValue());

    String baseline = runs.get(0).runId();
    String candidate = runs.get(1).runId();
    JsonNode thresholds = json("compare", baseline, candidate, "--threshold-for", "total_time_seconds=50%",
        "--threshold-for", "phase_times=20", "--json").get("thresholds").get("per_metric");
    assertEquals(0.5, thresholds.get("performance_metrics.total_time_seconds").asDouble());
    assertEquals(0.2, thresholds.get("performance_metrics.phase_times").asDouble(), "a map column as a whole");
    JsonNode regressions = json("regressions", candidate, "--threshold-for", "rework_count=30", "--json");
    assertEquals(0.3,
        regressions.get("options").get("thresholds").get("per_metric").get("workflow_metrics.rework_count").asDouble());

    for (String[] args : new String[][] {
      {"stats", "--metric", "total_tme_seconds"},
      {"trend", "--metric", "total_tme_seconds"},
      {"compare", baseline, candidate, "--threshold-for", "total_tme_seconds=5"},
    }) {
      Result typo = run(args);
      assertEquals(2, typo.exitCode(), String.join(" ", args));
      assertTrue(typo.err().contains(
          "unknown metric total_tme_seconds; did you mean performance_metrics.total_time_seconds?"), typo.err());
    }
    // GAO-Dev's schema has no metric column name in two tables; RunModelTest checks that case
    Map<String, Long> columns = GaoRunModel.MODEL.metrics().values().stream()
        .collect(Collectors.groupingBy(m -> m.column().name(), Collectors.counting()));
    assertTrue(columns.values().stream().allMatch(count -> count == 1), columns.toString());
  }

  // ---- 6: stats --last and --all-metrics ----

  @Test
  void statsOfTheLastRunsGroupOnlyTheNewestMatchingRuns() throws Exception {
    List<CompleteRun> newest = runs.stream()
        .filter(r -> r.run().projectName().equals("todo-app"))
        .sorted(Comparator.comparing((CompleteRun r) -> r.run().timestamp()).reversed())
        .limit(5)
        .toList();
    JsonNode groups = json("stats", "--metric", "total_time_seconds", "--project", "todo-app", "--last", "5", "--json");
    Map<String, List<CompleteRun>> expected = newest.stream()
        .collect(Collectors.groupingBy(r -> r.run().benchmarkName() + " " + r.run().version()));
    assertEquals(expected.size(), groups.size());
    long total = 0;
    for (JsonNode group : groups) {
      String key = group.get("group").get("benchmark_name").textValue() + " " + group.get("group").get("version").textValue();
      List<CompleteRun> members = expected.get(key);
      assertEquals(members.size(), group.get("runs").asLong(), key);
      double mean = members.stream().mapToDouble(r -> r.performance().totalTimeSeconds()).average().orElseThrow();
      assertEquals(mean, group.get("mean").asDouble(), 1e-9, key);
      total += group.get("runs").asLong();
    }
    assertEquals(5, total);

    String text = ok("stats", "--metric", "total_time_seconds", "--by", "", "--last", "1").out();
    assertTrue(text.startsWith("performance_metrics.total_time_seconds (s, lower is better), the newest 1 run that"
        + " match"), text);
    for (String bad : new String[] {"0", "-3"}) {
      Result last = run("stats", "--metric", "total_time_seconds", "--last", bad);
      assertEquals(2, last.exitCode(), bad);
      assertTrue(last.err().startsWith("gao-metrics stats: invalid --last " + bad + ": give 1 or more runs"), last.err());
    }
  }

  @Test
  void allMetricsGiveEveryNumericMetricInOneStatementPerTable() throws Exception {
    List<MetricRef> numeric = GaoRunModel.MODEL.metrics().values().stream().filter(m -> !m.isMap()).toList();
    JsonNode all = json("stats", "--all-metrics", "--by", "benchmark_name", "--json");
    assertEquals(2 * numeric.size(), all.size(), "two benchmarks, every numeric metric");
    for (MetricRef metric : numeric) {
      JsonNode one = json("stats", "--metric", metric.name(), "--by", "benchmark_name", "--json");
      List<JsonNode> same = new ArrayList<>();
      all.forEach(node -> {
        if (node.get("metric").textValue().equals(metric.name())) {
          same.add(node);
        }
      });
      assertEquals(List.of(one.get(0), one.get(1)), same, metric.name());
    }

    Result traced = run(Map.of("GAO_METRICS_TRACE_SQL", "1"), "stats", "--all-metrics");
    assertEquals(0, traced.exitCode(), traced.err());
    long statements = traced.err().lines().filter(line -> line.startsWith("sql ")).count();
    long tables = numeric.stream().map(MetricRef::table).distinct().count();
    assertEquals(tables, statements, traced.err());
    List<String> lines = traced.out().lines().toList();
    assertEquals(numeric.size() + " metrics", lines.get(0));
    assertTrue(lines.get(1).matches("benchmark_name=bugfix-suite, version=1\\.0\\.0: 9 runs, failure rate \\d+\\.\\d%"),
        lines.get(1));
    assertTrue(lines.get(2).matches("metric +unit +better +count +mean +min +max +stddev +median +p95"), lines.get(2));
    assertTrue(lines.get(3).startsWith("performance_metrics.total_time_seconds  "), lines.get(3));
    assertEquals("", lines.get(3 + numeric.size()), "a blank line between groups");
    assertEquals(1 + 4 * (numeric.size() + 2) + 3, lines.size(), "four groups: a line, a header and a row per metric");

    Result neither = run("stats");
    assertEquals(2, neither.exitCode());
    assertTrue(neither.err().startsWith("gao-metrics stats: give --metric TABLE.COLUMN or --all-metrics"), neither.err());
    Result both = run("stats", "--all-metrics", "--metric", "total_time_seconds");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().startsWith("gao-metrics stats: give --metric or --all-metrics, not both"), both.err());
    assertEquals("24 metrics, the newest 2 runs that match\nno runs match",
        ok("stats", "--all-metrics", "--project", "none", "--last", "2").out().strip()
            .replace(numeric.size() + " metrics", "24 metrics"));
  }

  // ---- 7: durations in runs ----

  @Test
  void runsShowHowLongEachRunTook() throws Exception {
    DemoRuns demo = new DemoRuns(9, START);
    Instant began = Instant.parse("2027-01-01T10:00:00Z");
    CompleteRun hour = at(demo.next("clock", "bugfix-suite", "1.0.0"), began,
        began.plus(Duration.ofSeconds(3723, 500_000_000)), RunStatus.completed);
    CompleteRun minutes = at(demo.next("clock", "bugfix-suite", "1.0.0"), began.plusSeconds(1), began.plusSeconds(246),
        RunStatus.failed);
    CompleteRun running = at(demo.next("clock", "bugfix-suite", "1.0.0"), began.plusSeconds(2), null, RunStatus.running);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(List.of(hour, minutes, running));
    }
    List<String> lines = ok("runs", "--project", "clock").out().lines().toList();
    assertTrue(lines.get(0).matches(".* status +duration"), lines.get(0));
    assertTrue(lines.get(1).startsWith(running.runId()) && lines.get(1).matches(".* running +-"), lines.get(1));
    assertTrue(lines.get(2).startsWith(minutes.runId()) && lines.get(2).matches(".* failed +4m 05s"), lines.get(2));
    assertTrue(lines.get(3).startsWith(hour.runId()) && lines.get(3).matches(".* completed +1h 02m 03s"), lines.get(3));
    assertEquals(lines.get(0).length(), lines.get(3).length(), "durations are right-aligned");

    JsonNode array = json("runs", "--project", "clock", "--json");
    assertTrue(array.get(0).get("duration_seconds").isNull());
    assertEquals(new BigDecimal("245"), array.get(1).get("duration_seconds").decimalValue());
    assertEquals(new BigDecimal("3723.5"), array.get(2).get("duration_seconds").decimalValue());
    assertEquals("2027-01-01T11:02:03.500Z", array.get(2).get("finished_at").textValue());

    assertEquals("1h 02m 03s", Values.duration(Duration.ofSeconds(3723, 999_999_999)));
    assertEquals("0m 59s", Values.duration(Duration.ofMillis(59_999)));
    assertEquals("-1m 30s", Values.duration(Duration.ofSeconds(-90)));
    assertEquals("26h 00m 00s", Values.duration(Duration.ofHours(26)));
  }

  // ---- 8: impossible values are usage errors ----

  @Test
  void impossibleOptionValuesAreUsageErrorsNamingTheOptionAndValue() {
    String[][] cases = {
      {"invalid --to 0: this build knows schema versions 1, 2, 3, 4, 5", "migrate", "--to", "0"},
      {"invalid --to -1: this build knows schema versions", "migrate", "--to", "-1"},
      {"invalid --to 99: this build knows schema versions", "migrate", "--to", "99", "--dry-run"},
      {"invalid --repeats 0: give 1 or more", "demo", "--repeats", "0"},
      {"invalid --repeats -2: give 1 or more", "demo", "--repeats", "-2"},
      {"invalid --until \"+10000-01-01T00:00:00Z\": give a time in the years 0000 to 9999 (UTC)",
        "runs", "--until", "+10000-01-01T00:00:00Z"},
      {"invalid --since \"-0001-06-01T00:00:00Z\": give a time in the years 0000 to 9999 (UTC)",
        "stats", "--metric", "total_time_seconds", "--since", "-0001-06-01T00:00:00Z"},
      {"invalid --older-than \"5000000d\": it reaches back before the year 0000", "prune", "--older-than", "5000000d"},
      {"invalid --older-than \"P99999999999D\": it reaches back before the year 0000",
        "prune", "--older-than", "P99999999999D", "--dry-run"},
      {"invalid --last 0: give 1 or more runs", "stats", "--all-metrics", "--last", "0"},
      {"--limit must be 0 or more but was -1", "runs", "--limit", "-1"},
      {"--window must be 1 or more but was 0", "trend", "--metric", "total_time_seconds", "--window", "0"},
      {"invalid --threshold \"-5\"", "regressions", "--threshold", "-5"},
      {"--last must be 2 or more but was 1", "regressions", "--last", "1"},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      Result result = run(args);
      String name = String.join(" ", args);
      assertEquals(2, result.exitCode(), name + ": " + result.err());
      assertTrue(result.err().startsWith("gao-metrics " + args[0] + ": " + c[0]), name + ": " + result.err());
      assertEquals(1, result.err().strip().lines().count(), name + ": " + result.err());
      assertFalse(result.err().contains("Exception"), name + ": " + result.err());
      assertTrue(result.err().strip().endsWith("see 'gao-metrics " + args[0] + " --help'"), result.err());
    }
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(runs.size(), store.runs().count(), "no usage error changed the database");
    }
  }
}

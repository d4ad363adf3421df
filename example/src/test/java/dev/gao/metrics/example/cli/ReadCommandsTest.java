package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs}, {@code stats} and {@code export}, run in-process against real files. */
class ReadCommandsTest {
  private static final Instant START = Instant.parse("2026-06-01T07:00:00Z");

  @TempDir Path folder;

  private Path db;
  private List<CompleteRun> runs;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), interactive);
    int exitCode =
        GaoMetricsCli.commandLine(Map.of(), terminal, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private Result run(String... args) {
    String[] full = Stream.concat(Stream.of(args), Stream.of("--db", db.toString())).toArray(String[]::new);
    return run(false, full);
  }

  private Result ok(String... args) {
    Result result = run(args);
    assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.err());
    return result;
  }

  @BeforeEach
  void recordDemoRuns() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(42, START).matrix(5);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
    assertTrue(runs.stream().anyMatch(r -> r.run().status() == RunStatus.failed), "the data has failed runs");
    assertTrue(runs.stream().anyMatch(r -> r.run().status() == RunStatus.timeout), "the data has timed-out runs");
  }

  // ---- runs ----

  private static final Comparator<CompleteRun> NEWEST_FIRST =
      Comparator.comparing((CompleteRun r) -> r.run().timestamp())
          .thenComparing(CompleteRun::runId)
          .reversed();

  private List<String> expected(Predicate<CompleteRun> filter, boolean oldestFirst, long offset, int limit) {
    Stream<CompleteRun> matching =
        runs.stream().filter(filter).sorted(oldestFirst ? NEWEST_FIRST.reversed() : NEWEST_FIRST).skip(offset);
    if (limit > 0) {
      matching = matching.limit(limit);
    }
    return matching.map(CompleteRun::runId).toList();
  }

  private List<String> listed(String... args) throws Exception {
    List<String> full = new ArrayList<>(List.of("runs", "--json"));
    full.addAll(List.of(args));
    JsonNode array = RunDocument.mapper().readTree(ok(full.toArray(String[]::new)).out());
    assertTrue(array.isArray());
    List<String> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get("run_id").textValue()));
    return ids;
  }

  @Test
  void runsFiltersAloneAndCombinedMatchTheRunsComputedHere() throws Exception {
    Predicate<CompleteRun> all = r -> true;
    assertEquals(expected(all, false, 0, 20), listed());
    assertEquals(expected(all, false, 0, 0), listed("--limit", "0"));
    assertEquals(75, listed("--limit", "0").size());
    assertEquals(
        expected(r -> r.run().projectName().equals("invoice-api"), false, 0, 0),
        listed("--project", "invoice-api", "--limit", "0"));
    assertEquals(
        expected(r -> r.run().benchmarkName().equals("bugfix-suite"), false, 0, 0),
        listed("--benchmark", "bugfix-suite", "--limit", "0"));
    assertEquals(
        expected(r -> r.run().version().equals("1.1.0"), false, 0, 0),
        listed("--version", "1.1.0", "--limit", "0"));
    assertEquals(
        expected(r -> r.run().status() == RunStatus.failed, false, 0, 0),
        listed("--status", "failed", "--limit", "0"));
    assertEquals(
        expected(r -> r.run().status() != RunStatus.completed, false, 0, 0),
        listed("--status", "failed", "--status", "timeout", "--limit", "0"));
    assertEquals(
        expected(r -> !r.run().projectName().equals("todo-app"), false, 0, 0),
        listed("--project", "invoice-api", "--project", "weather-dashboard", "--limit", "0"));

    Instant since = runs.get(10).run().timestamp();
    Instant until = runs.get(40).run().timestamp();
    assertEquals(
        expected(r -> !r.run().timestamp().isBefore(since), false, 0, 0),
        listed("--since", since.toString(), "--limit", "0"));
    assertEquals(
        expected(r -> r.run().timestamp().isBefore(until), false, 0, 0),
        listed("--until", until.toString(), "--limit", "0"));
    Instant day = Instant.parse("2026-06-02T00:00:00Z");
    assertEquals(
        expected(r -> !r.run().timestamp().isBefore(day), false, 0, 0),
        listed("--since", "2026-06-02", "--limit", "0"));
    assertEquals(
        expected(r -> r.run().timestamp().isBefore(day), false, 0, 0),
        listed("--until", "2026-06-02T02:00:00+02:00", "--limit", "0"),
        "an offset is honoured");

    Predicate<CompleteRun> combined =
        r -> r.run().benchmarkName().equals("greenfield-webapp")
            && r.run().version().equals("1.0.0")
            && r.run().status() == RunStatus.completed
            && !r.run().timestamp().isBefore(since)
            && r.run().timestamp().isBefore(until);
    assertEquals(
        expected(combined, false, 0, 0),
        listed("--benchmark", "greenfield-webapp", "--version", "1.0.0", "--status", "completed",
            "--since", since.toString(), "--until", until.toString(), "--limit", "0"));
    assertFalse(expected(combined, false, 0, 0).isEmpty());
  }

  @Test
  void runsPagesAndOrders() throws Exception {
    Predicate<CompleteRun> all = r -> true;
    assertEquals(expected(all, false, 3, 5), listed("--limit", "5", "--offset", "3"));
    assertEquals(expected(all, true, 0, 7), listed("--oldest-first", "--limit", "7"));
    assertEquals(expected(all, true, 70, 20), listed("--oldest-first", "--offset", "70"));
    assertEquals(5, listed("--oldest-first", "--offset", "70").size());
    List<String> pages = new ArrayList<>();
    for (int offset = 0; offset < 60; offset += 25) {
      pages.addAll(listed("--project", "todo-app", "--limit", "25", "--offset", Integer.toString(offset)));
    }
    assertEquals(expected(r -> r.run().projectName().equals("todo-app"), false, 0, 0), pages);
    assertEquals(List.of(), listed("--offset", "1000"));
  }

  @Test
  void runsPrintsATableByDefault() {
    Result table = ok("runs", "--limit", "3");
    List<String> lines = table.out().lines().toList();
    assertEquals(4, lines.size(), table.out());
    assertTrue(lines.get(0).matches("run_id +timestamp +project_name +benchmark_name +version +status +duration"),
        lines.get(0));
    List<String> newest = expected(r -> true, false, 0, 3);
    for (int i = 0; i < 3; i++) {
      String id = newest.get(i);
      CompleteRun run = runs.stream().filter(r -> r.runId().equals(id)).findFirst().orElseThrow();
      assertTrue(lines.get(i + 1).startsWith(id + "  "), lines.get(i + 1));
      String duration = run.run().finishedAt() == null
          ? "-" : Values.duration(java.time.Duration.between(run.run().timestamp(), run.run().finishedAt()));
      assertTrue(lines.get(i + 1).matches(".*  " + run.run().status().name() + " +" + duration), lines.get(i + 1));
      assertTrue(lines.get(i + 1).contains(run.run().projectName()), lines.get(i + 1));
    }
    assertEquals("no runs match", ok("runs", "--project", "none").out().strip());
  }

  @Test
  void runsJsonCarriesEveryRunColumn() throws Exception {
    JsonNode array = RunDocument.mapper().readTree(ok("runs", "--json", "--limit", "1", "--oldest-first").out());
    CompleteRun first = runs.get(0);
    JsonNode row = array.get(0);
    assertEquals(first.runId(), row.get("run_id").textValue());
    assertEquals(first.run().timestamp(), Instant.parse(row.get("timestamp").textValue()));
    assertEquals(first.run().projectName(), row.get("project_name").textValue());
    assertEquals(first.run().benchmarkName(), row.get("benchmark_name").textValue());
    assertEquals(first.run().version(), row.get("version").textValue());
    assertEquals(first.run().status().name(), row.get("status").textValue());
    assertEquals(RunDocument.mapper().valueToTree(first.run().metadata()), row.get("metadata"));
  }

  // ---- stats ----

  private record Expected(long runs, long count, double mean, double min, double max, Double stddev,
      double median, double p95, double failureRate) {}

  private static Expected compute(List<CompleteRun> group, Function<CompleteRun, Double> metric) {
    double[] values = group.stream().map(metric).mapToDouble(Double::doubleValue).sorted().toArray();
    int n = values.length;
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    Double stddev = null;
    if (n > 1) {
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      stddev = Math.sqrt(squares / (n - 1));
    }
    double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    double p95 = values[(int) Math.ceil(0.95 * n) - 1];
    long failed = group.stream().filter(r -> r.run().status() == RunStatus.failed || r.run().status() == RunStatus.timeout).count();
    return new Expected(n, n, mean, values[0], values[n - 1], stddev, median, p95, (double) failed / n);
  }

  private static void close(double expected, JsonNode actual, String what) {
    assertNotNull(actual, what);
    assertEquals(expected, actual.doubleValue(), Math.abs(expected) * 1e-9 + 1e-9, what);
  }

  private void checkStats(JsonNode array, List<String> by, Predicate<CompleteRun> filter,
      Function<CompleteRun, Double> metric) {
    Map<List<String>, List<CompleteRun>> groups =
        runs.stream()
            .filter(filter)
            .collect(Collectors.groupingBy(
                r -> by.stream().map(d -> dimension(r, d)).toList(), LinkedHashMap::new, Collectors.toList()));
    assertEquals(groups.size(), array.size(), array.toString());
    for (JsonNode node : array) {
      List<String> key = by.stream().map(d -> node.get("group").get(d).textValue()).toList();
      List<CompleteRun> group = groups.get(key);
      assertNotNull(group, key.toString());
      Expected e = compute(group, metric);
      String what = key.toString();
      assertEquals(e.runs(), node.get("runs").longValue(), what);
      assertEquals(e.count(), node.get("count").longValue(), what);
      close(e.mean(), node.get("mean"), what + " mean");
      close(e.min(), node.get("min"), what + " min");
      close(e.max(), node.get("max"), what + " max");
      close(e.stddev(), node.get("stddev"), what + " stddev");
      close(e.median(), node.get("median"), what + " median");
      close(e.p95(), node.get("p95"), what + " p95");
      close(e.failureRate(), node.get("failure_rate"), what + " failure rate");
    }
  }

  private static String dimension(CompleteRun run, String dimension) {
    return switch (dimension) {
      case "project_name" -> run.run().projectName();
      case "benchmark_name" -> run.run().benchmarkName();
      case "version" -> run.run().version();
      case "status" -> run.run().status().name();
      default -> throw new IllegalArgumentException(dimension);
    };
  }

  @Test
  void statsMatchIndependentComputations() throws Exception {
    JsonNode byDefault =
        RunDocument.mapper().readTree(ok("stats", "--metric", "performance_metrics.total_time_seconds", "--json").out());
    checkStats(byDefault, List.of("benchmark_name", "version"), r -> true, r -> r.performance().totalTimeSeconds());
    assertEquals(4, byDefault.size());
    JsonNode first = byDefault.get(0);
    assertEquals("performance_metrics.total_time_seconds", first.get("metric").textValue());
    assertEquals("s", first.get("unit").textValue());
    assertEquals("lower", first.get("better").textValue());
    assertTrue(first.get("failure_rate").doubleValue() >= 0);

    JsonNode byProject =
        RunDocument.mapper().readTree(
            ok("stats", "--metric", "quality_metrics.code_coverage_percentage", "--by", "project_name",
                "--benchmark", "greenfield-webapp", "--json").out());
    checkStats(byProject, List.of("project_name"),
        r -> r.run().benchmarkName().equals("greenfield-webapp"), r -> r.quality().codeCoveragePercentage());
    assertEquals("%", byProject.get(0).get("unit").textValue());
    assertEquals("higher", byProject.get(0).get("better").textValue());

    JsonNode threeWays =
        RunDocument.mapper().readTree(
            ok("stats", "--metric", "performance_metrics.token_usage_total",
                "--by", "project_name,benchmark_name,version", "--status", "completed", "--json").out());
    checkStats(threeWays, List.of("project_name", "benchmark_name", "version"),
        r -> r.run().status() == RunStatus.completed, r -> (double) r.performance().tokenUsageTotal());

    JsonNode oneGroup =
        RunDocument.mapper().readTree(
            ok("stats", "--metric", "autonomy_metrics.one_shot_success_rate", "--by", "", "--json").out());
    checkStats(oneGroup, List.of(), r -> true, r -> r.autonomy().oneShotSuccessRate());
  }

  @Test
  void statsPrintsATableWithUnitAndDirection() {
    Result table = ok("stats", "--metric", "performance_metrics.total_time_seconds");
    List<String> lines = table.out().lines().toList();
    assertEquals("performance_metrics.total_time_seconds (s, lower is better)", lines.get(0));
    assertTrue(lines.get(1).matches(
        "benchmark_name +version +runs +count +mean +min +max +stddev +median +p95 +failure_rate"), lines.get(1));
    assertEquals(6, lines.size(), table.out());
    assertTrue(lines.get(2).startsWith("bugfix-suite"), lines.get(2));
    assertTrue(lines.get(2).endsWith("%"), lines.get(2));
  }

  @Test
  void unknownMetricDimensionAndBadValuesAreUsageErrors() throws Exception {
    Result metric = run("stats", "--metric", "performance_metrics.nope");
    assertEquals(2, metric.exitCode());
    assertTrue(metric.err().contains("unknown metric performance_metrics.nope"), metric.err());
    assertTrue(metric.err().contains("performance_metrics.total_time_seconds"), metric.err());
    assertEquals(1, metric.err().strip().lines().count(), "one line: " + metric.err());
    assertTrue(metric.err().startsWith("gao-metrics stats: unknown metric"), metric.err());
    assertTrue(metric.err().strip().endsWith("see 'gao-metrics stats --help'"), metric.err());
    Result notNumeric = run("stats", "--metric", "benchmark_runs.project_name");
    assertEquals(2, notNumeric.exitCode());
    Result dimension = run("stats", "--metric", "performance_metrics.total_time_seconds", "--by", "model");
    assertEquals(2, dimension.exitCode());
    assertTrue(dimension.err().contains("unknown dimension model; dimensions: project_name, benchmark_name, version, status"),
        dimension.err());
    assertEquals(2, run("stats").exitCode(), "--metric is required");

    for (String command : new String[] {"runs", "stats", "export"}) {
      List<String> base = switch (command) {
        case "stats" -> List.of("stats", "--metric", "performance_metrics.total_time_seconds");
        case "export" -> List.of("export", "--format", "jsonl");
        default -> List.of("runs");
      };
      for (String option : new String[] {"--since", "--until"}) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(option, "yesterday"));
        Result bad = run(args.toArray(String[]::new));
        assertEquals(2, bad.exitCode(), command + " " + option);
        assertTrue(bad.err().contains("invalid " + option + " \"yesterday\""), bad.err());
      }
      List<String> reversed = new ArrayList<>(base);
      reversed.addAll(List.of("--since", "2026-07-01", "--until", "2026-06-01"));
      assertEquals(2, run(reversed.toArray(String[]::new)).exitCode(), command);
    }
    assertEquals(2, run("runs", "--limit", "-1").exitCode());
    assertEquals(2, run("runs", "--offset", "-1").exitCode());
    assertEquals(2, run("export", "--format", "xml").exitCode());
    assertEquals(75, RunDocument.mapper().readTree(ok("export").out()).size(), "--format defaults to json");
  }

  // ---- export ----

  private void assertSameRunsAfterRecording(Path exported, List<String> ids) {
    Path copy = folder.resolve(exported.getFileName() + ".db");
    Result recorded = run(false, "record", "--db", copy.toString(), exported.toString());
    assertEquals(0, recorded.exitCode(), recorded.err());
    assertEquals("recorded " + ids.size() + " runs, rejected 0", recorded.out().strip());
    for (String id : ids) {
      Result original = ok("show", "--json", id);
      Result again = run(false, "show", "--json", "--db", copy.toString(), id);
      assertEquals(0, again.exitCode(), again.err());
      assertEquals(original.out(), again.out(), id);
    }
  }

  @Test
  void exportJsonLinesAndJsonRecordBackIntoEqualRuns() throws Exception {
    List<String> all = expected(r -> true, false, 0, 0);
    Path jsonl = folder.resolve("runs.jsonl");
    assertEquals("", ok("export", "--format", "jsonl", "--output", jsonl.toString()).out());
    List<String> lines = Files.readAllLines(jsonl);
    assertEquals(75, lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode doc = RunDocument.mapper().readTree(lines.get(i));
      assertEquals(all.get(i), doc.get("run_id").textValue());
      assertEquals(RunDocument.mapper().readTree(ok("show", "--json", all.get(i)).out()), doc);
    }
    assertSameRunsAfterRecording(jsonl, all);
    try (Stream<Path> files = Files.list(folder)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no partial file is left");
    }

    Path json = folder.resolve("runs.json");
    Files.writeString(json, ok("export", "--format", "json", "--project", "todo-app").out());
    JsonNode array = RunDocument.mapper().readTree(json.toFile());
    List<String> todo = expected(r -> r.run().projectName().equals("todo-app"), false, 0, 0);
    assertEquals(todo.size(), array.size());
    assertSameRunsAfterRecording(json, todo);

    assertEquals("[]", RunDocument.mapper().readTree(ok("export", "--format", "json", "--project", "none").out()).toString());
    assertEquals("", ok("export", "--format", "jsonl", "--project", "none").out());
  }

  @Test
  void exportReadsPagesAndHonoursLimitOffsetAndOrder() throws Exception {
    List<CompleteRun> more = new ArrayList<>();
    DemoRuns demo = new DemoRuns(7, Instant.parse("2027-01-01T00:00:00Z"));
    for (int i = 0; i < ExportCommand.PAGE_SIZE + 25; i++) {
      more.add(demo.next("invoice-api", "bugfix-suite", "1.1.0"));
    }
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(more);
    }
    runs = new ArrayList<>(runs);
    runs.addAll(more);
    List<String> exported = ok("export", "--format", "jsonl", "--oldest-first").out().lines()
        .map(line -> readId(line)).toList();
    assertEquals(expected(r -> true, true, 0, 0), exported);
    List<String> window = ok("export", "--format", "jsonl", "--offset", "30", "--limit", "520").out().lines()
        .map(line -> readId(line)).toList();
    assertEquals(expected(r -> true, false, 30, 520), window);

    Result terminal = run(true, "export", "--format", "csv", "--db", db.toString(), "--output",
        folder.resolve("all.csv").toString());
    assertEquals(0, terminal.exitCode(), terminal.err());
    assertEquals("gao-metrics export: 500 runs written\ngao-metrics export: 600 runs written",
        terminal.err().strip().replace("\r\n", "\n"));
    Result piped = ok("export", "--format", "csv", "--output", folder.resolve("piped.csv").toString());
    assertEquals("", piped.err());
  }

  private static String readId(String line) {
    try {
      return RunDocument.mapper().readTree(line).get("run_id").textValue();
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }

  /** Parses RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && field.length() == 0) {
        i++;
        while (true) {
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            field.append(q);
            i++;
          }
        }
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        field.append(c);
        i++;
      }
    }
    assertTrue(record.isEmpty() && field.length() == 0, "the last record ends with CRLF");
    return records;
  }

  @Test
  void exportCsvHasOneRowPerRunWithPrefixedColumnsAndJsonText() throws Exception {
    String csv = ok("export", "--format", "csv").out();
    List<List<String>> records = parseCsv(csv);
    List<String> header = records.get(0);
    assertEquals(List.of("run_id", "timestamp", "project_name", "benchmark_name", "version", "metadata",
        "created_at", "status", "finished_at"), header.subList(0, 9));
    assertTrue(header.contains("performance_metrics.total_time_seconds"), header.toString());
    assertTrue(header.contains("quality_metrics.linting_errors_by_severity"), header.toString());
    assertTrue(header.contains("token_usage.tokens"), header.toString());
    assertFalse(header.contains("performance_metrics.run_id"), header.toString());
    assertFalse(header.contains("performance_metrics.id"), header.toString());
    assertEquals(76, records.size());
    List<String> order = expected(r -> true, false, 0, 0);
    for (int i = 1; i < records.size(); i++) {
      List<String> row = records.get(i);
      assertEquals(header.size(), row.size());
      Map<String, String> cells = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        cells.put(header.get(c), row.get(c));
      }
      String id = order.get(i - 1);
      CompleteRun run = runs.stream().filter(r -> r.runId().equals(id)).findFirst().orElseThrow();
      assertEquals(id, cells.get("run_id"));
      assertEquals(run.run().timestamp(), Instant.parse(cells.get("timestamp")));
      assertEquals(run.run().status().name(), cells.get("status"));
      assertEquals(RunDocument.mapper().valueToTree(run.run().metadata()), RunDocument.mapper().readTree(cells.get("metadata")));
      assertEquals(run.performance().totalTimeSeconds(), Double.parseDouble(cells.get("performance_metrics.total_time_seconds")));
      assertEquals(run.performance().tokenUsageTotal(), Long.parseLong(cells.get("performance_metrics.token_usage_total")));
      assertEquals(RunDocument.mapper().valueToTree(run.performance().phaseTimes()),
          RunDocument.mapper().readTree(cells.get("performance_metrics.phase_times")));
      assertEquals(run.quality().testsWritten(), Integer.parseInt(cells.get("quality_metrics.tests_written")));
      JsonNode tokens = RunDocument.mapper().readTree(cells.get("token_usage.tokens"));
      assertEquals(run.tokenUsage().size(), tokens.size());
      long sum = 0;
      for (JsonNode t : tokens) {
        sum += t.longValue();
      }
      assertEquals(run.tokenUsage().stream().mapToLong(t -> t.tokens()).sum(), sum);
    }
    assertTrue(csv.contains("\"{\"\"model\"\":"), "JSON text is quoted with doubled quotes");
  }

  // ---- injection and missing files ----

  @Test
  void sqlMetacharactersInEveryFilterStayData() throws Exception {
    List<String> hostile =
        List.of(
            "'; DROP TABLE benchmark_runs; --",
            "\" OR 1=1 --",
            "x' OR '1'='1",
            "%",
            "_",
            "a,b\"c\r\nd");
    List<CompleteRun> base = new DemoRuns(3, Instant.parse("2028-01-01T00:00:00Z")).matrix(1).subList(0, hostile.size());
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < hostile.size(); i++) {
      ObjectNode doc = RunDocument.write(base.get(i));
      doc.put("project_name", hostile.get(i));
      doc.put("benchmark_name", hostile.get((i + 1) % hostile.size()));
      doc.put("version", hostile.get((i + 2) % hostile.size()));
      input.append(doc).append('\n');
    }
    Path file = Files.writeString(folder.resolve("hostile.jsonl"), input.toString());
    assertEquals(0, ok("record", file.toString()).exitCode());
    String[][] options = {{"--project", "0"}, {"--benchmark", "1"}, {"--version", "2"}};
    for (int i = 0; i < hostile.size(); i++) {
      for (String[] option : options) {
        int shift = Integer.parseInt(option[1]);
        String value = hostile.get((i + shift) % hostile.size());
        assertEquals(List.of(base.get(i).runId()), listed(option[0], value), option[0] + " " + value);
        JsonNode stats = RunDocument.mapper().readTree(
            ok("stats", "--metric", "performance_metrics.total_time_seconds", "--by", "project_name",
                option[0], value, "--json").out());
        assertEquals(1, stats.size());
        assertEquals(hostile.get(i), stats.get(0).get("group").get("project_name").textValue());
        assertEquals(1, ok("export", "--format", "jsonl", option[0], value).out().lines().count());
      }
      // A status is one of four names: anything else is a usage error, never SQL.
      assertEquals(2, run("runs", "--status", hostile.get(i)).exitCode());
      assertEquals(2, run("runs", "--since", hostile.get(i)).exitCode());
      assertEquals(2, run("runs", "--until", hostile.get(i)).exitCode());
    }
    assertEquals(81, listed("--limit", "0").size(), "no table was dropped or emptied");
    List<List<String>> csv = parseCsv(ok("export", "--format", "csv", "--since", "2028-01-01").out());
    assertEquals(7, csv.size());
    assertTrue(csv.stream().anyMatch(row -> row.get(2).equals("a,b\"c\r\nd")), "RFC 4180 keeps the value");
  }

  @Test
  void readCommandsNeverCreateADatabase() {
    Path missing = folder.resolve("missing.db");
    for (String[] args : new String[][] {
        {"runs"}, {"stats", "--metric", "performance_metrics.total_time_seconds"}, {"export", "--format", "csv"}}) {
      String[] full = Stream.concat(Stream.of(args), Stream.of("--db", missing.toString())).toArray(String[]::new);
      Result result = run(false, full);
      assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
      assertTrue(result.err().contains("gao-metrics init"), result.err());
      assertEquals(1, result.err().strip().lines().count(), result.err());
      assertFalse(Files.exists(missing));
    }
  }

  @Test
  void theReadCommandsHaveHelp() {
    for (String command : new String[] {"runs", "stats", "export"}) {
      Result help = run(false, command, "--help");
      assertEquals(0, help.exitCode());
      assertTrue(help.out().contains("--db"), help.out());
      assertTrue(help.out().contains("--since"), help.out());
      assertTrue(help.out().contains("--version"), help.out());
    }
  }
}

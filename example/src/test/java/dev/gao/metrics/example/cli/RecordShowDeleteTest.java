package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code record}, {@code show} and {@code delete}, run in-process against real files. */
class RecordShowDeleteTest {
  @TempDir Path folder;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String stdin, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive);
    int exitCode =
        GaoMetricsCli.commandLine(Map.of(), terminal, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private static Result run(String... args) {
    return run("", false, args);
  }

  private static List<CompleteRun> demoRuns(long seed, int repeats) {
    return new DemoRuns(seed, Instant.parse("2026-06-01T07:00:00Z")).matrix(repeats);
  }

  private static String line(CompleteRun run) {
    return RunDocument.write(run).toString();
  }

  private static String jsonLines(List<CompleteRun> runs) {
    return runs.stream().map(RecordShowDeleteTest::line).collect(Collectors.joining("\n", "", "\n"));
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(folder.resolve(name), text);
  }

  private static CompleteRun withoutIds(CompleteRun run) {
    PerformanceMetrics p = run.performance();
    AutonomyMetrics a = run.autonomy();
    QualityMetrics q = run.quality();
    WorkflowMetrics w = run.workflow();
    return new CompleteRun(
        run.run(),
        new PerformanceMetrics(0, p.runId(), p.totalTimeSeconds(), p.phaseTimes(), p.tokenUsageTotal(),
            p.tokenUsageByAgent(), p.apiCallsCount(), p.apiCallsCost()),
        new AutonomyMetrics(0, a.runId(), a.manualInterventionsCount(), a.manualInterventionsTypes(),
            a.promptsNeededInitial(), a.promptsNeededFollowup(), a.oneShotSuccessRate(), a.errorRecoveryRate(),
            a.agentHandoffsSuccessful(), a.agentHandoffsFailed()),
        new QualityMetrics(0, q.runId(), q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(),
            q.lintingErrorsCount(), q.lintingErrorsBySeverity(), q.typeErrorsCount(), q.securityVulnerabilitiesCount(),
            q.securityVulnerabilitiesBySeverity(), q.functionalCompletenessPercentage()),
        new WorkflowMetrics(0, w.runId(), w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(),
            w.phaseDistribution(), w.reworkCount()),
        run.tokenUsage().stream()
            .map(t -> new TokenUsage(0, t.runId(), t.model(), t.tokenType(), t.tokens(), t.costUsd(), t.priceTableVersion()))
            .toList());
  }

  /** Rows of every table that belong to the run: the run's row, four metric rows and its token usage. */
  private static int rowsOf(BenchmarkStore store, String runId) {
    return (store.runs().exists(runId) ? 1 : 0)
        + store.performance().findByRunId(runId).map(r -> 1).orElse(0)
        + store.autonomy().findByRunId(runId).map(r -> 1).orElse(0)
        + store.quality().findByRunId(runId).map(r -> 1).orElse(0)
        + store.workflow().findByRunId(runId).map(r -> 1).orElse(0)
        + store.tokenUsage().findByRunId(runId).size();
  }

  @Test
  void recordShowJsonRecordElsewhereGivesEqualRuns() throws Exception {
    List<CompleteRun> runs = demoRuns(5, 1);
    Path first = folder.resolve("first.db");
    Result recorded = run("record", "--db", first.toString(), write("runs.jsonl", jsonLines(runs)).toString());
    assertEquals(0, recorded.exitCode(), recorded.err());
    assertEquals("recorded 15 runs, rejected 0", recorded.out().strip());
    assertEquals("", recorded.err());

    StringBuilder shown = new StringBuilder();
    for (CompleteRun r : runs) {
      Result show = run("show", "--db", first.toString(), "--json", r.runId());
      assertEquals(0, show.exitCode(), show.err());
      shown.append(show.out());
    }
    Path second = folder.resolve("second.db");
    Result again = run("record", "--db", second.toString(), write("shown.json", shown.toString()).toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals("recorded 15 runs, rejected 0", again.out().strip());

    try (BenchmarkStore a = BenchmarkStore.open(first);
        BenchmarkStore b = BenchmarkStore.open(second)) {
      for (CompleteRun r : runs) {
        CompleteRun fromFirst = a.find(r.runId()).orElseThrow();
        CompleteRun fromSecond = b.find(r.runId()).orElseThrow();
        assertEquals(withoutIds(fromFirst), withoutIds(fromSecond), "created_at included");
        assertEquals(withoutIds(r).performance(), withoutIds(fromFirst).performance());
        assertEquals(r.run().metadata(), fromSecond.run().metadata());
        assertEquals(
            run("show", "--db", first.toString(), "--json", r.runId()).out(),
            run("show", "--db", second.toString(), "--json", r.runId()).out());
      }
    }
  }

  @Test
  void theExampleFilesRecord() {
    Path db = folder.resolve("examples.db");
    Result result = run("record", "--db", db.toString(), "run-document.json", "runs.jsonl");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("recorded 4 runs, rejected 0", result.out().strip());
    Result show = run("show", "--db", db.toString(), "gao-2026-11-20-todo-app-0007");
    assertEquals(0, show.exitCode(), show.err());
    assertTrue(show.out().contains("2026-11-20T09:14:03.512Z"), "converted to UTC: " + show.out());
    assertTrue(show.out().contains("Zoë Ørsted") && show.out().contains("\\\"can the backlog be trimmed?\\\""), show.out());
    for (String section :
        new String[] {"benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics",
          "token_usage (8 rows)", "total  "}) {
      assertTrue(show.out().contains(section), section + " in " + show.out());
    }
  }

  /** A document that breaks one rule, and what its error must say. */
  private record Case(String name, Consumer<ObjectNode> change, String rawReplace, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static ObjectNode object(ObjectNode doc, String name) {
    return (ObjectNode) doc.get(name);
  }

  private static Case breaks(String name, Consumer<ObjectNode> change, String... expected) {
    return new Case(name, change, null, List.of(expected));
  }

  /** A marker number the case replaces in the JSON text (for NaN, infinities and raw syntax). */
  private static final String MARKER = "123456.789";

  private static Case raw(String name, Consumer<ObjectNode> change, String replacement, String... expected) {
    return new Case(name, change, replacement, List.of(expected));
  }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(breaks("missing field", d -> object(d, "quality").remove("tests_written"),
        "quality.tests_written: is required (an integer)"));
    cases.add(breaks("missing metric object", d -> d.remove("workflow"), "workflow: is required"));
    cases.add(breaks("missing run id", d -> d.remove("run_id"), "run_id: is required (a string)"));
    cases.add(breaks("string for integer", d -> object(d, "quality").put("tests_written", "12"),
        "quality.tests_written = \"12\": must be an integer"));
    cases.add(breaks("fraction for integer", d -> object(d, "workflow").put("rework_count", 1.5),
        "workflow.rework_count = 1.5: must be an integer"));
    cases.add(breaks("integer too large", d -> object(d, "quality").put("tests_written", 3_000_000_000L),
        "quality.tests_written = 3000000000: must be an integer from"));
    cases.add(breaks("number for string", d -> d.put("project_name", 42), "project_name = 42: must be a string"));
    cases.add(breaks("null for required", d -> d.putNull("benchmark_name"), "benchmark_name = null: must be a string"));
    cases.add(breaks("object for map", d -> object(d, "performance").put("phase_times", "fast"),
        "performance.phase_times = \"fast\": must be an object"));
    cases.add(breaks("string in number map", d -> object(object(d, "performance"), "token_usage_by_agent").put("amelia", "lots"),
        "performance.token_usage_by_agent.amelia = \"lots\": must be an integer"));
    cases.add(breaks("unknown top-level field", d -> d.put("colour", "blue"), "colour = \"blue\": unknown field"));
    cases.add(breaks("unknown nested field", d -> object(d, "quality").put("tests_pasing", 3),
        "quality.tests_pasing = 3: unknown field; 'quality' has tests_written"));
    cases.add(breaks("unknown token usage field", d -> ((ObjectNode) d.get("token_usage").get(0)).put("id", 7),
        "token_usage[0].id = 7: unknown field"));
    cases.add(raw("NaN", d -> object(d, "performance").put("total_time_seconds", Double.parseDouble(MARKER)), "NaN",
        "performance.total_time_seconds = NaN: must be a finite number"));
    cases.add(raw("Infinity", d -> object(d, "autonomy").put("error_recovery_rate", Double.parseDouble(MARKER)), "Infinity",
        "autonomy.error_recovery_rate = Infinity: must be a finite number"));
    cases.add(raw("-Infinity", d -> object(d, "performance").put("api_calls_cost", Double.parseDouble(MARKER)), "-Infinity",
        "performance.api_calls_cost = -Infinity: must be a finite number"));
    cases.add(raw("overflow to infinity", d -> object(d, "workflow").put("avg_cycle_time_seconds", Double.parseDouble(MARKER)),
        "1e400", "workflow.avg_cycle_time_seconds = Infinity: must be a finite number"));
    cases.add(raw("NaN in metadata", d -> object(d, "metadata").put("score", Double.parseDouble(MARKER)), "NaN",
        "metadata.score = NaN: must be a finite number"));
    cases.add(breaks("negative count", d -> object(d, "workflow").put("rework_count", -1),
        "workflow.rework_count = -1: must not be negative"));
    cases.add(breaks("negative seconds", d -> object(d, "performance").put("total_time_seconds", -3.5),
        "performance.total_time_seconds = -3.5: must not be negative"));
    cases.add(breaks("negative tokens", d -> ((ObjectNode) d.get("token_usage").get(2)).put("tokens", -5),
        "token_usage[2].tokens = -5: must not be negative"));
    cases.add(breaks("rate above 1", d -> object(d, "autonomy").put("one_shot_success_rate", 1.5),
        "autonomy.one_shot_success_rate = 1.5: is a fraction and must lie in 0..1"));
    cases.add(breaks("rate as percentage", d -> object(d, "autonomy").put("error_recovery_rate", 85.0),
        "autonomy.error_recovery_rate = 85.0: is a fraction and must lie in 0..1"));
    cases.add(breaks("negative rate", d -> object(d, "autonomy").put("error_recovery_rate", -0.1),
        "autonomy.error_recovery_rate = -0.1: is a fraction and must lie in 0..1"));
    cases.add(breaks("percentage above 100", d -> object(d, "quality").put("code_coverage_percentage", 100.5),
        "quality.code_coverage_percentage = 100.5: is a percentage and must lie in 0..100"));
    cases.add(breaks("negative percentage", d -> object(d, "quality").put("functional_completeness_percentage", -1),
        "quality.functional_completeness_percentage = -1.0: is a percentage and must lie in 0..100"));
    cases.add(breaks("negative phase time", d -> object(object(d, "performance"), "phase_times").put("planning", -1.5),
        "performance.phase_times.planning = -1.5: must not be negative"));
    cases.add(breaks("negative tokens of an agent", d -> {
          // amelia takes bob's tokens and 3 more, so that the agents still sum to the total
          ObjectNode agents = object(object(d, "performance"), "token_usage_by_agent");
          agents.put("amelia", agents.get("amelia").asLong() + agents.get("bob").asLong() + 3).put("bob", -3);
        }, "performance.token_usage_by_agent.bob = -3: must not be negative"));
    cases.add(breaks("negative severity count", d -> {
          int count = object(d, "quality").get("linting_errors_count").asInt();
          object(object(d, "quality"), "linting_errors_by_severity").removeAll().put("error", -2).put("warning", count + 2);
        }, "quality.linting_errors_by_severity.error = -2: must not be negative"));
    cases.add(breaks("phase share above 100", d -> object(object(d, "workflow"), "phase_distribution").put("planning", 150.0),
        "workflow.phase_distribution.planning = 150.0: is a percentage and must lie in 0..100"));
    cases.add(breaks("negative phase share", d -> object(object(d, "workflow"), "phase_distribution").put("planning", -0.2),
        "workflow.phase_distribution.planning = -0.2: is a percentage and must lie in 0..100"));
    cases.add(breaks("negative prompts", d -> object(d, "autonomy").put("prompts_needed_followup", -1),
        "autonomy.prompts_needed_followup = -1: must not be negative"));
    cases.add(breaks("more tests passing than written", d -> {
          object(d, "quality").put("tests_written", 10);
          object(d, "quality").put("tests_passing", 12);
        }, "quality.tests_passing = 12: is more than quality.tests_written (10)"));
    cases.add(breaks("more stories completed than created", d -> {
          object(d, "workflow").put("stories_created", 4);
          object(d, "workflow").put("stories_completed", 5);
        }, "workflow.stories_completed = 5: is more than workflow.stories_created (4)"));
    cases.add(breaks("unknown status", d -> d.put("status", "done"),
        "status = \"done\": is not a known status; use one of [running, completed, failed, timeout]"));
    cases.add(breaks("status in capitals", d -> d.put("status", "COMPLETED"), "status = \"COMPLETED\": is not a known status"));
    cases.add(breaks("unknown token type", d -> ((ObjectNode) d.get("token_usage").get(1)).put("token_type", "reasoning"),
        "token_usage[1].token_type = \"reasoning\": is not a known token type; use one of"
            + " [input, output, cache_read, cache_write]"));
    cases.add(breaks("repeated model and token type",
        d -> ((ObjectNode) d.get("token_usage").get(1)).put("token_type", "input"),
        "token_usage[1].token_type = \"input\": repeats model \"claude-sonnet-4.5\" and token type input"));
    cases.add(breaks("empty run id", d -> d.put("run_id", ""), "run_id = \"\": must not be empty or blank"));
    cases.add(breaks("blank project name", d -> d.put("project_name", " \t"), "project_name = \" \\t\": must not be empty or blank"));
    cases.add(breaks("empty benchmark name", d -> d.put("benchmark_name", ""), "benchmark_name = \"\": must not be empty or blank"));
    cases.add(breaks("blank model", d -> ((ObjectNode) d.get("token_usage").get(3)).put("model", "  "),
        "token_usage[3].model = \"  \": must not be empty or blank"));
    cases.add(breaks("version too long", d -> d.put("version", "v".repeat(201)),
        "version = \"vvv", "is 201 characters long; at most 200 are allowed"));
    cases.add(breaks("blank run id", d -> d.put("run_id", "   "), "run_id = \"   \": must not be empty or blank"));
    cases.add(breaks("run id too long", d -> d.put("run_id", "r".repeat(201)),
        "is 201 characters long; at most 200 are allowed"));
    cases.add(breaks("finished before it started", d -> d.put("finished_at", "2026-06-01T06:59:59Z"),
        "finished_at = \"2026-06-01T06:59:59Z\": is before timestamp"));
    cases.add(breaks("time not in ISO-8601", d -> d.put("timestamp", "June 1st 2026, 7 am"),
        "timestamp = \"June 1st 2026, 7 am\": must be an ISO-8601 time with an offset"));
    cases.add(breaks("time as a number", d -> d.put("timestamp", 1_780_000_000),
        "timestamp = 1780000000: must be an ISO-8601 time with an offset"));
    cases.add(breaks("metadata not an object", d -> d.put("metadata", "model=x"), "metadata = \"model=x\": must be an object"));
    cases.add(breaks("metadata too large", d -> object(d, "metadata").put("log", "x".repeat(70_000)),
        "metadata: is 70", "bytes of JSON; at most 65536 are allowed"));
    cases.add(raw("repeated key", d -> d.put("colour", Double.parseDouble(MARKER)), "1, \"colour\": 2",
        "malformed JSON at column", "Duplicate field 'colour'"));
    cases.add(raw("broken syntax", d -> d.put("colour", Double.parseDouble(MARKER)), "}", "malformed JSON at column"));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadDocumentIsRejectedWithItsLineFieldAndValueAndNothingOfItIsStored(Case c) throws Exception {
    List<CompleteRun> runs = demoRuns(9, 1).subList(0, 3);
    ObjectNode bad = RunDocument.write(runs.get(1));
    c.change().accept(bad);
    String badLine = bad.toString();
    if (c.rawReplace() != null) {
      assertTrue(badLine.contains(MARKER), badLine);
      badLine = badLine.replace(MARKER, c.rawReplace());
    }
    String input = line(runs.get(0)) + "\n" + badLine + "\n" + line(runs.get(2)) + "\n";
    Path db = folder.resolve("metrics.db");
    Result result = run("record", "--db", db.toString(), write("runs.jsonl", input).toString());

    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), result.err());
    assertEquals("recorded 2 runs, rejected 1", result.out().strip());
    List<String> errors = result.err().lines().toList();
    assertFalse(errors.isEmpty());
    for (String error : errors) {
      assertTrue(error.startsWith("gao-metrics record: " + folder.resolve("runs.jsonl") + " line 2"), error);
    }
    String all = String.join("\n", errors);
    for (String expected : c.expected()) {
      assertTrue(all.contains(expected), "expected '" + expected + "' in:\n" + all);
    }
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(2, store.runs().count());
      assertEquals(0, rowsOf(store, runs.get(1).runId()), "nothing of the rejected run is stored");
      assertEquals(13, rowsOf(store, runs.get(0).runId()));
      assertEquals(13, rowsOf(store, runs.get(2).runId()));
      for (String table : new String[] {"performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics"}) {
        assertEquals(2, store.database().rowCount(table), table);
      }
      assertEquals(16, store.tokenUsage().count());
    }
  }

  /**
   * Documents that are only unusual (GAO-Dev's own validate() accepts each): what the one warning
   * of each says. Until warnings were split from errors these were refused.
   */
  static Stream<Arguments> warnings() {
    String types = " [clarification, error_fix, direction_change, blocked, user_correction]";
    List<Case> cases = new ArrayList<>();
    cases.add(breaks("phase distribution as fractions", d -> {
          ObjectNode distribution = object(object(d, "workflow"), "phase_distribution");
          distribution.put("analysis", 0.1).put("planning", 0.12).put("solutioning", 0.18).put("implementation", 0.6);
        }, "workflow.phase_distribution = {\"analysis\":0.1,",
        "sums to 1.0: fractions of the run's time, where GAO-Dev documents percentages summing to 100"));
    cases.add(breaks("phase distribution summing to neither 100 nor 1", d -> {
          object(object(d, "workflow"), "phase_distribution").removeAll().put("analysis", 10.0).put("planning", 12.0);
        }, "workflow.phase_distribution = {\"analysis\":10.0,\"planning\":12.0}: sums to 22.0; shares of the run's"
            + " time sum to 100 as percentages or to 1 as fractions"));
    cases.add(breaks("intervention count mismatch", d -> {
          object(d, "autonomy").put("manual_interventions_count", 3);
          object(d, "autonomy").putArray("manual_interventions_types").add("blocked").add("error_fix");
        }, "autonomy.manual_interventions_types = [\"blocked\",\"error_fix\"]: has 2 entries but"
            + " autonomy.manual_interventions_count is 3"));
    cases.add(breaks("unknown intervention type", d -> {
          object(d, "autonomy").put("manual_interventions_count", 1);
          object(d, "autonomy").putArray("manual_interventions_types").add("coffee_break");
        }, "autonomy.manual_interventions_types[0] = \"coffee_break\": is not one of GAO-Dev's intervention types"
            + types));
    cases.add(breaks("lint severities do not sum", d -> {
          object(d, "quality").put("linting_errors_count", 99);
        }, "quality.linting_errors_by_severity = {\"error\":", "not to quality.linting_errors_count (99)"));
    cases.add(breaks("unknown security severity", d -> {
          object(object(d, "quality"), "security_vulnerabilities_by_severity").put("catastrophic", 0);
        }, "quality.security_vulnerabilities_by_severity.catastrophic = 0: is not one of the usual severities"
            + " [low, medium, high, critical]"));
    cases.add(breaks("security severities do not sum", d -> {
          object(d, "quality").put("security_vulnerabilities_count", 40);
        }, "quality.security_vulnerabilities_by_severity = {\"low\":", "not to quality.security_vulnerabilities_count (40)"));
    cases.add(breaks("token usage does not sum to the total", d -> {
          object(d, "performance").put("token_usage_total", object(d, "performance").get("token_usage_total").asLong() + 1);
          object(d, "performance").putObject("token_usage_by_agent");
        }, "token_usage: tokens sum to", "not to performance.token_usage_total"));
    cases.add(breaks("tokens by agent do not sum to the total",
        d -> object(object(d, "performance"), "token_usage_by_agent").put("amelia", 1),
        "performance.token_usage_by_agent = {\"brian\":", "not to performance.token_usage_total"));
    cases.add(breaks("unknown agent", d -> {
          ObjectNode agents = object(object(d, "performance"), "token_usage_by_agent");
          agents.set("robert", agents.remove("bob"));
        }, "performance.token_usage_by_agent.robert = ", ": is not one of GAO-Dev's agents"
            + " [brian, mary, john, winston, sally, bob, amelia, murat]"));
    cases.add(breaks("blank version", d -> d.put("version", ""),
        "version = \"\": is empty or blank; benchmark versions are normally named, for example 1.0.0"));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void anUnusualDocumentIsStoredAsGivenWithItsWarningsOnStderr(Case c) throws Exception {
    List<CompleteRun> runs = demoRuns(9, 1).subList(0, 3);
    ObjectNode unusual = RunDocument.write(runs.get(1));
    c.change().accept(unusual);
    String input = line(runs.get(0)) + "\n" + unusual + "\n" + line(runs.get(2)) + "\n";
    Path db = folder.resolve("metrics.db");
    Result result = run("record", "--db", db.toString(), write("runs.jsonl", input).toString());

    assertEquals(0, result.exitCode(), result.err());
    List<String> warnings = result.err().lines().toList();
    assertEquals(1, warnings.size(), "one warning line for the one unusual value:\n" + result.err());
    assertEquals("recorded 3 runs, rejected 0, 1 warning", result.out().strip());
    for (String warning : warnings) {
      assertTrue(warning.startsWith("gao-metrics record: warning: " + folder.resolve("runs.jsonl") + " line 2, run \""
          + runs.get(1).runId() + "\": "), warning);
    }
    String all = String.join("\n", warnings);
    for (String expected : c.expected()) {
      assertTrue(all.contains(expected), "expected '" + expected + "' in:\n" + all);
    }
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(3, store.runs().count());
      ObjectNode stored = RunDocument.write(store.find(runs.get(1).runId()).orElseThrow());
      assertTrue(stored.remove("created_at").isTextual(), "the database stamped created_at");
      assertEquals(RunDocument.mapper().readTree(unusual.toString()), RunDocument.mapper().readTree(stored.toString()),
          "stored exactly as given");
    }
  }

  @Test
  void aTimeWithoutAnOffsetIsReadAsUtcWithAWarning() throws Exception {
    CompleteRun run = demoRuns(17, 1).get(0);
    ObjectNode naive = RunDocument.write(run);
    naive.put("timestamp", "2025-01-15T10:00:00.123456");
    naive.put("finished_at", "2025-01-15 11:30:00");
    Path db = folder.resolve("metrics.db");
    Result spaced = run("record", "--db", db.toString(), write("spaced.jsonl", naive + "\n").toString());
    assertEquals(3, spaced.exitCode(), "a space for the T is not ISO-8601 in a document: " + spaced.err());
    assertTrue(spaced.err().contains("finished_at"), spaced.err());

    naive.put("finished_at", "2025-01-15T11:30:00");
    Result result = run("record", "--db", db.toString(), write("naive.jsonl", naive + "\n").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("recorded 1 runs, rejected 0, 2 warnings", result.out().strip());
    assertTrue(result.err().contains("timestamp = \"2025-01-15T10:00:00.123456\": has no offset; read as UTC"), result.err());
    assertTrue(result.err().contains("finished_at = \"2025-01-15T11:30:00\": has no offset; read as UTC"), result.err());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      CompleteRun stored = store.find(run.runId()).orElseThrow();
      assertEquals(Instant.parse("2025-01-15T10:00:00.123456Z"), stored.run().timestamp());
      assertEquals(Instant.parse("2025-01-15T11:30:00Z"), stored.run().finishedAt());
    }
  }

  @Test
  void aJsonFileNamesTheDocumentAndItsLine() throws Exception {
    List<CompleteRun> runs = demoRuns(13, 1).subList(0, 3);
    ArrayNode array = RunDocument.mapper().createArrayNode();
    runs.forEach(r -> array.add(RunDocument.write(r)));
    ((ObjectNode) array.get(1).get("quality")).put("tests_passing", 100_000);
    Path file = write("runs.json", RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
    int line = 1 + (int) Files.readAllLines(file).stream()
        .takeWhile(l -> !l.contains("\"" + runs.get(1).runId() + "\"")).count() - 1;
    Path db = folder.resolve("m.db");
    Result result = run("record", "--db", db.toString(), file.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    assertEquals("recorded 2 runs, rejected 1", result.out().strip());
    assertEquals(
        "gao-metrics record: " + file + " document 2 (line " + line + "), run \"" + runs.get(1).runId()
            + "\": quality.tests_passing = 100000: is more than quality.tests_written ("
            + runs.get(1).quality().testsWritten() + ")",
        result.err().strip());
  }

  @Test
  void malformedJsonInAJsonFileKeepsTheDocumentsBeforeIt() throws Exception {
    List<CompleteRun> runs = demoRuns(14, 1).subList(0, 2);
    String text = "[\n" + line(runs.get(0)) + ",\n" + line(runs.get(1)).replace("\"quality\":{", "\"quality\":{,") + "\n]\n";
    Path db = folder.resolve("m.db");
    Result result = run("record", "--db", db.toString(), write("broken.json", text).toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    assertEquals("recorded 1 runs, rejected 1", result.out().strip());
    assertTrue(result.err().contains("broken.json document 2 (line 3, column"), result.err());
    assertTrue(result.err().contains("the rest of"), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
  }

  @Test
  void aRunIdAlreadyRecordedIsReportedAndSkipped() throws Exception {
    List<CompleteRun> runs = demoRuns(15, 1).subList(0, 3);
    Path file = write("runs.jsonl", jsonLines(runs));
    Path db = folder.resolve("m.db");
    assertEquals(0, run("record", "--db", db.toString(), file.toString()).exitCode());

    CompleteRun changed = runs.get(1);
    ObjectNode doc = RunDocument.write(changed);
    doc.put("project_name", "another-project");
    Result again = run("record", "--db", db.toString(), write("again.jsonl", doc + "\n").toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, again.exitCode());
    assertEquals("recorded 0 runs, rejected 1", again.out().strip());
    assertTrue(again.err().contains("again.jsonl line 1, run \"" + changed.runId() + "\": run_id is already recorded"),
        again.err());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(3, store.runs().count());
      assertEquals(changed.run().projectName(), store.runs().findById(changed.runId()).orElseThrow().projectName(),
          "the stored run is untouched");
      assertEquals(13, rowsOf(store, changed.runId()));
    }
  }

  @Test
  void sqlMetacharactersAndInjectionStringsAreStoredAndReadBackAsData() throws Exception {
    List<String> hostile =
        List.of(
            "'; DROP TABLE benchmark_runs; --",
            "\" OR 1=1 --",
            "Robert'); DELETE FROM token_usage WHERE ('1'='1",
            "x' UNION SELECT run_id, 1, 2 FROM benchmark_runs --",
            "%_\\ * ? [a-z] $1 ${run_id} /* */",
            "naïve ✓ 日本 \u0007 tab\there");
    List<CompleteRun> base = demoRuns(17, 1).subList(0, hostile.size());
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < hostile.size(); i++) {
      ObjectNode doc = RunDocument.write(base.get(i));
      doc.put("run_id", hostile.get(i));
      doc.put("project_name", hostile.get((i + 1) % hostile.size()));
      doc.put("benchmark_name", hostile.get((i + 2) % hostile.size()));
      ObjectNode metadata = (ObjectNode) doc.get("metadata");
      metadata.put("note", hostile.get((i + 3) % hostile.size()));
      metadata.put(hostile.get(i), "key with SQL");
      input.append(doc).append('\n');
    }
    Path db = folder.resolve("m.db");
    Result result = run("record", "--db", db.toString(), write("hostile.jsonl", input.toString()).toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("recorded 6 runs, rejected 0", result.out().strip());

    for (int i = 0; i < hostile.size(); i++) {
      String id = hostile.get(i);
      Result show = run("show", "--db", db.toString(), "--json", id);
      assertEquals(0, show.exitCode(), show.err());
      JsonNode doc = RunDocument.mapper().readTree(show.out());
      assertEquals(id, doc.get("run_id").textValue());
      assertEquals(hostile.get((i + 1) % hostile.size()), doc.get("project_name").textValue());
      assertEquals(hostile.get((i + 2) % hostile.size()), doc.get("benchmark_name").textValue());
      assertEquals(hostile.get((i + 3) % hostile.size()), doc.get("metadata").get("note").textValue());
      assertEquals("key with SQL", doc.get("metadata").get(id).textValue());
      assertEquals(8, doc.get("token_usage").size());
      Result table = run("show", "--db", db.toString(), id);
      assertEquals(0, table.exitCode(), table.err());
    }
    Result missing = run("show", "--db", db.toString(), "' OR '1'='1");
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, missing.exitCode());
    assertTrue(missing.err().contains("no run \"' OR '1'='1\""), missing.err());

    Result deleted = run("delete", "--db", db.toString(), hostile.get(0), "%", "' OR '1'='1");
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, deleted.exitCode(), "two ids were unknown");
    assertTrue(deleted.out().contains("deleted 1 run (13 rows)"), deleted.out());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(5, store.runs().count());
      assertEquals(40, store.tokenUsage().count());
      assertFalse(store.runs().exists(hostile.get(0)));
      for (String id : hostile.subList(1, hostile.size())) {
        assertEquals(13, rowsOf(store, id), id);
      }
    }
  }

  @Test
  void documentsAreReadFromStandardInput() throws Exception {
    List<CompleteRun> runs = demoRuns(19, 1).subList(0, 4);
    Path db = folder.resolve("m.db");
    Result lines = run(jsonLines(runs.subList(0, 2)), false, "record", "--db", db.toString());
    assertEquals(0, lines.exitCode(), lines.err());
    assertEquals("recorded 2 runs, rejected 0", lines.out().strip());

    String pretty = RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(RunDocument.write(runs.get(2)));
    Path file = write("one.jsonl", line(runs.get(3)) + "\n");
    Result mixed = run("\uFEFF\n" + pretty, false, "record", "--db", db.toString(), "-", file.toString());
    assertEquals(0, mixed.exitCode(), mixed.err());
    assertEquals("recorded 2 runs, rejected 0", mixed.out().strip());

    ObjectNode bad = RunDocument.write(demoRuns(20, 1).get(0));
    ((ObjectNode) bad.get("autonomy")).put("one_shot_success_rate", 2.0);
    Result rejected = run(bad + "\n", false, "record", "--db", db.toString(), "-");
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, rejected.exitCode());
    assertTrue(rejected.err().startsWith("gao-metrics record: stdin line 1, run \""), rejected.err());
    assertTrue(rejected.err().contains("autonomy.one_shot_success_rate = 2.0"), rejected.err());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(4, store.runs().count());
      for (CompleteRun r : runs) {
        assertEquals(withoutIds(r).quality(), withoutIds(store.find(r.runId()).orElseThrow()).quality());
      }
    }
  }

  @Test
  void emptyInputRecordsNothingAndSucceeds() {
    Result result = run("\n\n", false, "record", "--db", folder.resolve("m.db").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("recorded 0 runs, rejected 0", result.out().strip());
  }

  @Test
  void aMissingInputFileRecordsNothing() throws Exception {
    Path good = write("good.jsonl", jsonLines(demoRuns(23, 1).subList(0, 1)));
    Path db = folder.resolve("m.db");
    Result result = run("record", "--db", db.toString(), good.toString(), folder.resolve("nope.jsonl").toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().contains("cannot read " + folder.resolve("nope.jsonl") + ": no such file; nothing was recorded"),
        result.err());
    assertFalse(Files.exists(db));
  }

  @Test
  void textThatIsNotUtf8IsRejected() throws Exception {
    Path file = folder.resolve("latin1.jsonl");
    String doc = line(demoRuns(24, 1).get(0)).replace("Zoë", "Zo\u00eb");
    Files.write(file, doc.getBytes(StandardCharsets.ISO_8859_1));
    Result result = run("record", "--db", folder.resolve("m.db").toString(), file.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    assertEquals("recorded 0 runs, rejected 1", result.out().strip());
    assertTrue(result.err().contains("is not UTF-8 text"), result.err());
  }

  @Test
  void progressShowsOnATerminalOnly() throws Exception {
    List<CompleteRun> runs = new ArrayList<>();
    DemoRuns demo = new DemoRuns(25, Instant.parse("2026-01-01T00:00:00Z"));
    for (int i = 0; i < RecordCommand.PROGRESS_EVERY; i++) {
      runs.add(demo.next("todo-app", "bugfix-suite", "1.1.0"));
    }
    String input = jsonLines(runs);
    Result terminal = run(input, true, "record", "--db", folder.resolve("a.db").toString());
    assertEquals(0, terminal.exitCode(), terminal.err());
    assertEquals("gao-metrics record: 1,000 runs read: 1,000 recorded, 0 rejected", terminal.err().strip());
    Result piped = run(input, false, "record", "--db", folder.resolve("b.db").toString());
    assertEquals(0, piped.exitCode(), piped.err());
    assertEquals("", piped.err());
  }

  @Test
  void deleteCascadesToEveryTable() throws Exception {
    List<CompleteRun> runs = demoRuns(27, 1).subList(0, 3);
    Path db = folder.resolve("m.db");
    assertEquals(0, run("record", "--db", db.toString(), write("r.jsonl", jsonLines(runs)).toString()).exitCode());

    Result result = run("delete", "--db", db.toString(), runs.get(0).runId(), runs.get(2).runId(), runs.get(0).runId());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("deleted 2 runs (26 rows) from " + db, result.out().strip());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(0, rowsOf(store, runs.get(0).runId()));
      assertEquals(0, rowsOf(store, runs.get(2).runId()));
      assertEquals(13, rowsOf(store, runs.get(1).runId()));
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String table :
          new String[] {"benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics"}) {
        counts.put(table, store.database().rowCount(table));
      }
      assertEquals(Map.of("benchmark_runs", 1L, "performance_metrics", 1L, "autonomy_metrics", 1L, "quality_metrics", 1L,
          "workflow_metrics", 1L), counts);
      assertEquals(8, store.tokenUsage().count());
    }
  }

  @Test
  void deleteAsksOnATerminalUnlessYes() throws Exception {
    List<CompleteRun> runs = demoRuns(29, 1).subList(0, 3);
    Path db = folder.resolve("m.db");
    assertEquals(0, run("record", "--db", db.toString(), write("r.jsonl", jsonLines(runs)).toString()).exitCode());
    String id = runs.get(0).runId();

    Result declined = run("n\n", true, "delete", "--db", db.toString(), id);
    assertEquals(0, declined.exitCode());
    assertEquals("nothing deleted", declined.out().strip());
    assertTrue(declined.err().startsWith("delete 1 run (\"" + id + "\") and all their metrics from " + db + "? [y/N]"),
        declined.err());
    Result noAnswer = run("", true, "delete", "--db", db.toString(), id);
    assertEquals("nothing deleted", noAnswer.out().strip());

    Result accepted = run("y\n", true, "delete", "--db", db.toString(), id);
    assertEquals(0, accepted.exitCode(), accepted.err());
    assertTrue(accepted.out().startsWith("deleted 1 run (13 rows)"), accepted.out());

    Result yes = run("", true, "delete", "--db", db.toString(), "--yes", runs.get(1).runId());
    assertEquals("", yes.err());
    assertTrue(yes.out().startsWith("deleted 1 run"), yes.out());

    Result piped = run("", false, "delete", "--db", db.toString(), runs.get(2).runId());
    assertEquals("", piped.err(), "no question when standard input is not a terminal");
    assertTrue(piped.out().startsWith("deleted 1 run"), piped.out());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(0, store.runs().count());
      assertEquals(0, store.tokenUsage().count());
    }
  }

  @Test
  void unknownRunsAreReportedOnOneLine() throws Exception {
    Path db = folder.resolve("m.db");
    assertEquals(0, run("init", "--db", db.toString()).exitCode());
    Result show = run("show", "--db", db.toString(), "run-42");
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, show.exitCode());
    assertEquals(
        "gao-metrics show: no run \"run-42\" in " + db
            + "; check the run id (it is case-sensitive) and the database (--db or $GAO_METRICS_DB)",
        show.err().strip());
    Result delete = run("delete", "--db", db.toString(), "run-42");
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, delete.exitCode());
    assertTrue(delete.err().contains("no run \"run-42\""), delete.err());
    assertEquals("deleted 0 runs (0 rows) from " + db, delete.out().strip());
  }

  @Test
  void showAndDeleteNeverCreateADatabase() {
    Path db = folder.resolve("missing.db");
    for (String[] args : new String[][] {{"show", "x"}, {"delete", "--yes", "x"}}) {
      String[] full = Stream.concat(Stream.of(args), Stream.of("--db", db.toString())).toArray(String[]::new);
      Result result = run(full);
      assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
      assertTrue(result.err().contains("gao-metrics init"), result.err());
      assertFalse(Files.exists(db));
    }
  }

  @Test
  void theNewCommandsHaveHelpAndUsageErrors() {
    for (String command : new String[] {"record", "show", "delete"}) {
      Result help = run(command, "--help");
      assertEquals(0, help.exitCode());
      assertTrue(help.out().contains("--db"), help.out());
    }
    assertEquals(2, run("show").exitCode(), "RUN_ID is required");
    assertEquals(2, run("delete").exitCode(), "at least one RUN_ID");
  }
}

package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.exception.ColumnValueException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that break a rule of the GAO-Dev schema, through both ways a run is recorded: {@link
 * BenchmarkStore#record} from Java (the generated DAOs, the database's CHECK constraints and the
 * store's cross-column rules) and {@code gao-metrics record} with a JSON document (the document
 * reader and {@code RunDocumentValidator}). Each is refused naming table, column and value, and no
 * row of the run is stored in any table.
 */
class BadValuesTest {
  @TempDir Path folder;
  private Path file;
  private BenchmarkStore store;
  private DemoRuns demo;

  @BeforeEach
  void open() {
    file = folder.resolve("metrics.db");
    store = BenchmarkStore.open(file);
    demo = new DemoRuns(21, Instant.parse("2026-05-01T08:00:00Z"));
    for (int i = 0; i < 3; i++) {
      store.record(demo.next("todo-app", "bugfix-suite", "1.0.0"));
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A change that breaks one rule, and the table, column and value the error must name. */
  record Case(String name, UnaryOperator<CompleteRun> change, String table, String column, String value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> javaCases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("NaN seconds", r -> perf(r, p -> new PerformanceMetrics(0, p.runId(), Double.NaN,
        p.phaseTimes(), p.tokenUsageTotal(), p.tokenUsageByAgent(), p.apiCallsCount(), p.apiCallsCost())),
        "performance_metrics", "total_time_seconds", "NaN"));
    cases.add(new Case("infinite cost", r -> perf(r, p -> new PerformanceMetrics(0, p.runId(),
        p.totalTimeSeconds(), p.phaseTimes(), p.tokenUsageTotal(), p.tokenUsageByAgent(), p.apiCallsCount(),
        Double.POSITIVE_INFINITY)), "performance_metrics", "api_calls_cost", "Infinity"));
    cases.add(new Case("minus infinite cycle time", r -> flow(r, w -> new WorkflowMetrics(0, w.runId(),
        w.storiesCreated(), w.storiesCompleted(), Double.NEGATIVE_INFINITY, w.phaseDistribution(), w.reworkCount())),
        "workflow_metrics", "avg_cycle_time_seconds", "-Infinity"));
    cases.add(new Case("NaN rate", r -> auto(r, a -> new AutonomyMetrics(0, a.runId(),
        a.manualInterventionsCount(), a.manualInterventionsTypes(), a.promptsNeededInitial(),
        a.promptsNeededFollowup(), Double.NaN, a.errorRecoveryRate(), a.agentHandoffsSuccessful(),
        a.agentHandoffsFailed())), "autonomy_metrics", "one_shot_success_rate", "NaN"));
    cases.add(new Case("infinite token cost", r -> tokens(r, t -> new TokenUsage(0, t.runId(), t.model(),
        t.tokenType(), t.tokens(), Double.POSITIVE_INFINITY, t.priceTableVersion())),
        "token_usage", "cost_usd", "Infinity"));
    cases.add(new Case("negative count", r -> flow(r, w -> new WorkflowMetrics(0, w.runId(), w.storiesCreated(),
        w.storiesCompleted(), w.avgCycleTimeSeconds(), w.phaseDistribution(), -1)),
        "workflow_metrics", "rework_count", "-1"));
    cases.add(new Case("negative calls", r -> perf(r, p -> new PerformanceMetrics(0, p.runId(),
        p.totalTimeSeconds(), p.phaseTimes(), p.tokenUsageTotal(), p.tokenUsageByAgent(), -3, p.apiCallsCost())),
        "performance_metrics", "api_calls_count", "-3"));
    cases.add(new Case("negative tokens", r -> tokens(r, t -> new TokenUsage(0, t.runId(), t.model(),
        t.tokenType(), -5, t.costUsd(), t.priceTableVersion())), "token_usage", "tokens", "-5"));
    cases.add(new Case("negative handoffs", r -> auto(r, a -> new AutonomyMetrics(0, a.runId(),
        a.manualInterventionsCount(), a.manualInterventionsTypes(), a.promptsNeededInitial(),
        a.promptsNeededFollowup(), a.oneShotSuccessRate(), a.errorRecoveryRate(), a.agentHandoffsSuccessful(), -1)),
        "autonomy_metrics", "agent_handoffs_failed", "-1"));
    cases.add(new Case("coverage above 100", r -> qual(r, q -> quality(q, q.testsWritten(), q.testsPassing(),
        100.5, q.functionalCompletenessPercentage())), "quality_metrics", "code_coverage_percentage", "100.5"));
    cases.add(new Case("completeness below 0", r -> qual(r, q -> quality(q, q.testsWritten(), q.testsPassing(),
        q.codeCoveragePercentage(), -0.1)), "quality_metrics", "functional_completeness_percentage", "-0.1"));
    cases.add(new Case("rate above 1", r -> auto(r, a -> rates(a, 1.5, a.errorRecoveryRate())),
        "autonomy_metrics", "one_shot_success_rate", "1.5"));
    cases.add(new Case("rate given as a percentage", r -> auto(r, a -> rates(a, a.oneShotSuccessRate(), 85.0)),
        "autonomy_metrics", "error_recovery_rate", "85.0"));
    cases.add(new Case("more tests passing than written", r -> qual(r, q -> quality(q, 10, 12,
        q.codeCoveragePercentage(), q.functionalCompletenessPercentage())),
        "quality_metrics", "tests_passing", "12"));
    cases.add(new Case("more stories completed than created", r -> flow(r, w -> new WorkflowMetrics(0, w.runId(),
        4, 5, w.avgCycleTimeSeconds(), w.phaseDistribution(), w.reworkCount())),
        "workflow_metrics", "stories_completed", "5"));
    cases.add(new Case("finished before it started", r -> run(r, b -> new BenchmarkRun(b.runId(), b.timestamp(),
        b.projectName(), b.benchmarkName(), b.version(), b.metadata(), b.createdAt(), b.status(),
        b.timestamp().minusSeconds(1))), "benchmark_runs", "finished_at", "2026-"));
    cases.add(new Case("missing project", r -> run(r, b -> new BenchmarkRun(b.runId(), b.timestamp(), null,
        b.benchmarkName(), b.version(), b.metadata(), b.createdAt(), b.status(), b.finishedAt())),
        "benchmark_runs", "project_name", "NULL"));
    cases.add(new Case("missing timestamp", r -> run(r, b -> new BenchmarkRun(b.runId(), null, b.projectName(),
        b.benchmarkName(), b.version(), b.metadata(), b.createdAt(), b.status(), b.finishedAt())),
        "benchmark_runs", "timestamp", "NULL"));
    cases.add(new Case("missing model", r -> tokens(r, t -> new TokenUsage(0, t.runId(), null, t.tokenType(),
        t.tokens(), t.costUsd(), t.priceTableVersion())), "token_usage", "model", "NULL"));
    cases.add(new Case("time after year 9999", r -> run(r, b -> new BenchmarkRun(b.runId(), b.timestamp(),
        b.projectName(), b.benchmarkName(), b.version(), b.metadata(), b.createdAt(), b.status(),
        Instant.parse("+10000-01-01T00:00:00Z"))), "benchmark_runs", "finished_at", "10000-01-01"));
    cases.add(new Case("infinite phase time", r -> perf(r, p -> new PerformanceMetrics(0, p.runId(),
        p.totalTimeSeconds(), Map.of("analysis", Double.POSITIVE_INFINITY), p.tokenUsageTotal(),
        p.tokenUsageByAgent(), p.apiCallsCount(), p.apiCallsCost())),
        "performance_metrics", "phase_times", "Infinity"));
    cases.add(new Case("NaN phase share", r -> flow(r, w -> new WorkflowMetrics(0, w.runId(), w.storiesCreated(),
        w.storiesCompleted(), w.avgCycleTimeSeconds(), Map.of("planning", Double.NaN), w.reworkCount())),
        "workflow_metrics", "phase_distribution", "NaN"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javaCases")
  void recordFromJavaRefusesTheRunNamingTableColumnAndValueAndStoresNothing(Case c) {
    Map<String, Long> before = TableCounts.of(store);
    CompleteRun bad = c.change().apply(demo.next("invoice-api", "greenfield-webapp", "1.1.0"));
    ColumnValueException e = assertThrows(ColumnValueException.class, () -> store.record(bad));
    assertEquals(c.table(), e.table(), e.getMessage());
    assertEquals(c.column(), e.column(), e.getMessage());
    assertTrue(e.getMessage().contains(c.table() + "." + c.column())
        || e.getMessage().contains(c.table()) && e.getMessage().contains(c.column()), e.getMessage());
    assertTrue(e.getMessage().contains(c.value()), "value " + c.value() + " in: " + e.getMessage());
    assertEquals(before, TableCounts.of(store), "no row of the run in any table");
    assertFalse(store.runs().exists(bad.runId()));
    // The batch and record-if-absent paths apply the same rules.
    assertThrows(ColumnValueException.class, () -> store.recordAll(List.of(bad)));
    assertThrows(ColumnValueException.class, () -> store.recordIfAbsent(bad));
    assertEquals(before, TableCounts.of(store));
  }

  @Test
  void metricRowsOfAnUnknownRunAreRefusedNamingTheRunId() {
    Map<String, Long> before = TableCounts.of(store);
    CompleteRun orphan = demo.next("invoice-api", "bugfix-suite", "1.0.0");
    ForeignKeyViolationException e =
        assertThrows(ForeignKeyViolationException.class, () -> store.quality().insert(orphan.quality()));
    assertEquals("quality_metrics", e.table());
    assertTrue(e.getMessage().contains("run_id") && e.getMessage().contains(orphan.runId()), e.getMessage());
    assertThrows(ForeignKeyViolationException.class, () -> store.tokenUsage().insertAll(orphan.tokenUsage()));
    assertEquals(before, TableCounts.of(store));

    // A complete run whose metric row names another run is refused before any statement.
    PerformanceMetrics p = orphan.performance();
    IllegalArgumentException mixed =
        assertThrows(IllegalArgumentException.class, () -> new CompleteRun(orphan.run(),
            new PerformanceMetrics(0, "another-run", p.totalTimeSeconds(), p.phaseTimes(), p.tokenUsageTotal(),
                p.tokenUsageByAgent(), p.apiCallsCount(), p.apiCallsCost()),
            orphan.autonomy(), orphan.quality(), orphan.workflow(), orphan.tokenUsage()));
    assertTrue(mixed.getMessage().contains("performance_metrics.run_id is 'another-run'"), mixed.getMessage());
  }

  @Test
  void aBadValueInTheLastRowOfARunRollsBackTheRowsBeforeIt() {
    Map<String, Long> before = TableCounts.of(store);
    CompleteRun run = demo.next("weather-dashboard", "bugfix-suite", "1.1.0");
    List<TokenUsage> usage = new ArrayList<>(run.tokenUsage());
    TokenUsage last = usage.get(usage.size() - 1);
    usage.set(usage.size() - 1, new TokenUsage(0, last.runId(), last.model(), last.tokenType(), last.tokens(),
        Double.NaN, last.priceTableVersion()));
    CompleteRun bad = new CompleteRun(run.run(), run.performance(), run.autonomy(), run.quality(), run.workflow(),
        usage);
    ColumnValueException e = assertThrows(ColumnValueException.class, () -> store.record(bad));
    assertEquals("token_usage", e.table());
    assertEquals(before, TableCounts.of(store), "the run and its four metric rows were rolled back");
  }

  // ---- the command line: JSON documents ----

  /** Records one bad document between two good ones; returns the error output. */
  private String recordBetweenGoodOnes(String badDocument, boolean jsonLines) throws Exception {
    store.close();
    Map<String, Long> before = TableCounts.of(file);
    CompleteRun first = demo.next("invoice-api", "bugfix-suite", "1.0.0");
    CompleteRun last = demo.next("invoice-api", "bugfix-suite", "1.0.0");
    String good1 = RunDocument.write(first).toString();
    String good2 = RunDocument.write(last).toString();
    String text = jsonLines
        ? good1 + "\n" + badDocument + "\n" + good2 + "\n"
        : "[\n" + good1 + ",\n" + badDocument + ",\n" + good2 + "\n]\n";
    Path input = Files.writeString(folder.resolve(jsonLines ? "runs.jsonl" : "runs.json"), text);
    Cli.Result result = Cli.run("record", "--db", file.toString(), input.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), result.all());
    Map<String, Long> after = TableCounts.of(file);
    assertEquals(before.get("benchmark_runs") + 2, after.get("benchmark_runs"), result.all());
    for (String table : TableCounts.TABLES.subList(1, 5)) {
      assertEquals(before.get(table) + 2, after.get(table), table);
    }
    assertEquals(before.get("token_usage") + first.tokenUsage().size() + last.tokenUsage().size(),
        after.get("token_usage"));
    assertTrue(result.out().contains("recorded 2 runs, rejected 1"), result.out());
    store = BenchmarkStore.open(file);
    return result.err();
  }

  private ObjectNode document() {
    return RunDocument.write(demo.next("todo-app", "greenfield-webapp", "1.1.0"));
  }

  @Test
  void theCommandLineNamesFieldsOfTheWrongShape() throws Exception {
    ObjectNode doc = document();
    doc.put("status", "done");
    doc.put("timestamp", "yesterday");
    ((ObjectNode) doc.get("token_usage").get(0)).put("token_type", "INPUT");
    ((ObjectNode) doc.get("performance")).remove("api_calls_cost");
    doc.remove("project_name");
    String err = recordBetweenGoodOnes(doc.toString(), true);
    for (String expected : List.of(
        "status = \"done\": is not a known status",
        "timestamp = \"yesterday\": must be an ISO-8601 time",
        "token_usage[0].token_type = \"INPUT\": is not a known token type",
        "performance.api_calls_cost: is required",
        "project_name: is required")) {
      assertTrue(err.contains(expected), "expected '" + expected + "' in:\n" + err);
    }
  }

  @Test
  void theCommandLineNamesTableColumnAndValueOfEachBrokenRule() throws Exception {
    ObjectNode doc = document();
    ((ObjectNode) doc.get("quality")).put("tests_written", 10).put("tests_passing", 12);
    ((ObjectNode) doc.get("workflow")).put("stories_created", 4).put("stories_completed", 5);
    ((ObjectNode) doc.get("autonomy")).put("one_shot_success_rate", 85);
    ((ObjectNode) doc.get("quality")).put("code_coverage_percentage", 101);
    ((ObjectNode) doc.get("workflow")).put("rework_count", -1);
    ((ObjectNode) doc.get("workflow")).put("avg_cycle_time_seconds", 123456.789);
    String text = doc.toString().replace("123456.789", "NaN");
    String err = recordBetweenGoodOnes(text, true);
    for (String expected : List.of(
        "quality.tests_passing = 12: is more than quality.tests_written (10)",
        "workflow.stories_completed = 5: is more than workflow.stories_created (4)",
        "autonomy.one_shot_success_rate = 85",
        "quality.code_coverage_percentage = 101",
        "workflow.rework_count = -1: must not be negative",
        "workflow.avg_cycle_time_seconds = NaN: must be a finite number")) {
      assertTrue(err.contains(expected), "expected '" + expected + "' in:\n" + err);
    }
  }

  @Test
  void childRowsCannotNameAnotherRunInADocument() throws Exception {
    ObjectNode doc = document();
    ((ObjectNode) doc.get("token_usage").get(0)).put("run_id", "some-other-run");
    String err = recordBetweenGoodOnes(doc.toString(), true);
    assertTrue(err.contains("token_usage[0].run_id = \"some-other-run\": unknown field"), err);
  }

  @Test
  void malformedJsonIsRejectedNamingLineAndColumn() throws Exception {
    String err = recordBetweenGoodOnes("{\"run_id\": \"r-1\", \"quality\": {,}}", true);
    assertTrue(err.contains("runs.jsonl line 2: malformed JSON at column"), err);
  }

  @Test
  void aJsonLinesDocumentOverTheSizeLimitIsRejectedUnread() throws Exception {
    ObjectNode doc = document();
    ((ObjectNode) doc.get("metadata")).put("log", "x".repeat(RunDocument.MAX_DOCUMENT_CHARS));
    String err = recordBetweenGoodOnes(doc.toString(), true);
    assertTrue(err.contains("runs.jsonl line 2: the document is "), err);
    assertTrue(err.contains("a run document is at most 1048576 characters (1 MiB)"), err);
  }

  @Test
  void aJsonDocumentOverTheSizeLimitIsRejectedAndTheNextOneRecorded() throws Exception {
    ObjectNode doc = document();
    ArrayNode padding = ((ObjectNode) doc.get("metadata")).putArray("samples");
    for (int i = 0; i < 120_000; i++) {
      padding.add(123_456.5);
    }
    String err = recordBetweenGoodOnes(doc.toString(), false);
    assertTrue(err.contains("runs.json document 2 (line 3): the document is "), err);
    assertTrue(err.contains("at most 1048576 characters"), err);
  }

  @Test
  void aHugeJsonDocumentStopsTheReadingOfItsFileWithoutHoldingItWhole() throws Exception {
    store.close();
    CompleteRun first = demo.next("invoice-api", "bugfix-suite", "1.0.0");
    StringBuilder text = new StringBuilder("[\n").append(RunDocument.write(first)).append(",\n{\"samples\": [");
    for (int i = 0; i < 400_000; i++) {
      text.append(i == 0 ? "" : ",").append("1.25");
    }
    text.append("]}\n]\n");
    Path input = Files.writeString(folder.resolve("huge.json"), text);
    Map<String, Long> before = TableCounts.of(file);
    Cli.Result result = Cli.run("record", "--db", file.toString(), input.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), result.all());
    assertTrue(result.err().contains("huge.json document 2: the document is more than 1048576 characters"),
        result.err());
    assertTrue(result.err().contains("the rest of"), result.err());
    assertEquals(before.get("benchmark_runs") + 1, TableCounts.of(file).get("benchmark_runs"));
    store = BenchmarkStore.open(file);
  }

  // ---- changing one part of a run ----

  private static CompleteRun run(CompleteRun r, UnaryOperator<BenchmarkRun> change) {
    return new CompleteRun(change.apply(r.run()), r.performance(), r.autonomy(), r.quality(), r.workflow(),
        r.tokenUsage());
  }

  private static CompleteRun perf(CompleteRun r, UnaryOperator<PerformanceMetrics> change) {
    return new CompleteRun(r.run(), change.apply(r.performance()), r.autonomy(), r.quality(), r.workflow(),
        r.tokenUsage());
  }

  private static CompleteRun auto(CompleteRun r, UnaryOperator<AutonomyMetrics> change) {
    return new CompleteRun(r.run(), r.performance(), change.apply(r.autonomy()), r.quality(), r.workflow(),
        r.tokenUsage());
  }

  private static CompleteRun qual(CompleteRun r, UnaryOperator<QualityMetrics> change) {
    return new CompleteRun(r.run(), r.performance(), r.autonomy(), change.apply(r.quality()), r.workflow(),
        r.tokenUsage());
  }

  private static CompleteRun flow(CompleteRun r, UnaryOperator<WorkflowMetrics> change) {
    return new CompleteRun(r.run(), r.performance(), r.autonomy(), r.quality(), change.apply(r.workflow()),
        r.tokenUsage());
  }

  /** Changes the second token usage entry, so that rows before it were already written. */
  private static CompleteRun tokens(CompleteRun r, UnaryOperator<TokenUsage> change) {
    List<TokenUsage> usage = new ArrayList<>(r.tokenUsage());
    usage.set(1, change.apply(usage.get(1)));
    return new CompleteRun(r.run(), r.performance(), r.autonomy(), r.quality(), r.workflow(), usage);
  }

  private static QualityMetrics quality(
      QualityMetrics q, int written, int passing, double coverage, double completeness) {
    return new QualityMetrics(0, q.runId(), written, passing, coverage, q.lintingErrorsCount(),
        q.lintingErrorsBySeverity(), q.typeErrorsCount(), q.securityVulnerabilitiesCount(),
        q.securityVulnerabilitiesBySeverity(), completeness);
  }

  private static AutonomyMetrics rates(AutonomyMetrics a, double oneShot, double recovery) {
    return new AutonomyMetrics(0, a.runId(), a.manualInterventionsCount(), a.manualInterventionsTypes(),
        a.promptsNeededInitial(), a.promptsNeededFollowup(), oneShot, recovery, a.agentHandoffsSuccessful(),
        a.agentHandoffsFailed());
  }
}

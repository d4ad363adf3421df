package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The run document's format and value rules, without a database. */
class RunDocumentValidatorTest {
  private final DemoRuns demo = new DemoRuns(21, Instant.parse("2026-05-01T08:00:00Z"));

  @Test
  void everyDemoRunKeepsEveryRule() {
    for (CompleteRun run : demo.matrix(5)) {
      assertEquals(new RunDocumentValidator.Findings(List.of(), List.of()), RunDocumentValidator.validate(run),
          run.runId());
    }
  }

  @Test
  void writingThenReadingADocumentGivesTheSameRun() {
    for (CompleteRun run : demo.matrix(1)) {
      RunDocument.Parsed parsed = RunDocument.read(RunDocument.write(run));
      assertTrue(parsed.valid(), parsed.errors().toString());
      assertEquals(List.of(), parsed.warnings());
      assertEquals(run, parsed.run());
    }
  }

  @Test
  void theExampleFilesAreValidDocuments() throws Exception {
    JsonNode single = RunDocument.mapper().readTree(Files.readString(Path.of("run-document.json")));
    RunDocument.Parsed parsed = RunDocument.read(single);
    assertTrue(parsed.valid(), parsed.errors().toString());
    assertEquals(List.of(), parsed.warnings());
    assertEquals(Instant.parse("2026-11-20T09:14:03.512Z"), parsed.run().run().timestamp(), "+01:00 converted to UTC");
    List<String> lines = Files.readAllLines(Path.of("runs.jsonl"));
    assertEquals(3, lines.size());
    for (String line : lines) {
      RunDocument.Parsed run = RunDocument.read(RunDocument.mapper().readTree(line));
      assertTrue(run.valid(), run.errors().toString());
      assertEquals(List.of(), run.warnings());
    }
  }

  @Test
  void violationsNameTheirTableAndColumn() {
    assertEquals("quality_metrics", new RunViolation("quality.tests_passing", "12", "x").table());
    assertEquals("tests_passing", new RunViolation("quality.tests_passing", "12", "x").column());
    assertEquals("token_usage", new RunViolation("token_usage[3].token_type", "\"x\"", "x").table());
    assertEquals("token_type", new RunViolation("token_usage[3].token_type", "\"x\"", "x").column());
    assertEquals("benchmark_runs", new RunViolation("metadata.seed", "1", "x").table());
    assertEquals("metadata", new RunViolation("metadata.seed", "1", "x").column());
    assertEquals("performance_metrics", new RunViolation("performance.token_usage_by_agent.amelia", "1", "x").table());
    assertEquals("token_usage_by_agent", new RunViolation("performance.token_usage_by_agent.amelia", "1", "x").column());
    assertEquals("run_id", new RunViolation("run_id", "\"\"", "x").column());
    assertEquals("quality.tests_passing = 12: too many", new RunViolation("quality.tests_passing", "12", "too many").toString());
    assertEquals("version: is required", new RunViolation("version", null, "is required").toString());
    assertEquals(RunViolation.MAX_VALUE_LENGTH, new RunViolation("run_id", "x".repeat(500), "long").value().length());
    assertEquals(RunRule.DOCUMENT_SHAPE, new RunViolation("colour", "1", "unknown").rule(), "a shape violation");
    assertTrue(new RunViolation("colour", "1", "unknown").error());
    assertFalse(new RunViolation("workflow.phase_distribution", "{}", "x", RunRule.PHASE_DISTRIBUTION_SUM).error());
  }

  @Test
  void theLibrarySideRulesCatchWhatTheDocumentCannotExpress() {
    CompleteRun run = demo.matrix(1).get(0);
    QualityMetrics q = run.quality();
    AutonomyMetrics a = run.autonomy();
    CompleteRun bad =
        new CompleteRun(
            run.run(),
            run.performance(),
            new AutonomyMetrics(a.id(), a.runId(), a.manualInterventionsCount(), a.manualInterventionsTypes(),
                a.promptsNeededInitial(), a.promptsNeededFollowup(), Double.NaN, a.errorRecoveryRate(),
                a.agentHandoffsSuccessful(), a.agentHandoffsFailed()),
            new QualityMetrics(q.id(), q.runId(), q.testsWritten(), q.testsWritten() + 1, q.codeCoveragePercentage(),
                q.lintingErrorsCount(), q.lintingErrorsBySeverity(), q.typeErrorsCount(),
                q.securityVulnerabilitiesCount(), q.securityVulnerabilitiesBySeverity(),
                q.functionalCompletenessPercentage()),
            run.workflow(),
            run.tokenUsage());
    RunDocumentValidator.Findings findings = RunDocumentValidator.validate(bad);
    assertEquals(List.of(), findings.warnings());
    assertFalse(findings.storable());
    List<RunViolation> violations = findings.errors();
    assertEquals(2, violations.size(), violations.toString());
    assertEquals("autonomy.one_shot_success_rate = NaN: must be a finite number", violations.get(0).toString());
    assertTrue(violations.get(1).toString().startsWith("quality.tests_passing = " + (q.testsWritten() + 1)),
        violations.toString());
  }

  @Test
  void unknownFieldsAreReportedTogetherWithValueRules() {
    ObjectNode doc = RunDocument.write(demo.matrix(1).get(0));
    doc.put("colour", "blue");
    ((ObjectNode) doc.get("autonomy")).put("error_recovery_rate", 1.5);
    RunDocument.Parsed parsed = RunDocument.read(doc);
    assertFalse(parsed.valid());
    assertEquals(2, parsed.errors().size(), parsed.errors().toString());
    assertEquals("colour", parsed.errors().get(0).field());
    assertEquals(RunRule.DOCUMENT_SHAPE, parsed.errors().get(0).rule());
    assertEquals("autonomy.error_recovery_rate", parsed.errors().get(1).field());
    assertEquals(RunRule.RATE, parsed.errors().get(1).rule());
  }

  /** A change GAO-Dev's own validate() accepts, and the warnings it gives here (none: an empty list). */
  private record Accepted(String name, Consumer<ObjectNode> change, List<RunRule> warnings, List<String> fields) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static ObjectNode object(ObjectNode doc, String name) {
    return (ObjectNode) doc.get(name);
  }

  static Stream<Accepted> acceptedByGaoDev() {
    return Stream.of(
        new Accepted("interventions counted but not broken down", d -> {
          object(d, "autonomy").put("manual_interventions_count", 3).putArray("manual_interventions_types");
        }, List.of(), List.of()),
        new Accepted("lint findings counted but not broken down", d -> {
          object(d, "quality").put("linting_errors_count", 5).putObject("linting_errors_by_severity");
          object(d, "quality").put("security_vulnerabilities_count", 2).putObject("security_vulnerabilities_by_severity");
        }, List.of(), List.of()),
        new Accepted("breakdowns left out", d -> {
          object(d, "performance").remove(List.of("phase_times", "token_usage_by_agent"));
          object(d, "autonomy").remove("manual_interventions_types");
          object(d, "quality").remove(List.of("linting_errors_by_severity", "security_vulnerabilities_by_severity"));
          object(d, "workflow").remove("phase_distribution");
          d.remove(List.of("metadata", "token_usage"));
        }, List.of(), List.of()),
        new Accepted("an intervention type GAO-Dev's fixtures use", d -> {
          object(d, "autonomy").put("manual_interventions_count", 2).putArray("manual_interventions_types")
              .add("clarification").add("decision");
        }, List.of(RunRule.INTERVENTION_TYPE), List.of("autonomy.manual_interventions_types[1]")),
        new Accepted("more intervention types than interventions", d -> {
          object(d, "autonomy").put("manual_interventions_count", 1).putArray("manual_interventions_types")
              .add("blocked").add("error_fix");
        }, List.of(RunRule.INTERVENTION_COUNT), List.of("autonomy.manual_interventions_types")),
        new Accepted("phase distribution as fractions", d -> {
          object(object(d, "workflow"), "phase_distribution").removeAll().put("planning", 0.2).put("development", 0.6)
              .put("testing", 0.2);
        }, List.of(RunRule.PHASE_DISTRIBUTION_FRACTIONS), List.of("workflow.phase_distribution")),
        new Accepted("phase distribution summing to neither 100 nor 1", d -> {
          object(object(d, "workflow"), "phase_distribution").removeAll().put("planning", 20.0).put("development", 60.0);
        }, List.of(RunRule.PHASE_DISTRIBUTION_SUM), List.of("workflow.phase_distribution")),
        new Accepted("a partial severity breakdown", d -> {
          object(d, "quality").put("linting_errors_count", 9).putObject("linting_errors_by_severity").put("error", 4);
        }, List.of(RunRule.SEVERITY_SUM), List.of("quality.linting_errors_by_severity")),
        new Accepted("a severity the scanner reports", d -> {
          object(d, "quality").put("security_vulnerabilities_count", 1)
              .putObject("security_vulnerabilities_by_severity").put("undefined", 1);
        }, List.of(RunRule.SEVERITY_NAME), List.of("quality.security_vulnerabilities_by_severity.undefined")),
        new Accepted("an agent GAO-Dev does not define, and tokens by agent short of the total", d -> {
          object(d, "performance").put("token_usage_total", 5000).putObject("token_usage_by_agent")
              .put("amelia", 3000).put("orchestrator", 1000);
          d.putArray("token_usage");
        }, List.of(RunRule.AGENT_NAME, RunRule.AGENT_TOKEN_SUM),
            List.of("performance.token_usage_by_agent.orchestrator", "performance.token_usage_by_agent")),
        new Accepted("token usage rows short of the total", d -> {
          object(d, "performance").put("token_usage_total", object(d, "performance").get("token_usage_total").asLong() + 7);
          object(d, "performance").putObject("token_usage_by_agent");
        }, List.of(RunRule.TOKEN_USAGE_SUM), List.of("token_usage")),
        new Accepted("a blank version", d -> d.put("version", " "),
            List.of(RunRule.VERSION_NAMED), List.of("version")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedByGaoDev")
  void whatGaoDevsValidateAcceptsIsNoError(Accepted c) {
    ObjectNode doc = RunDocument.write(demo.matrix(1).get(2));
    c.change().accept(doc);
    RunDocument.Parsed parsed = RunDocument.read(doc);
    assertTrue(parsed.valid(), parsed.errors().toString());
    assertEquals(c.warnings(), parsed.warnings().stream().map(RunViolation::rule).toList(), parsed.warnings().toString());
    assertEquals(c.fields(), parsed.warnings().stream().map(RunViolation::field).toList());
    for (RunViolation warning : parsed.warnings()) {
      assertEquals(RunRule.Severity.WARNING, warning.rule().severity());
      assertFalse(warning.error());
    }
    RunDocument.Parsed again = RunDocument.read(RunDocument.write(parsed.run()));
    assertEquals(parsed.run(), again.run(), "the run is kept as given: written and read again, it is the same");
    assertEquals(parsed.warnings(), again.warnings());
  }

  @Test
  void findingsAreSplitIntoErrorsAndWarnings() {
    ObjectNode doc = RunDocument.write(demo.matrix(1).get(0));
    object(doc, "quality").put("tests_passing", object(doc, "quality").get("tests_written").asInt() + 1);
    object(object(doc, "workflow"), "phase_distribution").removeAll().put("planning", 0.5).put("implementation", 0.5);
    RunDocument.Parsed parsed = RunDocument.read(doc);
    assertFalse(parsed.valid());
    assertEquals(null, parsed.run());
    assertEquals(List.of(RunRule.TESTS_PASSING), parsed.errors().stream().map(RunViolation::rule).toList());
    assertEquals("quality_metrics", parsed.errors().get(0).table());
    assertEquals("tests_passing", parsed.errors().get(0).column());
    assertEquals(List.of(RunRule.PHASE_DISTRIBUTION_FRACTIONS), parsed.warnings().stream().map(RunViolation::rule).toList());
    assertEquals("workflow_metrics", parsed.warnings().get(0).table());
    assertEquals("phase_distribution", parsed.warnings().get(0).column());
  }

  @Test
  void nullBreakdownsAreEmptyOnesInACompleteRun() {
    CompleteRun demoRun = demo.matrix(1).get(0);
    BenchmarkRun r = demoRun.run();
    PerformanceMetrics p = demoRun.performance();
    AutonomyMetrics a = demoRun.autonomy();
    QualityMetrics q = demoRun.quality();
    WorkflowMetrics w = demoRun.workflow();
    CompleteRun run =
        new CompleteRun(
            new BenchmarkRun(r.runId(), r.timestamp(), r.projectName(), r.benchmarkName(), r.version(), null,
                r.createdAt(), r.status(), r.finishedAt()),
            new PerformanceMetrics(0, p.runId(), p.totalTimeSeconds(), null, p.tokenUsageTotal(), null,
                p.apiCallsCount(), p.apiCallsCost()),
            new AutonomyMetrics(0, a.runId(), a.manualInterventionsCount(), null, a.promptsNeededInitial(),
                a.promptsNeededFollowup(), a.oneShotSuccessRate(), a.errorRecoveryRate(), a.agentHandoffsSuccessful(),
                a.agentHandoffsFailed()),
            new QualityMetrics(0, q.runId(), q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(),
                q.lintingErrorsCount(), null, q.typeErrorsCount(), q.securityVulnerabilitiesCount(), null,
                q.functionalCompletenessPercentage()),
            new WorkflowMetrics(0, w.runId(), w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(), null,
                w.reworkCount()),
            demoRun.tokenUsage());
    assertEquals(Map.of(), run.run().metadata());
    assertEquals(Map.of(), run.performance().phaseTimes());
    assertEquals(Map.of(), run.performance().tokenUsageByAgent());
    assertEquals(List.of(), run.autonomy().manualInterventionsTypes());
    assertEquals(Map.of(), run.quality().lintingErrorsBySeverity());
    assertEquals(Map.of(), run.quality().securityVulnerabilitiesBySeverity());
    assertEquals(Map.of(), run.workflow().phaseDistribution());
    assertEquals(p.totalTimeSeconds(), run.performance().totalTimeSeconds(), "the other values are kept");
    assertEquals(q.testsPassing(), run.quality().testsPassing());
    ObjectNode doc = RunDocument.write(run);
    assertEquals("{}", doc.get("metadata").toString());
    assertEquals("{}", doc.at("/performance/phase_times").toString());
    assertEquals("[]", doc.at("/autonomy/manual_interventions_types").toString());
    assertEquals("{}", doc.at("/workflow/phase_distribution").toString());
    assertTrue(demoRun.performance() == new CompleteRun(demoRun.run(), demoRun.performance(), demoRun.autonomy(),
        demoRun.quality(), demoRun.workflow(), demoRun.tokenUsage()).performance(), "rows without nulls are kept");
  }

  @Test
  void everyRuleIsDocumentedWithItsSeverity() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("RUN-DOCUMENT.md"));
    int header = lines.indexOf("| rule | fields | expects | severity | also enforced by |");
    assertTrue(header > 0, "RUN-DOCUMENT.md has the table of rules");
    List<String> rows = lines.subList(header + 2, lines.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
    assertEquals(RunRule.values().length, rows.size(), "one row per rule: " + rows);
    for (int i = 0; i < rows.size(); i++) {
      RunRule rule = RunRule.values()[i];
      String severity = rule.severity() == RunRule.Severity.ERROR ? " | error | " : " | warning | ";
      assertTrue(rows.get(i).startsWith("| `" + rule.id() + "` |"), "row " + i + " is " + rule.id() + ": " + rows.get(i));
      assertTrue(rows.get(i).contains(severity), rule.id() + " is documented as" + severity + rows.get(i));
    }
  }
}

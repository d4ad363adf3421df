package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run document's format and value rules, without a database. */
class RunDocumentValidatorTest {
  private final DemoRuns demo = new DemoRuns(21, Instant.parse("2026-05-01T08:00:00Z"));

  @Test
  void everyDemoRunKeepsEveryRule() {
    for (CompleteRun run : demo.matrix(5)) {
      assertEquals(List.of(), RunDocumentValidator.validate(run), run.runId());
    }
  }

  @Test
  void writingThenReadingADocumentGivesTheSameRun() {
    for (CompleteRun run : demo.matrix(1)) {
      RunDocument.Parsed parsed = RunDocument.read(RunDocument.write(run));
      assertTrue(parsed.valid(), parsed.violations().toString());
      assertEquals(run, parsed.run());
    }
  }

  @Test
  void theExampleFilesAreValidDocuments() throws Exception {
    JsonNode single = RunDocument.mapper().readTree(Files.readString(Path.of("run-document.json")));
    RunDocument.Parsed parsed = RunDocument.read(single);
    assertTrue(parsed.valid(), parsed.violations().toString());
    assertEquals(Instant.parse("2026-11-20T09:14:03.512Z"), parsed.run().run().timestamp(), "+01:00 converted to UTC");
    List<String> lines = Files.readAllLines(Path.of("runs.jsonl"));
    assertEquals(3, lines.size());
    for (String line : lines) {
      RunDocument.Parsed run = RunDocument.read(RunDocument.mapper().readTree(line));
      assertTrue(run.valid(), run.violations().toString());
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
    List<RunViolation> violations = RunDocumentValidator.validate(bad);
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
    assertEquals(2, parsed.violations().size(), parsed.violations().toString());
    assertEquals("colour", parsed.violations().get(0).field());
    assertEquals("autonomy.error_recovery_rate", parsed.violations().get(1).field());
  }
}

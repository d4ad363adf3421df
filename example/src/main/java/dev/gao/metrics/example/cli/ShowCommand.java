package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics show}: one run whole, every table of it, as a readable table or as a run
 * document that {@code record} accepts.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Shows one run whole: the run, its four metric rows and its token usage.",
      "--json prints it as a run document (RUN-DOCUMENT.md) that 'gao-metrics record' accepts.",
      "Exit code 3 when there is no such run."
    })
final class ShowCommand extends DatabaseCommand {
  private static final String ROW = "  %-38s %s%n";


  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id.")
  String runId;

  @Option(names = "--json", description = "Print the run as a JSON run document.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    DatabaseLocation database = location();
    PrintWriter out = out();
    CompleteRun run;
    try (BenchmarkStore store = openCurrent()) {
      run =
          store
              .find(runId)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no run " + Show.quoted(runId) + " in " + database + "; check the run id (it is case-sensitive)"
                              + " and the database (--db or $" + DatabaseOption.ENVIRONMENT_VARIABLE + ")"));
    }
    if (json) {
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(RunDocument.write(run)));
    } else {
      table(out, run);
    }
    return 0;
  }

  private static void table(PrintWriter out, CompleteRun complete) throws JsonProcessingException {
    BenchmarkRun run = complete.run();
    out.println("benchmark_runs");
    row(out, "run_id", plain(run.runId()));
    row(out, "project_name", plain(run.projectName()));
    row(out, "benchmark_name", plain(run.benchmarkName()));
    row(out, "version", plain(run.version()));
    row(out, "status", run.status());
    row(out, "timestamp", run.timestamp());
    if (run.finishedAt() != null) {
      row(out, "finished_at", run.finishedAt() + "  (after " + Values.duration(Duration.between(run.timestamp(), run.finishedAt())) + ")");
    } else {
      row(out, "finished_at", "-");
    }
    row(out, "created_at", run.createdAt() == null ? "-" : run.createdAt());
    row(out, "metadata", json(run.metadata()));

    PerformanceMetrics p = complete.performance();
    out.println("performance_metrics");
    row(out, "total_time_seconds", number(p.totalTimeSeconds()) + "  (" + Values.duration(seconds(p.totalTimeSeconds())) + ")");
    row(out, "phase_times", json(p.phaseTimes()));
    row(out, "token_usage_total", p.tokenUsageTotal());
    row(out, "token_usage_by_agent", json(p.tokenUsageByAgent()));
    row(out, "api_calls_count", p.apiCallsCount());
    row(out, "api_calls_cost", number(p.apiCallsCost()));

    AutonomyMetrics a = complete.autonomy();
    out.println("autonomy_metrics");
    row(out, "manual_interventions_count", a.manualInterventionsCount());
    row(out, "manual_interventions_types", json(a.manualInterventionsTypes()));
    row(out, "prompts_needed_initial", a.promptsNeededInitial());
    row(out, "prompts_needed_followup", a.promptsNeededFollowup());
    row(out, "one_shot_success_rate", number(a.oneShotSuccessRate()));
    row(out, "error_recovery_rate", number(a.errorRecoveryRate()));
    row(out, "agent_handoffs_successful", a.agentHandoffsSuccessful());
    row(out, "agent_handoffs_failed", a.agentHandoffsFailed());

    QualityMetrics q = complete.quality();
    out.println("quality_metrics");
    row(out, "tests_written", q.testsWritten());
    row(out, "tests_passing", q.testsPassing());
    row(out, "code_coverage_percentage", number(q.codeCoveragePercentage()) + " %");
    row(out, "linting_errors_count", q.lintingErrorsCount());
    row(out, "linting_errors_by_severity", json(q.lintingErrorsBySeverity()));
    row(out, "type_errors_count", q.typeErrorsCount());
    row(out, "security_vulnerabilities_count", q.securityVulnerabilitiesCount());
    row(out, "security_vulnerabilities_by_severity", json(q.securityVulnerabilitiesBySeverity()));
    row(out, "functional_completeness_percentage", number(q.functionalCompletenessPercentage()) + " %");

    WorkflowMetrics w = complete.workflow();
    out.println("workflow_metrics");
    row(out, "stories_created", w.storiesCreated());
    row(out, "stories_completed", w.storiesCompleted());
    row(out, "avg_cycle_time_seconds", number(w.avgCycleTimeSeconds()));
    row(out, "phase_distribution", json(w.phaseDistribution()));
    row(out, "rework_count", w.reworkCount());

    out.printf("token_usage (%d %s)%n", complete.tokenUsage().size(), complete.tokenUsage().size() == 1 ? "row" : "rows");
    if (!complete.tokenUsage().isEmpty()) {
      int width = Math.max("model".length(),
          complete.tokenUsage().stream().mapToInt(t -> plain(t.model()).length()).max().orElse(0));
      String format = "  %-" + width + "s  %-11s  %12s  %12s  %s%n";
      out.printf(format, "model", "token_type", "tokens", "cost_usd", "price_table_version");
      long tokens = 0;
      BigDecimal cost = BigDecimal.ZERO;
      for (TokenUsage t : complete.tokenUsage()) {
        out.printf(format, plain(t.model()), t.tokenType(), t.tokens(), number(t.costUsd()), plain(t.priceTableVersion()));
        tokens += t.tokens();
        cost = cost.add(BigDecimal.valueOf(t.costUsd()));
      }
      out.printf(format, "total", "", tokens, cost.stripTrailingZeros().toPlainString(), "");
    }
  }

  private static void row(PrintWriter out, String column, Object value) {
    out.printf(ROW, column, value);
  }

  /** A string as is, or quoted when it holds control characters that would break the table. */
  private static String plain(String value) {
    if (value == null) {
      return "-";
    }
    return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? Show.quoted(value) : value;
  }

  private static String json(Object value) throws JsonProcessingException {
    return value == null ? "-" : RunDocument.mapper().writeValueAsString(value);
  }

  private static String number(double value) {
    return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : String.valueOf(value);
  }

  private static Duration seconds(double seconds) {
    return Double.isFinite(seconds) && Math.abs(seconds) < 1e12 ? Duration.ofMillis(Math.round(seconds * 1000)) : Duration.ZERO;
  }

}

package dev.gao.metrics.example;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark run with its four metric rows and its token usage: what a collector records when a
 * run ends, and what {@link BenchmarkStore#find(String)} reads back.
 *
 * <p>Every metric row must carry the run's id. Metric rows read back carry the ids the database
 * assigned.
 *
 * <p>A null map or list ({@code metadata}, {@code phase_times}, {@code token_usage_by_agent},
 * {@code manual_interventions_types}, the by-severity maps, {@code phase_distribution}) is taken as
 * empty, GAO-Dev's default for every one of them: the parts of a complete run never hold null ones,
 * so the store writes an empty breakdown as {@code {}} or {@code []} and a run reads back with empty
 * breakdowns, never null ones, whether a row was written with an empty value or, by an older
 * writer, with NULL.
 *
 * @param run the run itself
 * @param performance time, tokens and cost
 * @param autonomy interventions, prompts and handoffs
 * @param quality tests, coverage, lint and security findings
 * @param workflow stories, cycle time and rework
 * @param tokenUsage tokens and cost per model and token type; may be empty
 */
public record CompleteRun(
    BenchmarkRun run,
    PerformanceMetrics performance,
    AutonomyMetrics autonomy,
    QualityMetrics quality,
    WorkflowMetrics workflow,
    List<TokenUsage> tokenUsage) {

  /**
   * Checks that every part is present and belongs to the run, and replaces null maps and lists with
   * empty ones.
   *
   * @throws NullPointerException if a part is missing
   * @throws IllegalArgumentException if a metric row carries another run's id
   */
  public CompleteRun {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(run.runId(), "benchmark_runs.run_id");
    requireRunId("performance_metrics", Objects.requireNonNull(performance, "performance").runId(), run);
    requireRunId("autonomy_metrics", Objects.requireNonNull(autonomy, "autonomy").runId(), run);
    requireRunId("quality_metrics", Objects.requireNonNull(quality, "quality").runId(), run);
    requireRunId("workflow_metrics", Objects.requireNonNull(workflow, "workflow").runId(), run);
    tokenUsage = List.copyOf(Objects.requireNonNull(tokenUsage, "tokenUsage"));
    for (TokenUsage usage : tokenUsage) {
      requireRunId("token_usage", usage.runId(), run);
    }
    run = emptyForNull(run);
    performance = emptyForNull(performance);
    autonomy = emptyForNull(autonomy);
    quality = emptyForNull(quality);
    workflow = emptyForNull(workflow);
  }

  /** The run's id. */
  public String runId() {
    return run.runId();
  }

  private static BenchmarkRun emptyForNull(BenchmarkRun r) {
    return r.metadata() != null
        ? r
        : new BenchmarkRun(r.runId(), r.timestamp(), r.projectName(), r.benchmarkName(), r.version(), Map.of(),
            r.createdAt(), r.status(), r.finishedAt());
  }

  private static PerformanceMetrics emptyForNull(PerformanceMetrics p) {
    return p.phaseTimes() != null && p.tokenUsageByAgent() != null
        ? p
        : new PerformanceMetrics(p.id(), p.runId(), p.totalTimeSeconds(), orEmpty(p.phaseTimes()),
            p.tokenUsageTotal(), orEmpty(p.tokenUsageByAgent()), p.apiCallsCount(), p.apiCallsCost());
  }

  private static AutonomyMetrics emptyForNull(AutonomyMetrics a) {
    return a.manualInterventionsTypes() != null
        ? a
        : new AutonomyMetrics(a.id(), a.runId(), a.manualInterventionsCount(), List.of(), a.promptsNeededInitial(),
            a.promptsNeededFollowup(), a.oneShotSuccessRate(), a.errorRecoveryRate(), a.agentHandoffsSuccessful(),
            a.agentHandoffsFailed());
  }

  private static QualityMetrics emptyForNull(QualityMetrics q) {
    return q.lintingErrorsBySeverity() != null && q.securityVulnerabilitiesBySeverity() != null
        ? q
        : new QualityMetrics(q.id(), q.runId(), q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(),
            q.lintingErrorsCount(), orEmpty(q.lintingErrorsBySeverity()), q.typeErrorsCount(),
            q.securityVulnerabilitiesCount(), orEmpty(q.securityVulnerabilitiesBySeverity()),
            q.functionalCompletenessPercentage());
  }

  private static WorkflowMetrics emptyForNull(WorkflowMetrics w) {
    return w.phaseDistribution() != null
        ? w
        : new WorkflowMetrics(w.id(), w.runId(), w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(),
            Map.of(), w.reworkCount());
  }

  private static <V> Map<String, V> orEmpty(Map<String, V> map) {
    return map == null ? Map.of() : map;
  }

  private static void requireRunId(String table, String childRunId, BenchmarkRun run) {
    if (!run.runId().equals(childRunId)) {
      throw new IllegalArgumentException(
          table + ".run_id is '" + childRunId + "' but the run is '" + run.runId()
              + "': every metric row of a run must carry the run's id");
    }
  }
}

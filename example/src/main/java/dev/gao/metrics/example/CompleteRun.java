package dev.gao.metrics.example;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark run with its four metric rows and its token usage: what a collector records when a
 * run ends, and what {@link BenchmarkStore#find(String)} reads back.
 *
 * <p>Every metric row must carry the run's id. Metric rows read back carry the ids the database
 * assigned.
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
   * Checks that every part is present and belongs to the run.
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
  }

  /** The run's id. */
  public String runId() {
    return run.runId();
  }

  private static void requireRunId(String table, String childRunId, BenchmarkRun run) {
    if (!run.runId().equals(childRunId)) {
      throw new IllegalArgumentException(
          table + ".run_id is '" + childRunId + "' but the run is '" + run.runId()
              + "': every metric row of a run must carry the run's id");
    }
  }
}

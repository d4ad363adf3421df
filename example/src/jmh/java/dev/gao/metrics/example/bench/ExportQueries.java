package dev.gao.metrics.example.bench;

import dev.gao.metrics.annotations.MetricsQueries;
import dev.gao.metrics.annotations.Query;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetrics;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.util.stream.Stream;

/**
 * Every table as a lazy stream ordered by run id (each from its run-id index), for a merge-join
 * export through generated code. The generated DAOs' own {@code stream()} orders by primary key,
 * which for the metric tables is the row id, so it cannot be merged by run.
 */
@MetricsQueries(schema = GaoMetrics.class)
public interface ExportQueries {
  /** Runs by run id. */
  @Query("SELECT * FROM benchmark_runs ORDER BY run_id")
  Stream<BenchmarkRun> runs();

  /** Performance rows by run id. */
  @Query("SELECT * FROM performance_metrics ORDER BY run_id")
  Stream<PerformanceMetrics> performance();

  /** Autonomy rows by run id. */
  @Query("SELECT * FROM autonomy_metrics ORDER BY run_id")
  Stream<AutonomyMetrics> autonomy();

  /** Quality rows by run id. */
  @Query("SELECT * FROM quality_metrics ORDER BY run_id")
  Stream<QualityMetrics> quality();

  /** Workflow rows by run id. */
  @Query("SELECT * FROM workflow_metrics ORDER BY run_id")
  Stream<WorkflowMetrics> workflow();

  /** Token usage by run id, model and token type (the order of its unique index). */
  @Query("SELECT * FROM token_usage ORDER BY run_id, model, token_type")
  Stream<TokenUsage> tokenUsage();
}

package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.MetricsSchema;

/**
 * GAO-Dev's benchmark metrics schema: one parent table of runs and the metric tables keyed by
 * {@code run_id}. The processor generates {@code GaoMetricsSchema} from this declaration, with the
 * migrations between versions (snapshots in {@code src/main/schemas}).
 *
 * <ul>
 *   <li>Version 1: {@code benchmark_runs} and four metric tables, as GAO-Dev's earlier store had them.
 *   <li>Version 2: run {@code status} and {@code finished_at}; one row per run in each metric table
 *       (unique {@code run_id}); {@code token_usage} per model and token type, with the price table
 *       used for the cost. {@link StatusFromMetadata} fills the status of existing runs.
 * </ul>
 */
@MetricsSchema(
    version = 2,
    tables = {
      BenchmarkRun.class,
      PerformanceMetrics.class,
      AutonomyMetrics.class,
      QualityMetrics.class,
      WorkflowMetrics.class,
      TokenUsage.class
    })
public interface GaoMetrics {}

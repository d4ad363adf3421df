package dev.gao.metrics.example;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.WorkflowMetrics;

/**
 * A run with its four one-per-run metric rows, read by {@link GaoQueries#runWithMetrics} in one
 * join: each component is a table row, built from the result columns of its table.
 *
 * @param run the run's row
 * @param performance its {@code performance_metrics} row
 * @param autonomy its {@code autonomy_metrics} row
 * @param quality its {@code quality_metrics} row
 * @param workflow its {@code workflow_metrics} row
 */
public record RunWithMetrics(
    BenchmarkRun run,
    PerformanceMetrics performance,
    AutonomyMetrics autonomy,
    QualityMetrics quality,
    WorkflowMetrics workflow) {}

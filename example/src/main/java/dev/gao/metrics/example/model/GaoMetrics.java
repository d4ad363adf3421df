package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.MetricsSchema;

/**
 * GAO-Dev's benchmark metrics schema: one parent table of runs and four metric tables keyed by
 * {@code run_id}. The processor generates {@code GaoMetricsSchema} from this declaration.
 */
@MetricsSchema(
    version = 1,
    tables = {
      BenchmarkRun.class,
      PerformanceMetrics.class,
      AutonomyMetrics.class,
      QualityMetrics.class,
      WorkflowMetrics.class
    })
public interface GaoMetrics {}

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
 *   <li>Version 3: every numeric metric declares its unit, whether lower or higher is better, and
 *       its valid range ({@code @Metric}); the ranges are CHECK constraints (counts, times and costs
 *       at least 0, rates within 0..1, percentages within 0..100).
 *   <li>Version 4: indexes on {@code (project_name, timestamp)} and {@code (benchmark_name,
 *       timestamp)}, so that the latest runs and the trend of a project or benchmark are read in time
 *       order from an index instead of sorting all of its runs.
 *   <li>Version 5: the files stay valid and readable for every program that opens them. JSON
 *       columns are {@code NOT NULL} with an empty map or list as default ({@code {}}, {@code []},
 *       as GAO-Dev's own store writes them, and as its Python reader needs them: it parses every
 *       JSON column), so nullable JSON checks no longer fail in SQLite before 3.45; instant columns
 *       are kept in the canonical UTC text by triggers, whatever form other programs write.
 *   <li>Version 6: the enum columns ({@code benchmark_runs.status}, {@link RunStatus}, and {@code
 *       token_usage.token_type}, {@link TokenType}) are checked against their constants' names
 *       ({@code CHECK ("status" IN ('completed', 'failed', 'running', 'timeout'))}), so no program
 *       writing the file or the server can store a name the Java enum does not have; nothing else
 *       changes. The step rebuilds both tables on SQLite and adds the constraints on PostgreSQL; a
 *       stored value that is no name fails it, naming table, column and value.
 * </ul>
 */
@MetricsSchema(
    version = 6,
    tables = {
      BenchmarkRun.class,
      PerformanceMetrics.class,
      AutonomyMetrics.class,
      QualityMetrics.class,
      WorkflowMetrics.class,
      TokenUsage.class
    })
public interface GaoMetrics {}

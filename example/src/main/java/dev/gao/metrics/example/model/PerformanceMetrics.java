package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.Column;
import dev.gao.metrics.annotations.ForeignKey;
import dev.gao.metrics.annotations.Index;
import dev.gao.metrics.annotations.Json;
import dev.gao.metrics.annotations.Metric;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.PrimaryKey;
import java.util.Map;

/**
 * Time, tokens and API cost of one run.
 *
 * @param id row id, assigned by the database when {@code 0}
 * @param runId the run these metrics belong to (one row per run since version 2)
 * @param totalTimeSeconds wall time of the run, in seconds (lower is better)
 * @param phaseTimes seconds spent per phase (analysis, planning, solutioning, implementation); each
 *     value is a metric (lower is better)
 * @param tokenUsageTotal tokens used by all agents (lower is better)
 * @param tokenUsageByAgent tokens per agent; sums to {@code tokenUsageTotal} (lower is better)
 * @param apiCallsCount model API calls (lower is better)
 * @param apiCallsCost cost of those calls, in USD (lower is better)
 */
@MetricsTable(
    name = "performance_metrics",
    indexes = @Index(name = "idx_performance_run_id", columns = "run_id", unique = true))
public record PerformanceMetrics(
    @PrimaryKey(autoGenerate = true) long id,
    @ForeignKey(table = BenchmarkRun.class, onDelete = ForeignKey.Action.CASCADE) String runId,
    @Metric(unit = "s", better = Metric.Better.LOWER, min = 0) double totalTimeSeconds,
    @Metric(unit = "s", better = Metric.Better.LOWER) @Json @Column(defaultValue = "'{}'") Map<String, Double> phaseTimes,
    @Metric(unit = "tokens", better = Metric.Better.LOWER, min = 0) long tokenUsageTotal,
    @Metric(unit = "tokens", better = Metric.Better.LOWER) @Json @Column(defaultValue = "'{}'") Map<String, Long> tokenUsageByAgent,
    @Metric(unit = "calls", better = Metric.Better.LOWER, min = 0) int apiCallsCount,
    @Metric(unit = "USD", better = Metric.Better.LOWER, min = 0) double apiCallsCost) {}

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
 * How the run's work flowed: stories, cycle time, time per phase, rework.
 *
 * @param id row id, assigned by the database when {@code 0}
 * @param runId the run these metrics belong to (one row per run since version 2)
 * @param storiesCreated stories created (higher is better)
 * @param storiesCompleted stories completed; at most {@code storiesCreated} (higher is better)
 * @param avgCycleTimeSeconds mean story cycle time, in seconds (lower is better)
 * @param phaseDistribution share of time per phase, stored as given: GAO-Dev documents percentages
 *     summing to 100, its own fixtures write fractions summing to 1
 * @param reworkCount stories reopened (lower is better)
 */
@MetricsTable(
    name = "workflow_metrics",
    indexes = @Index(name = "idx_workflow_run_id", columns = "run_id", unique = true))
public record WorkflowMetrics(
    @PrimaryKey(autoGenerate = true) long id,
    @ForeignKey(table = BenchmarkRun.class, onDelete = ForeignKey.Action.CASCADE) String runId,
    @Metric(unit = "count", better = Metric.Better.HIGHER, min = 0) int storiesCreated,
    @Metric(unit = "count", better = Metric.Better.HIGHER, min = 0) int storiesCompleted,
    @Metric(unit = "s", better = Metric.Better.LOWER, min = 0) double avgCycleTimeSeconds,
    @Metric(unit = "%") @Json @Column(defaultValue = "'{}'") Map<String, Double> phaseDistribution,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int reworkCount) {}

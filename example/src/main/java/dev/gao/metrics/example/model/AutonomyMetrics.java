package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.Column;
import dev.gao.metrics.annotations.ForeignKey;
import dev.gao.metrics.annotations.Index;
import dev.gao.metrics.annotations.Json;
import dev.gao.metrics.annotations.Metric;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.PrimaryKey;
import java.util.List;

/**
 * How much a run needed people: interventions, prompts, first-attempt success, recovery, handoffs.
 *
 * @param id row id, assigned by the database when {@code 0}
 * @param runId the run these metrics belong to (one row per run since version 2)
 * @param manualInterventionsCount times a person had to step in (lower is better)
 * @param manualInterventionsTypes the kind of each intervention, free text (clarification, error_fix,
 *     decision, ...); may be shorter than the count
 * @param promptsNeededInitial prompts to start the run (lower is better)
 * @param promptsNeededFollowup prompts to keep it going (lower is better)
 * @param oneShotSuccessRate fraction 0..1 of tasks done on the first attempt (higher is better)
 * @param errorRecoveryRate fraction 0..1 of errors recovered without help (higher is better)
 * @param agentHandoffsSuccessful agent-to-agent handoffs that worked (higher is better)
 * @param agentHandoffsFailed agent-to-agent handoffs that failed (lower is better)
 */
@MetricsTable(
    name = "autonomy_metrics",
    indexes = @Index(name = "idx_autonomy_run_id", columns = "run_id", unique = true))
public record AutonomyMetrics(
    @PrimaryKey(autoGenerate = true) long id,
    @ForeignKey(table = BenchmarkRun.class, onDelete = ForeignKey.Action.CASCADE) String runId,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int manualInterventionsCount,
    @Json @Column(defaultValue = "'[]'") List<String> manualInterventionsTypes,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int promptsNeededInitial,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int promptsNeededFollowup,
    @Metric(unit = "fraction", better = Metric.Better.HIGHER, min = 0, max = 1) double oneShotSuccessRate,
    @Metric(unit = "fraction", better = Metric.Better.HIGHER, min = 0, max = 1) double errorRecoveryRate,
    @Metric(unit = "count", better = Metric.Better.HIGHER, min = 0) int agentHandoffsSuccessful,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int agentHandoffsFailed) {}

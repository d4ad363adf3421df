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
 * Quality of the code a run produced: tests, coverage, lint, type errors, security findings.
 *
 * @param id row id, assigned by the database when {@code 0}
 * @param runId the run these metrics belong to (one row per run since version 2)
 * @param testsWritten tests in the produced code (higher is better)
 * @param testsPassing tests that pass; at most {@code testsWritten} (higher is better)
 * @param codeCoveragePercentage line coverage, 0..100 (higher is better)
 * @param lintingErrorsCount lint findings (lower is better)
 * @param lintingErrorsBySeverity findings per severity (error, warning, info) (lower is better)
 * @param typeErrorsCount type-checker errors (lower is better)
 * @param securityVulnerabilitiesCount security findings (lower is better)
 * @param securityVulnerabilitiesBySeverity findings per severity (low, medium, high, critical) (lower
 *     is better)
 * @param functionalCompletenessPercentage acceptance criteria met, 0..100 (higher is better)
 */
@MetricsTable(
    name = "quality_metrics",
    indexes = @Index(name = "idx_quality_run_id", columns = "run_id", unique = true))
public record QualityMetrics(
    @PrimaryKey(autoGenerate = true) long id,
    @ForeignKey(table = BenchmarkRun.class, onDelete = ForeignKey.Action.CASCADE) String runId,
    @Metric(unit = "count", better = Metric.Better.HIGHER, min = 0) int testsWritten,
    @Metric(unit = "count", better = Metric.Better.HIGHER, min = 0) int testsPassing,
    @Metric(unit = "%", better = Metric.Better.HIGHER, min = 0, max = 100) double codeCoveragePercentage,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int lintingErrorsCount,
    @Metric(unit = "count", better = Metric.Better.LOWER) @Json @Column(defaultValue = "'{}'")
        Map<String, Integer> lintingErrorsBySeverity,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int typeErrorsCount,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int securityVulnerabilitiesCount,
    @Metric(unit = "count", better = Metric.Better.LOWER) @Json @Column(defaultValue = "'{}'")
        Map<String, Integer> securityVulnerabilitiesBySeverity,
    @Metric(unit = "%", better = Metric.Better.HIGHER, min = 0, max = 100) double functionalCompletenessPercentage) {}

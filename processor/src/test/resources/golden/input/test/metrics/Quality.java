package test.metrics;

import dev.gao.metrics.annotations.Metric;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.Nullable;
import dev.gao.metrics.annotations.PrimaryKey;
import java.math.BigDecimal;

/** Quality metrics of a run, with units, directions and ranges. */
@MetricsTable(name = "quality_metrics")
public record Quality(
    @PrimaryKey String runId,
    @Metric(unit = "%", better = Metric.Better.HIGHER, min = 0, max = 100) double codeCoveragePercentage,
    @Metric(unit = "count", better = Metric.Better.LOWER, min = 0) int lintingErrorsCount,
    @Metric(unit = "fraction", better = Metric.Better.HIGHER, min = 0.05, max = 1) @Nullable Double oneShotSuccessRate,
    @Metric(unit = "USD", better = Metric.Better.LOWER, max = 25.5) @Nullable BigDecimal apiCallsCost,
    @Metric(unit = "tokens") long tokenUsageTotal) {}

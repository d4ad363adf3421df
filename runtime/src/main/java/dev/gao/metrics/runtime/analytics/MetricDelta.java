package dev.gao.metrics.runtime.analytics;

import java.util.Objects;

/**
 * How one metric differs between two runs.
 *
 * @param metric the metric
 * @param baseline the baseline run's value, or {@code null} if it has none
 * @param candidate the candidate run's value, or {@code null} if it has none
 * @param absoluteDelta {@code candidate - baseline}, or {@code null} if either is missing
 * @param relativeDelta {@code (candidate - baseline) / |baseline|}; 0 when both are 0; {@code
 *     null} if either is missing or the baseline is 0 and the candidate is not
 * @param threshold the relative threshold that applied
 * @param change the verdict by the metric's direction and the threshold
 */
public record MetricDelta(
    MetricRef metric,
    Double baseline,
    Double candidate,
    Double absoluteDelta,
    Double relativeDelta,
    double threshold,
    Change change) {

  /**
   * Validates the arguments.
   *
   * @param metric the metric
   * @param baseline the baseline value
   * @param candidate the candidate value
   * @param absoluteDelta the absolute delta
   * @param relativeDelta the relative delta
   * @param threshold the threshold
   * @param change the verdict
   */
  public MetricDelta {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(change, "change");
  }
}

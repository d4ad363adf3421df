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

  /**
   * The difference in one line: {@code performance_metrics.total_time_seconds: 1451.96 s -> 2136.57 s
   * (+684.61, +47.2%), threshold 5% -> REGRESSED}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    String unit = metric.info().unit().isEmpty() ? "" : " " + metric.info().unit();
    StringBuilder text = new StringBuilder(metric.name()).append(": ");
    text.append(baseline == null ? "no value" : Texts.number(baseline) + unit)
        .append(" -> ")
        .append(candidate == null ? "no value" : Texts.number(candidate) + unit);
    if (absoluteDelta != null) {
      text.append(" (").append(absoluteDelta >= 0 ? "+" : "").append(Texts.number(absoluteDelta));
      if (relativeDelta != null) {
        text.append(", ").append(Texts.percent(relativeDelta));
      }
      text.append(')');
    }
    return text.append(", threshold ").append(Texts.percent(threshold).replace("+", "")).append(" -> ").append(change)
        .toString();
  }
}

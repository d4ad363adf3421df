package dev.gao.metrics.runtime.analytics;

import java.util.Objects;

/**
 * The evidence of one metric in a regression check.
 *
 * @param metric the metric
 * @param candidate the candidate run's value, or {@code null} if it has none
 * @param samples the number of baseline values
 * @param mean the baseline mean (the value, for one named run), or {@code null} without values
 * @param stddev the baseline's sample standard deviation, or {@code null} below 2 values
 * @param min the smallest baseline value, or {@code null}
 * @param max the largest baseline value, or {@code null}
 * @param relativeDelta {@code (candidate - mean) / |mean|}; 0 when both are 0; {@code null} when
 *     either is missing or the mean is 0 and the candidate is not
 * @param t the prediction t statistic {@code (candidate - mean) / (stddev * sqrt(1 + 1/samples))},
 *     or {@code null} when no test ran or the baseline has no spread
 * @param pValue the one-sided probability of a change at least this large in the observed
 *     direction if the candidate came from the baseline's distribution, or {@code null} when no
 *     test ran
 * @param threshold the relative threshold that applied
 * @param change the verdict
 */
public record MetricCheck(
    MetricRef metric,
    Double candidate,
    long samples,
    Double mean,
    Double stddev,
    Double min,
    Double max,
    Double relativeDelta,
    Double t,
    Double pValue,
    double threshold,
    Change change) {

  /**
   * Validates the arguments.
   *
   * @param metric the metric
   * @param candidate the candidate value
   * @param samples the number of baseline values
   * @param mean the baseline mean
   * @param stddev the baseline standard deviation
   * @param min the smallest baseline value
   * @param max the largest baseline value
   * @param relativeDelta the relative delta
   * @param t the t statistic
   * @param pValue the p-value
   * @param threshold the threshold
   * @param change the verdict
   */
  public MetricCheck {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(change, "change");
  }

  /**
   * The check in one line, as people read it: {@code performance_metrics.total_time_seconds:
   * 2136.567 s against 1451.96 s +- 78.70 of 5 runs (min 1352.95, max 1539.58): +47.2%, t 7.94, p
   * 0.0007, threshold 5% -> REGRESSED}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    String unit = metric.info().unit().isEmpty() ? "" : " " + metric.info().unit();
    StringBuilder text = new StringBuilder(metric.name()).append(": ");
    text.append(candidate == null ? "no value" : Texts.number(candidate) + unit);
    if (mean != null) {
      text.append(" against ").append(Texts.number(mean)).append(unit);
      if (stddev != null) {
        text.append(" +- ").append(Texts.number(stddev));
      }
      text.append(" of ").append(samples).append(samples == 1 ? " run" : " runs");
      if (min != null && max != null && samples > 1) {
        text.append(" (min ").append(Texts.number(min)).append(", max ").append(Texts.number(max)).append(')');
      }
    } else {
      text.append(", no baseline values");
    }
    if (relativeDelta != null) {
      text.append(": ").append(Texts.percent(relativeDelta));
    }
    if (t != null) {
      text.append(", t ").append(Texts.number(t));
    }
    if (pValue != null) {
      text.append(", p ").append(Texts.number(pValue));
    }
    return text.append(", threshold ").append(Texts.percent(threshold).replace("+", "")).append(" -> ").append(change)
        .toString();
  }
}

package dev.gao.metrics.runtime.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one metric over the runs of one group.
 *
 * <p>The median averages the two middle values of an even count. The p95 is the nearest-rank
 * percentile: the value at 1-based rank {@code ceil(0.95 * count)} of the values in ascending
 * order. The standard deviation is the sample one (divisor {@code count - 1}).
 *
 * @param group dimension to value of this group, in the order grouped by; empty for one group of
 *     all runs
 * @param runs the number of runs in the group, with or without a value of the metric
 * @param count the number of non-null values of the metric
 * @param mean the arithmetic mean; null when {@code count} is 0
 * @param min the smallest value; null when {@code count} is 0
 * @param max the largest value; null when {@code count} is 0
 * @param stddev the sample standard deviation; null when {@code count} is below 2
 * @param median the median; null when {@code count} is 0
 * @param p95 the 95th percentile, nearest rank; null when {@code count} is 0
 * @param failureRate the share of the group's runs whose status counts as failed, 0 to 1; null when
 *     the model has no status column
 */
public record MetricStats(
    Map<String, Object> group,
    long runs,
    long count,
    Double mean,
    Double min,
    Double max,
    Double stddev,
    Double median,
    Double p95,
    Double failureRate) {

  /**
   * Copies the group.
   *
   * @param group dimension to value of this group
   * @param runs the number of runs in the group
   * @param count the number of non-null values of the metric
   * @param mean the arithmetic mean
   * @param min the smallest value
   * @param max the largest value
   * @param stddev the sample standard deviation
   * @param median the median
   * @param p95 the 95th percentile, nearest rank
   * @param failureRate the share of failed runs
   */
  public MetricStats {
    group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
  }
}

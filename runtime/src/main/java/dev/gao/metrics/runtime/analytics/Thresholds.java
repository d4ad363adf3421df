package dev.gao.metrics.runtime.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How large a relative change of a metric must be to count as a change: a default for every
 * metric and optional overrides per metric, as fractions ({@code 0.05} is 5%). Immutable. A change
 * whose relative size is at most the threshold is "unchanged"; a change from a baseline of zero to
 * anything else has no relative size and always counts.
 */
public final class Thresholds {
  /** 5% for every metric. */
  public static final Thresholds DEFAULT = new Thresholds(0.05, Map.of());

  private final double defaultThreshold;
  private final Map<String, Double> perMetric;

  private Thresholds(double defaultThreshold, Map<String, Double> perMetric) {
    this.defaultThreshold = defaultThreshold;
    this.perMetric = perMetric;
  }

  /**
   * The same relative threshold for every metric.
   *
   * @param threshold a fraction, at least 0 ({@code 0.05} for 5%)
   * @return the thresholds
   */
  public static Thresholds relative(double threshold) {
    return new Thresholds(check(threshold, "threshold"), Map.of());
  }

  /**
   * These thresholds with another for one metric.
   *
   * @param metric the metric, {@code table.column}; for a JSON map, {@code table.column} sets every
   *     key and {@code table.column[key]} one key
   * @param threshold a fraction, at least 0
   * @return the changed thresholds
   */
  public Thresholds with(String metric, double threshold) {
    Objects.requireNonNull(metric, "metric");
    Map<String, Double> copy = new LinkedHashMap<>(perMetric);
    copy.put(metric, check(threshold, "threshold of " + metric));
    return new Thresholds(defaultThreshold, Collections.unmodifiableMap(copy));
  }

  /**
   * The threshold of a metric: its own, else its map column's, else the default.
   *
   * @param metric the metric
   * @return a fraction
   */
  public double of(MetricRef metric) {
    Double own = perMetric.get(metric.name());
    if (own == null && metric.key() != null) {
      own = perMetric.get(metric.table() + "." + metric.column().name());
    }
    return own != null ? own : defaultThreshold;
  }

  /**
   * The threshold for metrics without their own.
   *
   * @return a fraction
   */
  public double defaultThreshold() {
    return defaultThreshold;
  }

  /**
   * The thresholds set per metric.
   *
   * @return metric name to fraction
   */
  public Map<String, Double> perMetric() {
    return perMetric;
  }

  private static double check(double threshold, String what) {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException(what + " must be a finite fraction >= 0 but was " + threshold);
    }
    return threshold;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Thresholds t
        && defaultThreshold == t.defaultThreshold
        && perMetric.equals(t.perMetric);
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultThreshold, perMetric);
  }

  @Override
  public String toString() {
    return "Thresholds[default=" + defaultThreshold + ", perMetric=" + perMetric + "]";
  }
}

package dev.gao.metrics.runtime.analytics;

/** Where a metric's trend is going, by its fitted line and the metric's better direction. */
public enum TrendDirection {
  /** The fitted line changes by more than the threshold in the better direction. */
  IMPROVING,
  /** The fitted line changes by more than the threshold in the worse direction. */
  DEGRADING,
  /** The fitted line changes by at most the threshold over the trend's span. */
  STABLE,
  /** The fitted line rises by more than the threshold, for a metric without a better direction. */
  RISING,
  /** The fitted line falls by more than the threshold, for a metric without a better direction. */
  FALLING,
  /** Fewer than three points, or all at one time: no line to fit. */
  INSUFFICIENT_DATA
}

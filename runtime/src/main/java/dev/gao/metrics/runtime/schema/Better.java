package dev.gao.metrics.runtime.schema;

/** Which direction of a metric is an improvement. */
public enum Better {
  /** Smaller values are better, for example durations and costs. */
  LOWER,
  /** Larger values are better, for example coverage and success rates. */
  HIGHER,
  /** Neither direction is better. */
  NONE
}

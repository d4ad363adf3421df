package dev.gao.metrics.runtime.analytics;

/** What happened to a metric between a baseline and a candidate run, by the metric's direction. */
public enum Change {
  /** Changed beyond the threshold in the better direction (and significantly, for a sample). */
  IMPROVED,
  /** Changed beyond the threshold in the worse direction (and significantly, for a sample). */
  REGRESSED,
  /** Within the threshold, or not a significant change against a sample. */
  UNCHANGED,
  /** Changed beyond the threshold, for a metric without a better direction. */
  CHANGED,
  /** The candidate has no value, or a named baseline run has none. */
  MISSING,
  /** The baseline of latest comparable runs has fewer values than the minimum sample size. */
  INSUFFICIENT_DATA
}

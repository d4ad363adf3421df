package test.metrics;

/** Outcome of a run. */
public enum Status {
  /** Passed. */
  PASSED,
  /** Failed. */
  FAILED
}

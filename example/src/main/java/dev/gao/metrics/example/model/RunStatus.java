package dev.gao.metrics.example.model;

/**
 * Where a benchmark run stands. The constants are lower case because they are stored by name and
 * these are the values GAO-Dev's collectors and reports use.
 */
public enum RunStatus {
  /** The run has started and not ended yet. */
  running,
  /** The run ended normally. */
  completed,
  /** The run ended with an error. */
  failed,
  /** The run was stopped at its time limit. */
  timeout
}

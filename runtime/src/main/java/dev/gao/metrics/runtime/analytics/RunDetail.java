package dev.gao.metrics.runtime.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run with every row of its child tables and the value of each of its metrics.
 *
 * @param run the run with its child rows
 * @param values metric to the run's value, in model order and map keys by code point; a metric
 *     the run has no value of is absent
 */
public record RunDetail(WholeRun run, Map<MetricRef, Double> values) {

  /**
   * Copies the values.
   *
   * @param run the run with its child rows
   * @param values metric to the run's value
   */
  public RunDetail {
    Objects.requireNonNull(run, "run");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}

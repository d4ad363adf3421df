package dev.gao.metrics.runtime.analytics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change of a metric's level in the history of one comparable group ({@link
 * Analytics#changePoints}).
 *
 * @param metric the metric
 * @param group the comparable dimensions' values of the history
 * @param runId the first run of the new level
 * @param time that run's time
 * @param runsBefore the number of runs tested before it (back to the change before, at most a
 *     window)
 * @param meanBefore their mean
 * @param stddevBefore their sample standard deviation
 * @param runsAfter the number of runs tested from it on (up to the next change, at most a window)
 * @param meanAfter their mean
 * @param stddevAfter their sample standard deviation
 * @param relativeChange {@code (meanAfter - meanBefore) / |meanBefore|}; null when only the mean
 *     before is 0
 * @param change {@link Change#REGRESSED} or {@link Change#IMPROVED} by the metric's direction,
 *     {@link Change#CHANGED} for a metric without one
 * @param pValue the corrected p-value of the change ({@link ChangePointDetector.Shift#pValue()})
 * @param open whether it is the history's last change: the newest run is at the new level
 */
public record ChangePoint(
    MetricRef metric,
    Map<String, Object> group,
    Object runId,
    Instant time,
    int runsBefore,
    double meanBefore,
    double stddevBefore,
    int runsAfter,
    double meanAfter,
    double stddevAfter,
    Double relativeChange,
    Change change,
    double pValue,
    boolean open) {

  /**
   * Copies the group.
   *
   * @param metric the metric
   * @param group the group
   * @param runId the first run of the new level
   * @param time its time
   * @param runsBefore the runs before
   * @param meanBefore their mean
   * @param stddevBefore their deviation
   * @param runsAfter the runs after
   * @param meanAfter their mean
   * @param stddevAfter their deviation
   * @param relativeChange the relative change
   * @param change the direction
   * @param pValue the p-value
   * @param open whether it is the last change
   */
  public ChangePoint {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(change, "change");
    group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
  }

  /**
   * Whether this change makes the metric worse and the newest run is still at the worse level:
   * what a CI step should stop on.
   *
   * @return whether it is an open regression
   */
  public boolean openRegression() {
    return open && change == Change.REGRESSED;
  }
}

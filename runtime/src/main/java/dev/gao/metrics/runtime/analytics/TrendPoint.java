package dev.gao.metrics.runtime.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a metric's trend: a run, or the runs of one period.
 *
 * @param time the run's time, or the start of the period
 * @param runId the run id, or {@code null} for a period
 * @param count the number of runs with a value in the point: 1 for a run
 * @param value the run's value, or the mean of the period's values
 * @param min the smallest value of the point
 * @param max the largest value of the point
 * @param movingAverage the mean of the values of this point and the points before it in the
 *     window, or {@code null} while fewer points than the window precede it
 */
public record TrendPoint(
    Instant time,
    Object runId,
    long count,
    double value,
    double min,
    double max,
    Double movingAverage) {

  /**
   * Validates the arguments.
   *
   * @param time the run's time, or the start of the period
   * @param runId the run id, or {@code null} for a period
   * @param count the number of runs with a value in the point
   * @param value the run's value, or the mean of the period's values
   * @param min the smallest value of the point
   * @param max the largest value of the point
   * @param movingAverage the moving average, or {@code null}
   */
  public TrendPoint {
    Objects.requireNonNull(time, "time");
  }
}

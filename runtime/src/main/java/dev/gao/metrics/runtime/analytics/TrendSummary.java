package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.Better;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a metric's trend says, from its points ({@link Analytics#trend}): the statistics of the
 * points' values, the least-squares line through them over time, where it is going, and the change
 * from the first point to the last.
 *
 * <p>The line is fitted to the values against time in days since the first point. Its fitted
 * change is {@code slope * span / |mean|}: how far the line moves over the trend's span, relative
 * to the mean. A fitted change of at most the threshold is {@link TrendDirection#STABLE}; a larger
 * one is improving or degrading by the metric's {@link Better} direction (rising or falling for a
 * metric without one). With fewer than three points, or all points at one time, there is no line:
 * slope, r² and fitted change are null and the direction is {@link
 * TrendDirection#INSUFFICIENT_DATA}.
 *
 * @param metric the metric
 * @param points the number of points
 * @param mean the mean of the points' values, or null without points
 * @param median the median (the mean of the two middle values of an even count), or null
 * @param stddev the sample standard deviation, or null below two points
 * @param min the smallest value, or null
 * @param max the largest value, or null
 * @param slopePerDay the fitted line's slope in the metric's unit per day, or null
 * @param rSquared the share of the values' variance the line explains, 0 to 1 (1 when the values
 *     do not vary), or null
 * @param fittedChange the fitted line's change over the span relative to the mean, or null without
 *     a line or when the mean is 0 and the line moves (a change that always counts)
 * @param first the first point's value, or null
 * @param last the last point's value, or null
 * @param change {@code (last - first) / |first|}: 0 when both are 0, null without points or when
 *     the first is 0 and the last is not
 * @param threshold the relative threshold that applied
 * @param direction where the trend is going
 */
public record TrendSummary(
    MetricRef metric,
    int points,
    Double mean,
    Double median,
    Double stddev,
    Double min,
    Double max,
    Double slopePerDay,
    Double rSquared,
    Double fittedChange,
    Double first,
    Double last,
    Double change,
    double threshold,
    TrendDirection direction) {

  private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  /**
   * Validates the arguments.
   *
   * @param metric the metric
   * @param points the number of points
   * @param mean the mean
   * @param median the median
   * @param stddev the standard deviation
   * @param min the smallest value
   * @param max the largest value
   * @param slopePerDay the slope per day
   * @param rSquared the r²
   * @param fittedChange the fitted change
   * @param first the first value
   * @param last the last value
   * @param change the relative change first to last
   * @param threshold the threshold
   * @param direction the direction
   */
  public TrendSummary {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(direction, "direction");
  }

  /**
   * Summarises a trend.
   *
   * @param metric the metric the points are of
   * @param points the trend's points, oldest first
   * @param threshold the relative change of the fitted line that counts as a change, at least 0
   * @return the summary
   * @throws IllegalArgumentException for a negative or non-finite threshold
   */
  public static TrendSummary of(MetricRef metric, List<TrendPoint> points, double threshold) {
    return of(metric, TrendSeries.of(Objects.requireNonNull(points, "points")), threshold);
  }

  /**
   * Summarises a trend given as a series.
   *
   * @param metric the metric the points are of
   * @param points the trend's points, oldest first
   * @param threshold the relative change of the fitted line that counts as a change, at least 0
   * @return the summary
   * @throws IllegalArgumentException for a negative or non-finite threshold
   */
  public static TrendSummary of(MetricRef metric, TrendSeries points, double threshold) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(points, "points");
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a number >= 0 but was " + threshold);
    }
    int n = points.size();
    if (n == 0) {
      return new TrendSummary(
          metric, 0, null, null, null, null, null, null, null, null, null, null, null, threshold,
          TrendDirection.INSUFFICIENT_DATA);
    }
    double[] values = new double[n];
    double[] days = new double[n];
    Instant start = points.time(0);
    for (int i = 0; i < n; i++) {
      values[i] = points.value(i);
      Duration since = Duration.between(start, points.time(i));
      days[i] = (since.getSeconds() + since.getNano() / 1e9) / SECONDS_PER_DAY;
    }
    double mean = mean(values);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    Double stddev = null;
    if (n >= 2) {
      double squares = 0;
      for (double value : values) {
        squares += (value - mean) * (value - mean);
      }
      stddev = Math.sqrt(squares / (n - 1));
    }
    double first = values[0];
    double last = values[n - 1];
    Double change = relative(first, last);
    Double slope = null;
    Double rSquared = null;
    Double fitted = null;
    TrendDirection direction = TrendDirection.INSUFFICIENT_DATA;
    double meanDay = mean(days);
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (days[i] - meanDay) * (days[i] - meanDay);
      sxy += (days[i] - meanDay) * (values[i] - mean);
      syy += (values[i] - mean) * (values[i] - mean);
    }
    if (n >= 3 && sxx > 0) {
      slope = sxy / sxx;
      rSquared = syy == 0 ? 1.0 : Math.min(1.0, sxy * sxy / (sxx * syy));
      double moved = slope * (days[n - 1] - days[0]);
      if (mean != 0 || moved == 0) {
        fitted = mean == 0 ? 0.0 : moved / Math.abs(mean);
        direction = direction(fitted, threshold, metric.info().better());
      } else {
        // a line that moves around a mean of zero has no relative size: it always counts
        direction = direction(Math.copySign(Double.POSITIVE_INFINITY, moved), threshold, metric.info().better());
      }
    }
    return new TrendSummary(
        metric, n, mean, median, stddev, sorted[0], sorted[n - 1], slope, rSquared, fitted, first,
        last, change, threshold, direction);
  }

  private static TrendDirection direction(double fitted, double threshold, Better better) {
    if (Math.abs(fitted) <= threshold) {
      return TrendDirection.STABLE;
    }
    boolean rising = fitted > 0;
    return switch (better) {
      case HIGHER -> rising ? TrendDirection.IMPROVING : TrendDirection.DEGRADING;
      case LOWER -> rising ? TrendDirection.DEGRADING : TrendDirection.IMPROVING;
      case NONE -> rising ? TrendDirection.RISING : TrendDirection.FALLING;
    };
  }

  private static Double relative(double from, double to) {
    if (from == 0) {
      return to == 0 ? 0.0 : null;
    }
    return (to - from) / Math.abs(from);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }
}

package dev.gao.metrics.runtime.analytics;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * A metric's trend as columns: the points of {@link Analytics#trend} or {@link RunHistory#series}
 * without an object per point, for histories of many thousands of points. Immutable.
 */
public final class TrendSeries {
  private final Object[] runIds;
  private final Instant[] times;
  private final long[] counts;
  private final double[] values;
  private final double[] mins;
  private final double[] maxes;
  private final double[] movingAverages;

  /** A series whose points are runs: each point's min and max is its value. */
  TrendSeries(Object[] runIds, Instant[] times, double[] values, double[] movingAverages) {
    this(runIds, times, ones(values.length), values, values, values, movingAverages);
  }

  private TrendSeries(
      Object[] runIds, Instant[] times, long[] counts, double[] values, double[] mins, double[] maxes,
      double[] movingAverages) {
    this.runIds = runIds;
    this.times = times;
    this.counts = counts;
    this.values = values;
    this.mins = mins;
    this.maxes = maxes;
    this.movingAverages = movingAverages;
  }

  private static long[] ones(int n) {
    long[] ones = new long[n];
    java.util.Arrays.fill(ones, 1);
    return ones;
  }

  /**
   * The series of some points.
   *
   * @param points the points, oldest first
   * @return the series
   */
  public static TrendSeries of(List<TrendPoint> points) {
    Objects.requireNonNull(points, "points");
    int n = points.size();
    Object[] ids = new Object[n];
    Instant[] times = new Instant[n];
    long[] counts = new long[n];
    double[] values = new double[n];
    double[] mins = new double[n];
    double[] maxes = new double[n];
    double[] averages = new double[n];
    for (int i = 0; i < n; i++) {
      TrendPoint point = points.get(i);
      ids[i] = point.runId();
      times[i] = point.time();
      counts[i] = point.count();
      values[i] = point.value();
      mins[i] = point.min();
      maxes[i] = point.max();
      averages[i] = point.movingAverage() == null ? Double.NaN : point.movingAverage();
    }
    return new TrendSeries(ids, times, counts, values, mins, maxes, averages);
  }

  /**
   * The number of points.
   *
   * @return the number of points
   */
  public int size() {
    return values.length;
  }

  /**
   * A point's run.
   *
   * @param point the point's index, 0 for the oldest
   * @return the run id, or null for a point of a period
   */
  public Object runId(int point) {
    return runIds[point];
  }

  /**
   * A point's time.
   *
   * @param point the point's index
   * @return the run's time or the period's start
   */
  public Instant time(int point) {
    return times[point];
  }

  /**
   * The number of runs of a point.
   *
   * @param point the point's index
   * @return 1 for a run
   */
  public long count(int point) {
    return counts[point];
  }

  /**
   * A point's value.
   *
   * @param point the point's index
   * @return the run's value or the period's mean
   */
  public double value(int point) {
    return values[point];
  }

  /**
   * A point's moving average.
   *
   * @param point the point's index
   * @return the average, or null while fewer points than the window precede it
   */
  public Double movingAverage(int point) {
    return Double.isNaN(movingAverages[point]) ? null : movingAverages[point];
  }

  /**
   * One point as an object.
   *
   * @param point the point's index
   * @return the point
   */
  public TrendPoint point(int point) {
    return new TrendPoint(
        times[point], runIds[point], counts[point], values[point], mins[point], maxes[point], movingAverage(point));
  }

  /**
   * The points as objects, made as they are read.
   *
   * @return the points, oldest first
   */
  public List<TrendPoint> points() {
    return new AbstractList<>() {
      @Override
      public TrendPoint get(int index) {
        return point(index);
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}

package dev.gao.metrics.runtime.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs in time order (then run id) with their dimensions and the values of some metrics, read in
 * one statement by {@link Analytics#history}: what a page of charts over many metrics and groups
 * needs, without one query per metric and group. Immutable and safe to share between threads; the
 * runs of each group asked for are found once.
 *
 * <p>{@link #trend} gives a group's points of one metric exactly as {@link Analytics#trend} gives
 * them for a filter on the group's dimension values, one point per run.
 */
public final class RunHistory {
  private final List<MetricRef> metrics;
  private final Map<String, Integer> metricIndex;
  private final List<String> dimensions;
  private final Object[] ids;
  private final Instant[] times;
  private final Object[][] dimensionValues;
  private final double[][] values;
  private final boolean[] failed;
  private final Map<Map<String, Object>, int[]> groupRuns = new ConcurrentHashMap<>();

  /** Stands for a null dimension value in the keys of {@link #groupRuns}. */
  private static final Object NULL = new Object();

  private RunHistory(Builder builder) {
    RunModel model = builder.model;
    this.metrics = List.copyOf(builder.metrics);
    this.metricIndex = new LinkedHashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      metricIndex.put(metrics.get(i).name(), i);
    }
    this.dimensions = List.copyOf(builder.dimensions);
    int n = builder.ids.size();
    this.ids = builder.ids.toArray();
    this.times = builder.times.toArray(new Instant[0]);
    this.dimensionValues = builder.dimensionValues.toArray(new Object[0][]);
    this.failed = new boolean[n];
    int status = model.statusColumn().map(dimensions::indexOf).orElse(-1);
    for (int run = 0; run < n && status >= 0; run++) {
      failed[run] = model.failedStatuses().contains(String.valueOf(dimensionValues[run][status]));
    }
    this.values = builder.values;
  }

  /**
   * The metrics read, in the order asked for.
   *
   * @return the metrics
   */
  public List<MetricRef> metrics() {
    return metrics;
  }

  /**
   * The number of runs.
   *
   * @return the number of runs
   */
  public int size() {
    return ids.length;
  }

  /**
   * A run's id.
   *
   * @param run the run's index, 0 for the oldest
   * @return its id
   */
  public Object runId(int run) {
    return ids[run];
  }

  /**
   * A run's time.
   *
   * @param run the run's index
   * @return its time
   */
  public Instant time(int run) {
    return times[run];
  }

  /**
   * A run's value of one of the model's dimensions (or its status column).
   *
   * @param dimension the dimension
   * @param run the run's index
   * @return the value, or null
   * @throws IllegalArgumentException for a column that is neither
   */
  public Object dimension(String dimension, int run) {
    return dimensionValues[run][dimensionIndex(dimension)];
  }

  /**
   * Whether a run's status counts as failed; false for a model without a status column.
   *
   * @param run the run's index
   * @return whether it failed
   */
  public boolean failed(int run) {
    return failed[run];
  }

  /**
   * A run's value of a metric.
   *
   * @param metric the metric's full name ({@link MetricRef#name()}) as read
   * @param run the run's index
   * @return the value, or null when the run has none
   * @throws IllegalArgumentException for a metric that was not read
   */
  public Double value(String metric, int run) {
    double value = values[metricIndex(metric)][run];
    return Double.isNaN(value) ? null : value;
  }

  /**
   * The distinct values of some dimensions among the runs, ordered by their values as text.
   *
   * @param groupBy the dimensions
   * @return each combination of values, dimension to value in the order given
   */
  public List<Map<String, Object>> groups(List<String> groupBy) {
    int[] at = groupBy.stream().mapToInt(this::dimensionIndex).toArray();
    Set<List<Object>> seen = new LinkedHashSet<>();
    for (Object[] row : dimensionValues) {
      Object[] key = new Object[at.length];
      for (int i = 0; i < at.length; i++) {
        key[i] = row[at[i]];
      }
      seen.add(Arrays.asList(key));
    }
    List<List<Object>> sorted = new ArrayList<>(seen);
    sorted.sort(
        (a, b) -> {
          for (int i = 0; i < a.size(); i++) {
            int order = String.valueOf(a.get(i)).compareTo(String.valueOf(b.get(i)));
            if (order != 0) {
              return order;
            }
          }
          return 0;
        });
    List<Map<String, Object>> groups = new ArrayList<>();
    for (List<Object> key : sorted) {
      Map<String, Object> group = new LinkedHashMap<>();
      for (int i = 0; i < groupBy.size(); i++) {
        group.put(groupBy.get(i), key.get(i));
      }
      groups.add(Collections.unmodifiableMap(group));
    }
    return groups;
  }

  /**
   * The indexes of the runs of a group, oldest first.
   *
   * @param group dimension to value; empty for every run
   * @return the runs' indexes
   */
  public int[] runs(Map<String, ?> group) {
    return runsOf(group).clone();
  }

  private int[] runsOf(Map<String, ?> group) {
    Map<String, Object> key = Map.copyOf(nonNull(group));
    int[] runs = groupRuns.get(key);
    return runs != null ? runs : find(group);
  }

  /** A group with its null values kept apart, since {@link Map#copyOf} takes no null. */
  private static Map<String, Object> nonNull(Map<String, ?> group) {
    Map<String, Object> copy = new LinkedHashMap<>();
    group.forEach((k, v) -> copy.put(k, v == null ? NULL : v));
    return copy;
  }

  /**
   * The runs of a group: found with every other group of the same dimensions in one pass over the
   * runs, so that asking for each group in turn costs one pass, not one per group.
   */
  private int[] find(Map<String, ?> group) {
    List<String> keys = List.copyOf(group.keySet());
    int[] at = keys.stream().mapToInt(this::dimensionIndex).toArray();
    Map<List<Object>, List<Integer>> buckets = new LinkedHashMap<>();
    for (int run = 0; run < ids.length; run++) {
      Object[] key = new Object[at.length];
      for (int i = 0; i < at.length; i++) {
        Object value = dimensionValues[run][at[i]];
        key[i] = value == null ? NULL : value;
      }
      buckets.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(run);
    }
    int[] found = null;
    Map<String, Object> wanted = nonNull(group);
    for (Map.Entry<List<Object>, List<Integer>> bucket : buckets.entrySet()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        values.put(keys.get(i), bucket.getKey().get(i));
      }
      int[] runs = bucket.getValue().stream().mapToInt(Integer::intValue).toArray();
      groupRuns.putIfAbsent(Map.copyOf(values), runs);
      if (values.equals(wanted)) {
        found = runs;
      }
    }
    return found != null ? found : new int[0];
  }

  /**
   * A metric's trend over the runs of a group, one point per run with a value, oldest first, with
   * the trailing moving average over {@code window} points: the points {@link Analytics#trend}
   * gives for a filter on the group's values (and without failed runs, when asked), {@link
   * Interval#RUN} and the same window.
   *
   * @param metric the metric's full name, as read
   * @param group dimension to value; empty for every run
   * @param withoutFailed whether failed runs are left out
   * @param window the number of points the moving average spans, at least 1
   * @return the points
   */
  public List<TrendPoint> trend(String metric, Map<String, ?> group, boolean withoutFailed, int window) {
    return series(metric, group, withoutFailed, window).points();
  }

  /**
   * The points of {@link #trend} as a series, without an object per point.
   *
   * @param metric the metric's full name, as read
   * @param group dimension to value; empty for every run
   * @param withoutFailed whether failed runs are left out
   * @param window the number of points the moving average spans, at least 1
   * @return the series
   */
  public TrendSeries series(String metric, Map<String, ?> group, boolean withoutFailed, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    double[] of = values[metricIndex(metric)];
    int[] runs = runsOf(group);
    int n = 0;
    int[] kept = new int[runs.length];
    for (int run : runs) {
      if (!Double.isNaN(of[run]) && !(withoutFailed && failed[run])) {
        kept[n++] = run;
      }
    }
    Object[] pointIds = new Object[n];
    Instant[] pointTimes = new Instant[n];
    double[] pointValues = new double[n];
    double[] averages = new double[n];
    for (int i = 0; i < n; i++) {
      pointIds[i] = ids[kept[i]];
      pointTimes[i] = times[kept[i]];
      pointValues[i] = of[kept[i]];
      if (i + 1 < window) {
        averages[i] = Double.NaN;
      } else {
        double sum = 0;
        for (int j = i + 1 - window; j <= i; j++) {
          sum += pointValues[j];
        }
        averages[i] = sum / window;
      }
    }
    return new TrendSeries(pointIds, pointTimes, pointValues, averages);
  }

  private int metricIndex(String metric) {
    Integer index = metricIndex.get(metric);
    if (index == null) {
      throw new IllegalArgumentException(
          "metric " + metric + " was not read; the history holds " + metricIndex.keySet());
    }
    return index;
  }

  private int dimensionIndex(String dimension) {
    int index = dimensions.indexOf(dimension);
    if (index < 0) {
      throw new IllegalArgumentException(
          "column " + dimension + " is not a dimension; the history holds " + dimensions);
    }
    return index;
  }

  /** Collects a history as it is read: the runs first, then the metrics' values. */
  static final class Builder {
    private final RunModel model;
    private final List<MetricRef> metrics;
    private final List<String> dimensions;
    private final List<Object> ids = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private final List<Object[]> dimensionValues = new ArrayList<>();
    private double[][] values;

    Builder(RunModel model, List<MetricRef> metrics, List<String> dimensions) {
      this.model = model;
      this.metrics = metrics;
      this.dimensions = dimensions;
    }

    /** Adds the next run, in order; returns its index. */
    int add(Object id, Instant time, Object[] dimensionValues) {
      ids.add(id);
      times.add(time);
      this.dimensionValues.add(dimensionValues);
      return ids.size() - 1;
    }

    Object runId(int run) {
      return ids.get(run);
    }

    /** Sets a run's value of the metric at an index, once every run is added. */
    void set(int metric, int run, double value) {
      allocate();
      values[metric][run] = value;
    }

    private void allocate() {
      if (values == null) {
        values = new double[metrics.size()][ids.size()];
        for (double[] column : values) {
          Arrays.fill(column, Double.NaN);
        }
      }
    }

    /**
     * Puts the runs read so far, with their values, in time order, then by run id: numbers by
     * value, anything else by its text's code points, as the analytics' SQL orders ids.
     */
    void sortByTime() {
      allocate();
      Integer[] order = new Integer[ids.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> {
        int byTime = times.get(a).compareTo(times.get(b));
        return byTime != 0 ? byTime : compareIds(ids.get(a), ids.get(b));
      });
      List<Object> sortedIds = new ArrayList<>(order.length);
      List<Instant> sortedTimes = new ArrayList<>(order.length);
      List<Object[]> sortedDimensions = new ArrayList<>(order.length);
      double[][] sortedValues = new double[values.length][order.length];
      for (int i = 0; i < order.length; i++) {
        sortedIds.add(ids.get(order[i]));
        sortedTimes.add(times.get(order[i]));
        sortedDimensions.add(dimensionValues.get(order[i]));
        for (int m = 0; m < values.length; m++) {
          sortedValues[m][i] = values[m][order[i]];
        }
      }
      ids.clear();
      ids.addAll(sortedIds);
      times.clear();
      times.addAll(sortedTimes);
      dimensionValues.clear();
      dimensionValues.addAll(sortedDimensions);
      values = sortedValues;
    }

    private static int compareIds(Object a, Object b) {
      if (a instanceof Long x && b instanceof Long y) {
        return Long.compare(x, y);
      }
      if (a instanceof Number x && b instanceof Number y) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      return Arrays.compare(String.valueOf(a).codePoints().toArray(), String.valueOf(b).codePoints().toArray());
    }

    RunHistory build() {
      allocate();
      return new RunHistory(this);
    }
  }
}

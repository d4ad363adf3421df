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

/**
 * Runs in time order (then run id) with their dimensions and the values of some metrics, read in
 * one statement by {@link Analytics#history}: what a page of charts over many metrics and groups
 * needs, without one query per metric and group. Immutable.
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
    this.values = new double[metrics.size()][n];
    for (int run = 0; run < n; run++) {
      double[] row = builder.values.get(run);
      for (int m = 0; m < row.length; m++) {
        values[m][run] = row[m];
      }
    }
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
    int[] at = group.keySet().stream().mapToInt(this::dimensionIndex).toArray();
    Object[] wanted = group.values().toArray();
    int[] found = new int[ids.length];
    int count = 0;
    for (int run = 0; run < ids.length; run++) {
      boolean match = true;
      for (int i = 0; i < at.length && match; i++) {
        match = Objects.equals(dimensionValues[run][at[i]], wanted[i]);
      }
      if (match) {
        found[count++] = run;
      }
    }
    return Arrays.copyOf(found, count);
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
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    double[] of = values[metricIndex(metric)];
    List<TrendPoint> points = new ArrayList<>();
    double[] recent = new double[window];
    int seen = 0;
    for (int run : runs(group)) {
      double value = of[run];
      if (Double.isNaN(value) || (withoutFailed && failed(run))) {
        continue;
      }
      recent[seen % window] = value;
      seen++;
      Double average = null;
      if (seen >= window) {
        double sum = 0;
        for (int i = seen - window; i < seen; i++) {
          sum += recent[i % window];
        }
        average = sum / window;
      }
      points.add(new TrendPoint(times[run], ids[run], 1, value, value, value, average));
    }
    return points;
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

  /** Collects the rows of a history as they are read. */
  static final class Builder {
    private final RunModel model;
    private final List<MetricRef> metrics;
    private final List<String> dimensions;
    private final List<Object> ids = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private final List<Object[]> dimensionValues = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    Builder(RunModel model, List<MetricRef> metrics, List<String> dimensions) {
      this.model = model;
      this.metrics = metrics;
      this.dimensions = dimensions;
    }

    void add(Object id, Instant time, Object[] dimensionValues, double[] values) {
      ids.add(id);
      times.add(time);
      this.dimensionValues.add(dimensionValues);
      this.values.add(values);
    }

    RunHistory build() {
      return new RunHistory(this);
    }
  }
}

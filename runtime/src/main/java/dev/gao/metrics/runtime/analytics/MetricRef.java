package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import java.util.Objects;

/**
 * A metric of a run: a numeric column with metric metadata of the run table or of one of its child
 * tables, or one key of such a JSON map column. Every analytic works on one value per run: the
 * column's value for the run table and for a child table with at most one row per run, and the
 * total over the run's rows for a child table with several rows per run.
 *
 * @param table the SQL table name
 * @param column the column
 * @param runColumn the column of {@code table} that holds the run id: the key for the run table,
 *     the foreign key for a child table
 * @param manyPerRun whether {@code table} may hold several rows per run, whose values are then
 *     summed per run
 * @param key the key inside a JSON map column, or {@code null} for a numeric column and for a map
 *     column as a whole
 */
public record MetricRef(
    String table, ColumnInfo column, String runColumn, boolean manyPerRun, String key) {

  /**
   * Validates the arguments.
   *
   * @param table the SQL table name
   * @param column the column; it must carry metric metadata
   * @param runColumn the column of {@code table} that holds the run id
   * @param manyPerRun whether {@code table} may hold several rows per run
   * @param key the key inside a JSON map column, or {@code null}
   */
  public MetricRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(runColumn, "runColumn");
    if (column.metric() == null) {
      throw new IllegalArgumentException(table + "." + column.name() + " has no metric metadata");
    }
    if (key != null && !column.json()) {
      throw new IllegalArgumentException(
          table + "." + column.name() + " is not a JSON map column; it has no key " + key);
    }
  }

  /**
   * The address of the metric.
   *
   * @return {@code table.column}, or {@code table.column[key]} for a key of a JSON map
   */
  public String name() {
    String name = table + "." + column.name();
    return key == null ? name : name + "[" + key + "]";
  }

  /**
   * Whether the column is a JSON map of numbers, whose keys are metrics.
   *
   * @return true for a map column, with or without a key
   */
  public boolean isMap() {
    return column.json();
  }

  /**
   * The same map column at {@code key}.
   *
   * @param key a key of the map
   * @return the metric of that key
   * @throws IllegalArgumentException if the column is not a JSON map
   */
  public MetricRef withKey(String key) {
    return new MetricRef(table, column, runColumn, manyPerRun, Objects.requireNonNull(key, "key"));
  }

  /**
   * The metric metadata: unit, direction and range; for a map, of each of its values.
   *
   * @return the metadata
   */
  public MetricInfo info() {
    return column.metric();
  }

  /**
   * The metric as people name it, with its unit and direction: {@code
   * performance_metrics.total_time_seconds (s, lower is better)}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    String unit = info().unit();
    String better =
        switch (info().better()) {
          case LOWER -> "lower is better";
          case HIGHER -> "higher is better";
          case NONE -> "no better direction";
        };
    return name() + " (" + (unit.isEmpty() ? "" : unit + ", ") + better + ")";
  }
}

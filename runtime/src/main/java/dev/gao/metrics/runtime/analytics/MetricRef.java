package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import java.util.Objects;

/**
 * A numeric metric column of the run table or of one of its child tables.
 *
 * @param table the SQL table name
 * @param column the column
 * @param runColumn the column of {@code table} that holds the run id: the key for the run table,
 *     the foreign key for a child table
 */
public record MetricRef(String table, ColumnInfo column, String runColumn) {

  /**
   * Validates the arguments.
   *
   * @param table the SQL table name
   * @param column the column; it must carry metric metadata
   * @param runColumn the column of {@code table} that holds the run id
   */
  public MetricRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(runColumn, "runColumn");
    if (column.metric() == null) {
      throw new IllegalArgumentException(table + "." + column.name() + " has no metric metadata");
    }
  }

  /**
   * The address of the metric.
   *
   * @return {@code table.column}
   */
  public String name() {
    return table + "." + column.name();
  }

  /**
   * The metric metadata: unit, direction and range.
   *
   * @return the metadata
   */
  public MetricInfo info() {
    return column.metric();
  }
}

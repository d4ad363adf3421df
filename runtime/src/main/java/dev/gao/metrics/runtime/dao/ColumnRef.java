package dev.gao.metrics.runtime.dao;

import java.util.Objects;

/**
 * Names a column for value-conversion messages. Generated DAOs hold one constant per column.
 *
 * @param table the SQL table name
 * @param column the SQL column name
 */
public record ColumnRef(String table, String column) {

  /**
   * Validates the arguments.
   *
   * @param table the SQL table name
   * @param column the SQL column name
   */
  public ColumnRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }

  /** Renders {@code table.column}. */
  @Override
  public String toString() {
    return table + "." + column;
  }
}

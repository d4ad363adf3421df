package dev.gao.metrics.runtime.dao;

import java.util.Objects;

/**
 * A column of a table: names it in value-conversion messages and picks the column to order a
 * listing by. Generated DAOs hold one public constant per column ({@code COL_RUN_ID} for column
 * {@code run_id}), typed by the table's row type, so that a method taking this table's columns
 * ({@code list(ColumnRef<Row>, SortOrder, int, long)}) rejects another table's at compile time.
 *
 * @param <T> the row type of the table (any type where only the names matter)
 * @param table the SQL table name
 * @param column the SQL column name
 */
public record ColumnRef<T>(String table, String column) {

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

package dev.gao.metrics.processor.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What SQLite reports about a prepared statement.
 *
 * @param columns the names of the result columns, in order; empty for a statement without result
 * @param declaredTypes the declared SQL type of each result column that is a table column, and
 *     {@code null} for a column computed by an expression
 * @param originTables the table each result column is taken from straight (its origin table, also
 *     through aliases, subqueries and views), and {@code null} for a column computed by an expression
 * @param originColumns the column of its origin table each result column is taken from, as the
 *     driver reports it ({@code ResultSetMetaData.getColumnName}), and {@code null} for a computed
 *     column; sqlite-jdbc reports the result name here too, so an aliased column carries its alias
 * @param parameterCount the number of parameters of the statement
 */
public record PreparedQuery(
    List<String> columns,
    List<String> declaredTypes,
    List<String> originTables,
    List<String> originColumns,
    int parameterCount) {

  /** Copies the lists, which must have the same size. */
  public PreparedQuery {
    columns = List.copyOf(columns);
    declaredTypes = nullable(declaredTypes, columns.size(), "declared type", columns);
    originTables = nullable(originTables, columns.size(), "origin table", columns);
    originColumns = nullable(originColumns, columns.size(), "origin column", columns);
  }

  private static List<String> nullable(List<String> values, int size, String what, List<String> columns) {
    if (values.size() != size) {
      throw new IllegalArgumentException("one " + what + " per column expected: " + columns + " " + values);
    }
    return Collections.unmodifiableList(new ArrayList<>(values));
  }
}

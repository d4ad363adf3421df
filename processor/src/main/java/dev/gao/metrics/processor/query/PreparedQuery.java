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
 * @param parameterCount the number of parameters of the statement
 */
public record PreparedQuery(List<String> columns, List<String> declaredTypes, int parameterCount) {

  /** Copies the lists, which must have the same size. */
  public PreparedQuery {
    columns = List.copyOf(columns);
    declaredTypes = Collections.unmodifiableList(new ArrayList<>(declaredTypes));
    if (declaredTypes.size() != columns.size()) {
      throw new IllegalArgumentException("one declared type per column expected: " + columns + " " + declaredTypes);
    }
  }
}

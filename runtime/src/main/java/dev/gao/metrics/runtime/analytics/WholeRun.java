package dev.gao.metrics.runtime.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run with every row of its child tables.
 *
 * @param run the row of the run table
 * @param children child table name to its rows for this run (column name to value, in table order),
 *     ordered by primary key; every child table of the model is present, with an empty list when
 *     the run has no row in it
 */
public record WholeRun(RunRow run, Map<String, List<Map<String, Object>>> children) {

  /**
   * Copies the children.
   *
   * @param run the row of the run table
   * @param children child table name to its rows for this run
   */
  public WholeRun {
    Objects.requireNonNull(run, "run");
    Map<String, List<Map<String, Object>>> copy = new LinkedHashMap<>();
    children.forEach(
        (table, rows) ->
            copy.put(
                table,
                rows.stream()
                    .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row)))
                    .toList()));
    children = Collections.unmodifiableMap(copy);
  }

  /**
   * The rows of one child table.
   *
   * @param table the child table name
   * @return the rows
   * @throws IllegalArgumentException if the table is not a child table
   */
  public List<Map<String, Object>> rows(String table) {
    List<Map<String, Object>> rows = children.get(table);
    if (rows == null) {
      throw new IllegalArgumentException(
          "no child table " + table + "; child tables: " + String.join(", ", children.keySet()));
    }
    return rows;
  }
}

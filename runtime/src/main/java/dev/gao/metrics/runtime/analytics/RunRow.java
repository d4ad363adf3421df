package dev.gao.metrics.runtime.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the run table, its values decoded with the codecs the generated DAOs use (time columns
 * as {@code Instant}, JSON columns as maps and lists, and so on).
 *
 * @param id the run id
 * @param values column name to value, in table order; values may be null
 */
public record RunRow(Object id, Map<String, Object> values) {

  /**
   * Copies the values.
   *
   * @param id the run id
   * @param values column name to value, in table order
   */
  public RunRow {
    Objects.requireNonNull(id, "id");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * The value of a column.
   *
   * @param column the column name
   * @return the value, possibly null
   * @throws IllegalArgumentException if the run table has no such column
   */
  public Object get(String column) {
    if (!values.containsKey(column)) {
      throw new IllegalArgumentException(
          "no column " + column + "; columns: " + String.join(", ", values.keySet()));
    }
    return values.get(column);
  }
}

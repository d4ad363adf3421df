package dev.gao.metrics.runtime.sql;

import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.util.Objects;
import java.util.function.Function;

/**
 * What is known when a statement fails, so that the translated exception can name it.
 *
 * @param location the database file or data source
 * @param table the table the statement works on, or null
 * @param columnValues the value bound for a column name, or null when the values are unknown
 */
public record ErrorContext(
    String location, TableInfo table, Function<String, Object> columnValues) {

  /**
   * Validates the location.
   *
   * @param location the database file or data source
   * @param table the table the statement works on, or null
   * @param columnValues the value bound for a column name, or null when the values are unknown
   */
  public ErrorContext {
    Objects.requireNonNull(location, "location");
  }

  /**
   * A context that knows only the database.
   *
   * @param location the database file or data source
   * @return the context
   */
  public static ErrorContext of(String location) {
    return new ErrorContext(location, null, null);
  }

  /**
   * A context that knows the table.
   *
   * @param location the database file or data source
   * @param table the table
   * @return the context
   */
  public static ErrorContext of(String location, TableInfo table) {
    return new ErrorContext(location, table, null);
  }

  /**
   * The value bound for a column, if known.
   *
   * @param column the column name
   * @return the value, or null
   */
  public Object valueOf(String column) {
    return columnValues == null ? null : columnValues.apply(column);
  }

  /**
   * Whether the value of a column is known.
   *
   * @return true if values were recorded
   */
  public boolean knowsValues() {
    return columnValues != null;
  }

  /**
   * What a message about a failed range check adds: {@code " is outside the range [0, 1]"} for a
   * column of the table with a bounded {@code @Metric} range, else an empty string.
   *
   * @param column the column the check guards, or null
   * @return the text
   */
  public String outsideRange(String column) {
    if (table == null || column == null || table.columns().stream().noneMatch(c -> c.name().equals(column))) {
      return "";
    }
    MetricInfo metric = table.column(column).metric();
    return metric == null || !metric.bounded() ? "" : " is outside the range " + metric.rangeText();
  }
}

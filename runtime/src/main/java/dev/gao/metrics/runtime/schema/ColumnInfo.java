package dev.gao.metrics.runtime.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * One column of a table.
 *
 * @param name the SQL column name, unquoted
 * @param sqlType the declared SQL type, for example {@code TEXT} or {@code INTEGER}
 * @param javaType the qualified Java type of the record component, for messages
 * @param notNull whether the column is declared {@code NOT NULL}
 * @param defaultSql the default value as SQL text exactly as the DDL declares it, for example
 *     {@code '1.0.0'}; {@code null} when the column has no default
 * @param primaryKeyPosition the 1-based position of the column in the primary key, 0 if it is not
 *     part of it
 * @param json whether the column holds JSON text written by the runtime's codec
 * @param metric the metric metadata of a column declared with {@code @Metric}, or {@code null}; for a
 *     {@link #json() JSON} column (a map from String to numbers) it describes every value of the map,
 *     and has no range, as no CHECK constraint can look inside JSON
 */
public record ColumnInfo(
    String name,
    String sqlType,
    String javaType,
    boolean notNull,
    String defaultSql,
    int primaryKeyPosition,
    boolean json,
    MetricInfo metric) {

  /**
   * Validates the arguments.
   *
   * @param name the SQL column name, unquoted
   * @param sqlType the declared SQL type, for example {@code TEXT} or {@code INTEGER}
   * @param javaType the qualified Java type of the record component, for messages
   * @param notNull whether the column is declared {@code NOT NULL}
   * @param defaultSql the default value as SQL text exactly as the DDL declares it, for example
   *     {@code '1.0.0'}; {@code null} when the column has no default
   * @param primaryKeyPosition the 1-based position of the column in the primary key, 0 if it is not
   *     part of it
   * @param json whether the column holds JSON text written by the runtime's codec
   * @param metric the metric metadata of a column declared with {@code @Metric}, or {@code null}; for a
   *     JSON column it describes every value of the map
   */
  public ColumnInfo {
    Checks.requireName(name, "column name");
    Checks.requireName(sqlType, "sqlType of column " + name);
    Objects.requireNonNull(javaType, "javaType of column " + name);
    if (primaryKeyPosition < 0) {
      throw new IllegalArgumentException(
          "primaryKeyPosition of column " + name + " must be >= 0 but was " + primaryKeyPosition);
    }
  }

  /**
   * A column without metric metadata.
   *
   * @param name the SQL column name, unquoted
   * @param sqlType the declared SQL type, for example {@code TEXT} or {@code INTEGER}
   * @param javaType the qualified Java type of the record component, for messages
   * @param notNull whether the column is declared {@code NOT NULL}
   * @param defaultSql the default value as SQL text exactly as the DDL declares it; {@code null}
   *     when the column has no default
   * @param primaryKeyPosition the 1-based position of the column in the primary key, 0 if it is not
   *     part of it
   * @param json whether the column holds JSON text written by the runtime's codec
   */
  public ColumnInfo(
      String name,
      String sqlType,
      String javaType,
      boolean notNull,
      String defaultSql,
      int primaryKeyPosition,
      boolean json) {
    this(name, sqlType, javaType, notNull, defaultSql, primaryKeyPosition, json, null);
  }

  /**
   * The metric metadata, if the column was declared with {@code @Metric}; for a {@link #json() JSON}
   * column it describes every value of the map.
   *
   * @return the metadata, or empty
   */
  public Optional<MetricInfo> metricInfo() {
    return Optional.ofNullable(metric);
  }

  /**
   * Whether the column has an SQL default.
   *
   * @return true if {@link #defaultSql()} is not null
   */
  public boolean hasDefault() {
    return defaultSql != null;
  }
}

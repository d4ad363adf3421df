package dev.gao.metrics.processor.structure;

/**
 * A column as stored: what a schema snapshot records and a migration compares.
 *
 * @param name the SQL column name
 * @param sqlType the SQL type, for example {@code INTEGER}
 * @param javaType the Java type as text
 * @param notNull whether the DDL declares it {@code NOT NULL}
 * @param defaultSql the default as SQL text in the DDL, or {@code null}
 * @param primaryKeyPosition 1-based position in the primary key, 0 when not in it
 * @param json whether values are JSON text (checked with {@code json_valid})
 */
public record ColumnShape(
    String name,
    String sqlType,
    String javaType,
    boolean notNull,
    String defaultSql,
    int primaryKeyPosition,
    boolean json) {

  /** Whether the column belongs to the primary key. */
  public boolean inPrimaryKey() {
    return primaryKeyPosition > 0;
  }

  /** A copy with another name. */
  public ColumnShape named(String newName) {
    return new ColumnShape(newName, sqlType, javaType, notNull, defaultSql, primaryKeyPosition, json);
  }
}

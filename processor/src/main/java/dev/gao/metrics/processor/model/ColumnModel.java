package dev.gao.metrics.processor.model;

import com.squareup.javapoet.TypeName;
import java.util.List;

/**
 * One column of a table.
 *
 * @param name the SQL column name
 * @param property the Java name of the record component or field
 * @param javaType the Java type, annotations removed and generic arguments kept
 * @param kind how values are stored
 * @param notNull whether the column is declared {@code NOT NULL}
 * @param declaredDefault the SQL default as written in {@code @Column(defaultValue)}, or {@code null}
 * @param primaryKeyPosition 1-based position in the primary key, 0 when not in the key
 * @param accessor how generated code reads the value from a row
 * @param metric the {@code @Metric} declaration, or {@code null}
 * @param enumNames the names of the constants of an enum column, as stored; empty for other columns
 */
public record ColumnModel(
    String name,
    String property,
    TypeName javaType,
    ValueKind kind,
    boolean notNull,
    String declaredDefault,
    int primaryKeyPosition,
    Accessor accessor,
    MetricModel metric,
    List<String> enumNames) {

  /** Copies the enum names. */
  public ColumnModel {
    enumNames = enumNames == null ? List.of() : List.copyOf(enumNames);
  }

  /** A column that is not an enum. */
  public ColumnModel(
      String name,
      String property,
      TypeName javaType,
      ValueKind kind,
      boolean notNull,
      String declaredDefault,
      int primaryKeyPosition,
      Accessor accessor,
      MetricModel metric) {
    this(name, property, javaType, kind, notNull, declaredDefault, primaryKeyPosition, accessor, metric, List.of());
  }

  /** A column without {@code @Metric}. */
  public ColumnModel(
      String name,
      String property,
      TypeName javaType,
      ValueKind kind,
      boolean notNull,
      String declaredDefault,
      int primaryKeyPosition,
      Accessor accessor) {
    this(name, property, javaType, kind, notNull, declaredDefault, primaryKeyPosition, accessor, null, List.of());
  }

  /** Whether the Java type is primitive. */
  public boolean primitive() {
    return javaType.isPrimitive();
  }

  /** Whether the column belongs to the primary key. */
  public boolean inPrimaryKey() {
    return primaryKeyPosition > 0;
  }

  /** Whether the column has an SQL default. */
  public boolean hasDefault() {
    return declaredDefault != null;
  }

  /** Whether values are stored as JSON text. */
  public boolean json() {
    return kind == ValueKind.JSON;
  }

  /** The Java type as text, as recorded in the schema metadata. */
  public String javaTypeText() {
    return javaType.toString();
  }
}

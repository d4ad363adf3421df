package dev.gao.metrics.processor.parsing;

import com.squareup.javapoet.TypeName;
import dev.gao.metrics.processor.model.MetricModel;
import dev.gao.metrics.processor.model.ValueKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A column while its table is read.
 *
 * @param name the SQL name
 * @param property the component or field
 * @param javaType the Java type without annotations
 * @param kind the storage, or {@code null} when the type is not supported
 * @param primitive whether the Java type is primitive
 * @param nullable whether the column may hold null
 * @param declaredDefault the SQL default as written, or {@code null}
 * @param metric the {@code @Metric} declaration, or {@code null}
 * @param enumNames the names of the constants of an enum type, as stored; empty for other types
 */
record ColumnDraft(
    String name,
    Property property,
    TypeName javaType,
    ValueKind kind,
    boolean primitive,
    boolean nullable,
    String declaredDefault,
    MetricModel metric,
    List<String> enumNames) {

  /** The column named {@code name} (ignoring case, as SQL does). */
  static Optional<ColumnDraft> find(List<ColumnDraft> columns, String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The names of {@code columns}, comma-separated, for messages. */
  static String names(List<ColumnDraft> columns) {
    return columns.stream().map(ColumnDraft::name).collect(Collectors.joining(", "));
  }
}

package dev.gao.metrics.processor.query;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.EmbeddedRow;
import dev.gao.metrics.processor.model.ResultValue;
import dev.gao.metrics.processor.model.RowArgument;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.parsing.Annotations;
import dev.gao.metrics.processor.parsing.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Maps result columns onto a record that embeds tables: components whose type is a
 * {@code @MetricsTable}. An embedded component of table T takes the result columns whose origin
 * table (as SQLite reports it, through aliases, subqueries and views) is T, one per column of T,
 * matched by name ignoring case. The other, plain components take the remaining columns by the
 * snake_case form of their name, as projections do. Two tables may thus both have a column
 * {@code run_id}: each copy goes to its own table's row.
 */
final class EmbeddingMapper {
  /**
   * One record component and the table it embeds.
   *
   * @param element the component
   * @param table the embedded table, or {@code null} for a plain component
   */
  private record Part(RecordComponentElement element, TableModel table) {
    String name() {
      return element.getSimpleName().toString();
    }
  }

  private final SchemaModel schema;
  private final ResultMapper results;

  /** Maps onto the tables of {@code schema}; {@code results} reads the plain components. */
  EmbeddingMapper(SchemaModel schema, ResultMapper results) {
    this.schema = schema;
    this.results = results;
  }

  /** Whether a component of the record {@code type} embeds a table. */
  static boolean embeds(TypeElement type) {
    return type.getRecordComponents().stream().anyMatch(c -> isTable(c.asType()));
  }

  private static boolean isTable(TypeMirror type) {
    return type instanceof DeclaredType declared
        && Annotations.find(declared.asElement(), Annotations.METRICS_TABLE).isPresent();
  }

  /**
   * The constructor arguments of {@code type} read from the result of {@code prepared}, or empty
   * after adding the problems found.
   */
  Optional<List<RowArgument>> arguments(
      ExecutableElement method, String methodName, TypeElement type, PreparedQuery prepared, List<Problem> problems) {
    int before = problems.size();
    List<Part> parts = parts(method, methodName, type, problems);
    checkTablesOnce(method, methodName, type, parts, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    List<String> columns = prepared.columns();
    boolean[] taken = new boolean[columns.size()];
    Map<String, EmbeddedRow> rows = new LinkedHashMap<>();
    for (Part part : parts) {
      if (part.table() != null) {
        embeddedRow(method, methodName, type, part, prepared, taken, problems).ifPresent(row -> rows.put(part.name(), row));
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    Map<String, Integer> remaining = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!taken[i] && remaining.put(ResultMapper.key(columns.get(i)), i + 1) != null) {
        problems.add(Problem.on(method, Message.QUERY_DUPLICATE_COLUMN, methodName, columns.get(i)));
        return Optional.empty();
      }
    }
    List<String> missing = new ArrayList<>();
    List<RowArgument> arguments = new ArrayList<>();
    for (Part part : parts) {
      if (part.table() != null) {
        arguments.add(rows.get(part.name()));
        continue;
      }
      String column = Names.snakeCase(part.name());
      Integer index = remaining.remove(ResultMapper.key(column));
      Optional<ValueKind> kind = results.componentKind(method, methodName, type, part.element(), problems);
      if (index == null) {
        missing.add(part.name() + " (" + column + ")");
      } else if (kind.isPresent()) {
        arguments.add(
            new ResultValue(
                columns.get(index - 1),
                index,
                JavaTypes.name(part.element().asType()),
                kind.get(),
                results.source(method)));
      }
    }
    if (!missing.isEmpty() || !remaining.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_EMBEDDED_OTHER_COLUMNS,
              methodName,
              type.getQualifiedName(),
              String.join(", ", missing),
              String.join(", ", remaining.values().stream().map(i -> columns.get(i - 1)).toList())));
    }
    return problems.size() > before ? Optional.empty() : Optional.of(arguments);
  }

  /** The components of {@code type} with the tables they embed, reporting tables outside the schema. */
  private List<Part> parts(ExecutableElement method, String methodName, TypeElement type, List<Problem> problems) {
    List<Part> parts = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      TypeMirror componentType = component.asType();
      if (!isTable(componentType)) {
        parts.add(new Part(component, null));
        continue;
      }
      String qualifiedName = ((TypeElement) ((DeclaredType) componentType).asElement()).getQualifiedName().toString();
      Optional<TableModel> table = schema.table(qualifiedName);
      if (table.isEmpty()) {
        problems.add(
            Problem.on(
                method,
                Message.QUERY_EMBEDDED_NOT_IN_SCHEMA,
                methodName,
                type.getQualifiedName(),
                component.getSimpleName(),
                qualifiedName,
                schema.name()));
      }
      parts.add(new Part(component, table.orElse(null)));
    }
    return parts;
  }

  /** Reports every table that more than one component embeds: their columns cannot be told apart. */
  private static void checkTablesOnce(
      ExecutableElement method, String methodName, TypeElement type, List<Part> parts, List<Problem> problems) {
    Map<String, List<String>> componentsByTable = new LinkedHashMap<>();
    for (Part part : parts) {
      if (part.table() != null) {
        componentsByTable.computeIfAbsent(part.table().name(), t -> new ArrayList<>()).add(part.name());
      }
    }
    componentsByTable.forEach(
        (table, components) -> {
          if (components.size() > 1) {
            problems.add(
                Problem.on(
                    method,
                    Message.QUERY_EMBEDDED_TABLE_TWICE,
                    methodName,
                    type.getQualifiedName(),
                    table,
                    "components " + String.join(", ", components) + " all embed it"));
          }
        });
  }

  /**
   * The row of the table {@code part} embeds, from the result columns that come from that table,
   * marking them taken; or empty after reporting missing or repeated columns.
   */
  private static Optional<EmbeddedRow> embeddedRow(
      ExecutableElement method,
      String methodName,
      TypeElement type,
      Part part,
      PreparedQuery prepared,
      boolean[] taken,
      List<Problem> problems) {
    TableModel table = part.table();
    Map<String, List<Integer>> fromTable = new LinkedHashMap<>();
    for (int i = 0; i < prepared.columns().size(); i++) {
      String origin = prepared.originTables().get(i);
      String originColumn = prepared.originColumns().get(i);
      if (origin != null && originColumn != null && origin.equalsIgnoreCase(table.name())) {
        fromTable.computeIfAbsent(ResultMapper.key(originColumn), c -> new ArrayList<>()).add(i + 1);
      }
    }
    List<String> missing = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    List<ResultValue> values = new ArrayList<>();
    for (ColumnModel column : table.columns()) {
      List<Integer> indexes = fromTable.getOrDefault(ResultMapper.key(column.name()), List.of());
      indexes.forEach(index -> taken[index - 1] = true);
      if (indexes.isEmpty()) {
        missing.add(column.name());
      } else if (indexes.size() > 1) {
        repeated.add(column.name());
      } else {
        values.add(new ResultValue(column.name(), indexes.get(0), column.javaType(), column.kind(), table.name()));
      }
    }
    if (!repeated.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_EMBEDDED_TABLE_TWICE,
              methodName,
              type.getQualifiedName(),
              table.name(),
              "the result has its columns [" + String.join(", ", repeated) + "] more than once"));
    }
    if (!missing.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_EMBEDDED_MISSING_COLUMNS,
              methodName,
              type.getQualifiedName(),
              part.name(),
              table.name(),
              String.join(", ", missing)));
    }
    if (!missing.isEmpty() || !repeated.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EmbeddedRow(part.name(), table.rowType(), table.name(), values));
  }
}

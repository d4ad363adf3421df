package dev.gao.metrics.processor.query;

import com.squareup.javapoet.TypeName;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.ResultShape;
import dev.gao.metrics.processor.model.QueryModel;
import dev.gao.metrics.processor.model.ResultValue;
import dev.gao.metrics.processor.model.RowArgument;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.parsing.Annotations;
import dev.gao.metrics.processor.parsing.Names;
import dev.gao.metrics.processor.parsing.TypeClassifier;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Matches the result columns of a SELECT with the return type of its method. */
final class ResultMapper {
  private static final Map<String, ResultShape> WRAPPERS =
      Map.of(
          "java.util.List", ResultShape.LIST,
          "java.util.Optional", ResultShape.OPTIONAL,
          "java.util.stream.Stream", ResultShape.STREAM);
  private static final String SUPPORTED =
      "return a @MetricsTable record, a record whose components name result columns or embed @MetricsTable"
          + " records, a column type (String, a number, boolean, BigDecimal, an enum, a time type, UUID, byte[]), or"
          + " List, Optional or Stream of one";

  /**
   * How rows are read.
   *
   * @param shape the wrapper
   * @param rowType the type of one row
   * @param record whether rows are records built from {@code arguments}
   * @param arguments what a row is built from, in constructor order
   */
  record Mapping(ResultShape shape, TypeName rowType, boolean record, List<RowArgument> arguments) {
    /** Every value read from a row, those of embedded tables included. */
    List<ResultValue> values() {
      return QueryModel.values(arguments);
    }
  }

  private final SqlDialect dialect;
  private final SchemaModel schema;
  private final String source;
  private final EmbeddingMapper embedding;

  /** Maps onto the tables of {@code schema}; {@code source} names the interface in read errors. */
  ResultMapper(SqlDialect dialect, SchemaModel schema, String source) {
    this.dialect = dialect;
    this.schema = schema;
    this.source = source;
    this.embedding = new EmbeddingMapper(schema, this);
  }

  /** The mapping of {@code columns} to the return type of {@code method}, or empty after a problem. */
  Optional<Mapping> map(ExecutableElement method, PreparedQuery prepared, List<Problem> problems) {
    String methodName = describe(method);
    List<String> columns = prepared.columns();
    TypeMirror returnType = method.getReturnType();
    ResultShape shape = ResultShape.SINGLE;
    TypeMirror rowType = returnType;
    if (returnType instanceof DeclaredType declared) {
      String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
      ResultShape wrapper = WRAPPERS.get(name);
      if (wrapper != null) {
        TypeMirror argument = declared.getTypeArguments().isEmpty() ? null : declared.getTypeArguments().get(0);
        if (argument == null || argument.getKind() != TypeKind.DECLARED && argument.getKind() != TypeKind.ARRAY) {
          problems.add(
              Problem.on(
                  method, Message.QUERY_RETURN_TYPE, methodName, returnType, "name the element type, for example List<Run>"));
          return Optional.empty();
        }
        shape = wrapper;
        rowType = argument;
      }
    }
    Optional<TypeElement> embeddingRecord = embeddingRecord(rowType);
    if (embeddingRecord.isPresent()) {
      // Embedded tables may share column names (run_id); the embedding mapper checks the rest.
      return embedded(method, methodName, embeddingRecord.get(), shape, prepared, problems)
          .filter(mapping -> typesFit(method, methodName, mapping, prepared.declaredTypes(), problems));
    }
    Optional<String> duplicate = duplicate(columns);
    if (duplicate.isPresent()) {
      problems.add(Problem.on(method, Message.QUERY_DUPLICATE_COLUMN, methodName, duplicate.get()));
      return Optional.empty();
    }
    return row(method, methodName, shape, rowType, columns, problems)
        .filter(mapping -> typesFit(method, methodName, mapping, prepared.declaredTypes(), problems));
  }

  /** The record {@code rowType} when it is one that embeds a table (and is not a table itself). */
  private static Optional<TypeElement> embeddingRecord(TypeMirror rowType) {
    if (rowType instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement type
        && type.getKind() == ElementKind.RECORD
        && Annotations.find(type, Annotations.METRICS_TABLE).isEmpty()
        && EmbeddingMapper.embeds(type)) {
      return Optional.of(type);
    }
    return Optional.empty();
  }

  private Optional<Mapping> embedded(
      ExecutableElement method,
      String methodName,
      TypeElement type,
      ResultShape shape,
      PreparedQuery prepared,
      List<Problem> problems) {
    if (!typeParametersFree(method, methodName, type, problems)) {
      return Optional.empty();
    }
    return embedding
        .arguments(method, methodName, type, prepared, problems)
        .map(arguments -> new Mapping(shape, JavaTypes.name(type.asType()), true, arguments));
  }

  /** Whether every value taken straight from a table column is read as a type stored like it. */
  private boolean typesFit(
      ExecutableElement method, String methodName, Mapping mapping, List<String> declaredTypes, List<Problem> problems) {
    boolean fit = true;
    for (ResultValue value : mapping.values()) {
      String declared = declaredTypes.get(value.index() - 1);
      String expected = dialect.sqlType(value.kind());
      if (declared != null && !dialect.readableAs(declared, value.kind())) {
        fit = false;
        problems.add(
            Problem.on(
                method, Message.QUERY_COLUMN_TYPE, methodName, value.column(), declared, value.type(), expected));
      }
    }
    return fit;
  }

  private Optional<Mapping> row(
      ExecutableElement method,
      String methodName,
      ResultShape shape,
      TypeMirror rowType,
      List<String> columns,
      List<Problem> problems) {
    Optional<ValueKind> kind = TypeClassifier.classify(rowType);
    if (kind.isPresent()) {
      if (columns.size() != 1) {
        problems.add(
            Problem.on(
                method,
                Message.QUERY_SCALAR_COLUMNS,
                methodName,
                rowType,
                columns.size(),
                String.join(", ", columns)));
        return Optional.empty();
      }
      ResultValue value = new ResultValue(columns.get(0), 1, JavaTypes.name(rowType), kind.get(), source(method));
      return Optional.of(new Mapping(shape, JavaTypes.name(rowType), false, List.<RowArgument>of(value)));
    }
    if (rowType instanceof DeclaredType declared && declared.asElement() instanceof TypeElement type) {
      if (Annotations.find(type, Annotations.METRICS_TABLE).isPresent()) {
        return table(method, methodName, shape, type, columns, problems);
      }
      if (type.getKind() == ElementKind.RECORD) {
        return projection(method, methodName, shape, type, columns, problems);
      }
    }
    problems.add(Problem.on(method, Message.QUERY_RETURN_TYPE, methodName, method.getReturnType(), SUPPORTED));
    return Optional.empty();
  }

  private Optional<Mapping> table(
      ExecutableElement method,
      String methodName,
      ResultShape shape,
      TypeElement type,
      List<String> columns,
      List<Problem> problems) {
    String qualifiedName = type.getQualifiedName().toString();
    Optional<TableModel> found = schema.table(qualifiedName);
    if (found.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_RETURN_TYPE,
              methodName,
              method.getReturnType(),
              "table " + qualifiedName + " is not part of schema " + schema.name()));
      return Optional.empty();
    }
    TableModel table = found.get();
    Map<String, Integer> indexes = indexes(columns);
    List<String> missing = new ArrayList<>();
    List<RowArgument> values = new ArrayList<>();
    for (ColumnModel column : table.columns()) {
      Integer index = indexes.remove(key(column.name()));
      if (index == null) {
        missing.add(column.name());
      } else {
        values.add(new ResultValue(column.name(), index, column.javaType(), column.kind(), table.name()));
      }
    }
    if (!missing.isEmpty() || !indexes.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_TABLE_COLUMNS,
              methodName,
              qualifiedName,
              table.name(),
              String.join(", ", missing),
              String.join(", ", names(columns, indexes)),
              table.name()));
      return Optional.empty();
    }
    return Optional.of(new Mapping(shape, table.rowType(), true, values));
  }

  private Optional<Mapping> projection(
      ExecutableElement method,
      String methodName,
      ResultShape shape,
      TypeElement type,
      List<String> columns,
      List<Problem> problems) {
    if (!typeParametersFree(method, methodName, type, problems)) {
      return Optional.empty();
    }
    Map<String, Integer> indexes = indexes(columns);
    List<String> missing = new ArrayList<>();
    List<RowArgument> values = new ArrayList<>();
    boolean ok = true;
    for (RecordComponentElement component : type.getRecordComponents()) {
      String column = Names.snakeCase(component.getSimpleName().toString());
      Integer index = indexes.remove(key(column));
      ValueKind kind = componentKind(method, methodName, type, component, problems).orElse(null);
      ok &= kind != null;
      if (index == null) {
        missing.add(component.getSimpleName() + " (" + column + ")");
      } else if (kind != null) {
        values.add(new ResultValue(columns.get(index - 1), index, JavaTypes.name(component.asType()), kind, source(method)));
      }
    }
    if (!missing.isEmpty() || !indexes.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_PROJECTION_COLUMNS,
              methodName,
              type.getQualifiedName(),
              String.join(", ", missing),
              String.join(", ", names(columns, indexes))));
      return Optional.empty();
    }
    return ok ? Optional.of(new Mapping(shape, JavaTypes.name(type.asType()), true, values)) : Optional.empty();
  }

  /** Whether the record {@code type} has no type parameters, reporting it on {@code method} otherwise. */
  private static boolean typeParametersFree(
      ExecutableElement method, String methodName, TypeElement type, List<Problem> problems) {
    if (type.getTypeParameters().isEmpty()) {
      return true;
    }
    problems.add(
        Problem.on(
            method,
            Message.QUERY_RETURN_TYPE,
            methodName,
            method.getReturnType(),
            "record " + type.getQualifiedName() + " must not have type parameters"));
    return false;
  }

  /**
   * How the value of a record component that names one result column is stored, or empty after
   * reporting a type no column maps to.
   */
  Optional<ValueKind> componentKind(
      ExecutableElement method,
      String methodName,
      TypeElement type,
      RecordComponentElement component,
      List<Problem> problems) {
    Optional<ValueKind> kind =
        Annotations.find(component, Annotations.JSON).isPresent()
            ? Optional.of(ValueKind.JSON)
            : TypeClassifier.classify(component.asType());
    if (kind.isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_RETURN_TYPE,
              methodName,
              method.getReturnType(),
              "component " + component.getSimpleName() + " of " + type.getQualifiedName() + " has type "
                  + component.asType() + ", which no column maps to; annotate it with @Json to read JSON text"));
    }
    return kind;
  }

  /** The 1-based index of each result column by its case-insensitive name, in column order. */
  private static Map<String, Integer> indexes(List<String> columns) {
    Map<String, Integer> indexes = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      indexes.put(key(columns.get(i)), i + 1);
    }
    return indexes;
  }

  private static List<String> names(List<String> columns, Map<String, Integer> left) {
    return left.values().stream().map(i -> columns.get(i - 1)).toList();
  }

  private static Optional<String> duplicate(List<String> columns) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String column : columns) {
      if (seen.put(key(column), column) != null) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** The case-insensitive key of a result column name. */
  static String key(String column) {
    return column.toLowerCase(Locale.ROOT);
  }

  /** {@code Interface.method}, named when a computed value cannot be read. */
  String source(ExecutableElement method) {
    return source + "." + method.getSimpleName();
  }

  /** {@code Type.method()} for messages. */
  static String describe(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
  }
}

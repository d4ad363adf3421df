package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.CodeBlock;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;

/** The {@code SqlValues} calls that bind and read the values of each column. */
final class ValueCodec {
  private final TableModel table;
  private final MemberNames names;

  ValueCodec(TableModel table, MemberNames names) {
    this.table = table;
    this.names = names;
  }

  /**
   * Binds {@code value} to parameter {@code index} as {@code bindRow} does: an automatic key binds
   * so that 0 or null lets the database choose it.
   */
  CodeBlock bind(String statement, int index, String value, ColumnModel column) {
    if (column.json()) {
      return CodeBlock.of(
          "$T.setJson($L)",
          RuntimeTypes.SQL_VALUES,
          String.join(", ", statement, Integer.toString(index), value, names.jsonType(column), "json()", names.columnRef(column)));
    }
    String setter =
        table.autoIncrement() && column.inPrimaryKey()
            ? (column.primitive() ? "setGeneratedKey" : "setGeneratedKeyObject")
            : setter(column);
    return CodeBlock.of(
        "$T.$L",
        RuntimeTypes.SQL_VALUES,
        setter + "(" + String.join(", ", statement, Integer.toString(index), value, names.columnRef(column)) + ")");
  }

  /**
   * The value of the parameter named as {@code column}'s property as {@code SqlValues.setValue} binds
   * it: the parameter itself, or for a JSON column its JSON text.
   */
  CodeBlock value(ColumnModel column) {
    if (column.json()) {
      return CodeBlock.of(
          "$T.jsonText($L, $N, json(), $N)",
          RuntimeTypes.SQL_VALUES,
          column.property(),
          names.jsonType(column),
          names.columnRef(column));
    }
    return CodeBlock.of("$L", column.property());
  }

  /** Reads column {@code index} of the current row of {@code resultSet}. */
  CodeBlock read(String resultSet, int index, ColumnModel column) {
    String position = resultSet + ", " + index + ", ";
    if (column.json()) {
      return CodeBlock.of(
          "$T.getJson($L)",
          RuntimeTypes.SQL_VALUES,
          position + names.jsonType(column) + ", json(), " + names.columnRef(column));
    }
    if (column.kind() == ValueKind.ENUM) {
      return CodeBlock.of(
          "$T.getEnum($L$T.class, $L)", RuntimeTypes.SQL_VALUES, position, column.javaType(), names.columnRef(column));
    }
    return CodeBlock.of(
        "$T.$L", RuntimeTypes.SQL_VALUES, getter(column) + "(" + position + names.columnRef(column) + ")");
  }

  private static String setter(ColumnModel column) {
    return SqlValueCalls.setter(column.kind(), column.primitive());
  }

  private static String getter(ColumnModel column) {
    return SqlValueCalls.getter(column.kind(), column.primitive());
  }
}

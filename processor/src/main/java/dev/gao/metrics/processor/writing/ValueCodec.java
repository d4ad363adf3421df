package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.CodeBlock;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;

/**
 * The calls that bind and read the values of each column, on the {@code SqlValues} of the DAO's
 * database ({@code values()}), which stores them as the database's engine does.
 */
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
          "values().setJson($L)",
          String.join(", ", statement, Integer.toString(index), value, names.jsonType(column), names.columnRef(column)));
    }
    String setter =
        table.autoIncrement() && column.inPrimaryKey()
            ? (column.primitive() ? "setGeneratedKey" : "setGeneratedKeyObject")
            : setter(column);
    return CodeBlock.of(
        "values().$L",
        setter + "(" + String.join(", ", statement, Integer.toString(index), value, names.columnRef(column)) + ")");
  }

  /**
   * The value of the parameter named as {@code column}'s property as {@code SqlValues.setValue} binds
   * it: the parameter itself, or for a JSON column its {@code jsonValue}.
   */
  CodeBlock value(ColumnModel column) {
    if (column.json()) {
      return CodeBlock.of(
          "values().jsonValue($L, $N, $N)", column.property(), names.jsonType(column), names.columnRef(column));
    }
    return CodeBlock.of("$L", column.property());
  }

  /** Reads column {@code index} of the current row of {@code resultSet}. */
  CodeBlock read(String resultSet, int index, ColumnModel column) {
    String position = resultSet + ", " + index + ", ";
    if (column.json()) {
      return CodeBlock.of(
          "values().getJson($L)", position + names.jsonType(column) + ", " + names.columnRef(column));
    }
    if (column.kind() == ValueKind.ENUM) {
      return CodeBlock.of("values().getEnum($L$T.class, $L)", position, column.javaType(), names.columnRef(column));
    }
    return CodeBlock.of("values().$L", getter(column) + "(" + position + names.columnRef(column) + ")");
  }

  private static String setter(ColumnModel column) {
    return SqlValueCalls.setter(column.kind(), column.primitive());
  }

  private static String getter(ColumnModel column) {
    return SqlValueCalls.getter(column.kind(), column.primitive());
  }
}

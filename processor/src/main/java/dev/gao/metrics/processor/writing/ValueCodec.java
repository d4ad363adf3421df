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
   * Binds {@code value} to parameter {@code index}; {@code insert} binds an automatic key so that 0
   * or null lets the database choose it.
   */
  CodeBlock bind(String statement, int index, String value, ColumnModel column, boolean insert) {
    if (column.json()) {
      return CodeBlock.of(
          "$T.setJson($L, $L, $L, $N, json(), $N)",
          RuntimeTypes.SQL_VALUES,
          statement,
          index,
          value,
          names.jsonType(column),
          names.columnRef(column));
    }
    String setter =
        insert && table.autoIncrement() && column.inPrimaryKey()
            ? (column.primitive() ? "setGeneratedKey" : "setGeneratedKeyObject")
            : setter(column);
    return CodeBlock.of(
        "$T.$L($L, $L, $L, $N)", RuntimeTypes.SQL_VALUES, setter, statement, index, value, names.columnRef(column));
  }

  /** Reads column {@code index} of the current row of {@code resultSet}. */
  CodeBlock read(String resultSet, int index, ColumnModel column) {
    if (column.json()) {
      return CodeBlock.of(
          "$T.getJson($L, $L, $N, json(), $N)",
          RuntimeTypes.SQL_VALUES,
          resultSet,
          index,
          names.jsonType(column),
          names.columnRef(column));
    }
    if (column.kind() == ValueKind.ENUM) {
      return CodeBlock.of(
          "$T.getEnum($L, $L, $T.class, $N)",
          RuntimeTypes.SQL_VALUES,
          resultSet,
          index,
          column.javaType(),
          names.columnRef(column));
    }
    return CodeBlock.of(
        "$T.$L($L, $L, $N)", RuntimeTypes.SQL_VALUES, getter(column), resultSet, index, names.columnRef(column));
  }

  private static String setter(ColumnModel column) {
    return SqlValueCalls.setter(column.kind(), column.primitive());
  }

  private static String getter(ColumnModel column) {
    return SqlValueCalls.getter(column.kind(), column.primitive());
  }
}

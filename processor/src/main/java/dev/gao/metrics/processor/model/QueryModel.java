package dev.gao.metrics.processor.model;

import com.squareup.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * One checked query method.
 *
 * @param method the method name
 * @param signature the method as messages name it: interface, name and parameter types, for example
 *     {@code ShopQueries.latest(String, int)}
 * @param memberBase the base of the names of the generated members of this method, unique in the
 *     class (overloads get a numeric suffix)
 * @param sql the SQL as written
 * @param jdbcSql the SQL with every {@code :name} replaced by {@code ?}
 * @param parameters the method's parameters, in order
 * @param bindOrder the SQL parameter name bound to each {@code ?}, in order
 * @param returnType the declared return type
 * @param shape how rows are returned
 * @param rowType the type one row is read as; {@code null} for {@link ResultShape#AFFECTED_ROWS}
 * @param record whether a row is built with {@code rowType}'s constructor from {@code arguments};
 *     otherwise it is the single value in {@code arguments}
 * @param arguments what a row is built from, in constructor order: values read from one result
 *     column each, and rows of embedded tables
 * @param resultColumns the names of the result columns SQLite reports, in order; empty for
 *     {@link ResultShape#AFFECTED_ROWS}
 * @param postgres the statement to run on PostgreSQL instead, or {@code null} to run {@code sql}
 *     there too
 */
public record QueryModel(
    String method,
    String signature,
    String memberBase,
    String sql,
    String jdbcSql,
    List<QueryParameter> parameters,
    List<String> bindOrder,
    TypeName returnType,
    ResultShape shape,
    TypeName rowType,
    boolean record,
    List<RowArgument> arguments,
    List<String> resultColumns,
    QueryVariant postgres) {

  /** Copies the lists. */
  public QueryModel {
    parameters = List.copyOf(parameters);
    bindOrder = List.copyOf(bindOrder);
    arguments = List.copyOf(arguments);
    resultColumns = List.copyOf(resultColumns);
  }

  /** The SQL with {@code ?} placeholders PostgreSQL runs: the variant's, or the one of SQLite. */
  public String postgresJdbcSql() {
    return postgres == null ? jdbcSql : postgres.jdbcSql();
  }

  /** The SQL parameter name bound to each {@code ?} of {@link #postgresJdbcSql()}, in order. */
  public List<String> postgresBindOrder() {
    return postgres == null ? bindOrder : postgres.bindOrder();
  }

  /** Every value read from a row, those of embedded tables included, in constructor order. */
  public List<ResultValue> values() {
    return values(arguments);
  }

  /** The values of {@code arguments}, those of embedded tables included, in order. */
  public static List<ResultValue> values(List<RowArgument> arguments) {
    List<ResultValue> values = new ArrayList<>();
    for (RowArgument argument : arguments) {
      if (argument instanceof EmbeddedRow row) {
        values.addAll(row.values());
      } else {
        values.add((ResultValue) argument);
      }
    }
    return values;
  }

  /** The parameter the SQL calls {@code sqlName}. */
  public QueryParameter parameter(String sqlName) {
    return parameters.stream()
        .filter(p -> p.sqlName().equals(sqlName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter :" + sqlName + " in " + method));
  }
}

package dev.gao.metrics.processor.model;

import com.squareup.javapoet.TypeName;
import java.util.List;

/**
 * One checked query method.
 *
 * @param method the method name
 * @param memberBase the base of the names of the generated members of this method, unique in the
 *     class (overloads get a numeric suffix)
 * @param sql the SQL as written
 * @param jdbcSql the SQL with every {@code :name} replaced by {@code ?}
 * @param parameters the method's parameters, in order
 * @param bindOrder the SQL parameter name bound to each {@code ?}, in order
 * @param returnType the declared return type
 * @param shape how rows are returned
 * @param rowType the type one row is read as; {@code null} for {@link ResultShape#AFFECTED_ROWS}
 * @param record whether a row is built with {@code rowType}'s constructor from {@code values};
 *     otherwise it is the single value in {@code values}
 * @param values the values read from a row, in constructor order
 */
public record QueryModel(
    String method,
    String memberBase,
    String sql,
    String jdbcSql,
    List<QueryParameter> parameters,
    List<String> bindOrder,
    TypeName returnType,
    ResultShape shape,
    TypeName rowType,
    boolean record,
    List<ResultValue> values) {

  /** Copies the lists. */
  public QueryModel {
    parameters = List.copyOf(parameters);
    bindOrder = List.copyOf(bindOrder);
    values = List.copyOf(values);
  }

  /** The parameter the SQL calls {@code sqlName}. */
  public QueryParameter parameter(String sqlName) {
    return parameters.stream()
        .filter(p -> p.sqlName().equals(sqlName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter :" + sqlName + " in " + method));
  }
}

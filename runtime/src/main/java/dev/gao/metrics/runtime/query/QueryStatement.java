package dev.gao.metrics.runtime.query;

import java.util.List;
import java.util.Objects;

/**
 * One query of a generated {@code @MetricsQueries} implementation as a PostgreSQL database runs it,
 * with what its generated code expects of it: a database of that engine prepares every one when the
 * queries are bound to it (SQLite's statements were prepared while compiling).
 *
 * @param method the method, as reports name it (for example {@code GaoQueries.latestRuns(String,
 *     int)})
 * @param sql the statement, with {@code ?} placeholders
 * @param parameterCount how many values the generated code binds
 * @param result what the generated code reads from its result
 * @param columns the result column names the generated code reads, in order, for {@link Result#ROWS};
 *     empty otherwise
 */
public record QueryStatement(String method, String sql, int parameterCount, Result result, List<String> columns) {

  /** What the generated code reads from a statement's result. */
  public enum Result {
    /** Nothing: an INSERT, UPDATE or DELETE, whose number of affected rows is returned. */
    NONE,
    /** One column, whatever its name: a single value per row. */
    VALUE,
    /** Named columns, in order: a record per row. */
    ROWS
  }

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if {@code columns} does not fit {@code result}
   */
  public QueryStatement {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(result, "result");
    columns = List.copyOf(columns);
    if (columns.isEmpty() == (result == Result.ROWS)) {
      throw new IllegalArgumentException(method + ": column names go with ROWS, and ROWS needs them");
    }
  }

  /**
   * An INSERT, UPDATE or DELETE.
   *
   * @param method the method
   * @param sql the statement
   * @param parameterCount how many values are bound
   * @return the statement
   */
  public static QueryStatement changes(String method, String sql, int parameterCount) {
    return new QueryStatement(method, sql, parameterCount, Result.NONE, List.of());
  }

  /**
   * A query whose rows are single values, read from its one column.
   *
   * @param method the method
   * @param sql the statement
   * @param parameterCount how many values are bound
   * @return the statement
   */
  public static QueryStatement value(String method, String sql, int parameterCount) {
    return new QueryStatement(method, sql, parameterCount, Result.VALUE, List.of());
  }

  /**
   * A query whose rows are records, read from these columns in this order.
   *
   * @param method the method
   * @param sql the statement
   * @param parameterCount how many values are bound
   * @param columns the result column names, in order
   * @return the statement
   */
  public static QueryStatement rows(String method, String sql, int parameterCount, List<String> columns) {
    return new QueryStatement(method, sql, parameterCount, Result.ROWS, columns);
  }
}

package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.exception.MetricsException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs single statements on a {@link TransactionManager}: each joins the calling thread's unit of
 * work or runs on its own connection (writes in a write transaction, reads without one), uses the
 * connection's cached statement, and translates driver failures with one translator.
 */
public final class StatementRunner {
  private final TransactionManager transactions;
  private final Function<SQLException, MetricsException> errors;

  /**
   * A runner on {@code transactions}.
   *
   * @param transactions the database's transaction manager
   * @param errors translates a driver failure, naming what the statements belong to
   */
  public StatementRunner(TransactionManager transactions, Function<SQLException, MetricsException> errors) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /**
   * Executes an INSERT, UPDATE or DELETE in a write transaction.
   *
   * @param sql the statement
   * @param binder binds its parameters
   * @return the number of affected rows
   */
  public int update(String sql, StatementBinder binder) {
    return update(sql, binder, (scope, e) -> errors.apply(e));
  }

  /**
   * Executes an INSERT, UPDATE or DELETE in a write transaction, translating a failure with access
   * to the connection (for example, to find out which value broke a constraint).
   *
   * @param sql the statement
   * @param binder binds its parameters
   * @param failure turns the driver's exception into the one to throw
   * @return the number of affected rows
   */
  public int update(
      String sql,
      StatementBinder binder,
      BiFunction<ConnectionScope, SQLException, RuntimeException> failure) {
    return transactions.write(
        scope -> {
          try {
            StatementListener listener = transactions.listener();
            long start = listener == null ? 0 : System.nanoTime();
            PreparedStatement statement = scope.prepare(sql);
            binder.bind(statement);
            int count = statement.executeUpdate();
            if (listener != null) {
              listener.executed(sql, System.nanoTime() - start);
            }
            return count;
          } catch (SQLException e) {
            throw failure.apply(scope, e);
          }
        });
  }

  /**
   * Runs a query that returns at most one row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads the row; may return null
   * @param subject what the rows are, for the message when there are more ("row of table t")
   * @param <T> the row type
   * @return what {@code reader} read, or null when the query returns no row
   * @throws MetricsException if the query returns more than one row
   */
  public <T> T single(String sql, StatementBinder binder, RowReader<T> reader, String subject) {
    return read(
        sql,
        binder,
        rs -> {
          if (!rs.next()) {
            return null;
          }
          T row = reader.read(rs);
          if (rs.next()) {
            throw new MetricsException("Expected at most one " + subject + " from: " + sql);
          }
          return row;
        });
  }

  /**
   * Runs a query and reads every row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads one row
   * @param <T> the row type
   * @return the rows, in result order
   */
  public <T> List<T> list(String sql, StatementBinder binder, RowReader<T> reader) {
    return read(
        sql,
        binder,
        rs -> {
          List<T> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(reader.read(rs));
          }
          return rows;
        });
  }

  /**
   * Runs a query and returns the first column of its first row as a long, such as a count; a
   * boolean (PostgreSQL's {@code EXISTS}) reads as 1 or 0.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @return the value; 0 if the query returns no row or NULL
   */
  public long firstLong(String sql, StatementBinder binder) {
    return read(
        sql,
        binder,
        rs -> {
          if (!rs.next()) {
            return 0L;
          }
          if (rs.getObject(1) instanceof Boolean bool) {
            return bool ? 1L : 0L;
          }
          return rs.getLong(1);
        });
  }

  /**
   * Runs a query as a lazy stream that holds a connection until it is closed or read to its end.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads one row
   * @param <T> the row type
   * @return the rows; close the stream
   */
  public <T> Stream<T> stream(String sql, StatementBinder binder, RowReader<T> reader) {
    return transactions.stream(sql, binder, reader, errors::apply);
  }

  /** Prepares (or reuses) the statement, binds it, and hands its result set to {@code results}. */
  private <R> R read(String sql, StatementBinder binder, RowReader<R> results) {
    return transactions.query(
        scope -> {
          try {
            StatementListener listener = transactions.listener();
            long start = listener == null ? 0 : System.nanoTime();
            PreparedStatement statement = scope.prepare(sql);
            binder.bind(statement);
            R result;
            try (ResultSet rs = statement.executeQuery()) {
              result = results.read(rs);
            }
            if (listener != null) {
              listener.executed(sql, System.nanoTime() - start);
            }
            return result;
          } catch (SQLException e) {
            throw errors.apply(e);
          }
        });
  }
}

package dev.gao.metrics.runtime.query;

import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.exception.QueryPreparationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prepares the statements of a queries implementation on a PostgreSQL server without running them
 * (a database of that engine checks them when it binds them, SQLite's were checked while compiling),
 * and reports every one the server refuses, or whose result columns are not those its generated code
 * reads, in one {@link QueryPreparationException}.
 *
 * <p>pgjdbc sends a statement to the server only to run it, or to describe it: asking a prepared
 * statement for its result's metadata parses and plans it on the server (Parse, Describe) and runs
 * nothing, so a {@code DELETE} checked here deletes no row. A failure that is not the statement's
 * fault (the connection, a lock) is thrown as it is, not reported as the query's.
 */
final class QueryCheck {
  /**
   * SQLState classes of a statement the server cannot prepare: syntax and names (42), values in its
   * text (22), features this server lacks (0A).
   */
  private static final List<String> STATEMENT_FAULTS = List.of("42", "22", "0A");

  /**
   * {@code could not determine data type of parameter}: only the values the generated code binds
   * tell the type of a parameter like {@code :p IS NULL}, so the statement cannot be judged before
   * it runs.
   */
  private static final String INDETERMINATE_PARAMETER = "42P18";

  private final TransactionManager transactions;
  private final Dialect dialect;

  /**
   * A check on a database's connections.
   *
   * @param transactions the database's transactions; each statement is described on a connection of
   *     the calling thread's unit (in a savepoint of its own) or on a borrowed one
   * @param dialect words the server's refusals
   */
  QueryCheck(TransactionManager transactions, Dialect dialect) {
    this.transactions = transactions;
    this.dialect = dialect;
  }

  /**
   * Prepares every statement and throws if any fails.
   *
   * @param location the database, as messages name it
   * @param statements the statements, in the interface's order
   * @throws QueryPreparationException listing every statement that fails, with the server's reason
   */
  void check(String location, List<QueryStatement> statements) {
    List<QueryPreparationException.Failure> failures = new ArrayList<>();
    for (QueryStatement statement : statements) {
      problem(statement).ifPresent(reason -> failures.add(new QueryPreparationException.Failure(statement.method(), reason)));
    }
    if (!failures.isEmpty()) {
      throw new QueryPreparationException(location, statements.size(), failures);
    }
  }

  /** Why the server refuses a statement, or what differs in its result; empty when it is fine. */
  private Optional<String> problem(QueryStatement statement) {
    try {
      return transactions.query(scope -> describe(scope.connection(), statement));
    } catch (RuntimeException e) {
      Optional<SQLException> refusal = refusal(e);
      if (refusal.isEmpty()) {
        throw e;
      }
      String state = refusal.get().getSQLState();
      return INDETERMINATE_PARAMETER.equals(state) ? Optional.empty() : Optional.of(dialect.refusalReason(refusal.get()));
    }
  }

  private static Optional<String> describe(Connection connection, QueryStatement statement) throws SQLException {
    try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
      ResultSetMetaData result = prepared.getMetaData();
      int parameters = prepared.getParameterMetaData().getParameterCount();
      if (parameters != statement.parameterCount()) {
        return Optional.of(
            "has "
                + parameters
                + " parameters, but the generated code binds "
                + statement.parameterCount()
                + " (a ? in the SQL is a parameter too; write PostgreSQL's ? operators as ??)");
      }
      List<String> columns = new ArrayList<>();
      for (int i = 1; result != null && i <= result.getColumnCount(); i++) {
        columns.add(result.getColumnLabel(i));
      }
      return columnProblem(statement, columns);
    }
  }

  private static Optional<String> columnProblem(QueryStatement statement, List<String> columns) {
    switch (statement.result()) {
      case NONE:
        return columns.isEmpty()
            ? Optional.empty()
            : Optional.of("returns rows " + columns + ", but the method returns the number of affected rows");
      case VALUE:
        return columns.size() == 1
            ? Optional.empty()
            : Optional.of("returns " + columns.size() + " columns " + columns + ", but the method reads one value");
      default:
        List<String> expected = lowerCase(statement.columns());
        return lowerCase(columns).equals(expected)
            ? Optional.empty()
            : Optional.of(
                "returns the columns "
                    + columns
                    + ", but the generated code reads "
                    + statement.columns()
                    + " (the columns of the SQLite statement, by name and in this order)");
    }
  }

  private static List<String> lowerCase(List<String> names) {
    return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
  }

  /** The server's refusal of the statement itself inside {@code e}, if that is what {@code e} is. */
  private static Optional<SQLException> refusal(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && STATEMENT_FAULTS.stream().anyMatch(sql.getSQLState()::startsWith)) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }
}

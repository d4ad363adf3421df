package dev.gao.metrics.runtime.sql.postgres;

import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.CommitOutcomeUnknownException;
import dev.gao.metrics.runtime.exception.ConnectionLostException;
import dev.gao.metrics.runtime.exception.ConstraintViolationException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.NotNullViolationException;
import dev.gao.metrics.runtime.exception.StorageException;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.exception.TypeMismatchException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.exception.ValueText;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.ErrorContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Maps PostgreSQL's SQLStates to the runtime's exceptions. The server names the table, column and
 * constraint of a violation in fields of its error report, and the offending key in its detail
 * ({@code Key (run_id)=(r1) already exists.}); they are read from there, never guessed from the
 * message text.
 */
final class PostgresErrorTranslator {
  private static final Pattern KEY_COLUMNS = Pattern.compile("^Key \\((.+?)\\)=\\(");

  /** The value of a one-column key in the detail: {@code Key (run_id)=(r1) is not present ...}. */
  private static final Pattern KEY_VALUE = Pattern.compile("^Key \\([^)]*\\)=\\((.*)\\) is not present in table ");

  MetricsException translate(SQLException exception, ErrorContext context) {
    String state = sqlState(exception);
    ServerErrorMessage server = serverMessage(exception);
    String message = server != null && server.getMessage() != null ? server.getMessage() : exception.getMessage();
    String table = server != null && server.getTable() != null ? server.getTable() : tableName(context);
    switch (state) {
      case "23503":
        // The server names the referencing table, also when a referenced row was deleted or changed;
        // the exception names the table the statement wrote, as on SQLite.
        return foreignKey(exception, context, server, context.table() != null ? context.table().name() : table, message);
      case "23505":
        return unique(exception, context, server, table);
      case "23502":
        return notNull(exception, context, server, table);
      case "23514":
        return check(exception, context, server, table);
      case "25P02":
        return new TransactionException(
            "An earlier statement of this transaction failed"
                + onTable(table)
                + ", and PostgreSQL refuses every further statement of it: the transaction will be"
                + " rolled back. Catch a failure outside the transaction, or run the work that may"
                + " fail in a unit of its own (MetricsDatabase.inTransaction inside the"
                + " transaction), which is undone alone.",
            exception);
      case "40001":
      case "40P01":
      case "55P03":
        return new BusyException(
            "Database "
                + context.location()
                + " is busy: "
                + message
                + " (SQLState "
                + state
                + "); the transaction was rolled back and nothing of it was stored. Run it again.",
            exception);
      case "53100":
      case "53200":
      case "53300":
      case "54000":
        return new StorageException(
            "Database "
                + context.location()
                + " could not take the statement"
                + onTable(table)
                + ": "
                + message
                + " (SQLState "
                + state
                + "). Free disk space or resources on the server, then retry.",
            exception);
      default:
        if (connectionState(state)) {
          return connectionFailure(exception, context);
        }
        if (state.startsWith("22")) {
          return value(exception, context, table, message, state);
        }
        if (state.startsWith("23")) {
          return new ConstraintViolationException(
              "Constraint failed" + onTable(table) + ": " + message, table, null, null, exception);
        }
        return new MetricsException(
            "SQL failed"
                + onTable(table)
                + " in database "
                + context.location()
                + ": "
                + message
                + (state.isEmpty() ? "" : " (SQLState " + state + ")"),
            exception);
    }
  }

  /**
   * A failed COMMIT: a lost connection leaves unknown whether the server committed before it broke,
   * which the exception says; any other failure reads as it does for every statement.
   */
  MetricsException translateCommitFailure(SQLException exception, ErrorContext context) {
    SQLException lost = connectionFailureOf(exception);
    if (lost == null || connectState(lost.getSQLState())) {
      return translate(exception, context);
    }
    return new CommitOutcomeUnknownException(
        "Lost the connection to "
            + context.location()
            + " while committing: "
            + reason(lost)
            + ". Whether the transaction was stored is unknown: the server stored all of it or"
            + " none of it, never a part. It was not run again, since that could store it twice;"
            + " once the server is reachable, check whether its work is there before running it"
            + " again.",
        exception);
  }

  /**
   * The server could not be reached, or the connection to it broke. Its reason is that of the
   * innermost failure of the connection in the chain: a pool's timeout carries the failed attempt
   * to connect as its cause ({@code Connection to localhost:5432 refused}), a failed batch the
   * broken connection as its next exception.
   */
  private static ConnectionLostException connectionFailure(
      SQLException exception, ErrorContext context) {
    SQLException lost = connectionFailureOf(exception);
    if (connectState(lost.getSQLState())) {
      return new ConnectionLostException(
          "Cannot reach the server of "
              + context.location()
              + ": "
              + reason(lost)
              + ". Nothing was stored. Run the work again once the server accepts connections.",
          exception);
    }
    return new ConnectionLostException(
        "Lost the connection to "
            + context.location()
            + ": "
            + reason(lost)
            + ". The server rolled back the transaction that was open on it, so nothing of it was"
            + " stored. Run the work again once the server is reachable.",
        exception);
  }

  /** Class 08 (connection exception) and 57P (operator intervention: shutdown, crash, start-up). */
  private static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }

  /**
   * The states of a connection that was never made: the client could not establish it (08001), the
   * server refused it (08004), or the server is starting up or shutting down (57P03).
   */
  private static boolean connectState(String state) {
    return "08001".equals(state) || "08004".equals(state) || "57P03".equals(state);
  }

  /** The innermost exception of the chain in a connection state, or null if there is none. */
  private static SQLException connectionFailureOf(SQLException exception) {
    SQLException found = null;
    Throwable current = exception;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof SQLException sql && connectionState(sql.getSQLState())) {
        found = sql;
      }
      current = next(current);
    }
    return found;
  }

  /** The server's words for a connection failure if it sent any, else the driver's, and the state. */
  private static String reason(SQLException lost) {
    ServerErrorMessage server =
        lost instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String text =
        server != null && server.getMessage() != null
            ? server.getMessage()
            : String.valueOf(lost.getMessage());
    return text.strip() + " (SQLState " + lost.getSQLState() + ")";
  }

  private static ForeignKeyViolationException foreignKey(
      SQLException exception, ErrorContext context, ServerErrorMessage server, String table, String message) {
    List<String> columns = keyColumns(server);
    String column = columns.isEmpty() ? null : String.join(", ", columns);
    String detail = server != null && server.getDetail() != null ? server.getDetail() : message;
    Object value = null;
    if (columns.size() == 1 && context.knowsValues()) {
      value = context.valueOf(columns.get(0));
    } else if (columns.size() == 1) {
      // No bound values (a batch): the value as the server quotes it, to find the row by.
      Matcher quoted = KEY_VALUE.matcher(detail);
      value = quoted.find() ? quoted.group(1) : null;
    }
    return new ForeignKeyViolationException(
        "FOREIGN KEY constraint failed on "
            + qualified(table, columns)
            + ": "
            + (value != null ? "value " + ValueText.of(value) + ": " : "")
            + detail
            + " (a referenced row does not exist, or a row that others still refer to was deleted or"
            + " changed)",
        table,
        column,
        value,
        exception);
  }

  private static UniqueViolationException unique(
      SQLException exception, ErrorContext context, ServerErrorMessage server, String table) {
    List<String> columns = keyColumns(server);
    Object value = null;
    String valueText = columns.size() == 1 ? "the value already exists" : "the values already exist";
    if (context.knowsValues() && columns.size() == 1) {
      value = context.valueOf(columns.get(0));
      valueText = "value " + ValueText.of(value) + " already exists";
    } else if (context.knowsValues() && !columns.isEmpty()) {
      List<Object> values = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (String column : columns) {
        Object each = context.valueOf(column);
        values.add(each);
        texts.add(ValueText.of(each));
      }
      value = values;
      valueText = "values (" + String.join(", ", texts) + ") already exist";
    }
    return new UniqueViolationException(
        "UNIQUE constraint failed on " + qualified(table, columns) + ": " + valueText,
        table,
        columns.isEmpty() ? null : String.join(", ", columns),
        value,
        exception);
  }

  private static NotNullViolationException notNull(
      SQLException exception, ErrorContext context, ServerErrorMessage server, String table) {
    String column = server == null ? null : server.getColumn();
    return new NotNullViolationException(
        "NOT NULL constraint failed on "
            + qualified(table, column == null ? List.of() : List.of(column))
            + ": the column is NOT NULL and has no default, so it needs a value",
        table,
        column,
        null,
        exception);
  }

  private static CheckViolationException check(
      SQLException exception, ErrorContext context, ServerErrorMessage server, String table) {
    String constraint = server == null ? null : server.getConstraint();
    TableInfo info = context.table();
    String column = info == null || constraint == null ? null : constrainedColumn(info, constraint);
    Object value = column == null ? null : context.valueOf(column);
    return new CheckViolationException(
        "CHECK constraint failed on "
            + (table == null ? "" : table + ".")
            + (column == null ? "?" : column)
            + " ("
            + (constraint == null ? "unnamed constraint" : constraint)
            + ")"
            + (value != null ? ": value " + ValueText.of(value) : "")
            + context.outsideRange(column),
        table,
        column,
        value,
        exception);
  }

  /** A value the server could not take: malformed text for its type, out of range, too long. */
  private static TypeMismatchException value(
      SQLException exception, ErrorContext context, String table, String message, String state) {
    return new TypeMismatchException(
        "Value refused"
            + onTable(table)
            + " in database "
            + context.location()
            + ": "
            + message
            + " (SQLState "
            + state
            + ")",
        table,
        null,
        null,
        exception);
  }

  /**
   * The column a named CHECK constraint of the schema guards: the constraints the processor writes
   * are named {@code ck_<table>_<column>}, optionally followed by a suffix of their kind.
   */
  static String constrainedColumn(TableInfo table, String constraint) {
    String best = null;
    for (ColumnInfo column : table.columns()) {
      String name = table.rangeConstraintName(column.name());
      if ((constraint.equals(name) || constraint.startsWith(name + "_"))
          && (best == null || column.name().length() > best.length())) {
        best = column.name();
      }
    }
    return best;
  }

  /** The columns of {@code Key (a, b)=(...)} in the server's detail, unquoted. */
  private static List<String> keyColumns(ServerErrorMessage server) {
    List<String> columns = new ArrayList<>();
    String detail = server == null ? null : server.getDetail();
    if (detail == null) {
      return columns;
    }
    Matcher matcher = KEY_COLUMNS.matcher(detail);
    if (matcher.find()) {
      for (String column : matcher.group(1).split(", ")) {
        String name = column.strip();
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        columns.add(name);
      }
    }
    return columns;
  }

  private static String qualified(String table, List<String> columns) {
    String prefix = table == null ? "" : table + ".";
    if (columns.isEmpty()) {
      return prefix + "?";
    }
    if (columns.size() == 1) {
      return prefix + columns.get(0);
    }
    return prefix + "(" + String.join(", ", columns) + ")";
  }

  private static String tableName(ErrorContext context) {
    return context.table() == null ? null : context.table().name();
  }

  private static String onTable(String table) {
    return table == null ? "" : " on table " + table;
  }

  /** The SQLState of the first exception in the chain that has one, else empty. */
  private static String sqlState(SQLException exception) {
    Throwable current = exception;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      current = next(current);
    }
    return "";
  }

  /** The constraint of a failed CHECK (SQLState 23514), as the server names it. */
  static java.util.Optional<String> failedCheckConstraint(SQLException exception) {
    ServerErrorMessage server = serverMessage(exception);
    if (!"23514".equals(sqlState(exception)) || server == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(server.getConstraint());
  }

  private static ServerErrorMessage serverMessage(SQLException exception) {
    Throwable current = exception;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        return psql.getServerErrorMessage();
      }
      current = next(current);
    }
    return null;
  }

  private static Throwable next(Throwable current) {
    Throwable next = current.getCause();
    if (next == null && current instanceof SQLException sql) {
      next = sql.getNextException();
    }
    return next;
  }
}

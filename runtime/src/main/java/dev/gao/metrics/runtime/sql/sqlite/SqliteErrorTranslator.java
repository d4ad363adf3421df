package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.ConstraintViolationException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.LockedException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.NotNullViolationException;
import dev.gao.metrics.runtime.exception.StorageException;
import dev.gao.metrics.runtime.exception.TypeMismatchException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.exception.ValueText;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.ErrorContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Maps SQLite's extended result codes to the runtime's exceptions. SQLite names table and column as
 * {@code t.c} in its constraint messages (except for foreign keys, where it names nothing); they
 * are parsed from there.
 */
final class SqliteErrorTranslator {
  /** sqlite-jdbc wraps SQLite's own message: {@code [CODE] description (sqlite message)}. */
  private static final Pattern DRIVER_MESSAGE =
      Pattern.compile("^\\[[A-Z_]+\\][^(]*\\((.*)\\)\\s*$", Pattern.DOTALL);

  private static final Pattern CONSTRAINT_COLUMNS =
      Pattern.compile("constraint failed: (.+)$", Pattern.DOTALL);
  private static final Pattern DATATYPE =
      Pattern.compile("cannot store (\\w+) value in (\\w+) column (.+)$", Pattern.DOTALL);
  private static final Pattern QUOTED_IDENTIFIER = Pattern.compile("\"((?:[^\"]|\"\")+)\"");

  MetricsException translate(SQLException exception, ErrorContext context) {
    SQLiteErrorCode code = resultCode(exception);
    String sqliteMessage = sqliteMessage(exception);
    if (code == null) {
      return generic(exception, context, sqliteMessage);
    }
    switch (code) {
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return foreignKey(exception, context);
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return unique(exception, context, sqliteMessage);
      case SQLITE_CONSTRAINT_NOTNULL:
        return notNull(exception, context, sqliteMessage);
      case SQLITE_CONSTRAINT_CHECK:
        return check(exception, context, sqliteMessage);
      case SQLITE_CONSTRAINT_DATATYPE:
        return datatype(exception, context, sqliteMessage);
      case SQLITE_BUSY:
      case SQLITE_BUSY_RECOVERY:
      case SQLITE_BUSY_SNAPSHOT:
      case SQLITE_BUSY_TIMEOUT:
        return new BusyException(
            "Database "
                + context.location()
                + " is busy: another connection held its lock longer than the busy timeout ("
                + sqliteMessage
                + "). Retry once the other program is done, or let connections wait longer"
                + " (MetricsDatabase.Builder.busyTimeout).",
            exception);
      case SQLITE_CORRUPT:
      case SQLITE_CORRUPT_INDEX:
      case SQLITE_CORRUPT_SEQUENCE:
      case SQLITE_CORRUPT_VTAB:
      case SQLITE_NOTADB:
        // SQLite reads pages on demand, so damage outside the schema shows on the first read.
        return new MetricsException(
            "Database "
                + context.location()
                + " is damaged: SQLite reports "
                + sqliteMessage
                + (context.table() == null ? "" : " while reading table " + context.table().name())
                + ". Nothing was changed by this statement. Stop writing to the file and restore it"
                + " from a backup (copies taken before migrations lie next to it, ending in"
                + " .backup), or salvage its rows with the sqlite3 shell's .recover command."
                + SideFiles.RESTORE_ADVICE,
            exception);
      case SQLITE_LOCKED:
      case SQLITE_LOCKED_SHAREDCACHE:
      case SQLITE_LOCKED_VTAB:
        return new LockedException(
            "A table of database "
                + context.location()
                + " is locked by another statement of the same connection ("
                + sqliteMessage
                + "). Close open result sets and streams before writing.",
            exception);
      case SQLITE_FULL:
        return new StorageException(
            "Database "
                + context.location()
                + " is full"
                + whileWriting(context)
                + ": the disk has no free space or the file reached a size limit (ulimit"
                + " -f, PRAGMA max_page_count) ("
                + sqliteMessage
                + "). Free disk space or raise the limit, then retry.",
            exception);
      // A write past a file-size limit fails with EFBIG, which SQLite reports as a write error
      // rather than SQLITE_FULL; a full disk can surface the same way when growing a file.
      case SQLITE_IOERR_WRITE:
      case SQLITE_IOERR_TRUNCATE:
      case SQLITE_IOERR_SHMSIZE:
      case SQLITE_IOERR_FSYNC:
        return new StorageException(
            "Database "
                + context.location()
                + " could not be written"
                + whileWriting(context)
                + " ("
                + code.name()
                + ": "
                + sqliteMessage
                + "): the disk may be full, the file may have reached a size limit (ulimit -f), or"
                + " the storage failed. Free disk space or raise the limit, then retry.",
            exception);
      default:
        if (code.name().startsWith("SQLITE_IOERR")) {
          return new StorageException(
              "I/O error on database "
                  + context.location()
                  + " ("
                  + code.name()
                  + ": "
                  + sqliteMessage
                  + "): the storage failed or the file was changed outside SQLite.",
              exception);
        }
        if (code.name().startsWith("SQLITE_CONSTRAINT")) {
          return new ConstraintViolationException(
              "Constraint failed" + onTable(context) + ": " + sqliteMessage,
              tableName(context),
              null,
              null,
              exception);
        }
        return generic(exception, context, sqliteMessage);
    }
  }

  private static MetricsException generic(
      SQLException exception, ErrorContext context, String sqliteMessage) {
    return new MetricsException(
        "SQL failed"
            + onTable(context)
            + " in database "
            + context.location()
            + ": "
            + sqliteMessage,
        exception);
  }

  private static ForeignKeyViolationException foreignKey(
      SQLException exception, ErrorContext context) {
    TableInfo table = context.table();
    if (table == null) {
      return new ForeignKeyViolationException(
          "FOREIGN KEY constraint failed in database "
              + context.location()
              + ": a referenced row does not exist, or a row that others still refer to was"
              + " deleted or changed",
          null,
          null,
          null,
          exception);
    }
    List<String> keys = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (ForeignKeyInfo foreignKey : table.foreignKeys()) {
      keys.add(
          foreignKey.column()
              + " -> "
              + foreignKey.referencedTable()
              + "."
              + foreignKey.referencedColumn());
      columns.add(foreignKey.column());
    }
    String described = keys.isEmpty() ? "" : " (foreign keys: " + String.join(", ", keys) + ")";
    return new ForeignKeyViolationException(
        "FOREIGN KEY constraint failed on table "
            + table.name()
            + described
            + ": a referenced row does not exist, or a row that others still refer to was"
            + " deleted or changed",
        table.name(),
        columns.isEmpty() ? null : String.join(", ", columns),
        null,
        exception);
  }

  private static UniqueViolationException unique(
      SQLException exception, ErrorContext context, String sqliteMessage) {
    TableColumns named = tableColumns(sqliteMessage, context);
    Object value = null;
    String valueText =
        named.singleColumn() ? "the value already exists" : "the values already exist";
    if (context.knowsValues() && named.singleColumn()) {
      value = context.valueOf(named.column());
      valueText = "value " + ValueText.of(value) + " already exists";
    } else if (context.knowsValues() && !named.columns().isEmpty()) {
      List<Object> values = new ArrayList<>();
      for (String column : named.columns()) {
        values.add(context.valueOf(column));
      }
      value = values;
      List<String> texts = new ArrayList<>();
      values.forEach(each -> texts.add(ValueText.of(each)));
      valueText = "values (" + String.join(", ", texts) + ") already exist";
    }
    return new UniqueViolationException(
        "UNIQUE constraint failed on " + named.qualified() + ": " + valueText,
        named.table(),
        named.column(),
        value,
        exception);
  }

  private static NotNullViolationException notNull(
      SQLException exception, ErrorContext context, String sqliteMessage) {
    TableColumns named = tableColumns(sqliteMessage, context);
    return new NotNullViolationException(
        "NOT NULL constraint failed on "
            + named.qualified()
            + ": the column is NOT NULL and has no default, so it needs a value",
        named.table(),
        named.column(),
        null,
        exception);
  }

  private static CheckViolationException check(
      SQLException exception, ErrorContext context, String sqliteMessage) {
    Matcher matcher = CONSTRAINT_COLUMNS.matcher(sqliteMessage);
    String expression = matcher.find() ? matcher.group(1).strip() : sqliteMessage;
    String column = null;
    Matcher quoted = QUOTED_IDENTIFIER.matcher(expression);
    if (quoted.find()) {
      column = quoted.group(1).replace("\"\"", "\"");
    } else if (context.table() != null && hasColumn(context.table(), expression)) {
      column = expression;
    } else if (context.table() != null) {
      column = rangeColumn(context.table(), expression);
    }
    String table = tableName(context);
    Object value = column == null ? null : context.valueOf(column);
    String where = (table == null ? "" : table + ".") + (column == null ? "?" : column);
    return new CheckViolationException(
        "CHECK constraint failed on "
            + where
            + " ("
            + expression
            + ")"
            + (value != null ? ": value " + ValueText.of(value) : "")
            + context.outsideRange(column),
        table,
        column,
        value,
        exception);
  }

  private static TypeMismatchException datatype(
      SQLException exception, ErrorContext context, String sqliteMessage) {
    Matcher matcher = DATATYPE.matcher(sqliteMessage);
    String table = tableName(context);
    String column = null;
    String detail = sqliteMessage;
    if (matcher.find()) {
      String qualified = matcher.group(3).strip();
      int dot = qualified.indexOf('.');
      table = dot > 0 ? qualified.substring(0, dot) : table;
      column = dot > 0 ? qualified.substring(dot + 1) : qualified;
      detail = "cannot store " + matcher.group(1) + " value in " + matcher.group(2) + " column";
    }
    Object value = column == null ? null : context.valueOf(column);
    return new TypeMismatchException(
        "Type mismatch on STRICT table column "
            + (table == null ? "" : table + ".")
            + (column == null ? "?" : column)
            + ": "
            + detail
            + (value != null ? " (value " + ValueText.of(value) + ")" : ""),
        table,
        column,
        value,
        exception);
  }

  /** Table and columns named in {@code ...constraint failed: t.a, t.b}. */
  private static TableColumns tableColumns(String sqliteMessage, ErrorContext context) {
    Matcher matcher = CONSTRAINT_COLUMNS.matcher(sqliteMessage);
    String table = tableName(context);
    List<String> columns = new ArrayList<>();
    if (matcher.find()) {
      for (String qualified : matcher.group(1).split(",")) {
        String name = qualified.strip();
        int dot = name.indexOf('.');
        if (dot > 0) {
          table = name.substring(0, dot);
          name = name.substring(dot + 1);
        }
        columns.add(name);
      }
    }
    return new TableColumns(table, columns);
  }

  private record TableColumns(String table, List<String> columns) {
    boolean singleColumn() {
      return columns.size() == 1;
    }

    String column() {
      return columns.isEmpty() ? null : String.join(", ", columns);
    }

    String qualified() {
      String prefix = table == null ? "" : table + ".";
      if (columns.isEmpty()) {
        return prefix + "?";
      }
      if (columns.size() == 1) {
        return prefix + columns.get(0);
      }
      return prefix + "(" + String.join(", ", columns) + ")";
    }
  }

  /**
   * The column whose check {@code ck_<table>_<column>} (its range, or the names of its enum) is named
   * {@code constraint}, or null.
   */
  private static String rangeColumn(TableInfo table, String constraint) {
    for (ColumnInfo column : table.columns()) {
      if (table.rangeConstraintName(column.name()).equals(constraint)) {
        return column.name();
      }
    }
    return null;
  }

  private static boolean hasColumn(TableInfo table, String name) {
    return table.columns().stream().anyMatch(column -> column.name().equals(name));
  }

  private static String tableName(ErrorContext context) {
    return context.table() == null ? null : context.table().name();
  }

  private static String whileWriting(ErrorContext context) {
    return context.table() == null ? "" : " while writing table " + context.table().name();
  }

  private static String onTable(ErrorContext context) {
    return context.table() == null ? "" : " on table " + context.table().name();
  }

  /** The result code of the first SQLite exception in the chain. */
  private static SQLiteErrorCode resultCode(SQLException exception) {
    SQLiteException sqlite = sqliteException(exception);
    return sqlite == null ? null : sqlite.getResultCode();
  }

  private static SQLiteException sqliteException(SQLException exception) {
    Throwable current = exception;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof SQLiteException sqlite) {
        return sqlite;
      }
      Throwable next = current.getCause();
      if (next == null && current instanceof SQLException sql) {
        next = sql.getNextException();
      }
      current = next;
    }
    return null;
  }

  /** SQLite's own message without the driver's prefix. */
  private static String sqliteMessage(SQLException exception) {
    SQLiteException sqlite = sqliteException(exception);
    String message = String.valueOf((sqlite != null ? sqlite : exception).getMessage());
    Matcher matcher = DRIVER_MESSAGE.matcher(message);
    return matcher.matches() ? matcher.group(1) : message;
  }
}

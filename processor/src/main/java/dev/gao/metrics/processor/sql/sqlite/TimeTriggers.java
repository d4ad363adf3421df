package dev.gao.metrics.processor.sql.sqlite;

import dev.gao.metrics.processor.sql.TriggerSql;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQLite triggers that keep every instant column in the canonical text form {@code
 * YYYY-MM-DDTHH:MM:SS.fffffffffZ}, whoever writes the row.
 *
 * <p>The generated DAOs always write that form, but other programs write the same file: GAO-Dev's
 * Python store binds {@code datetime.isoformat()} text such as {@code 2025-01-15T12:00:00.123456+02:00},
 * the {@code sqlite3} shell whatever a person types. Instants are compared and sorted as text, so
 * one value in another form sorts and filters wrongly, silently. Refusing such values would break
 * those programs on the files they have always written; the triggers convert them instead, to the
 * instant they name: an offset or {@code Z} is applied, text without one means UTC (as SQLite's own
 * date functions and this project's adoption of older files read it), a space may stand for the
 * {@code T}, and the fraction keeps up to nine digits. Text that SQLite cannot read as a time of
 * that shape, or a day that does not exist, aborts the statement with a message naming table and
 * column. Canonical values, the only ones the DAOs write, do not fire the triggers' bodies.
 *
 * <p>Each table with such columns gets one trigger after {@code INSERT} and one after {@code UPDATE
 * OF} those columns. The update made by the insert trigger writes canonical text, so the update
 * trigger's condition is false for it.
 */
final class TimeTriggers {
  /** The canonical form, as a GLOB pattern. */
  static final String CANONICAL_GLOB =
      "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
          + ".[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z";

  private static final String DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*";
  private static final String DIGITS = "'0123456789'";

  private final SqliteDialect dialect;

  TimeTriggers(SqliteDialect dialect) {
    this.dialect = dialect;
  }

  /** The name of the trigger that normalizes inserted rows of {@code table}. */
  static String insertTriggerName(String table) {
    return "tr_" + table + "_time_insert";
  }

  /** The name of the trigger that normalizes updated rows of {@code table}. */
  static String updateTriggerName(String table) {
    return "tr_" + table + "_time_update";
  }

  /** The triggers of {@code table}: none when no column is normalized. */
  List<TriggerSql> of(TableShape table) {
    List<ColumnShape> columns = table.columns().stream().filter(ColumnShape::normalizedTime).toList();
    if (columns.isEmpty()) {
      return List.of();
    }
    String quotedTable = dialect.quote(table.name());
    String insertName = insertTriggerName(table.name());
    String updateName = updateTriggerName(table.name());
    String body = body(table, columns);
    String when = columns.stream()
        .map(c -> "NEW." + dialect.quote(c.name()) + " NOT GLOB '" + CANONICAL_GLOB + "'")
        .collect(Collectors.joining("\n  OR "));
    String updatedColumns = columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
    List<TriggerSql> triggers = new ArrayList<>();
    triggers.add(
        new TriggerSql(
            insertName,
            "CREATE TRIGGER " + dialect.quote(insertName) + " AFTER INSERT ON " + quotedTable
                + "\nWHEN " + when + "\nBEGIN\n" + body + "END"));
    triggers.add(
        new TriggerSql(
            updateName,
            "CREATE TRIGGER " + dialect.quote(updateName) + " AFTER UPDATE OF " + updatedColumns + " ON " + quotedTable
                + "\nWHEN " + when + "\nBEGIN\n" + body + "END"));
    return triggers;
  }

  private String body(TableShape table, List<ColumnShape> columns) {
    StringBuilder sql = new StringBuilder();
    for (ColumnShape column : columns) {
      String value = "NEW." + dialect.quote(column.name());
      sql.append("  SELECT RAISE(ABORT, '")
          .append(message(table, column))
          .append("')\n    WHERE ")
          .append(unreadable(value))
          .append(";\n");
    }
    sql.append("  UPDATE ").append(dialect.quote(table.name())).append(" SET ");
    sql.append(
        columns.stream()
            .map(c -> dialect.quote(c.name()) + " = " + canonical("NEW." + dialect.quote(c.name())))
            .collect(Collectors.joining(",\n    ")));
    sql.append("\n    WHERE rowid = NEW.rowid;\n");
    return sql.toString();
  }

  private static String message(TableShape table, ColumnShape column) {
    String text = table.name() + "." + column.name()
        + ": not an ISO-8601 time; write it as UTC, for example 2025-01-15T10:00:00Z, or with an offset";
    return text.replace("'", "''");
  }

  /**
   * Whether {@code value}, a non-canonical text, cannot be converted: it does not start with a
   * date, names a day that does not exist (SQLite echoes {@code 02-30} back as given, and rolls it
   * over into March only when a modifier makes it compute the date), or the rest is not a time
   * SQLite reads.
   */
  private static String unreadable(String value) {
    return value + " IS NOT NULL AND (" + value + " NOT GLOB '" + DATE_GLOB + "'"
        + " OR date(substr(" + value + ", 1, 10), '+0 days') IS NOT substr(" + value + ", 1, 10)"
        + " OR strftime('%s', " + withoutFraction(value) + ") IS NULL)";
  }

  /**
   * The canonical text of {@code value}: date and whole seconds in UTC from SQLite's {@code
   * strftime}, on the text without its fraction (so that rounding cannot carry into the seconds),
   * then the fraction's own digits, cut or padded to nine. The no-op modifier makes SQLite compute
   * the time instead of echoing the fields it parsed, so {@code 24:00:00} becomes the next day.
   */
  private static String canonical(String value) {
    return "strftime('%Y-%m-%dT%H:%M:%S', " + withoutFraction(value) + ", '+0 seconds') || '.' || substr(" + fraction(value)
        + " || '000000000', 1, 9) || 'Z'";
  }

  /**
   * The text with the fraction after the seconds removed, keeping what follows it (the offset):
   * the first 19 characters are date and time to the second, and what follows them loses its
   * leading dot and digits. Shorter forms (a date, minutes without seconds) pass unchanged.
   */
  private static String withoutFraction(String value) {
    return "substr(" + value + ", 1, 19) || ltrim(substr(" + value + ", 20), '.0123456789')";
  }

  /** The digits of the fraction after the seconds, or the empty text. */
  private static String fraction(String value) {
    String rest = "substr(" + value + ", 21)";
    return "CASE WHEN substr(" + value + ", 20, 1) = '.' THEN substr(" + rest + ", 1, length(" + rest
        + ") - length(ltrim(" + rest + ", " + DIGITS + "))) ELSE '' END";
  }
}

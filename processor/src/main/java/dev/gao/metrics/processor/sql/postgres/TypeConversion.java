package dev.gao.metrics.processor.sql.postgres;

import java.util.Set;

/**
 * How {@code ALTER COLUMN ... TYPE ... USING} converts a column's stored values to another type:
 * every value the new type can hold exactly is kept, and a step that would change or drop one fails
 * instead (it is one transaction, so nothing is left half done). Casts that fail by themselves on a
 * value they cannot convert (text that is no number, a number out of range) are used as they are;
 * where PostgreSQL would round or cut silently, {@link #lossCondition} finds the values first.
 *
 * <p>Time values turn into the text the DAOs write on SQLite ({@code 2026-01-15T10:00:00.123456000Z},
 * in UTC), and a flag into {@code 1} or {@code 0}, SQLite's spelling; text turns into time as
 * PostgreSQL reads it (without an offset, in the session's time zone, which the runtime sets to
 * UTC). Conversions between unrelated types go through that text.
 *
 * @param using the expression of the {@code USING} clause
 * @param lossCondition a condition over a row that is true when its value would not survive the
 *     conversion exactly, or {@code null} when every value survives or fails the cast itself
 */
record TypeConversion(String using, String lossCondition) {
  private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");
  private static final Set<String> FLOATS = Set.of("real", "double precision");
  private static final String NUMERIC = "numeric";
  private static final String BOOLEAN = "boolean";
  private static final String TEXT = "text";
  private static final String INSTANT = "timestamp with time zone";
  private static final String LOCAL = "timestamp without time zone";
  private static final String DATE = "date";
  private static final String BYTEA = "bytea";

  /** A fraction of a second finer than the microseconds PostgreSQL's time types keep. */
  private static final String BELOW_MICROSECONDS = " ~ '\\.[0-9]{6}[0-9]*[1-9]'";

  /** A numeric offset after a time of day, which {@code timestamp without time zone} ignores. */
  private static final String OFFSET_AFTER_TIME = " ~ '[0-9]:[0-9]{2}(:[0-9]{2}(\\.[0-9]*)?)? *[+-][0-9]'";

  /**
   * The conversion of column {@code column} (quoted) from PostgreSQL type {@code from} to {@code to},
   * two different types as {@link PostgresDialect#sqlType} writes them.
   */
  static TypeConversion of(String from, String to, String column) {
    if (isNumber(from) && isNumber(to)) {
      return numberToNumber(from, to, column);
    }
    if (from.equals(BOOLEAN) && isNumber(to)) {
      return exact(column + "::integer" + (to.equals("integer") ? "" : "::" + to));
    }
    if (isNumber(from) && to.equals(BOOLEAN)) {
      return new TypeConversion(column + " <> 0", column + " NOT IN (0, 1)");
    }
    if (isTime(from) && isTime(to)) {
      return timeToTime(from, to, column);
    }
    if (to.equals(TEXT)) {
      return exact(text(from, column));
    }
    return fromText(to, text(from, column));
  }

  private static TypeConversion exact(String using) {
    return new TypeConversion(using, null);
  }

  private static boolean isNumber(String type) {
    return INTEGERS.contains(type) || FLOATS.contains(type) || type.equals(NUMERIC);
  }

  private static boolean isTime(String type) {
    return type.equals(INSTANT) || type.equals(LOCAL) || type.equals(DATE);
  }

  /**
   * Integers widen and narrow by casts that fail out of range. Floating-point and decimal values
   * become integers only when they have no fraction (PostgreSQL would round them); integers become
   * floating-point numbers only when the float holds them exactly, checked by converting back;
   * {@code double precision} becomes {@code real} only when nothing is rounded away; decimals become
   * floating-point numbers only when the float's shortest text is the same decimal; floats become
   * decimals through that shortest text, which reads back as the same float.
   */
  private static TypeConversion numberToNumber(String from, String to, String column) {
    String cast = column + "::" + to;
    if (INTEGERS.contains(to)) {
      return new TypeConversion(cast, INTEGERS.contains(from) ? null : column + " <> trunc(" + column + ")");
    }
    if (to.equals(NUMERIC)) {
      return exact(FLOATS.contains(from) ? column + "::text::numeric" : cast);
    }
    if (INTEGERS.contains(from)) {
      boolean exactInFloat = from.equals("smallint") || from.equals("integer") && to.equals("double precision");
      return new TypeConversion(cast, exactInFloat ? null : cast + "::bigint <> " + column);
    }
    if (from.equals(NUMERIC)) {
      return new TypeConversion(cast, cast + "::text::numeric <> " + column);
    }
    return new TypeConversion(cast, to.equals("real") ? cast + "::double precision <> " + column : null);
  }

  /**
   * An instant and a local date-time convert through UTC, as SQLite stores both; a point in time
   * becomes a day only at midnight UTC (the time of day would be lost), and a day becomes its
   * midnight.
   */
  private static TypeConversion timeToTime(String from, String to, String column) {
    if (to.equals(DATE)) {
      String wallTime = from.equals(INSTANT) ? "(" + column + " AT TIME ZONE 'UTC')" : column;
      return new TypeConversion(wallTime + "::date", wallTime + "::time <> '00:00'");
    }
    if (from.equals(DATE)) {
      return exact(to.equals(INSTANT) ? column + "::timestamp AT TIME ZONE 'UTC'" : column + "::timestamp");
    }
    return exact(column + " AT TIME ZONE 'UTC'");
  }

  /** The text of values of {@code type}: the form the DAOs write on SQLite where they differ. */
  private static String text(String type, String column) {
    return switch (type) {
      case BOOLEAN -> column + "::integer::text";
      case INSTANT -> "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"000Z\"')";
      case LOCAL -> "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"000\"')";
      case DATE -> "to_char(" + column + ", 'YYYY-MM-DD')";
      case BYTEA -> "convert_from(" + column + ", 'UTF8')";
      case TEXT -> column;
      default -> column + "::text";
    };
  }

  /**
   * Values of {@code type} read from {@code text}. The casts refuse text that is not a value of the
   * type; the conditions catch what they would accept with a loss: a fraction of a second below
   * microseconds, an offset that a local date-time would ignore, a day with more text after it.
   * Bytes are the text's UTF-8 encoding, as SQLite's cast from text gives them.
   */
  private static TypeConversion fromText(String type, String text) {
    return switch (type) {
      case INSTANT -> new TypeConversion(text + "::" + type, text + BELOW_MICROSECONDS);
      case LOCAL -> new TypeConversion(text + "::" + type, text + BELOW_MICROSECONDS + " OR " + text + OFFSET_AFTER_TIME);
      case DATE -> new TypeConversion(text + "::date", "to_char(" + text + "::date, 'YYYY-MM-DD') <> " + text);
      case BYTEA -> exact("convert_to(" + text + ", 'UTF8')");
      default -> exact(text + "::" + type);
    };
  }
}

package dev.gao.metrics.processor.sql.sqlite;

import dev.gao.metrics.processor.structure.ColumnShape;
import java.util.Locale;

/**
 * SQL values a migration writes into columns whose rows have no value of their own: the zero value
 * of the column's type, in the text form the DAOs read back.
 */
final class ColumnValues {
  private ColumnValues() {}

  /** The zero value of {@code column} as an SQL literal. */
  static String zero(ColumnShape column) {
    return switch (column.kind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG -> "0";
      case FLOAT, DOUBLE -> "0.0";
      case BYTES -> "X''";
      case JSON -> "'null'";
      case INSTANT, OFFSET_DATE_TIME -> "'1970-01-01T00:00:00.000000000Z'";
      case LOCAL_DATE_TIME -> "'1970-01-01T00:00:00.000000000'";
      case LOCAL_DATE -> "'1970-01-01'";
      case UUID -> "'00000000-0000-0000-0000-000000000000'";
      case DECIMAL -> "'0'";
      case STRING, ENUM -> "''";
    };
  }

  /**
   * Whether {@code defaultSql} is a constant that {@code ALTER TABLE ADD COLUMN} accepts: not an
   * expression in parentheses and not one of the {@code CURRENT_*} keywords.
   */
  static boolean constantDefault(String defaultSql) {
    if (defaultSql == null) {
      return true;
    }
    String upper = defaultSql.trim().toUpperCase(Locale.ROOT);
    return !upper.startsWith("(") && !upper.startsWith("CURRENT_");
  }

  /** Whether {@code defaultSql} is present and not the {@code NULL} literal. */
  static boolean nonNullDefault(String defaultSql) {
    return defaultSql != null && !defaultSql.trim().equalsIgnoreCase("NULL");
  }
}

package dev.gao.metrics.processor.sql;

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
    if (column.json()) {
      return "'null'";
    }
    return switch (column.sqlType()) {
      case "INTEGER" -> "0";
      case "REAL" -> "0.0";
      case "BLOB" -> "X''";
      default -> zeroText(column.javaType());
    };
  }

  private static String zeroText(String javaType) {
    return switch (javaType) {
      case "java.time.Instant", "java.time.OffsetDateTime" -> "'1970-01-01T00:00:00.000000000Z'";
      case "java.time.LocalDateTime" -> "'1970-01-01T00:00:00.000000000'";
      case "java.time.LocalDate" -> "'1970-01-01'";
      case "java.util.UUID" -> "'00000000-0000-0000-0000-000000000000'";
      case "java.math.BigDecimal" -> "'0'";
      default -> "''";
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

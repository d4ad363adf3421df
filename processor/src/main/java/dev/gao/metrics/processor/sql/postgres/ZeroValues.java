package dev.gao.metrics.processor.sql.postgres;

import dev.gao.metrics.processor.model.ValueKind;

/**
 * The values a PostgreSQL migration writes into NOT NULL columns whose rows have no value of their
 * own and whose column has no default: the zero value of the column's type, the same value the
 * SQLite migration writes.
 */
final class ZeroValues {
  private ZeroValues() {}

  /** The zero value of {@code kind} as an SQL literal. */
  static String of(ValueKind kind) {
    return switch (kind) {
      case BOOLEAN -> "false";
      case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL -> "0";
      case BYTES -> "'\\x'";
      case JSON -> "'null'";
      case INSTANT, OFFSET_DATE_TIME -> "'1970-01-01T00:00:00Z'";
      case LOCAL_DATE_TIME -> "'1970-01-01T00:00:00'";
      case LOCAL_DATE -> "'1970-01-01'";
      case UUID -> "'00000000-0000-0000-0000-000000000000'";
      case STRING, ENUM -> "''";
    };
  }
}

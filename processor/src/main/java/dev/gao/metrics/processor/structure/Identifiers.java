package dev.gao.metrics.processor.structure;

import java.nio.charset.StandardCharsets;

/**
 * The names the structure gives to constraints, and the longest name every engine keeps. Each rule
 * derives the name from the table and column it belongs to, so the same schema gets the same names
 * on every engine, and a renamed table or column renames its constraints with it.
 */
public final class Identifiers {
  /**
   * The longest identifier, in bytes of UTF-8, that every supported engine keeps as written:
   * PostgreSQL cuts longer names to their first 63 bytes without an error, so two long names could
   * silently become one, and a statement naming the long form would miss the object.
   */
  public static final int MAX_BYTES = 63;

  private Identifiers() {}

  /** The length of {@code name} in bytes of UTF-8. */
  public static int bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Whether {@code name} is at most {@value #MAX_BYTES} bytes long in UTF-8. */
  public static boolean fits(String name) {
    return bytes(name) <= MAX_BYTES;
  }

  /**
   * The name of the CHECK constraint of column {@code column} of {@code table}: the range of a
   * {@code @Metric} column, or the names an enum column may hold.
   */
  public static String rangeConstraint(String table, String column) {
    return "ck_" + table + "_" + column;
  }

  /** The name of the foreign-key constraint of column {@code column} of {@code table}. */
  public static String foreignKeyConstraint(String table, String column) {
    return "fk_" + table + "_" + column;
  }

  /**
   * The name of the primary-key constraint of {@code table}: PostgreSQL's own choice for a key
   * declared without a name, which its DDL relies on.
   */
  public static String primaryKeyConstraint(String table) {
    return table + "_pkey";
  }
}

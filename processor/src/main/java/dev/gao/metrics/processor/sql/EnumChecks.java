package dev.gao.metrics.processor.sql;

import dev.gao.metrics.processor.structure.ColumnShape;
import java.util.stream.Collectors;

/**
 * The parts of an enum column's check that read the same on every engine: the condition that a value
 * is one of the names ({@code "status" IN ('done', 'failed')}, which NULL passes, as every CHECK lets
 * an unknown result pass), and the words of the message a step fails with when stored rows hold a
 * name the new check lacks.
 */
public final class EnumChecks {
  private EnumChecks() {}

  /** The condition that {@code quotedColumn} holds one of the enum names of {@code column}. */
  public static String condition(String quotedColumn, ColumnShape column) {
    return quotedColumn + " IN (" + column.enumNames().stream().map(EnumChecks::literal).collect(Collectors.joining(", ")) + ")";
  }

  /** {@code text} as an SQL string literal. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** The start of the failure message of a step, up to the offending value: {@code column t.c holds }. */
  public static String messageStart(String table, ColumnShape column) {
    return "column " + table + "." + column.name() + " holds ";
  }

  /**
   * The end of the failure message of a step to {@code version}, after the offending value (quoted
   * as an SQL literal).
   */
  public static String messageEnd(ColumnShape column, int version) {
    return ", which is not one of the names version " + version + " allows ("
        + String.join(", ", column.enumNames())
        + "); change or delete those rows, then migrate again";
  }
}

package dev.gao.metrics.processor.structure;

import dev.gao.metrics.processor.model.ValueKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * A column as stored: what a schema snapshot records and a migration compares. It describes the
 * column in engine-neutral terms; a dialect renders its SQL type and default.
 *
 * @param name the SQL column name
 * @param kind how values are stored; {@link ValueKind#JSON} for JSON text
 * @param javaType the Java type as text
 * @param notNull whether the column is declared {@code NOT NULL}; a key the database assigns is
 *     not (its key constraint covers it)
 * @param defaultValue the declared default in the neutral form of {@link NeutralDefaults}, or
 *     {@code null}
 * @param primaryKeyPosition 1-based position in the primary key, 0 when not in it
 * @param min the smallest valid value of a {@code @Metric} column, {@link Double#NEGATIVE_INFINITY}
 *     for none
 * @param max the largest valid value of a {@code @Metric} column, {@link Double#POSITIVE_INFINITY}
 *     for none
 * @param nullSafeJsonCheck whether the JSON check of a nullable JSON column states that NULL passes
 *     ({@code "c" IS NULL OR json_valid("c")}). SQLite before 3.45 answers {@code json_valid(NULL)}
 *     with 0, so the bare check fails for NULL there; snapshots written before the null-safe form
 *     leave the member out, which reads as {@code false}.
 * @param normalizedTime whether the database itself brings time text that other programs write
 *     (any ISO-8601 form, any offset) into the canonical UTC form, so that it sorts and compares
 *     as the instants it names; absent in snapshots written before, which reads as {@code false}
 * @param enumNames the names an enum column may hold (its constants' names, as stored), sorted, so
 *     that reordering the constants changes nothing; the database checks every non-NULL value
 *     against them. Empty for every other column, for an enum column described by snapshots written
 *     before this check (which reads as no check), and for an enum without constants.
 */
public record ColumnShape(
    String name,
    ValueKind kind,
    String javaType,
    boolean notNull,
    String defaultValue,
    int primaryKeyPosition,
    double min,
    double max,
    boolean nullSafeJsonCheck,
    boolean normalizedTime,
    List<String> enumNames) {

  /** Sorts the enum names and removes repeats: the same constants always give the same list. */
  public ColumnShape {
    enumNames = enumNames == null ? List.of() : enumNames.stream().sorted().distinct().toList();
  }

  /** A column as snapshots described it before enum checks: none. */
  public ColumnShape(
      String name,
      ValueKind kind,
      String javaType,
      boolean notNull,
      String defaultValue,
      int primaryKeyPosition,
      double min,
      double max,
      boolean nullSafeJsonCheck,
      boolean normalizedTime) {
    this(name, kind, javaType, notNull, defaultValue, primaryKeyPosition, min, max, nullSafeJsonCheck, normalizedTime, List.of());
  }

  /**
   * A column as snapshots described it before the null-safe JSON check and time normalization: both
   * {@code false}.
   */
  public ColumnShape(
      String name,
      ValueKind kind,
      String javaType,
      boolean notNull,
      String defaultValue,
      int primaryKeyPosition,
      double min,
      double max) {
    this(name, kind, javaType, notNull, defaultValue, primaryKeyPosition, min, max, false, false);
  }

  /** A column without a range, as snapshots described it before the null-safe JSON check. */
  public ColumnShape(
      String name, ValueKind kind, String javaType, boolean notNull, String defaultValue, int primaryKeyPosition) {
    this(name, kind, javaType, notNull, defaultValue, primaryKeyPosition, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * A finite bound as text that parses back to the same double, in SQL as in Java: integral values
   * without a fraction ({@code 100}), others in the shortest form that round-trips ({@code 0.1}).
   */
  public static String boundText(double value) {
    if (value == Math.rint(value) && Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0)) {
      return new BigDecimal(value).toPlainString();
    }
    return Double.toString(value);
  }

  /** Whether a finite bound restricts the values, enforced with a CHECK constraint. */
  public boolean ranged() {
    return hasMin() || hasMax();
  }

  /** Whether the values have a finite lower bound. */
  public boolean hasMin() {
    return min != Double.NEGATIVE_INFINITY;
  }

  /** Whether the values have a finite upper bound. */
  public boolean hasMax() {
    return max != Double.POSITIVE_INFINITY;
  }

  /** Whether {@code other} has the same range (bit for bit, so {@code 0.0} and {@code -0.0} differ). */
  public boolean sameRange(ColumnShape other) {
    return Double.compare(min, other.min) == 0 && Double.compare(max, other.max) == 0;
  }

  /** Whether the column's values are checked against the names of its enum. */
  public boolean enumChecked() {
    return !enumNames.isEmpty();
  }

  /**
   * Whether the database checks the column's values with a named constraint {@code ck_<table>_<column>}:
   * a range, or the names of an enum.
   */
  public boolean valueChecked() {
    return ranged() || enumChecked();
  }

  /** Whether {@code other} has the same range and the same enum names: the same named check. */
  public boolean sameValueCheck(ColumnShape other) {
    return sameRange(other) && enumNames.equals(other.enumNames);
  }

  /**
   * Whether this column's enum check accepts every value that the one of {@code before} accepted, so
   * that no stored row can fail it: this column has no enum check, or {@code before} had one and
   * this one keeps all of its names. A column without enum names accepts any text.
   */
  public boolean acceptsEveryNameOf(ColumnShape before) {
    return !enumChecked() || before.enumChecked() && enumNames.containsAll(before.enumNames);
  }

  /** Whether values are JSON text (checked as such by the database). */
  public boolean json() {
    return kind == ValueKind.JSON;
  }

  /** Whether the column holds JSON and may be NULL: its check must then let NULL pass. */
  public boolean nullableJson() {
    return json() && !notNull;
  }

  /** Whether the column belongs to the primary key. */
  public boolean inPrimaryKey() {
    return primaryKeyPosition > 0;
  }

  /** A copy with another name. */
  public ColumnShape named(String newName) {
    return new ColumnShape(
        newName, kind, javaType, notNull, defaultValue, primaryKeyPosition, min, max, nullSafeJsonCheck, normalizedTime,
        enumNames);
  }
}

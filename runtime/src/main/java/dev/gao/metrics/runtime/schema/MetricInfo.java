package dev.gao.metrics.runtime.schema;

import java.util.Objects;

/**
 * The metric metadata of a numeric column, as declared with {@code @Metric}. On a JSON column, a map
 * from String to numbers, it describes every value of the map, and its range is always unbounded.
 *
 * @param unit the unit of the values, empty when they have none
 * @param better which direction is an improvement
 * @param min the smallest valid value, inclusive; {@link Double#NEGATIVE_INFINITY} for none
 * @param max the largest valid value, inclusive; {@link Double#POSITIVE_INFINITY} for none
 */
public record MetricInfo(String unit, Better better, double min, double max) {

  /**
   * Validates the arguments.
   *
   * @param unit the unit of the values, empty when they have none
   * @param better which direction is an improvement
   * @param min the smallest valid value, inclusive; {@link Double#NEGATIVE_INFINITY} for none
   * @param max the largest valid value, inclusive; {@link Double#POSITIVE_INFINITY} for none
   */
  public MetricInfo {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("invalid metric range [" + min + ", " + max + "]");
    }
  }

  /**
   * Whether the values have a finite lower or upper bound, enforced by a CHECK constraint.
   *
   * @return true if {@link #min()} or {@link #max()} is finite
   */
  public boolean bounded() {
    return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
  }

  /**
   * Whether {@code value} lies within the range.
   *
   * @param value a value
   * @return true if {@code min <= value <= max}
   */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /**
   * The range as a message says it: {@code [0, 1]}, {@code >= 0} or {@code <= 100}, integral bounds
   * without a fraction.
   *
   * @return the range, or an empty string when the values have no bound
   */
  public String rangeText() {
    if (!bounded()) {
      return "";
    }
    if (min == Double.NEGATIVE_INFINITY) {
      return "<= " + bound(max);
    }
    if (max == Double.POSITIVE_INFINITY) {
      return ">= " + bound(min);
    }
    return "[" + bound(min) + ", " + bound(max) + "]";
  }

  private static String bound(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}

package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a numeric column as a metric: its unit, which direction is better, and its valid range. On
 * a {@code @Json} map from String to numbers it declares every value of the map as a metric.
 *
 * <pre>{@code
 * @MetricsTable(name = "quality_metrics")
 * public record QualityMetrics(
 *     @PrimaryKey String runId,
 *     @Metric(unit = "%", better = Metric.Better.HIGHER, min = 0, max = 100)
 *         double codeCoveragePercentage,
 *     @Metric(unit = "s", better = Metric.Better.LOWER, min = 0) double totalTimeSeconds) {}
 * }</pre>
 *
 * <p>Allowed only on numeric columns: {@code byte}, {@code short}, {@code int}, {@code long}, {@code
 * float}, {@code double}, their boxes and {@code BigDecimal}; and on {@code @Json} columns whose type is
 * a {@code Map} (or a subtype such as {@code SortedMap}, {@code TreeMap} or {@code LinkedHashMap}) from
 * {@code String} to {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code Float}, {@code
 * Double}, {@code BigDecimal} or {@code Number}. Anything else is a compile error (GM162).
 *
 * <p>Finite bounds become a named {@code CHECK} constraint {@code ck_<table>_<column>} in the table's
 * DDL ({@code BETWEEN}, or {@code >=} / {@code <=} when only one bound is finite), so a value outside
 * the range is rejected when it is written. The range is part of the schema's structure: adding,
 * changing or removing it needs a new schema version, whose migration rebuilds the table. When the
 * range gets tighter and stored rows violate it, that migration fails and rolls back, leaving the
 * previous version intact; no row is dropped. Unit and direction are metadata only: changing them
 * changes neither the structure nor the version.
 *
 * <p>On a {@code @Json} map, unit and direction describe each value of the map, for example the seconds
 * spent per phase:
 *
 * <pre>{@code
 * @Metric(unit = "s", better = Metric.Better.LOWER) @Json Map<String, Double> phaseTimes
 * }</pre>
 *
 * <p>A map metric has no range: a CHECK constraint cannot look inside JSON, so {@code min} and {@code
 * max} must stay unset on it (GM164), and the metric adds nothing to the table's structure.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Metric {
  /**
   * The unit of the values, for example {@code "s"}, {@code "tokens"} or {@code "%"}.
   *
   * @return the unit; empty when the values have none
   */
  String unit() default "";

  /**
   * Which direction is an improvement, for comparisons and regression checks.
   *
   * @return the better direction
   */
  Better better() default Better.NONE;

  /**
   * The smallest valid value, inclusive. Must stay unset on a {@code @Json} map.
   *
   * @return the lower bound; {@link Double#NEGATIVE_INFINITY} for none
   */
  double min() default Double.NEGATIVE_INFINITY;

  /**
   * The largest valid value, inclusive. Must stay unset on a {@code @Json} map.
   *
   * @return the upper bound; {@link Double#POSITIVE_INFINITY} for none
   */
  double max() default Double.POSITIVE_INFINITY;

  /** Which direction of a metric is an improvement. */
  enum Better {
    /** Smaller values are better, for example durations and costs. */
    LOWER,
    /** Larger values are better, for example coverage and success rates. */
    HIGHER,
    /** Neither direction is better. */
    NONE
  }
}

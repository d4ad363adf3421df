package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Overrides the column name or gives the column an SQL default. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Column {
  /** The SQL column name; by default the snake_case form of the component name. */
  String name() default "";

  /**
   * The column's SQL default, written as SQL: {@code "'1.0.0'"}, {@code "0"}, {@code "1.5"}.
   * On time columns, {@code CURRENT_TIMESTAMP} (and on {@code LocalDate} columns
   * {@code CURRENT_DATE}) stores the current UTC time in the same text form the DAOs write, so it
   * reads back as the column's Java type and sorts with written values.
   *
   * <p>When a row is inserted with {@code null} in a column that has a default, the default is
   * stored.
   */
  String defaultValue() default "";
}

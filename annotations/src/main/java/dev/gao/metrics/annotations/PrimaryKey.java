package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the component that is the table's primary key. A table has exactly one primary key: this
 * annotation on one component, or {@link MetricsTable#primaryKey()} for a composite key.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PrimaryKey {
  /**
   * Whether the database assigns the key ({@code INTEGER PRIMARY KEY AUTOINCREMENT}). Only for
   * {@code int}, {@code long} and their boxes. On insert, {@code 0} or {@code null} lets the
   * database choose the next key, which insert returns; keys are never reused.
   */
  boolean autoGenerate() default false;
}

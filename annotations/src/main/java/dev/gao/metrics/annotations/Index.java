package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One index of a table, declared in {@link MetricsTable#indexes()}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Index {
  /** The index name; by default {@code idx_<table>_<column>_<column>...}. */
  String name() default "";

  /** The SQL column names of the index, in index order. */
  String[] columns();

  /** Whether the indexed column values must be unique. */
  boolean unique() default false;
}

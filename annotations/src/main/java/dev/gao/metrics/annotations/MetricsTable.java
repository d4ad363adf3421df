package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java record (or a class with a canonical constructor) as the row type of one metrics table.
 *
 * <p>Each record component becomes a column, in declaration order. The processor generates, next to
 * the type, a {@code <Type>Dao} class with typed insert, query, update and delete methods, and the
 * table's structure in {@code <Type>Dao.TABLE}.
 *
 * <pre>{@code
 * @MetricsTable(name = "benchmark_runs",
 *     indexes = @Index(name = "idx_runs_project", columns = "project_name"))
 * public record BenchmarkRun(@PrimaryKey String runId, Instant timestamp, String projectName) {}
 * }</pre>
 *
 * <p>Every table must be listed by a {@link MetricsSchema} in the same compilation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MetricsTable {
  /** The SQL table name; by default the snake_case form of the type's simple name. */
  String name() default "";

  /**
   * Column names that together form a composite primary key, in key order. Leave empty when one
   * component carries {@link PrimaryKey}.
   */
  String[] primaryKey() default {};

  /** Indexes on this table, besides the automatic ones on foreign-key columns. */
  Index[] indexes() default {};
}

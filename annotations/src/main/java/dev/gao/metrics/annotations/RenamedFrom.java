package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a column or table was renamed in the step from {@code version - 1} to
 * {@code version}, so the generated migration renames it and keeps its values instead of dropping
 * the old one and adding an empty new one.
 *
 * <p>On a record component, field, constructor parameter or getter: the column was renamed. On a
 * {@link MetricsTable} type: the table was renamed.
 *
 * <pre>{@code
 * @MetricsTable(name = "benchmark_runs")
 * @RenamedFrom(name = "runs", version = 2)
 * public record BenchmarkRun(
 *     @PrimaryKey String runId,
 *     @RenamedFrom(name = "model", version = 2) String modelName) {}
 * }</pre>
 *
 * <p>The rename is recorded in the schema snapshot of {@code version} when that snapshot is first
 * written; after that the snapshot alone drives the migration, and the annotation may stay or go.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.TYPE,
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
@Repeatable(RenamedFrom.List.class)
public @interface RenamedFrom {
  /** The SQL name the column or table had in version {@code version - 1}. */
  String name();

  /** The version that introduced the new name (2 or more). */
  int version();

  /** Holds several {@link RenamedFrom} on one element (a name changed in several versions). */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({
    ElementType.TYPE,
    ElementType.RECORD_COMPONENT,
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.METHOD
  })
  @interface List {
    /** The renames, one per version. */
    RenamedFrom[] value();
  }
}

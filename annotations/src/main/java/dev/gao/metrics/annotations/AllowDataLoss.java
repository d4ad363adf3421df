package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Acknowledges a change in the upgrade from {@code version - 1} to {@code version} that loses
 * stored values; without it the build fails and names this annotation with the exact values to
 * write. Put it on the {@link MetricsSchema} type.
 *
 * <p>Data-losing changes are: dropping a table ({@code column} empty), dropping a column, a
 * narrowing type change, adding a {@code NOT NULL} column without default to an existing table, and
 * making a nullable column {@code NOT NULL} without a default. Where a value is needed and there is
 * none (the last two), existing rows get the column type's zero value ({@code 0}, {@code ''}, the
 * epoch for time columns, {@code null} JSON), so no row is lost; a {@link DataMigration} of the same
 * step can fill in real values.
 *
 * <pre>{@code
 * @MetricsSchema(version = 3, tables = {...})
 * @AllowDataLoss(version = 3, table = "benchmark_runs", column = "notes", reason = "never read")
 * public interface GaoMetrics {}
 * }</pre>
 *
 * <p>Downgrades need no acknowledgement: they only remove what the matching upgrade added.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(AllowDataLoss.List.class)
public @interface AllowDataLoss {
  /** The version whose upgrade step loses the data (2 or more). */
  int version();

  /** The SQL name of the table, in version {@code version - 1}. */
  String table();

  /**
   * The SQL name of the column in version {@code version - 1} (for an added {@code NOT NULL} column,
   * its name in {@code version}); empty for every change of the whole table.
   */
  String column() default "";

  /** Why losing the data is acceptable; recorded in the schema snapshot. */
  String reason();

  /** Holds several {@link AllowDataLoss} on one schema. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The acknowledgements. */
    AllowDataLoss[] value();
  }
}

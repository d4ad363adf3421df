package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Attaches user code to one migration step of a schema, for data transforms the generated SQL
 * cannot express (for example, filling a new column from JSON held in an old one).
 *
 * <p>The annotated class must be public, have a public no-argument constructor and implement
 * {@code dev.gao.metrics.runtime.schema.DataMigrationStep}. It runs inside the step's
 * transaction, after the step's schema statements and before its final statements (which drop the
 * tables and columns the step removes, so the old values are still readable). {@code from} and
 * {@code to} must be consecutive versions of the schema; {@code from > to} attaches the code to the
 * downgrade step.
 *
 * <pre>{@code
 * @DataMigration(schema = GaoMetrics.class, from = 1, to = 2)
 * public final class FillModelColumn implements DataMigrationStep {
 *   public void migrate(Transaction transaction) throws Exception { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataMigration {
  /** The {@link MetricsSchema} type whose step this is. */
  Class<?> schema();

  /** The version the step starts from. */
  int from();

  /** The version the step ends at: {@code from + 1} (upgrade) or {@code from - 1} (downgrade). */
  int to();
}

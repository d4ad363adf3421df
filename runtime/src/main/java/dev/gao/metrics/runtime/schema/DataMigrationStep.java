package dev.gao.metrics.runtime.schema;

import dev.gao.metrics.runtime.Transaction;

/**
 * Code that transforms data during one migration step, for example filling a new column from the
 * JSON of an old one. It runs inside the step's transaction, after the step's statements and before
 * its final statements; an exception rolls the whole step back and leaves the database at the
 * version it had before the step.
 *
 * <p>Implementations named by {@code @DataMigration} need a public no-argument constructor.
 */
@FunctionalInterface
public interface DataMigrationStep {
  /**
   * Transforms the data.
   *
   * @param transaction the step's transaction; use its connection for SQL, and do not commit, roll
   *     back or change its auto-commit mode
   * @throws Exception to roll the step back
   */
  void migrate(Transaction transaction) throws Exception;
}

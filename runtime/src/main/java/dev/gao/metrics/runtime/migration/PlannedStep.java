package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.schema.MigrationStep;
import java.util.Objects;

/**
 * A step chosen by the {@link MigrationPlanner}, with what the executor records after it.
 *
 * @param step the step
 * @param targetIdentityHash the identity hash of the version the step leads to
 * @param stored whether the step comes from the database's history (the downgrade SQL a newer build
 *     stored) rather than from the code
 */
public record PlannedStep(MigrationStep step, String targetIdentityHash, boolean stored) {
  /**
   * Validates the arguments.
   *
   * @param step the step
   * @param targetIdentityHash the identity hash of the version the step leads to
   * @param stored whether the step comes from the database's history
   */
  public PlannedStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(targetIdentityHash, "targetIdentityHash");
  }
}

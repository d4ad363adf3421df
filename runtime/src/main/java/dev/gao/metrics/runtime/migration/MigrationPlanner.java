package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chains steps from the version a database holds to a target version: the code's steps first, and
 * for downgrades the steps a newer build stored in the database's history where the code lacks
 * them.
 */
public final class MigrationPlanner {
  private MigrationPlanner() {}

  /** Looks up the downgrade step a newer build stored for going down from a version. */
  @FunctionalInterface
  public interface StoredSteps {
    /**
     * The stored step from {@code from} to {@code from - 1}.
     *
     * @param from the version to go down from
     * @return the stored step, empty if none
     */
    Optional<PlannedStep> downFrom(int from);
  }

  /**
   * Plans the steps from {@code stored} to {@code target}.
   *
   * @param schema the code's schema with its history
   * @param stored the version the database holds
   * @param target the version to reach
   * @param storedSteps the downgrade steps recorded in the database
   * @param location the database, for messages
   * @param restoreAdvice how to restore a backup of it correctly, appended to advice to restore one
   * @return the steps in order; empty if {@code stored == target}
   * @throws SchemaVersionException if a step is missing, naming both versions and what to do
   */
  public static List<PlannedStep> plan(
      SchemaInfo schema,
      int stored,
      int target,
      StoredSteps storedSteps,
      String location,
      String restoreAdvice) {
    List<PlannedStep> steps = new ArrayList<>();
    int version = stored;
    while (version != target) {
      int next = version < target ? version + 1 : version - 1;
      Optional<MigrationStep> step = schema.step(version, next);
      Optional<SchemaInfo> nextSchema = schema.atVersion(next);
      if (step.isPresent() && nextSchema.isPresent()) {
        steps.add(new PlannedStep(step.get(), nextSchema.get().identityHash(), false));
      } else if (next < version && storedSteps.downFrom(version).isPresent()) {
        PlannedStep found = storedSteps.downFrom(version).get();
        String hash =
            nextSchema.map(SchemaInfo::identityHash).orElse(found.targetIdentityHash());
        steps.add(new PlannedStep(found.step(), hash, true));
      } else {
        throw missingStep(schema, stored, target, version, next, location, restoreAdvice);
      }
      version = next;
    }
    return steps;
  }

  private static SchemaVersionException missingStep(
      SchemaInfo schema,
      int stored,
      int target,
      int version,
      int next,
      String location,
      String restoreAdvice) {
    String what =
        "Database "
            + location
            + " holds schema "
            + schema.name()
            + " version "
            + stored
            + "; the code is at version "
            + schema.version()
            + " and asks for version "
            + target
            + ", but ";
    if (next > version) {
      return new SchemaVersionException(
          what
              + "it has no upgrade step "
              + version
              + " -> "
              + next
              + ". Build the code with the schema snapshots of every version from "
              + stored
              + " to "
              + target
              + " (-Agaometrics.schemaDir), or restore the file from a backup."
              + restoreAdvice,
          stored,
          schema.version());
    }
    return new SchemaVersionException(
        what
            + "neither the code nor the file's migration history has a downgrade step "
            + version
            + " -> "
            + next
            + " (the file was not migrated up by a build that recorded it). Open the file with"
            + " code built for version "
            + stored
            + ", or restore a backup taken at version "
            + target
            + "."
            + restoreAdvice,
        stored,
        schema.version());
  }
}

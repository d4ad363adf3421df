package dev.gao.metrics.runtime.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The earlier versions of a schema and the steps between them, as generated from the recorded
 * schema snapshots.
 *
 * @param versions the structure of every earlier version, oldest first; each without a history of
 *     its own
 * @param steps every migration step, upgrades and downgrades, between consecutive versions
 */
public record SchemaHistory(List<SchemaInfo> versions, List<MigrationStep> steps) {
  /** No earlier versions and no steps: the history of a schema at version 1. */
  public static final SchemaHistory NONE = new SchemaHistory(List.of(), List.of());

  /**
   * Validates the arguments and copies the lists.
   *
   * @param versions the structure of every earlier version, oldest first; each without a history of
   *     its own
   * @param steps every migration step, upgrades and downgrades, between consecutive versions
   * @throws IllegalArgumentException if a version appears twice, is out of order or has a history,
   *     or if two steps join the same pair of versions
   */
  public SchemaHistory {
    versions = Checks.copy(versions, "versions of a schema history");
    steps = Checks.copy(steps, "steps of a schema history");
    int previous = 0;
    for (SchemaInfo version : versions) {
      if (version.version() <= previous) {
        throw new IllegalArgumentException(
            "schema history versions must be distinct and oldest first, but version "
                + version.version()
                + " of schema "
                + version.name()
                + " follows version "
                + previous);
      }
      if (!version.history().isEmpty()) {
        throw new IllegalArgumentException(
            "version "
                + version.version()
                + " of schema "
                + version.name()
                + " in a schema history must not have a history of its own");
      }
      previous = version.version();
    }
    Set<String> pairs = new HashSet<>();
    for (MigrationStep step : steps) {
      if (!pairs.add(step.fromVersion() + "->" + step.toVersion())) {
        throw new IllegalArgumentException(
            "schema history declares the step "
                + step.fromVersion()
                + " -> "
                + step.toVersion()
                + " twice");
      }
    }
  }

  /**
   * Whether this history has neither versions nor steps.
   *
   * @return true for an empty history
   */
  public boolean isEmpty() {
    return versions.isEmpty() && steps.isEmpty();
  }
}

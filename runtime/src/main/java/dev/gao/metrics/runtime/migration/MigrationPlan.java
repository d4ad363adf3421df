package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.schema.MigrationStep;
import java.util.List;
import java.util.Objects;

/**
 * What opening a database would do to reach a version, without doing it: the SQL of every step.
 *
 * @param location the database file
 * @param storedVersion the version the file holds; 0 when the file is new or empty (the schema would
 *     be created at the target version) or holds tables created without this library (see {@link
 *     #adoptedVersion()})
 * @param adoptedVersion for a database created without this library, the version its structure
 *     matches (its tables would be rebuilt as STRICT and its time values converted first); 0
 *     otherwise
 * @param targetVersion the version the plan leads to
 * @param steps the steps, in order
 */
public record MigrationPlan(
    String location,
    int storedVersion,
    int adoptedVersion,
    int targetVersion,
    List<MigrationStep> steps) {

  /**
   * Validates the arguments and copies the list.
   *
   * @param location the database file
   * @param storedVersion the version the file holds, 0 if none
   * @param adoptedVersion the version a legacy database would be adopted as, 0 if none
   * @param targetVersion the version the plan leads to
   * @param steps the steps, in order
   */
  public MigrationPlan {
    Objects.requireNonNull(location, "location");
    steps = List.copyOf(steps);
  }

  /**
   * Whether opening would create the schema in a new or empty file.
   *
   * @return true for a new file
   */
  public boolean createsSchema() {
    return storedVersion == 0 && adoptedVersion == 0;
  }

  /**
   * The plan as text: one block per step with its SQL, for a dry run.
   *
   * @return the description
   */
  public String describe() {
    StringBuilder text = new StringBuilder("Database ").append(location).append(": ");
    if (createsSchema()) {
      text.append("new; the schema would be created at version ").append(targetVersion);
      return text.append('\n').toString();
    }
    if (adoptedVersion > 0) {
      text.append("created without gao-metrics; its tables match version ")
          .append(adoptedVersion)
          .append(" and would be rebuilt as STRICT tables with time values in canonical form");
    } else {
      text.append("at version ").append(storedVersion);
    }
    if (steps.isEmpty()) {
      return text.append("; nothing to migrate\n").toString();
    }
    text.append("; ").append(steps.size()).append(steps.size() == 1 ? " step" : " steps");
    text.append(" to version ").append(targetVersion).append('\n');
    for (MigrationStep step : steps) {
      text.append("-- step ")
          .append(step.fromVersion())
          .append(" -> ")
          .append(step.toVersion())
          .append(step.upgrade() ? " (upgrade" : " (downgrade")
          .append(step.foreignKeysOff() ? ", foreign keys off)" : ")")
          .append(", checksum ")
          .append(step.checksum())
          .append('\n');
      for (String sql : step.statements()) {
        text.append(sql).append(";\n");
      }
      if (!step.dataMigrations().isEmpty()) {
        text.append("-- then ")
            .append(step.dataMigrations().size())
            .append(" data migration(s): ");
        text.append(
            String.join(
                ", ",
                step.dataMigrations().stream().map(m -> m.getClass().getName()).toList()));
        text.append('\n');
      }
      for (String sql : step.finalStatements()) {
        text.append(sql).append(";\n");
      }
    }
    return text.toString();
  }
}

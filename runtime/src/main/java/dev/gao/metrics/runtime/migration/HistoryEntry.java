package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.schema.MigrationStep;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a database's migration history (table {@value HistoryTable#NAME}).
 *
 * @param id the row id, ascending in the order the steps ran
 * @param fromVersion the version before the step
 * @param toVersion the version after the step (equal to {@code fromVersion} for an adoption)
 * @param direction what kind of step ran
 * @param checksum the checksum of the step's SQL; for an adoption, the identity hash of the adopted
 *     version
 * @param appliedAt when the step committed
 * @param durationMs how long the step ran, in milliseconds
 * @param libraryVersion the version of this library that ran the step
 * @param downgradeSql on upgrades, the JSON of the inverse step (so that older code can go back
 *     without knowing the newer schema); otherwise null
 */
public record HistoryEntry(
    long id,
    int fromVersion,
    int toVersion,
    Direction direction,
    String checksum,
    Instant appliedAt,
    long durationMs,
    String libraryVersion,
    String downgradeSql) {

  /** The kinds of step the history records. */
  public enum Direction {
    /** A step to a higher version. */
    UPGRADE,
    /** A step to a lower version. */
    DOWNGRADE,
    /** A database created without this library, converted to the form of a version. */
    ADOPT;

    /**
     * The text stored in the history table.
     *
     * @return the lower-case name
     */
    public String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The direction of stored text.
     *
     * @param text the stored text
     * @return the direction
     * @throws IllegalArgumentException for unknown text
     */
    public static Direction ofSql(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /**
   * Validates the arguments.
   *
   * @param id the row id
   * @param fromVersion the version before the step
   * @param toVersion the version after the step
   * @param direction what kind of step ran
   * @param checksum the checksum of the step's SQL
   * @param appliedAt when the step committed
   * @param durationMs how long the step ran
   * @param libraryVersion the library version that ran the step
   * @param downgradeSql the JSON of the inverse step, or null
   */
  public HistoryEntry {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(libraryVersion, "libraryVersion");
  }

  /**
   * The stored inverse step of an upgrade.
   *
   * @return the downgrade step, empty if none was stored
   */
  public Optional<MigrationStep> downgrade() {
    return downgradeSql == null
        ? Optional.empty()
        : Optional.of(HistoryTable.stepFromJson(downgradeSql, toVersion, fromVersion));
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementListener;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the commands that read open a database, file or server: never creating, adopting or migrating it. */
final class Databases {
  private Databases() {}

  /**
   * Fails with a one-line message when there is no database file.
   *
   * @param file the database file
   */
  static void requireExisting(Path file) {
    if (!Files.exists(file)) {
      String link = "";
      if (Files.isSymbolicLink(file)) {
        try {
          link = " (a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist)";
        } catch (IOException e) {
          link = " (a symbolic link that cannot be followed)";
        }
      }
      throw new IllegalStateException(
          "no metrics database at " + file + link + "; create it with 'gao-metrics init --db " + file + "'");
    }
  }

  /**
   * What opening the database with this build would do, without doing it.
   *
   * @param location an existing database file, or a server database
   * @return the plan to the code's version
   */
  static MigrationPlan plan(DatabaseLocation location) {
    return plan(location, GaoMetricsSchema.VERSION);
  }

  /**
   * What opening the database at a version would do, without doing it.
   *
   * @param location an existing database file, or a server database
   * @param version the version to reach
   * @return the plan
   */
  static MigrationPlan plan(DatabaseLocation location, int version) {
    location.file().ifPresent(Databases::requireExisting);
    return location.builder(GaoMetricsSchema.SCHEMA).targetVersion(version).plan();
  }

  /**
   * Fails with a one-line message when the existing database holds no schema yet (an empty file, a
   * SQLite file without tables, an empty database on a server): a command that only reads has
   * nothing to read there.
   *
   * @param location the database
   * @param plan its plan
   */
  static void requireSchema(DatabaseLocation location, MigrationPlan plan) {
    if (plan.createsSchema()) {
      if (location.file().isEmpty()) {
        throw new IllegalStateException(
            location + " holds no metrics database yet (it has no tables); create one there with"
                + " 'gao-metrics init --db " + location + "'");
      }
      Path file = location.file().get();
      String what = sizeOf(file) == 0 ? "it is an empty file" : "it is a SQLite file without tables";
      throw new IllegalStateException(
          file + " holds no metrics database yet (" + what + "); create one there with 'gao-metrics init --db "
              + file + "'");
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Opens the database at the version it holds, so that nothing is migrated.
   *
   * @param location the database
   * @param plan its plan
   * @return the open database
   * @throws IllegalStateException if it holds no schema, or was created without gao-metrics
   *     (opening would adopt it)
   */
  static MetricsDatabase openAsStored(DatabaseLocation location, MigrationPlan plan) {
    requireSchema(location, plan);
    if (plan.adoptedVersion() > 0) {
      throw new IllegalStateException(
          location + " was created without gao-metrics (its tables match version "
              + plan.adoptedVersion() + "); adopt and migrate it with 'gao-metrics migrate --db "
              + location + "'");
    }
    return location
        .builder(GaoMetricsSchema.SCHEMA)
        .targetVersion(plan.storedVersion())
        .stampValidation(false)
        .open();
  }

  /**
   * Opens an existing database that is at this build's version, for the commands that read or
   * delete runs: never creating, adopting or migrating it.
   *
   * @param location the database
   * @param listener told about every statement, or null
   * @return the store over it
   * @throws IllegalStateException if there is no database, or it needs adopting or migrating first
   */
  static BenchmarkStore openCurrent(DatabaseLocation location, StatementListener listener) {
    MigrationPlan plan = plan(location);
    requireSchema(location, plan);
    requireCurrent(location, plan);
    MetricsDatabase.Builder builder = location.builder(GaoMetricsSchema.SCHEMA);
    if (listener != null) {
      builder.statementListener(listener);
    }
    return new BenchmarkStore(builder.open());
  }

  /**
   * Fails with a one-line message unless the database is at this build's version: one created
   * without gao-metrics or at an older version is to be migrated first, a newer one needs a newer
   * build.
   *
   * @param location the database
   * @param plan its plan, of a database that holds a schema
   */
  static void requireCurrent(DatabaseLocation location, MigrationPlan plan) {
    if (plan.adoptedVersion() > 0 || plan.storedVersion() < GaoMetricsSchema.VERSION) {
      throw new IllegalStateException(
          location + " is at an older schema (version " + plan.storedVersion() + ", this build reads version "
              + GaoMetricsSchema.VERSION + "); migrate it first with 'gao-metrics migrate --db " + location + "'");
    }
    if (plan.storedVersion() > GaoMetricsSchema.VERSION) {
      throw new IllegalStateException(
          location + " is at schema version " + plan.storedVersion() + ", newer than this build's version "
              + GaoMetricsSchema.VERSION + "; use a newer gao-metrics");
    }
  }
}

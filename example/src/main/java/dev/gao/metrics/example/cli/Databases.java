package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementListener;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the read-only commands open a database: never creating, adopting or migrating it. */
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
   * What opening the file with this build would do, without doing it.
   *
   * @param file an existing database file
   * @return the plan to the code's version
   */
  static MigrationPlan plan(Path file) {
    requireExisting(file);
    return MetricsDatabase.plan(GaoMetricsSchema.SCHEMA, file, GaoMetricsSchema.VERSION);
  }

  /**
   * Fails with a one-line message when the existing file holds no schema yet (an empty file, or a
   * SQLite file without tables): a command that only reads has nothing to read there.
   *
   * @param plan the file's plan
   */
  static void requireSchema(MigrationPlan plan) {
    if (plan.createsSchema()) {
      Path file = Path.of(plan.location());
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
   * Opens the file at the version it holds, so that nothing is migrated.
   *
   * @param plan the file's plan
   * @return the open database
   * @throws IllegalStateException if the file holds no schema, or was created without gao-metrics
   *     (opening would adopt it)
   */
  static MetricsDatabase openAsStored(MigrationPlan plan) {
    requireSchema(plan);
    if (plan.adoptedVersion() > 0) {
      throw new IllegalStateException(
          plan.location() + " was created without gao-metrics (its tables match version "
              + plan.adoptedVersion() + "); adopt and migrate it with 'gao-metrics migrate --db "
              + plan.location() + "'");
    }
    return MetricsDatabase.builder(GaoMetricsSchema.SCHEMA)
        .file(Path.of(plan.location()))
        .targetVersion(plan.storedVersion())
        .stampValidation(false)
        .open();
  }

  /**
   * Opens an existing database that is at this build's version, for the commands that read or
   * delete runs: never creating, adopting or migrating it.
   *
   * @param file the database file
   * @param listener told about every statement, or null
   * @return the store over it
   * @throws IllegalStateException if there is no file, or it needs adopting or migrating first
   */
  static BenchmarkStore openCurrent(Path file, StatementListener listener) {
    MigrationPlan plan = plan(file);
    requireSchema(plan);
    if (plan.adoptedVersion() > 0 || plan.storedVersion() < GaoMetricsSchema.VERSION) {
      throw new IllegalStateException(
          file + " is at an older schema (version " + plan.storedVersion() + ", this build reads version "
              + GaoMetricsSchema.VERSION + "); migrate it first with 'gao-metrics migrate --db " + file + "'");
    }
    if (plan.storedVersion() > GaoMetricsSchema.VERSION) {
      throw new IllegalStateException(
          file + " is at schema version " + plan.storedVersion() + ", newer than this build's version "
              + GaoMetricsSchema.VERSION + "; use a newer gao-metrics");
    }
    MetricsDatabase.Builder builder = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file);
    if (listener != null) {
      builder.statementListener(listener);
    }
    return new BenchmarkStore(builder.open());
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics migrate}: brings the database to the code's version, or to {@code --to N}. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Migrates the database to this build's schema version, or up or down to --to N.",
      "A backup is taken next to the file first. --dry-run prints the SQL of every step instead."
    })
final class MigrateCommand extends DatabaseCommand {
  @Option(names = "--to", paramLabel = "N", description = "Target version (default: this build's, ${DEFAULT-VALUE}).")
  int target = GaoMetricsSchema.VERSION;

  @Option(names = "--dry-run", description = "Print what would run, SQL included, and change nothing.")
  boolean dryRun;

  @Option(names = "--no-backup", description = "Do not copy the database before migrating it.")
  boolean noBackup;

  @Override
  public Integer call() {
    if (GaoMetricsSchema.SCHEMA.atVersion(target).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --to " + target + ": this build knows schema versions " + knownVersions());
    }
    Path file = file();
    PrintWriter out = out();
    MigrationPlan plan = Databases.plan(file);
    if (target != GaoMetricsSchema.VERSION) {
      plan = MetricsDatabase.plan(GaoMetricsSchema.SCHEMA, file, target);
    }
    if (dryRun) {
      out.print(plan.describe());
      return 0;
    }
    int before = plan.adoptedVersion() > 0 ? 0 : plan.storedVersion();
    try (MetricsDatabase db =
        MetricsDatabase.builder(GaoMetricsSchema.SCHEMA)
            .file(file)
            .targetVersion(target)
            .backupBeforeMigration(!noBackup)
            .open()) {
      if (plan.adoptedVersion() > 0) {
        out.printf("adopted %s as version %d%n", file, plan.adoptedVersion());
      }
      if (plan.steps().isEmpty()) {
        out.printf("%s is at version %d; nothing to migrate%n", file, db.storedVersion());
      } else {
        out.printf(
            "migrated %s from version %d to %d in %d %s%n",
            file,
            before == 0 ? plan.adoptedVersion() : before,
            db.storedVersion(),
            plan.steps().size(),
            plan.steps().size() == 1 ? "step" : "steps");
      }
    }
    return 0;
  }

  /** The versions this build can migrate to, {@code 1, 2, 3, 4}. */
  private static String knownVersions() {
    List<String> versions = new ArrayList<>();
    GaoMetricsSchema.SCHEMA.history().versions().forEach(v -> versions.add(Integer.toString(v.version())));
    versions.add(Integer.toString(GaoMetricsSchema.VERSION));
    return String.join(", ", versions);
  }
}

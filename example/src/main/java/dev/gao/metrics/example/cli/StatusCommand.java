package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.migration.HistoryEntry;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.migration.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code gao-metrics status}: the file, its schema version, pending migration steps and every table
 * with its row count. Changes nothing.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows the database file, its schema version, pending migration steps and the row count of every table.")
final class StatusCommand extends DatabaseCommand {
  @Override
  public Integer call() throws IOException {
    Path file = file();
    MigrationPlan plan = Databases.plan(file);
    PrintWriter out = out();
    out.printf("file:     %s (%s)%n", file, humanSize(Files.size(file)));
    if (plan.adoptedVersion() > 0) {
      out.printf(
          "schema:   created without gao-metrics; its tables match version %d%n"
              + "pending:  adopt as version %d (tables rebuilt as STRICT, time values converted), then %d %s%n"
              + "run 'gao-metrics migrate --db %s'%n",
          plan.adoptedVersion(), plan.adoptedVersion(), plan.steps().size(),
          plan.steps().size() == 1 ? "step" : "steps", file);
      return 0;
    }
    try (MetricsDatabase db = Databases.openAsStored(plan)) {
      out.printf(
          "schema:   %s version %d (this build: version %d)%n",
          db.schema().name(), db.storedVersion(), db.schema().version());
      SchemaInfo stored = db.schema().atVersion(db.storedVersion()).orElse(db.schema());
      out.printf("identity: %s%n", stored.identityHash());
      if (plan.steps().isEmpty()) {
        out.println("pending:  none");
      } else {
        out.printf("pending:  %d %s; run 'gao-metrics migrate'%n", plan.steps().size(),
            plan.steps().size() == 1 ? "step" : "steps");
        for (MigrationStep step : plan.steps()) {
          out.printf(
              "  %d -> %d (%s, %d statements%s)%n",
              step.fromVersion(),
              step.toVersion(),
              step.upgrade() ? "upgrade" : "downgrade",
              step.statements().size() + step.finalStatements().size(),
              step.foreignKeysOff() ? ", rebuilds tables" : "");
        }
      }
      List<HistoryEntry> history = db.history();
      out.printf(
          "history:  %s%n",
          history.isEmpty()
              ? "never migrated"
              : history.size()
                  + (history.size() == 1 ? " step" : " steps")
                  + ", last "
                  + history.get(history.size() - 1).appliedAt());
      out.println("tables:");
      int width = stored.tables().stream().mapToInt(t -> t.name().length()).max().orElse(0);
      for (TableInfo table : stored.tables()) {
        out.printf("  %-" + width + "s  %,d rows%n", table.name(), db.rowCount(table.name()));
      }
    }
    return 0;
  }

  private static String humanSize(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    return String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }
}

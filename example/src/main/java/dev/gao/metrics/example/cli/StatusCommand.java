package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gao-metrics status}: the file, its schema version and every table with its row count. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows the database file, its schema version and the row count of every table.")
final class StatusCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @ParentCommand GaoMetricsCli parent;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path file = database.resolve(parent.environment());
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "no metrics database at " + file + "; create it with 'gao-metrics init --db " + file + "'");
    }
    try (MetricsDatabase db = MetricsDatabase.open(GaoMetricsSchema.SCHEMA, file)) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("file:     %s (%s)%n", file, humanSize(Files.size(file)));
      out.printf(
          "schema:   %s version %d (code version %d)%n",
          db.schema().name(), db.storedVersion(), db.schema().version());
      out.printf("identity: %s%n", db.schema().identityHash());
      out.println("tables:");
      int width = db.schema().tables().stream().mapToInt(t -> t.name().length()).max().orElse(0);
      for (TableInfo table : db.schema().tables()) {
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

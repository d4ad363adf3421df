package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code gao-metrics init}: creates the database file and its schema, or checks an existing one. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Creates the metrics database (folders, file, tables, indexes), or validates an existing one.")
final class InitCommand extends DatabaseCommand {
  @Override
  public Integer call() {
    Path file = file();
    try (MetricsDatabase db = MetricsDatabase.open(GaoMetricsSchema.SCHEMA, file)) {
      spec.commandLine()
          .getOut()
          .printf(
              "ready: %s (schema %s, version %d)%n",
              file, db.schema().name(), db.storedVersion());
    }
    return 0;
  }
}

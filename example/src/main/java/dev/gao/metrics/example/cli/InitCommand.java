package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gao-metrics init}: creates the database file and its schema, or checks an existing one. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Creates the metrics database (folders, file, tables, indexes), or validates an existing one.")
final class InitCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @ParentCommand GaoMetricsCli parent;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path file = database.resolve(parent.environment());
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

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import picocli.CommandLine.Command;

/**
 * {@code gao-metrics init}: creates the database file and its schema (on a server: the schema in an
 * existing, empty database), or checks an existing one.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the metrics database (folders, file, tables, indexes), or validates an existing one.",
      "On a PostgreSQL server the database must exist (createdb) and be empty, or hold a gao-metrics schema."
    })
final class InitCommand extends DatabaseCommand {
  @Override
  public Integer call() {
    DatabaseLocation location = location();
    try (MetricsDatabase db = location.builder(GaoMetricsSchema.SCHEMA).open()) {
      spec.commandLine()
          .getOut()
          .printf(
              "ready: %s (schema %s, version %d)%n",
              location, db.schema().name(), db.storedVersion());
    }
    return 0;
  }
}

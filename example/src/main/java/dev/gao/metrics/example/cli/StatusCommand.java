package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.EngineInfo;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.migration.HistoryEntry;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gao-metrics status}: the file and its size, or the server database with the server's
 * version and the database's size; the schema version, pending migration steps and every table with
 * its row count. Changes nothing.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the database file and its size (on a server: the database, the server's version and the database's"
          + " size), its schema version, pending migration steps and the row count of every table.",
      "--json prints the same facts as one JSON object."
    })
final class StatusCommand extends DatabaseCommand {
  @Option(names = "--json", description = "Print the status as a JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    DatabaseLocation location = location();
    MigrationPlan plan = Databases.plan(location);
    Databases.requireSchema(location, plan);
    PrintWriter out = out();
    if (json) {
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(location, plan)));
      return 0;
    }
    if (location.file().isPresent()) {
      out.printf("file:     %s (%s)%n", location, humanSize(Files.size(location.file().get())));
    }
    if (plan.adoptedVersion() > 0) {
      out.printf(
          "schema:   created without gao-metrics; its tables match version %d%n"
              + "pending:  adopt as version %d (tables rebuilt as STRICT, time values converted), then %d %s%n"
              + "run 'gao-metrics migrate --db %s'%n",
          plan.adoptedVersion(), plan.adoptedVersion(), plan.steps().size(),
          plan.steps().size() == 1 ? "step" : "steps", location);
      return 0;
    }
    try (MetricsDatabase db = Databases.openAsStored(location, plan)) {
      if (location.file().isEmpty()) {
        EngineInfo engine = db.engine();
        out.printf("database: %s (%s server, %s)%n", location, engine, humanSize(engine.bytes()));
      }
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

  private static ObjectNode json(DatabaseLocation location, MigrationPlan plan) throws IOException {
    ObjectNode root = RunDocument.mapper().createObjectNode();
    if (location.file().isPresent()) {
      root.put("file", location.toString());
      root.put("bytes", Files.size(location.file().get()));
    }
    if (plan.adoptedVersion() > 0) {
      root.put("created_without_gao_metrics", true);
      root.put("matches_version", plan.adoptedVersion());
      steps(root.putArray("pending"), plan);
      return root;
    }
    try (MetricsDatabase db = Databases.openAsStored(location, plan)) {
      if (location.file().isEmpty()) {
        EngineInfo engine = db.engine();
        root.put("database", location.toString());
        root.put("server", engine.toString());
        root.put("bytes", engine.bytes());
      }
      root.put("created_without_gao_metrics", false);
      root.put("schema", db.schema().name());
      root.put("version", db.storedVersion());
      root.put("build_version", db.schema().version());
      SchemaInfo stored = db.schema().atVersion(db.storedVersion()).orElse(db.schema());
      root.put("identity", stored.identityHash());
      steps(root.putArray("pending"), plan);
      List<HistoryEntry> history = db.history();
      ObjectNode migrated = root.putObject("history");
      migrated.put("steps", history.size());
      migrated.put("last", history.isEmpty() ? null : history.get(history.size() - 1).appliedAt().toString());
      ObjectNode tables = root.putObject("tables");
      for (TableInfo table : stored.tables()) {
        tables.put(table.name(), db.rowCount(table.name()));
      }
    }
    return root;
  }

  private static void steps(ArrayNode array, MigrationPlan plan) {
    for (MigrationStep step : plan.steps()) {
      ObjectNode node = array.addObject();
      node.put("from_version", step.fromVersion());
      node.put("to_version", step.toVersion());
      node.put("direction", step.upgrade() ? "upgrade" : "downgrade");
      node.put("statements", step.statements().size() + step.finalStatements().size());
      node.put("rebuilds_tables", step.foreignKeysOff());
    }
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

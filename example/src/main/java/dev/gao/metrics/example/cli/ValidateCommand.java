package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gao-metrics validate}: compares the live schema with the schema of the version the file
 * records, without changing anything. Exit 0 when they match, 1 with the report otherwise.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the database's live structure with the schema of the version it records.",
      "Exit code 0 when they match; 1, with every difference, when they do not.",
      "--json prints one object: file (on a server: database), schema, version, matches, differences and pending steps."
    })
final class ValidateCommand extends DatabaseCommand {
  /** Exit code when the live schema differs. */
  static final int EXIT_MISMATCH = 1;

  @Option(names = "--json", description = "Print the result as a JSON object.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    DatabaseLocation location = location();
    PrintWriter out = out();
    MigrationPlan plan = Databases.plan(location);
    try (MetricsDatabase db = Databases.openAsStored(location, plan)) {
      List<SchemaDifference> differences = db.validate();
      if (json) {
        ObjectNode root = root(location, differences, null);
        root.put("schema", db.schema().name());
        root.put("version", db.storedVersion());
        root.put("pending_steps", plan.steps().size());
        root.put("target_version", plan.targetVersion());
        out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return differences.isEmpty() ? 0 : EXIT_MISMATCH;
      }
      if (!differences.isEmpty()) {
        out.printf("%s differs from schema version %d:%n", location, db.storedVersion());
        differences.forEach(d -> out.println("  " + d));
        return EXIT_MISMATCH;
      }
      out.printf("%s matches schema %s version %d%n", location, db.schema().name(), db.storedVersion());
      if (!plan.steps().isEmpty()) {
        out.printf("%d migration steps are pending to version %d; run 'gao-metrics migrate'%n",
            plan.steps().size(), plan.targetVersion());
      }
      return 0;
    } catch (SchemaMismatchException mismatch) {
      if (json) {
        ObjectNode root = root(location, mismatch.differences(), mismatch.getMessage());
        out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        out.println(mismatch.getMessage());
      }
      return EXIT_MISMATCH;
    }
  }

  private static ObjectNode root(DatabaseLocation location, List<SchemaDifference> differences, String message) {
    ObjectNode root = RunDocument.mapper().createObjectNode();
    root.put(location.isFile() ? "file" : "database", location.toString());
    root.put("matches", differences.isEmpty());
    if (message != null) {
      root.put("message", message);
    }
    ArrayNode array = root.putArray("differences");
    for (SchemaDifference d : differences) {
      ObjectNode node = array.addObject();
      node.put("table", d.table());
      node.put("kind", d.kind().name());
      node.put("subject", d.subject());
      node.put("expected", d.expected());
      node.put("actual", d.actual());
      node.put("description", d.description());
    }
    return root;
  }
}

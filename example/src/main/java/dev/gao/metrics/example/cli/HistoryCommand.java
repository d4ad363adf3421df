package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.migration.HistoryEntry;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gao-metrics history}: every migration step the database has been through. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every migration step the database went through, oldest first.",
      "--json prints one object with the file (on a server: database), its version and every step."
    })
final class HistoryCommand extends DatabaseCommand {
  @Option(names = "--json", description = "Print the history as a JSON object.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    DatabaseLocation location = location();
    PrintWriter out = out();
    try (MetricsDatabase db = Databases.openAsStored(location, Databases.plan(location))) {
      List<HistoryEntry> history = db.history();
      if (json) {
        ObjectNode root = RunDocument.mapper().createObjectNode();
        root.put(location.isFile() ? "file" : "database", location.toString());
        root.put("version", db.storedVersion());
        ArrayNode steps = root.putArray("steps");
        for (HistoryEntry entry : history) {
          ObjectNode node = steps.addObject();
          node.put("id", entry.id());
          node.put("direction", entry.direction().sql());
          node.put("from_version", entry.fromVersion());
          node.put("to_version", entry.toVersion());
          node.put("applied_at", entry.appliedAt().toString());
          node.put("duration_ms", entry.durationMs());
          node.put("library_version", entry.libraryVersion());
          node.put("checksum", entry.checksum());
        }
        out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return 0;
      }
      if (history.isEmpty()) {
        out.printf("%s was created at version %d and never migrated%n", location, db.storedVersion());
        return 0;
      }
      out.printf("%-4s %-10s %-9s %-31s %8s  %-16s %s%n", "#", "direction", "versions", "applied at (UTC)", "ms", "library", "checksum");
      for (HistoryEntry entry : history) {
        out.printf(
            "%-4d %-10s %-9s %-31s %8d  %-16s %s%n",
            entry.id(),
            entry.direction().sql(),
            entry.fromVersion() + " -> " + entry.toVersion(),
            entry.appliedAt(),
            entry.durationMs(),
            entry.libraryVersion(),
            entry.checksum().length() > 12 ? entry.checksum().substring(0, 12) : entry.checksum());
      }
    }
    return 0;
  }
}

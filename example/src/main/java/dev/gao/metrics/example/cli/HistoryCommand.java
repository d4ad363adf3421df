package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.migration.HistoryEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code gao-metrics history}: every migration step the database has been through. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Lists every migration step the database went through, oldest first.")
final class HistoryCommand extends DatabaseCommand {
  @Override
  public Integer call() {
    Path file = file();
    PrintWriter out = out();
    try (MetricsDatabase db = Databases.openAsStored(Databases.plan(file))) {
      List<HistoryEntry> history = db.history();
      if (history.isEmpty()) {
        out.printf("%s was created at version %d and never migrated%n", file, db.storedVersion());
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

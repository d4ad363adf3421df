package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics delete}: deletes runs with their metric rows and token usage, in one
 * transaction. Asks first when standard input is a terminal, unless {@code --yes}.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes runs, with their metric rows and token usage, in one transaction.",
      "Asks for confirmation when run from a terminal, unless --yes.",
      "Unknown run ids are reported: exit code 3 when there was any, 0 when every run was deleted."
    })
final class DeleteCommand extends DatabaseCommand {
  @Parameters(arity = "1..*", paramLabel = "RUN_ID", description = "Ids of the runs to delete.")
  List<String> runIds;

  @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    Path file = file();
    PrintWriter out = out();
    PrintWriter err = err();
    Set<String> ids = new LinkedHashSet<>(runIds);
    try (BenchmarkStore store = openCurrent()) {
      List<String> existing = new ArrayList<>();
      for (String id : ids) {
        if (store.runs().exists(id)) {
          existing.add(id);
        } else {
          err.println("gao-metrics delete: no run " + Show.quoted(id) + " in " + file + "; nothing deleted for it");
        }
      }
      if (!existing.isEmpty() && !yes && parent.terminal().interactive() && !confirmed(err, existing, file)) {
        out.println("nothing deleted");
        return 0;
      }
      Map<String, Integer> deleted = store.deleteAll(existing);
      int rows = deleted.values().stream().mapToInt(Integer::intValue).sum();
      out.printf("deleted %d %s (%d rows) from %s%n", deleted.size(), deleted.size() == 1 ? "run" : "runs", rows, file);
      return deleted.size() == ids.size() ? 0 : GaoMetricsCli.EXIT_DATABASE_ERROR;
    }
  }

  private boolean confirmed(PrintWriter err, List<String> existing, Path file) throws IOException {
    String listed =
        existing.size() <= 5
            ? String.join(", ", existing.stream().map(Show::quoted).toList())
            : String.join(", ", existing.subList(0, 5).stream().map(Show::quoted).toList()) + ", ...";
    err.printf("delete %d %s (%s) and all their metrics from %s? [y/N] ",
        existing.size(), existing.size() == 1 ? "run" : "runs", listed, file);
    err.flush();
    String answer =
        new BufferedReader(new InputStreamReader(parent.terminal().stdin(), StandardCharsets.UTF_8)).readLine();
    return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.DemoRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics delete}: deletes runs with their metric rows and token usage, in one
 * transaction: the runs named, or with {@code --demo} every run {@code gao-metrics demo} recorded.
 * Asks first when standard input is a terminal, unless {@code --yes}.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes runs, with their metric rows and token usage, in one transaction.",
      "--demo deletes every run 'gao-metrics demo' recorded (metadata \"" + DemoRuns.MARKER + "\": true) and"
          + " leaves every other run as it is.",
      "Asks for confirmation when run from a terminal, unless --yes.",
      "Unknown run ids are reported: exit code 3 when there was any, 0 when every run was deleted."
    })
final class DeleteCommand extends DatabaseCommand {
  @Parameters(arity = "0..*", paramLabel = "RUN_ID", description = "Ids of the runs to delete.")
  List<String> runIds;

  @Option(names = "--demo", description = "Delete every demo run instead of runs named by id.")
  boolean demo;

  @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    boolean named = runIds != null && !runIds.isEmpty();
    if (demo == named) {
      throw new ParameterException(
          spec.commandLine(),
          demo ? "--demo deletes the demo runs; leave out the RUN_ID arguments, or --demo"
              : "give at least one RUN_ID, or --demo to delete the demo runs");
    }
    DatabaseLocation database = location();
    PrintWriter out = out();
    PrintWriter err = err();
    try (BenchmarkStore store = openCurrent()) {
      return demo ? deleteDemo(store, database, out, err) : deleteNamed(store, database, out, err);
    }
  }

  private int deleteNamed(BenchmarkStore store, DatabaseLocation database, PrintWriter out, PrintWriter err) throws IOException {
    Set<String> ids = new LinkedHashSet<>(runIds);
    List<String> existing = new ArrayList<>();
    for (String id : ids) {
      if (store.runs().exists(id)) {
        existing.add(id);
      } else {
        err.println("gao-metrics delete: no run " + Show.quoted(id) + " in " + database + "; nothing deleted for it");
      }
    }
    if (!existing.isEmpty() && !yes && cli().terminal().interactive() && !confirmed(err, existing, database)) {
      out.println("nothing deleted");
      return 0;
    }
    Map<String, Integer> deleted = store.deleteAll(existing);
    int rows = deleted.values().stream().mapToInt(Integer::intValue).sum();
    out.printf("deleted %d %s (%d rows) from %s%n", deleted.size(), deleted.size() == 1 ? "run" : "runs", rows, database);
    return deleted.size() == ids.size() ? 0 : GaoMetricsCli.EXIT_DATABASE_ERROR;
  }

  private int deleteDemo(BenchmarkStore store, DatabaseLocation database, PrintWriter out, PrintWriter err) throws IOException {
    StoredDemoRuns.Counts counts = StoredDemoRuns.count(store);
    if (counts.demo() == 0) {
      out.printf("no demo runs in %s (%d other %s); nothing deleted%n", database, counts.real(),
          counts.real() == 1 ? "run" : "runs");
      return 0;
    }
    if (!yes && cli().terminal().interactive()
        && !cli().terminal().confirmed(err, "delete " + plural(counts.demo(), "demo run") + " and all their metrics"
            + " from " + database + ", keeping its " + plural(counts.real(), "other run") + "? [y/N] ")) {
      out.println("nothing deleted");
      return 0;
    }
    StoredDemoRuns.Deleted deleted = StoredDemoRuns.delete(store);
    out.printf("deleted %s (%d rows) from %s; %s kept%n", plural(deleted.runs(), "demo run"), deleted.rows(), database,
        plural(deleted.kept(), "other run"));
    return 0;
  }

  private boolean confirmed(PrintWriter err, List<String> existing, DatabaseLocation database) throws IOException {
    String listed =
        existing.size() <= 5
            ? String.join(", ", existing.stream().map(Show::quoted).toList())
            : String.join(", ", existing.subList(0, 5).stream().map(Show::quoted).toList()) + ", ...";
    return cli().terminal().confirmed(err, "delete " + existing.size() + (existing.size() == 1 ? " run" : " runs")
        + " (" + listed + ") and all their metrics from " + database + "? [y/N] ");
  }

  private static String plural(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }
}

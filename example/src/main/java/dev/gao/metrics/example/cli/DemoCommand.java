package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.BenchmarkSummary;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoQueriesImpl;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics demo}: records realistic runs of several projects, benchmarks and versions,
 * reads every one back whole, and prints a summary per benchmark and version. Its runs are marked
 * ({@link DemoRuns#MARKER}) and it never mixes them with real runs unless told to: a database that
 * holds runs it did not record is refused without {@code --force}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Records realistic benchmark runs, reads them back and prints a summary.",
      "The newest run (weather-dashboard, bugfix-suite 1.1.0) is a deliberate regression, 40%% slower and costlier"
          + " than the runs before it, for 'gao-metrics regressions' to find.",
      "Demo runs carry \"" + DemoRuns.MARKER + "\": true in their metadata; 'gao-metrics delete --demo' deletes"
          + " them all. A database that holds other runs is refused (exit code 2) unless --force: give the demo"
          + " a file of its own with --db."
    })
final class DemoCommand extends DatabaseCommand {
  @Option(
      names = "--repeats",
      defaultValue = "6",
      paramLabel = "N",
      description = "Runs per project, benchmark and version (default: ${DEFAULT-VALUE}; 6 or more give the"
          + " regression 5 baseline runs).")
  int repeats;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "Random seed; the same seed records the same runs. Default: the current time.")
  Long seed;

  @Option(
      names = "--force",
      description = "Record demo runs even into a database that holds runs the demo did not record.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (repeats < 1) {
      throw new ParameterException(spec.commandLine(), "invalid --repeats " + repeats + ": give 1 or more");
    }
    DatabaseLocation database = location();
    boolean existed;
    if (database.file().isPresent()) {
      existed = Files.exists(database.file().get());
      if (existed) {
        // The runtime's checks (the kind of file, who may read it, files others planted beside it,
        // an interrupted write) before anything reads it.
        Databases.plan(database);
      }
    } else {
      // The runtime's checks of the server (its version, tables it did not create) first.
      existed = !Databases.plan(database).createsSchema();
    }
    StoredDemoRuns.Counts before;
    try {
      before = StoredDemoRuns.count(database);
    } catch (SQLException e) {
      // Without the count the demo cannot know whether it would mix with real runs: it stops.
      throw new IllegalStateException(
          "cannot count the runs of " + database + " (" + e.getMessage() + "); check it with 'gao-metrics status --db "
              + database + "', or give the demo a database of its own (--db demo.db)", e);
    }
    if (before.real() > 0 && !force) {
      throw new RefusedException(
          database + " holds " + before.real() + (before.real() == 1 ? " run" : " runs")
              + " that 'gao-metrics demo' did not record, which demo runs would mix with; give the demo a file"
              + " of its own (--db demo.db), or pass --force to add them anyway (remove them later with"
              + " 'gao-metrics delete --demo --db " + database + "')");
    }
    long actualSeed = seed != null ? seed : System.nanoTime();
    Instant start = Instant.now().minusSeconds(86_400L * 7);
    List<CompleteRun> runs = new DemoRuns(actualSeed, start).matrix(repeats);
    PrintWriter out = out();
    out.println("using " + database + " (" + describe(database, existed, before) + ")");
    out.flush();
    try (BenchmarkStore store = new BenchmarkStore(database.builder(GaoMetricsSchema.SCHEMA).open())) {
      long began = System.nanoTime();
      for (CompleteRun run : runs) {
        store.record(run);
      }
      double millis = (System.nanoTime() - began) / 1e6;
      int rows = runs.stream().mapToInt(r -> 5 + r.tokenUsage().size()).sum();
      out.printf("recorded %d runs (%d rows) into %s in %.0f ms%n", runs.size(), rows, database, millis);

      for (CompleteRun written : runs) {
        store
            .find(written.runId())
            .orElseThrow(() -> new IllegalStateException("run " + written.runId() + " was not stored"));
      }
      out.println("read back every run whole; all runs in the database per benchmark and version:");
      out.printf(
          "%-26s %5s %9s %10s %10s %8s %9s%n",
          "benchmark version", "runs", "completed", "time (s)", "tokens", "cost ($)", "coverage");
      for (BenchmarkSummary summary : new GaoQueriesImpl(store.database()).summaries()) {
        out.printf(
            "%-26s %5d %9d %10.0f %10.0f %8.2f %8.1f%%%n",
            summary.benchmarkName() + " " + summary.version(),
            summary.runs(),
            summary.completed(),
            summary.meanTimeSeconds(),
            summary.meanTokens(),
            summary.meanCostUsd(),
            summary.meanCoveragePercentage());
      }
      StoredDemoRuns.Counts after = StoredDemoRuns.count(store);
      out.printf("database now holds %,d runs (%,d of them demo runs); delete the demo runs with"
          + " 'gao-metrics delete --demo --db %s'%n", after.runs(), after.demo(), database);
    }
    return 0;
  }

  private static String describe(DatabaseLocation database, boolean existed, StoredDemoRuns.Counts before) {
    if (!existed) {
      return database.isFile() ? "a new file" : "an empty database";
    }
    if (before.runs() == 0) {
      return "no runs yet";
    }
    if (before.real() == 0) {
      return before.demo() + " demo runs already, no others";
    }
    return before.real() + " runs the demo did not record, kept beside the demo runs (--force)";
  }
}

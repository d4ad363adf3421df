package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.BenchmarkSummary;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoQueriesImpl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics demo}: records realistic runs of several projects, benchmarks and versions,
 * reads every one back whole, and prints a summary per benchmark and version.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Records realistic benchmark runs, reads them back and prints a summary.",
      "The newest run (weather-dashboard, bugfix-suite 1.1.0) is a deliberate regression, 40%% slower and costlier"
          + " than the runs before it, for 'gao-metrics regressions' to find."
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

  @Override
  public Integer call() {
    if (repeats < 1) {
      throw new ParameterException(spec.commandLine(), "invalid --repeats " + repeats + ": give 1 or more");
    }
    Path file = file();
    long actualSeed = seed != null ? seed : System.nanoTime();
    Instant start = Instant.now().minusSeconds(86_400L * 7);
    List<CompleteRun> runs = new DemoRuns(actualSeed, start).matrix(repeats);
    PrintWriter out = out();
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      long began = System.nanoTime();
      for (CompleteRun run : runs) {
        store.record(run);
      }
      double millis = (System.nanoTime() - began) / 1e6;
      int rows = runs.stream().mapToInt(r -> 5 + r.tokenUsage().size()).sum();
      out.printf("recorded %d runs (%d rows) into %s in %.0f ms%n", runs.size(), rows, file, millis);

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
      out.printf("database now holds %,d runs%n", store.runs().count());
    }
    return 0;
  }
}

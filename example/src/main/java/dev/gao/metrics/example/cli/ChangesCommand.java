package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.ChangePointOptions;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RunFilter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics changes}: where each metric's level shifted in the history of each project,
 * benchmark and version ({@code Analytics.changePoints}), and whether the newest run is at a worse
 * level, so that CI can stop on it.
 */
@Command(
    name = "changes",
    description = {
      "Finds the change points of metrics: the runs where a metric's level shifted, in the history of each"
          + " project, benchmark and version (--comparable-by), oldest first (failed and timed-out runs left out unless"
          + " --include-failed).",
      "The detector is E-divisive means with Student's t-test (Bonferroni-corrected over the window): candidates"
          + " in windows of --window runs, each kept when p < --alpha and its size at least --min-magnitude.",
      "For each change: the run where the new level starts, the mean, sd and number of runs before and after,"
          + " the relative change, its direction by the metric's better direction, p, and whether it is open"
          + " (the last change of its history: the newest run is at the new level).",
      "--json prints one object: options and changes.",
      "Exit code 1 when a change that makes a metric worse is open, 0 otherwise."
    })
final class ChangesCommand extends DatabaseCommand {
  /** Exit code when a regression is open at the newest run. */
  static final int EXIT_OPEN_REGRESSION = 1;

  private static final String[] HEADER = {
    "project", "benchmark", "version", "metric", "run", "time", "before", "after", "change", "direction", "p", "open"
  };
  private static final boolean[] NUMERIC = {
    false, false, false, false, false, false, true, true, true, false, true, false
  };

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--metric",
      paramLabel = "METRIC",
      description = "A metric, as trend takes it (repeatable); default: every number metric (--all-metrics).")
  List<String> metrics;

  @Option(names = "--all-metrics", description = "Every number metric (the default without --metric).")
  boolean allMetrics;

  @Mixin RunFilterOptions filters;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "50",
      description = "Runs per window of the search, and at most on each side of a change's test (default ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.001",
      description = "The significance level of a change (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--min-magnitude",
      paramLabel = "PCT",
      defaultValue = "0",
      description = "The smallest change kept, in percent of the level before it (default ${DEFAULT-VALUE}).")
  String minMagnitude;

  @Option(
      names = "--comparable-by",
      paramLabel = "DIMENSIONS",
      description = "Comma-separated dimensions whose values make one history, of project_name, benchmark_name,"
          + " version (default: all three; empty: one history of every run).")
  String comparableBy;

  @Option(names = "--include-failed", description = "Include failed and timed-out runs in the histories.")
  boolean includeFailed;

  @Option(names = "--json", description = "Print the changes as a JSON object.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    if (metrics != null && allMetrics) {
      throw new ParameterException(spec.commandLine(), "give --metric or --all-metrics, not both");
    }
    List<String> names;
    ChangePointOptions options;
    try {
      names =
          metrics == null
              ? GaoRunModel.MODEL.metrics().values().stream()
                  .filter(m -> !m.isMap() && m.key() == null)
                  .map(MetricRef::name)
                  .toList()
              : metrics.stream().map(m -> GaoRunModel.MODEL.metric(m).name()).toList();
      options =
          ChangePointOptions.DEFAULT
              .window(window)
              .alpha(alpha)
              .minMagnitude(ThresholdOptions.percent(minMagnitude, "--min-magnitude", spec))
              .includeFailed(includeFailed || filters.hasStatus());
      if (comparableBy != null) {
        options = options.comparableBy(ComparableBy.dimensions(comparableBy, spec));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    RunFilter filter = filters.apply(RunFilter.ALL, spec);
    List<ChangePoint> found;
    try (BenchmarkStore store = openCurrent()) {
      try {
        found = GaoRunModel.analytics(store).changePoints(names, filter, options);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    boolean open = found.stream().anyMatch(ChangePoint::openRegression);
    PrintWriter out = out();
    if (json) {
      ObjectNode root = RunDocument.mapper().createObjectNode();
      ObjectNode settings = root.putObject("options");
      settings.put("window", options.window());
      settings.put("alpha", options.alpha());
      settings.put("min_segment", options.minSegment());
      settings.put("min_magnitude", options.minMagnitude());
      settings.put("failed_runs_included", options.includesFailed());
      ArrayNode list = root.putArray("changes");
      for (ChangePoint c : found) {
        ObjectNode node = list.addObject();
        node.set("group", Values.object(c.group()));
        node.put("metric", c.metric().name());
        node.put("unit", c.metric().info().unit());
        node.put("better", c.metric().info().better().name().toLowerCase(Locale.ROOT));
        node.set("run_id", Values.json(c.runId()));
        node.put("time", c.time().toString());
        node.put("runs_before", c.runsBefore());
        node.put("mean_before", c.meanBefore());
        node.put("stddev_before", c.stddevBefore());
        node.put("runs_after", c.runsAfter());
        node.put("mean_after", c.meanAfter());
        node.put("stddev_after", c.stddevAfter());
        node.put("relative_change", c.relativeChange());
        node.put("direction", c.change().name().toLowerCase(Locale.ROOT));
        node.put("p_value", c.pValue());
        node.put("open", c.open());
      }
      root.put("open_regressions", found.stream().filter(ChangePoint::openRegression).count());
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return open ? EXIT_OPEN_REGRESSION : 0;
    }
    out.println("change points: " + options);
    if (found.isEmpty()) {
      out.println("no change points in " + names.size() + (names.size() == 1 ? " metric" : " metrics"));
      return 0;
    }
    Table table = new Table(HEADER, NUMERIC);
    for (ChangePoint c : found) {
      Map<String, Object> group = c.group();
      table.add(
          text(group.get("project_name")),
          text(group.get("benchmark_name")),
          text(group.get("version")),
          c.metric().name(),
          String.valueOf(c.runId()),
          c.time().toString(),
          level(c.meanBefore(), c.stddevBefore(), c.runsBefore()),
          level(c.meanAfter(), c.stddevAfter(), c.runsAfter()),
          Values.percent(c.relativeChange()),
          c.change().name().toLowerCase(Locale.ROOT),
          String.format(Locale.ROOT, "%.2g", c.pValue()),
          c.open() ? "open" : "");
    }
    table.print(out);
    List<String> regressed = new ArrayList<>();
    found.stream().filter(ChangePoint::openRegression).forEach(c -> regressed.add(c.metric().name()));
    out.println(
        found.size()
            + (found.size() == 1 ? " change point; " : " change points; ")
            + (regressed.isEmpty()
                ? "no regression is open at the newest run"
                : "OPEN REGRESSIONS: " + String.join(", ", regressed)));
    return open ? EXIT_OPEN_REGRESSION : 0;
  }

  private static String text(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }

  private static String level(double mean, double stddev, int runs) {
    return Values.rounded(mean) + " \u00b1 " + Values.rounded(stddev) + " (" + runs + ")";
  }
}

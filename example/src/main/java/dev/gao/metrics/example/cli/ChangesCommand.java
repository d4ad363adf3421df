package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.ChangePointOptions;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunHistory;
import dev.gao.metrics.runtime.analytics.RunModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
      "--json (--format json) prints one object: options and changes. --format markdown, junit and github write"
          + " a summary, JUnit XML (a suite per history, a test case per metric: failed while a regression is open,"
          + " skipped when the history is too short for a change) and GitHub Actions workflow commands for CI.",
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

  @Mixin FormatOptions formats;

  @Override
  public Integer call() throws IOException {
    FormatOptions.Format format = formats.format(spec);
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
    Optional<FormatOptions.Destination> destination = formats.destination(this);
    if (destination.isEmpty()) {
      return 0;
    }
    List<ChangePoint> found;
    Map<Map<String, Object>, Map<String, Integer>> histories = null;
    try (BenchmarkStore store = openCurrent()) {
      Analytics analytics = GaoRunModel.analytics(store);
      try {
        found = analytics.changePoints(names, filter, options);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      if (format != FormatOptions.Format.table && format != FormatOptions.Format.json) {
        histories = histories(analytics, names, filter, options);
      }
    }
    boolean open = found.stream().anyMatch(ChangePoint::openRegression);
    ChangePointOptions settings = options;
    Map<Map<String, Object>, Map<String, Integer>> read = histories;
    destination.get().print(out -> {
      switch (format) {
        case json -> out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(found, settings)));
        case markdown -> MarkdownReport.write(ci(found, names, read, settings), out);
        case junit -> JunitReport.write(ci(found, names, read, settings), out);
        case github -> GithubReport.write(ci(found, names, read, settings), out);
        default -> text(out, found, names, settings);
      }
    });
    return open ? EXIT_OPEN_REGRESSION : 0;
  }

  private static ObjectNode json(List<ChangePoint> found, ChangePointOptions options) {
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
    return root;
  }

  private static void text(PrintWriter out, List<ChangePoint> found, List<String> names, ChangePointOptions options) {
    out.println("change points: " + options);
    if (found.isEmpty()) {
      out.println("no change points in " + names.size() + (names.size() == 1 ? " metric" : " metrics"));
      return;
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
  }

  /**
   * How many runs of each history have a value of each metric, read as {@code
   * Analytics.changePoints} reads them (the same histories, the same runs), so that the CI formats
   * can tell a metric without a change from one whose history is too short to have one.
   *
   * @return history (dimension to value, in the detector's order) to metric name to runs
   */
  private static Map<Map<String, Object>, Map<String, Integer>> histories(
      Analytics analytics, List<String> names, RunFilter filter, ChangePointOptions options) {
    RunModel model = analytics.model();
    List<String> comparable =
        (options.comparableBy() != null ? options.comparableBy() : model.comparableBy()).stream()
            .map(model::dimension)
            .toList();
    List<MetricRef> refs = names.stream().map(model::metric).distinct().toList();
    List<String> columns = refs.stream().filter(r -> r.key() == null).map(MetricRef::name).toList();
    RunHistory runs = analytics.history(columns, filter);
    boolean withoutFailed = !options.includesFailed();
    Map<Map<String, Object>, Map<String, Integer>> histories = new LinkedHashMap<>();
    for (Map<String, Object> group : runs.groups(comparable)) {
      Map<String, Integer> values = new LinkedHashMap<>();
      for (MetricRef metric : refs) {
        if (metric.key() == null) {
          values.put(metric.name(), runs.series(metric.name(), group, withoutFailed, 1).size());
        } else {
          RunFilter of = withoutFailed ? filter.withoutFailed() : filter;
          for (Map.Entry<String, Object> value : group.entrySet()) {
            of = of.where(value.getKey(), String.valueOf(value.getValue()));
          }
          values.put(metric.name(), analytics.trend(metric.name(), of, Interval.RUN, 1).size());
        }
      }
      histories.put(group, values);
    }
    return histories;
  }

  /**
   * The change points for the CI formats. The markdown table lists every change point; workflow
   * commands: an error for each open regression, a warning for each closed one, a notice for each
   * improvement. The JUnit XML has a suite per history and a test case per metric in it: failed
   * when its last change is an open regression (the exit code's condition), skipped when the
   * history has too few runs with a value for any change to be found (fewer than twice the minimum
   * segment), passed otherwise.
   */
  private static CiReport ci(
      List<ChangePoint> found,
      List<String> names,
      Map<Map<String, Object>, Map<String, Integer>> histories,
      ChangePointOptions options) {
    List<CiReport.Entry> entries = new ArrayList<>();
    Map<List<Object>, ChangePoint> last = new LinkedHashMap<>();
    for (ChangePoint c : found) {
      String context = context(c.group());
      String unit = c.metric().info().unit();
      String better = c.metric().info().better().name().toLowerCase(Locale.ROOT);
      String direction = c.change().name().toLowerCase(Locale.ROOT);
      boolean regressed = c.change() == Change.REGRESSED;
      entries.add(new CiReport.Entry(
          suite(c.group()),
          context,
          c.metric().name(),
          unit,
          better,
          List.of(
              Values.cell(c.runId()),
              Values.rounded(c.meanBefore()),
              Values.rounded(c.meanAfter()),
              Values.percent(c.relativeChange()),
              String.format(Locale.ROOT, "%.2g", c.pValue())),
          c.open() ? direction + " (open)" : direction,
          CiReport.Outcome.NONE,
          null,
          c.openRegression()
              ? CiReport.Level.ERROR
              : regressed ? CiReport.Level.WARNING : c.change() == Change.IMPROVED ? CiReport.Level.NOTICE : CiReport.Level.NONE,
          c.metric().name() + " " + direction + (regressed && !c.open() ? " (closed)" : "") + " in " + context,
          true,
          evidence(c, unit, better)));
      if (c.open()) {
        last.put(key(c.group(), c.metric().name()), c);
      }
    }
    int least = 2 * options.minSegment();
    long untested = 0;
    for (Map.Entry<Map<String, Object>, Map<String, Integer>> history : histories.entrySet()) {
      String suite = suite(history.getKey());
      String context = context(history.getKey());
      for (Map.Entry<String, Integer> metric : history.getValue().entrySet()) {
        MetricRef ref = GaoRunModel.MODEL.metric(metric.getKey());
        ChangePoint open = last.get(key(history.getKey(), metric.getKey()));
        int runs = metric.getValue();
        CiReport.Outcome outcome;
        String message;
        if (open != null && open.openRegression()) {
          outcome = CiReport.Outcome.FAILED;
          message = evidence(open, ref.info().unit(), ref.info().better().name().toLowerCase(Locale.ROOT));
        } else if (runs < least) {
          outcome = CiReport.Outcome.SKIPPED;
          message = runs + (runs == 1 ? " run has" : " runs have") + " a value; a change needs at least " + least
              + " (" + options.minSegment() + " on each side); not tested";
          untested++;
        } else {
          outcome = CiReport.Outcome.PASSED;
          message = runs + " runs, no open regression";
        }
        entries.add(new CiReport.Entry(
            suite,
            context,
            metric.getKey(),
            ref.info().unit(),
            ref.info().better().name().toLowerCase(Locale.ROOT),
            List.of("-", "-", "-", "-", "-"),
            outcome.name().toLowerCase(Locale.ROOT),
            outcome,
            "regressed",
            CiReport.Level.NONE,
            null,
            false,
            message));
      }
    }
    long openRegressions = found.stream().filter(ChangePoint::openRegression).count();
    List<CiReport.Count> counts = new ArrayList<>();
    counts.add(new CiReport.Count(openRegressions, openRegressions == 1 ? "open regression" : "open regressions", true));
    counts.add(new CiReport.Count(found.size(), found.size() == 1 ? "change point" : "change points", false));
    if (untested > 0) {
      counts.add(new CiReport.Count(
          untested, untested == 1 ? "metric history too short to test" : "metric histories too short to test", false));
    }
    List<String> notes = new ArrayList<>();
    if (untested > 0) {
      notes.add("A change needs at least " + least + " runs with a value (" + options.minSegment()
          + " on each side); shorter histories were not tested.");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("window", Integer.toString(options.window()));
    properties.put("alpha", Values.number(options.alpha()));
    properties.put("min segment", Integer.toString(options.minSegment()));
    properties.put("min magnitude", Values.threshold(options.minMagnitude()));
    properties.put("failed runs included", Boolean.toString(options.includesFailed()));
    String subject = names.size() + (names.size() == 1 ? " metric in " : " metrics in ") + histories.size()
        + (histories.size() == 1 ? " history" : " histories");
    return new CiReport(
        "changes",
        subject,
        counts,
        notes,
        "history",
        List.of(
            new CiReport.Column("run", false),
            new CiReport.Column("mean before", true),
            new CiReport.Column("mean after", true),
            new CiReport.Column("change", true),
            new CiReport.Column("p", true)),
        entries,
        "No change points in " + subject + ".",
        properties);
  }

  /** The evidence of a change point in one line. */
  private static String evidence(ChangePoint c, String unit, String better) {
    return "from run " + Values.cell(c.runId()) + " (" + c.time() + ") the mean is " + CiReport.amount(c.meanAfter(), unit)
        + " (sd " + Values.rounded(c.stddevAfter()) + ", " + c.runsAfter() + " runs) after "
        + CiReport.amount(c.meanBefore(), unit) + " (sd " + Values.rounded(c.stddevBefore()) + ", " + c.runsBefore()
        + " runs): " + Values.percent(c.relativeChange()) + ", p " + String.format(Locale.ROOT, "%.2g", c.pValue())
        + "; " + CiReport.betterText(better)
        + (c.open() ? "; open: the newest run is at the new level" : "; a later change followed");
  }

  private static List<Object> key(Map<String, Object> group, String metric) {
    return List.of(group, metric);
  }

  /** A history's JUnit suite: {@code gao-metrics.changes.project.benchmark.version}. */
  private static String suite(Map<String, Object> group) {
    return CiReport.suiteName("changes", new ArrayList<>(group.values()));
  }

  /** A history in words: {@code todo-app / bugfix-suite / 1.1.0}; {@code all runs} for one history of every run. */
  private static String context(Map<String, Object> group) {
    return group.isEmpty()
        ? "all runs"
        : String.join(" / ", group.values().stream().map(Values::cell).toList());
  }

  private static String text(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }

  private static String level(double mean, double stddev, int runs) {
    return Values.rounded(mean) + " \u00b1 " + Values.rounded(stddev) + " (" + runs + ")";
  }
}

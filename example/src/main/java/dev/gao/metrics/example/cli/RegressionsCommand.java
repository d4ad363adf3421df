package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.MetricCheck;
import dev.gao.metrics.runtime.analytics.RegressionOptions;
import dev.gao.metrics.runtime.analytics.RegressionReport;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
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
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics regressions}: checks a run against a baseline, one named run or the latest
 * comparable runs, and exits 1 when a metric regressed or the run itself failed.
 */
@Command(
    name = "regressions",
    description = {
      "Checks a run for regressions: each metric is compared with a baseline by its direction.",
      "The baseline is the latest --last N earlier runs of the same project, benchmark and version (failed and"
          + " timed-out runs left out unless --include-failed): a metric regressed when it moved beyond its"
          + " threshold in the worse direction and a one-sided prediction t-test gives p < --alpha. With"
          + " --baseline RUN the baseline is that one run, judged by the threshold alone.",
      "RUN defaults to the newest run that matches the filters. Prints the evidence of every regressed metric"
          + " (--all: of every metric); metrics with fewer than --min-samples baseline values are listed in a"
          + " note and are not tested. Percentages: 5%% and 5 both mean five percent.",
      "--json (--format json) prints one object: candidate, baseline, options, checks (every metric) and regressed.",
      "--format markdown, junit and github write a summary, JUnit XML (a test case per metric and one for the"
          + " run's status) and GitHub Actions workflow commands for CI; the exit code is the same in every format.",
      "Exit code 1 when a metric regressed or the run itself failed or timed out, 0 otherwise;"
          + " 2 when no run matches the filters; 3 for an unknown run."
    })
final class RegressionsCommand extends DatabaseCommand {
  /** Exit code when a metric regressed or the checked run failed. */
  static final int EXIT_REGRESSED = 1;

  private static final String[] HEADER = {
    "metric", "unit", "better", "candidate", "mean", "stddev", "n", "min", "max", "delta %", "t", "p", "verdict"
  };
  private static final boolean[] NUMERIC = {
    false, false, false, true, true, true, true, true, true, true, true, true, false
  };

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUN",
      description = "The run to check (default: the newest run that matches the filters).")
  String runId;

  @Option(names = "--baseline", paramLabel = "RUN", description = "Compare with this one run instead of the latest runs.")
  String baseline;

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "The baseline is the latest N comparable runs before RUN (default 10; 2 or more).")
  Integer last;

  @Option(
      names = "--min-samples",
      paramLabel = "K",
      description = "Fewest baseline values a metric needs to be tested (default 5, capped to --last; 2 or more).")
  Integer minSamples;

  @Mixin ThresholdOptions thresholdOptions;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description = "Significance level of the t-test, above 0 and below 1 (default ${DEFAULT-VALUE}).")
  String alpha;

  @Option(
      names = "--comparable-by",
      paramLabel = "DIMENSIONS",
      description = "Comma-separated dimensions a baseline run must share with RUN, of project_name, benchmark_name,"
          + " version (default: all three; empty: every earlier run).")
  String comparableBy;

  @Option(names = "--include-failed", description = "Let failed and timed-out runs be baseline runs.")
  boolean includeFailed;

  @Mixin RunFilterOptions filters;

  @Option(names = "--all", description = "Print the evidence of every metric, not only the regressed ones.")
  boolean all;

  @Mixin FormatOptions formats;

  @Override
  public Integer call() throws IOException {
    FormatOptions.Format format = formats.format(spec);
    RegressionOptions options = options();
    RunFilter filter = filters.apply(RunFilter.ALL, spec);
    String given = filters.describe();
    if (runId != null && !given.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "give RUN or filters to pick the newest matching run, not both (" + given + ")");
    }
    Optional<FormatOptions.Destination> destination = formats.destination(this);
    if (destination.isEmpty()) {
      return 0;
    }
    RegressionReport report;
    try (BenchmarkStore store = openCurrent()) {
      Analytics analytics = GaoRunModel.analytics(store);
      Object candidate = runId;
      if (candidate == null) {
        List<RunRow> newest = analytics.latest(1, filter);
        if (newest.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(),
              given.isEmpty()
                  ? "there are no runs in " + location() + " to check; record some first"
                  : "no run matches " + given + "; list runs with 'gao-metrics runs " + given + "'");
        }
        candidate = newest.get(0).id();
      }
      report = analytics.regressions(candidate, options);
    }
    boolean regressed = report.hasRegressions();
    int exit = regressed || report.candidateFailed() ? EXIT_REGRESSED : 0;
    destination.get().print(out -> {
      switch (format) {
        case json -> out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(report)));
        case markdown -> MarkdownReport.write(ci(report), out);
        case junit -> JunitReport.write(ci(report), out);
        case github -> GithubReport.write(ci(report), out);
        default -> text(out, report);
      }
    });
    if (report.candidateFailed()) {
      err().println("gao-metrics regressions: run " + Show.quoted(String.valueOf(report.candidate().id()))
          + " itself did not succeed (status " + report.candidate().get("status") + "); check its logs");
      err().flush();
    }
    return exit;
  }

  private RegressionOptions options() {
    if (baseline != null && (last != null || minSamples != null || comparableBy != null)) {
      throw new ParameterException(
          spec.commandLine(),
          (last != null ? "--last" : minSamples != null ? "--min-samples" : "--comparable-by")
              + " applies to a baseline of latest runs, not to --baseline");
    }
    double significance;
    try {
      significance = Double.parseDouble(alpha.strip());
    } catch (NumberFormatException e) {
      significance = Double.NaN;
    }
    if (!(significance > 0 && significance < 1)) {
      throw new ParameterException(
          spec.commandLine(), "invalid --alpha " + Show.quoted(alpha) + ": give a probability above 0 and below 1");
    }
    RegressionOptions options;
    if (baseline != null) {
      options = RegressionOptions.againstRun(baseline);
    } else {
      int n = last == null ? 10 : last;
      if (n < 2) {
        throw new ParameterException(spec.commandLine(), "--last must be 2 or more but was " + n);
      }
      int k = minSamples == null ? 5 : minSamples;
      if (k < 2) {
        throw new ParameterException(spec.commandLine(), "--min-samples must be 2 or more but was " + k);
      }
      options = RegressionOptions.againstLatest(n).minSamples(Math.min(k, n));
      if (comparableBy != null) {
        options = options.comparableBy(dimensions(comparableBy));
      }
    }
    return options
        .thresholds(thresholdOptions.thresholds(spec))
        .alpha(significance)
        .includeFailed(includeFailed);
  }

  private List<String> dimensions(String list) {
    return ComparableBy.dimensions(list, spec);
  }

  private void text(PrintWriter out, RegressionReport report) {
    RegressionOptions options = report.options();
    out.println("candidate: " + CompareCommand.describe(report.candidate())
        + (report.candidateFailed() ? "  FAILED RUN" : ""));
    out.println("baseline:  " + baselineText(report));
    out.printf(Locale.ROOT, "options:   threshold %s%s%s%n",
        Values.threshold(options.thresholds().defaultThreshold()),
        options.thresholds().perMetric().isEmpty() ? "" : " (" + options.thresholds().perMetric().size() + " per metric)",
        options.baselineRun() != null
            ? ""
            : ", alpha " + Values.number(options.alpha()) + ", min samples " + options.minSamples()
                + (options.includesFailed() ? ", failed runs included" : ", failed runs left out"));
    List<MetricCheck> regressions = report.regressions();
    List<MetricCheck> shown = all ? report.checks() : regressions;
    if (!shown.isEmpty()) {
      Table table = new Table(HEADER, NUMERIC);
      for (MetricCheck c : shown) {
        table.add(
            c.metric().name(),
            c.metric().info().unit(),
            c.metric().info().better().name().toLowerCase(Locale.ROOT),
            Values.rounded(c.candidate()),
            Values.rounded(c.mean()),
            Values.rounded(c.stddev()),
            Long.toString(c.samples()),
            Values.rounded(c.min()),
            Values.rounded(c.max()),
            c.candidate() == null || c.mean() == null ? "-" : Values.percent(c.relativeDelta()),
            c.t() == null ? "-" : String.format(Locale.ROOT, "%.2f", c.t()),
            c.pValue() == null ? "-" : pValue(c.pValue()),
            CompareCommand.change(c.change()));
      }
      table.print(out);
    }
    List<String> insufficient = names(report, Change.INSUFFICIENT_DATA);
    if (!insufficient.isEmpty()) {
      out.printf("note: %d %s fewer than %d baseline values and %s not tested: %s%n",
          insufficient.size(), insufficient.size() == 1 ? "metric has" : "metrics have", options.minSamples(),
          insufficient.size() == 1 ? "was" : "were", String.join(", ", insufficient));
    }
    if (report.baselineRuns().isEmpty()) {
      out.println("note: no comparable earlier run, so nothing was tested");
    }
    if (regressions.isEmpty()) {
      out.printf("no regressions in %d metrics%n", report.checks().size());
    } else {
      out.printf("REGRESSED: %d of %d metrics: %s%n", regressions.size(), report.checks().size(),
          String.join(", ", names(report, Change.REGRESSED)));
    }
  }

  private static String baselineText(RegressionReport report) {
    RegressionOptions options = report.options();
    if (options.baselineRun() != null) {
      return "run " + Values.cell(options.baselineRun());
    }
    List<String> on = new ArrayList<>();
    report.comparableOn().forEach((dimension, value) -> on.add(dimension + "=" + Values.cell(value)));
    return "latest " + options.latest() + " comparable runs: " + String.join(", ", on)
        + ", found " + report.baselineRuns().size();
  }

  private static List<String> names(RegressionReport report, Change change) {
    return report.checks().stream().filter(c -> c.change() == change).map(c -> c.metric().name()).toList();
  }

  private static String pValue(double p) {
    return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  /**
   * The report for the CI formats: one test case per metric of the candidate's project, benchmark
   * and version, failed when it regressed, skipped when it was not tested (too few baseline values,
   * or no value), and one test case {@code status}, failed when the run itself failed; the listed
   * rows are the regressed metrics, or every one with {@code --all}.
   */
  private CiReport ci(RegressionReport report) {
    RegressionOptions options = report.options();
    RunRow candidate = report.candidate();
    String suite = CiReport.suiteName(
        "regressions", List.of(candidate.get("project_name"), candidate.get("benchmark_name"), candidate.get("version")));
    boolean named = options.baselineRun() != null;
    List<CiReport.Entry> entries = new ArrayList<>();
    for (MetricCheck c : report.checks()) {
      String unit = c.metric().info().unit();
      String better = c.metric().info().better().name().toLowerCase(Locale.ROOT);
      boolean tested = c.change() != Change.INSUFFICIENT_DATA && c.change() != Change.MISSING;
      String verdict = tested ? CiReport.verdict(c.change()) : "not tested";
      entries.add(new CiReport.Entry(
          suite,
          null,
          c.metric().name(),
          unit,
          better,
          List.of(
              Values.rounded(c.mean()),
              Values.rounded(c.candidate()),
              c.candidate() == null || c.mean() == null ? "-" : Values.percent(c.relativeDelta()),
              c.pValue() == null ? "-" : pValue(c.pValue())),
          tested ? verdict : verdict + " (" + CiReport.verdict(c.change()) + ")",
          c.change() == Change.REGRESSED
              ? CiReport.Outcome.FAILED
              : tested ? CiReport.Outcome.PASSED : CiReport.Outcome.SKIPPED,
          "regressed",
          c.change() == Change.REGRESSED
              ? CiReport.Level.ERROR
              : !tested ? CiReport.Level.WARNING : c.change() == Change.IMPROVED ? CiReport.Level.NOTICE : CiReport.Level.NONE,
          c.metric().name() + " " + verdict,
          all || c.change() == Change.REGRESSED,
          evidence(report, c, unit, better)));
    }
    String status = Values.cell(candidate.get("status"));
    String runFailed = CiReport.run(candidate) + " itself did not succeed (status " + status + "); check its logs";
    entries.add(new CiReport.Entry(
        suite,
        null,
        "status",
        "",
        "",
        List.of("-", "-", "-", "-"),
        status,
        report.candidateFailed() ? CiReport.Outcome.FAILED : CiReport.Outcome.PASSED,
        "failed run",
        report.candidateFailed() ? CiReport.Level.ERROR : CiReport.Level.NONE,
        "run failed",
        false,
        report.candidateFailed() ? runFailed : "status " + status));
    List<CiReport.Count> counts = new ArrayList<>();
    counts.add(new CiReport.Count(names(report, Change.REGRESSED).size(), "regressed", true));
    counts.add(new CiReport.Count(names(report, Change.IMPROVED).size(), "improved", false));
    counts.add(new CiReport.Count(names(report, Change.UNCHANGED).size(), "unchanged", false));
    long changed = names(report, Change.CHANGED).size();
    if (changed > 0) {
      counts.add(new CiReport.Count(changed, "changed", false));
    }
    List<String> insufficient = names(report, Change.INSUFFICIENT_DATA);
    List<String> missing = names(report, Change.MISSING);
    if (!insufficient.isEmpty() || !missing.isEmpty()) {
      counts.add(new CiReport.Count(insufficient.size() + missing.size(), "not tested", false));
    }
    List<String> notes = new ArrayList<>();
    if (report.candidateFailed()) {
      notes.add("The run itself did not succeed (status " + status + ").");
    }
    if (!named && report.baselineRuns().isEmpty()) {
      notes.add("No comparable earlier run, so nothing was tested.");
    } else if (!insufficient.isEmpty()) {
      notes.add(notTested(insufficient, "fewer than " + options.minSamples() + " baseline values"));
    }
    if (!missing.isEmpty()) {
      notes.add(notTested(missing, named ? "no value in one of the two runs" : "no value in the run"));
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("candidate", Values.cell(candidate.id()));
    properties.put("baseline", baselineText(report));
    properties.put("threshold", Values.threshold(options.thresholds().defaultThreshold()));
    options.thresholds().perMetric()
        .forEach((metric, threshold) -> properties.put("threshold " + metric, Values.threshold(threshold)));
    if (!named) {
      properties.put("alpha", Values.number(options.alpha()));
      properties.put("min samples", Integer.toString(options.minSamples()));
    }
    return new CiReport(
        "regressions",
        CiReport.run(candidate) + " against "
            + (named
                ? "run " + Values.cell(options.baselineRun())
                : "the latest " + options.latest() + " comparable runs (found " + report.baselineRuns().size() + ")"),
        counts,
        notes,
        null,
        List.of(
            new CiReport.Column(named ? "baseline" : "baseline mean", true),
            new CiReport.Column("candidate", true),
            new CiReport.Column("delta %", true),
            new CiReport.Column("p", true)),
        entries,
        all ? "The run has no metric values to check." : "No metric regressed.",
        properties);
  }

  /** A note on metrics not tested: {@code 2 metrics had no value in the run and were not tested: a, b.} */
  private static String notTested(List<String> metrics, String why) {
    return metrics.size() + (metrics.size() == 1 ? " metric had " : " metrics had ") + why + " and "
        + (metrics.size() == 1 ? "was" : "were") + " not tested"
        + (metrics.size() <= 10 ? ": " + String.join(", ", metrics) + "." : ".");
  }

  /** The evidence of one check in one line: the values, the change, the threshold and the test. */
  private static String evidence(RegressionReport report, MetricCheck c, String unit, String better) {
    RegressionOptions options = report.options();
    boolean named = options.baselineRun() != null;
    String baselineRun = named ? "run " + Values.cell(options.baselineRun()) : null;
    if (c.change() == Change.MISSING) {
      return c.candidate() == null
          ? "the run has no value; not tested"
          : baselineRun + " has no value; not tested";
    }
    if (c.change() == Change.INSUFFICIENT_DATA) {
      return c.samples() + (c.samples() == 1 ? " baseline value" : " baseline values") + ", fewer than the "
          + options.minSamples() + " needed; not tested";
    }
    String delta = Values.percent(c.relativeDelta()) + ", threshold " + Values.threshold(c.threshold());
    if (named) {
      return CiReport.amount(c.candidate(), unit) + " against " + CiReport.amount(c.mean(), unit) + " in " + baselineRun
          + ": " + delta + "; " + CiReport.betterText(better);
    }
    return CiReport.amount(c.candidate(), unit) + " against a baseline mean of " + CiReport.amount(c.mean(), unit)
        + " (sd " + Values.rounded(c.stddev()) + ", min " + Values.rounded(c.min()) + ", max " + Values.rounded(c.max())
        + ", " + c.samples() + " runs): " + delta
        + (c.t() == null ? "" : ", t " + String.format(Locale.ROOT, "%.2f", c.t()))
        + ", p " + pValue(c.pValue()) + " (alpha " + Values.number(options.alpha()) + "); " + CiReport.betterText(better);
  }

  private static ObjectNode json(RegressionReport report) {
    RegressionOptions options = report.options();
    ObjectNode root = RunDocument.mapper().createObjectNode();
    root.set("candidate", Values.object(report.candidate().values()));
    root.put("candidate_failed", report.candidateFailed());
    ObjectNode baseline = root.putObject("baseline");
    if (options.baselineRun() != null) {
      baseline.put("kind", "run");
      baseline.set("run", Values.json(options.baselineRun()));
    } else {
      baseline.put("kind", "latest");
      baseline.put("latest", options.latest());
      baseline.set("comparable_on", Values.object(report.comparableOn()));
    }
    ArrayNode runs = baseline.putArray("runs");
    report.baselineRuns().forEach(id -> runs.add(Values.json(id)));
    baseline.put("found", report.baselineRuns().size());
    ObjectNode opts = root.putObject("options");
    opts.set("thresholds", CompareCommand.thresholds(options.thresholds()));
    if (options.baselineRun() == null) {
      opts.put("min_samples", options.minSamples());
    }
    opts.put("alpha", options.alpha());
    opts.put("include_failed", options.includesFailed());
    ArrayNode checks = root.putArray("checks");
    for (MetricCheck c : report.checks()) {
      ObjectNode node = checks.addObject();
      node.put("metric", c.metric().name());
      node.put("unit", c.metric().info().unit());
      node.put("better", c.metric().info().better().name().toLowerCase(Locale.ROOT));
      node.put("candidate", c.candidate());
      node.put("samples", c.samples());
      node.put("mean", c.mean());
      node.put("stddev", c.stddev());
      node.put("min", c.min());
      node.put("max", c.max());
      node.put("relative_delta", c.relativeDelta());
      node.put("t", c.t());
      node.put("p_value", c.pValue());
      node.put("threshold", c.threshold());
      node.put("change", CompareCommand.change(c.change()));
    }
    root.put("regressed", report.hasRegressions());
    return root;
  }
}

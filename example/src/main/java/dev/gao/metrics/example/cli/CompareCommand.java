package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.MetricDelta;
import dev.gao.metrics.runtime.analytics.RunComparison;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.analytics.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics compare}: every metric of two runs side by side, with the change judged by the
 * metric's direction and a relative threshold. Informational: exit 0 whatever changed.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares every metric of two runs: baseline and candidate value, delta, relative delta and a verdict"
          + " by the metric's direction (improved, regressed, unchanged within the threshold, changed for a"
          + " metric without a better direction, missing when only one run has it).",
      "Percentages: 5%% and 5 both mean five percent. A relative delta from a baseline of 0 is n/a"
          + " (null in JSON); any change from 0 counts as beyond the threshold.",
      "--json (--format json) prints one object with both runs, the thresholds, the deltas and the summary;"
          + " --format markdown, junit and github write a summary, JUnit XML and GitHub Actions workflow commands"
          + " for CI, where a regressed metric is a failed test case and an error.",
      "Exit code 0 whatever changed (see 'gao-metrics regressions' for a check that fails); 3 for an unknown run."
    })
final class CompareCommand extends DatabaseCommand {
  private static final String[] HEADER = {
    "metric", "unit", "better", "baseline", "candidate", "delta", "delta %", "verdict"
  };
  private static final boolean[] NUMERIC = {false, false, false, true, true, true, true, false};

  @Parameters(index = "0", paramLabel = "BASELINE", description = "The baseline run's id.")
  String baselineId;

  @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The candidate run's id.")
  String candidateId;

  @Mixin ThresholdOptions thresholdOptions;

  @Option(names = "--changed-only", description = "Leave out the metrics that stayed within their threshold.")
  boolean changedOnly;

  @Mixin FormatOptions formats;

  @Override
  public Integer call() throws IOException {
    FormatOptions.Format format = formats.format(spec);
    Thresholds thresholds = thresholdOptions.thresholds(spec);
    Optional<FormatOptions.Destination> destination = formats.destination(this);
    if (destination.isEmpty()) {
      return 0;
    }
    RunComparison comparison;
    try (BenchmarkStore store = openCurrent()) {
      comparison = GaoRunModel.analytics(store).compare(baselineId, candidateId, thresholds);
    }
    Map<Change, Integer> counts = new EnumMap<>(Change.class);
    comparison.deltas().forEach(d -> counts.merge(d.change(), 1, Integer::sum));
    List<MetricDelta> shown =
        comparison.deltas().stream().filter(d -> !changedOnly || d.change() != Change.UNCHANGED).toList();
    destination.get().print(out -> {
      switch (format) {
        case json -> out.println(
            RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(comparison, thresholds, shown, counts)));
        case markdown -> MarkdownReport.write(ci(comparison, thresholds, counts), out);
        case junit -> JunitReport.write(ci(comparison, thresholds, counts), out);
        case github -> GithubReport.write(ci(comparison, thresholds, counts), out);
        default -> text(out, comparison, thresholds, shown, counts);
      }
    });
    return 0;
  }

  private static ObjectNode json(
      RunComparison comparison, Thresholds thresholds, List<MetricDelta> shown, Map<Change, Integer> counts) {
    ObjectNode root = RunDocument.mapper().createObjectNode();
    root.set("baseline", Values.object(comparison.baseline().values()));
    root.set("candidate", Values.object(comparison.candidate().values()));
    root.set("thresholds", thresholds(thresholds));
    ArrayNode deltas = root.putArray("deltas");
    for (MetricDelta d : shown) {
      ObjectNode node = deltas.addObject();
      node.put("metric", d.metric().name());
      node.put("unit", d.metric().info().unit());
      node.put("better", better(d));
      node.put("baseline", d.baseline());
      node.put("candidate", d.candidate());
      node.put("absolute_delta", d.absoluteDelta());
      node.put("relative_delta", d.relativeDelta());
      node.put("threshold", d.threshold());
      node.put("change", change(d.change()));
    }
    ObjectNode summary = root.putObject("summary");
    for (Change change : Change.values()) {
      if (change != Change.INSUFFICIENT_DATA) {
        summary.put(change(change), counts.getOrDefault(change, 0));
      }
    }
    return root;
  }

  private static void text(
      PrintWriter out, RunComparison comparison, Thresholds thresholds, List<MetricDelta> shown, Map<Change, Integer> counts) {
    out.println("baseline:  " + describe(comparison.baseline()));
    out.println("candidate: " + describe(comparison.candidate()));
    Table table = new Table(HEADER, NUMERIC);
    for (MetricDelta d : shown) {
      table.add(
          d.metric().name(),
          d.metric().info().unit(),
          better(d),
          Values.rounded(d.baseline()),
          Values.rounded(d.candidate()),
          Values.rounded(d.absoluteDelta()),
          d.baseline() == null || d.candidate() == null ? "-" : Values.percent(d.relativeDelta()),
          change(d.change()));
    }
    if (!shown.isEmpty()) {
      table.print(out);
    } else if (comparison.deltas().isEmpty()) {
      out.println("neither run has metric values");
    } else {
      out.println("no metric changed beyond its threshold");
    }
    out.println(summary(counts, thresholds));
  }

  /**
   * The comparison for the CI formats: one test case per metric of the candidate's project,
   * benchmark and version, failed when it regressed, skipped when only one run has it; the listed
   * rows follow {@code --changed-only}.
   */
  private CiReport ci(RunComparison comparison, Thresholds thresholds, Map<Change, Integer> counts) {
    RunRow candidate = comparison.candidate();
    String suite = CiReport.suiteName(
        "compare", List.of(candidate.get("project_name"), candidate.get("benchmark_name"), candidate.get("version")));
    List<CiReport.Entry> entries = new ArrayList<>();
    for (MetricDelta d : comparison.deltas()) {
      String unit = d.metric().info().unit();
      String verdict = CiReport.verdict(d.change());
      String message;
      if (d.change() == Change.MISSING) {
        message = (d.baseline() == null ? "only the candidate run has a value, " + CiReport.amount(d.candidate(), unit)
            : "only the baseline run has a value, " + CiReport.amount(d.baseline(), unit)) + "; not compared";
      } else {
        message = "baseline " + CiReport.amount(d.baseline(), unit) + ", candidate " + CiReport.amount(d.candidate(), unit)
            + ": " + (d.absoluteDelta() >= 0 ? "+" : "") + CiReport.amount(d.absoluteDelta(), unit)
            + " (" + Values.percent(d.relativeDelta()) + ", threshold " + Values.threshold(d.threshold()) + "); "
            + CiReport.betterText(better(d));
      }
      entries.add(new CiReport.Entry(
          suite,
          null,
          d.metric().name(),
          unit,
          better(d),
          List.of(
              Values.rounded(d.baseline()),
              Values.rounded(d.candidate()),
              Values.rounded(d.absoluteDelta()),
              d.baseline() == null || d.candidate() == null ? "-" : Values.percent(d.relativeDelta())),
          verdict,
          switch (d.change()) {
            case REGRESSED -> CiReport.Outcome.FAILED;
            case MISSING -> CiReport.Outcome.SKIPPED;
            default -> CiReport.Outcome.PASSED;
          },
          verdict,
          switch (d.change()) {
            case REGRESSED -> CiReport.Level.ERROR;
            case MISSING -> CiReport.Level.WARNING;
            case IMPROVED -> CiReport.Level.NOTICE;
            default -> CiReport.Level.NONE;
          },
          d.metric().name() + " " + verdict,
          !changedOnly || d.change() != Change.UNCHANGED,
          message));
    }
    List<CiReport.Count> summary = new ArrayList<>();
    for (Change change : List.of(Change.REGRESSED, Change.IMPROVED, Change.UNCHANGED, Change.CHANGED, Change.MISSING)) {
      summary.add(new CiReport.Count(counts.getOrDefault(change, 0), change(change), change == Change.REGRESSED));
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("baseline", Values.cell(comparison.baseline().id()));
    properties.put("candidate", Values.cell(candidate.id()));
    properties.put("threshold", Values.threshold(thresholds.defaultThreshold()));
    thresholds.perMetric().forEach((metric, threshold) -> properties.put("threshold " + metric, Values.threshold(threshold)));
    return new CiReport(
        "compare",
        CiReport.run(candidate) + " against " + CiReport.run(comparison.baseline()),
        summary,
        List.of(),
        null,
        List.of(
            new CiReport.Column("baseline", true),
            new CiReport.Column("candidate", true),
            new CiReport.Column("delta", true),
            new CiReport.Column("delta %", true)),
        entries,
        comparison.deltas().isEmpty() ? "Neither run has metric values." : "No metric changed beyond its threshold.",
        properties);
  }

  /** One line of counts: {@code 2 improved, 1 regressed, 30 unchanged, 0 changed, 0 missing (threshold 5%)}. */
  private static String summary(Map<Change, Integer> counts, Thresholds thresholds) {
    StringBuilder line = new StringBuilder();
    for (Change change : Change.values()) {
      if (change == Change.INSUFFICIENT_DATA) {
        continue;
      }
      if (line.length() > 0) {
        line.append(", ");
      }
      line.append(counts.getOrDefault(change, 0)).append(' ').append(change(change));
    }
    line.append(" (threshold ").append(Values.threshold(thresholds.defaultThreshold()));
    if (!thresholds.perMetric().isEmpty()) {
      line.append(", ").append(thresholds.perMetric().size()).append(" per metric");
    }
    return line.append(')').toString();
  }

  /**
   * The thresholds as JSON: the default and the overrides, as fractions.
   *
   * @param thresholds the thresholds
   * @return the object
   */
  static ObjectNode thresholds(Thresholds thresholds) {
    ObjectNode node = RunDocument.mapper().createObjectNode();
    node.put("default", thresholds.defaultThreshold());
    ObjectNode per = node.putObject("per_metric");
    thresholds.perMetric().forEach(per::put);
    return node;
  }

  /**
   * A run for a header line: id, project, benchmark, version, status and time.
   *
   * @param run the run
   * @return the text
   */
  static String describe(RunRow run) {
    return Values.cell(run.id()) + "  (" + Values.cell(run.get("project_name")) + ", "
        + Values.cell(run.get("benchmark_name")) + " " + Values.cell(run.get("version")) + ", "
        + Values.cell(run.get("status")) + ", " + Values.cell(run.get("timestamp")) + ")";
  }

  private static String better(MetricDelta delta) {
    return delta.metric().info().better().name().toLowerCase(Locale.ROOT);
  }

  /**
   * A verdict as the tables and JSON print it: {@code regressed}, {@code insufficient_data}.
   *
   * @param change the verdict
   * @return the text
   */
  static String change(Change change) {
    return change.name().toLowerCase(Locale.ROOT);
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.report.TrendReport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics report trend}: the trends of some metrics as an HTML page ({@link TrendReport}). */
@Command(
    name = "trend",
    description = {
      "Writes the HTML trend report of one or more metrics over the runs the filters select: insights (the"
          + " trend that improved most, the one that needs attention), a table of each trend's mean, median,"
          + " sd, min, max, slope per day, r\u00b2, change first -> last and direction, and a chart per metric"
          + " with its moving average; --by overlays one line per project, benchmark or version.",
      "A direction is improving or degrading when the fitted line moves by more than the threshold over the"
          + " trend, by the metric's better direction; stable otherwise. Failed and timed-out runs are left"
          + " out unless --include-failed or --status is given. Long series are thinned, and the page says so."
    })
final class ReportTrendCommand extends PageCommand {
  // --version is the filter of RunFilterOptions here, so help is the only standard option
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC",
      description = "A metric, as trend takes it (repeatable).")
  List<String> metrics;

  @Option(
      names = "--by",
      paramLabel = "DIMENSION",
      description = "One line per value of this dimension: project_name, benchmark_name or version.")
  String by;

  @Mixin TrendOptions trend;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "The newest N points of each line (default ${DEFAULT-VALUE}: all).")
  int limit;

  @Mixin RunFilterOptions filters;

  @Mixin ThresholdOptions thresholdOptions;

  @Option(names = "--include-failed", description = "Include failed and timed-out runs.")
  boolean includeFailed;

  private Interval period;
  private RunFilter filter;
  private Thresholds thresholds;
  private String overlay;

  @Override
  void checkOptions() {
    period = trend.interval(spec);
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be 0 or more but was " + limit);
    }
    try {
      metrics.forEach(GaoRunModel.MODEL::metric);
      overlay = by == null ? null : GaoRunModel.MODEL.dimension(by);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    filter = filters.apply(RunFilter.ALL, spec).limit(limit);
    if (!includeFailed && !filters.hasStatus()) {
      filter = filter.withoutFailed();
    }
    thresholds = thresholdOptions.thresholds(spec);
  }

  @Override
  String render(BenchmarkStore store) {
    return new TrendReport(GaoRunModel.analytics(store))
        .render(metrics, overlay, filter, period, trend.window, thresholds, title, null);
  }
}

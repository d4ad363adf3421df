package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.ChangePointOptions;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.TrendPoint;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics trend}: a metric over time, per run or per period, with a moving average. */
@Command(
    name = "trend",
    description = {
      "A metric over time, oldest first: one point per run, or per UTC hour, day, week (from Monday) or month"
          + " with the mean, min and max of its runs, each with the trailing moving average over --window points"
          + " (- until the window is full).",
      "Failed and timed-out runs are left out unless --include-failed or --status is given.",
      "Per run, a point where a change point starts (a level shift in its project, benchmark and version's whole"
          + " history, as gao-metrics changes finds it) says so in the change_point column.",
      "--json prints one object with the metric and its points."
    })
final class TrendCommand extends DatabaseCommand {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC",
      description = "The metric: table.column (performance_metrics.total_time_seconds) or a key of a JSON map"
          + " metric, table.column[key] (performance_metrics.token_usage_by_agent[amelia]); the table may be"
          + " left out when only one table has a metric of that name (total_time_seconds).")
  String metric;

  @Mixin TrendOptions trend;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "30",
      description = "The newest N points (default ${DEFAULT-VALUE}; 0 for all).")
  int limit;

  @Mixin RunFilterOptions filters;

  @Option(names = "--include-failed", description = "Include failed and timed-out runs.")
  boolean includeFailed;

  @Option(names = "--json", description = "Print the trend as a JSON object.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    Interval period = trend.interval(spec);
    int window = trend.window;
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be 0 or more but was " + limit);
    }
    MetricRef ref;
    try {
      ref = GaoRunModel.MODEL.metric(metric);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    RunFilter filter = filters.apply(RunFilter.ALL, spec).limit(limit);
    boolean withoutFailed = !includeFailed && !filters.hasStatus();
    if (withoutFailed) {
      filter = filter.withoutFailed();
    }
    List<TrendPoint> points;
    Map<String, ChangePoint> changes = new HashMap<>();
    try (BenchmarkStore store = openCurrent()) {
      Analytics analytics = GaoRunModel.analytics(store);
      points = analytics.trend(ref.name(), filter, period, window);
      if (period == Interval.RUN && !points.isEmpty()) {
        // each comparable group's whole history, not only the points shown
        RunFilter histories = filters.apply(RunFilter.ALL, spec);
        for (ChangePoint change :
            analytics.changePoints(
                List.of(ref.name()), histories, ChangePointOptions.DEFAULT.includeFailed(!withoutFailed))) {
          changes.put(String.valueOf(change.runId()), change);
        }
      }
    }
    PrintWriter out = out();
    String unit = ref.info().unit();
    String better = ref.info().better().name().toLowerCase(Locale.ROOT);
    String per = name(period);
    if (json) {
      ObjectNode root = RunDocument.mapper().createObjectNode();
      root.put("metric", ref.name());
      root.put("unit", unit);
      root.put("better", better);
      root.put("interval", per);
      root.put("window", window);
      root.put("failed_runs_included", !withoutFailed);
      ArrayNode array = root.putArray("points");
      for (TrendPoint p : points) {
        ObjectNode node = array.addObject();
        node.put("time", p.time().toString());
        if (period == Interval.RUN) {
          node.set("run_id", Values.json(p.runId()));
        }
        node.put("count", p.count());
        node.put("value", p.value());
        node.put("min", p.min());
        node.put("max", p.max());
        node.put("moving_average", p.movingAverage());
        if (period == Interval.RUN) {
          ChangePoint change = changes.get(String.valueOf(p.runId()));
          if (change == null) {
            node.putNull("change_point");
          } else {
            ObjectNode point = node.putObject("change_point");
            point.put("mean_before", change.meanBefore());
            point.put("mean_after", change.meanAfter());
            point.put("relative_change", change.relativeChange());
            point.put("direction", change.change().name().toLowerCase(Locale.ROOT));
            point.put("p_value", change.pValue());
            point.put("open", change.open());
          }
        }
      }
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return 0;
    }
    out.printf(
        "%s (%s, %s), per %s, moving average over %d %s%s%n",
        ref.name(),
        unit,
        better.equals("none") ? "no better direction" : better + " is better",
        per,
        window,
        window == 1 ? "point" : "points",
        withoutFailed ? ", failed and timed-out runs left out" : "");
    if (points.isEmpty()) {
      out.println("no runs match");
      return 0;
    }
    Table table;
    if (period == Interval.RUN) {
      table = new Table(
          new String[] {"time", "run_id", "n", "value", "moving_avg", "change_point"},
          new boolean[] {false, false, true, true, true, false});
      for (TrendPoint p : points) {
        ChangePoint change = changes.get(String.valueOf(p.runId()));
        table.add(p.time().toString(), Values.cell(p.runId()), Long.toString(p.count()),
            Values.rounded(p.value()), Values.rounded(p.movingAverage()),
            change == null
                ? ""
                : "shift " + Values.percent(change.relativeChange()) + " " + change.change().name().toLowerCase(Locale.ROOT)
                    + (change.open() ? " (open)" : ""));
      }
    } else {
      table = new Table(
          new String[] {per, "n", "value", "min", "max", "moving_avg"},
          new boolean[] {false, true, true, true, true, true});
      for (TrendPoint p : points) {
        table.add(label(p.time(), period), Long.toString(p.count()), Values.rounded(p.value()),
            Values.rounded(p.min()), Values.rounded(p.max()), Values.rounded(p.movingAverage()));
      }
    }
    table.print(out);
    return 0;
  }

  private static String name(Interval interval) {
    return TrendOptions.name(interval);
  }

  private static String label(Instant start, Interval interval) {
    String text = start.toString();
    return switch (interval) {
      case HOUR -> text.substring(0, 16) + "Z";
      case DAY, WEEK -> text.substring(0, 10);
      case MONTH -> text.substring(0, 7);
      case RUN -> text;
    };
  }
}

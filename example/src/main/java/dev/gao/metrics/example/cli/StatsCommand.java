package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.MetricStats;
import dev.gao.metrics.runtime.analytics.RunFilter;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics stats}: statistics of one metric, or of every numeric metric, per group of
 * runs, computed in SQL.
 */
@Command(
    name = "stats",
    description = {
      "Statistics of one metric per group of runs: runs, values, mean, min, max, sample standard deviation,"
          + " median, p95 (nearest rank) and the share of failed or timed-out runs, with the metric's unit and"
          + " whether lower or higher is better.",
      "--all-metrics gives every numeric metric at once (JSON map metrics are left out: name a key with"
          + " --metric), one table per group. --last N keeps only the N newest runs that match the filters,"
          + " then groups them as usual.",
      "--json prints a JSON array with one object per group (and metric)."
    })
final class StatsCommand extends DatabaseCommand {
  private static final String[] HEADERS = {
    "runs", "count", "mean", "min", "max", "stddev", "median", "p95", "failure_rate"
  };
  private static final String[] METRIC_HEADERS = {
    "metric", "unit", "better", "count", "mean", "min", "max", "stddev", "median", "p95"
  };

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--metric",
      paramLabel = "TABLE.COLUMN",
      description = "The metric, for example performance_metrics.total_time_seconds, or total_time_seconds"
          + " alone when only one table has a metric of that name.")
  String metric;

  @Option(names = "--all-metrics", description = "Statistics of every numeric metric instead of one.")
  boolean allMetrics;

  @Option(
      names = "--by",
      paramLabel = "DIMENSIONS",
      defaultValue = "benchmark_name,version",
      description = "Comma-separated dimensions to group by, of project_name, benchmark_name, version, status"
          + " (default ${DEFAULT-VALUE}; empty for one group of all runs).")
  String by;

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "Only the N newest runs that match the filters (1 or more), grouped as usual; default: all.")
  Integer last;

  @Mixin RunFilterOptions filters;

  @Option(names = "--json", description = "Print a JSON array of groups.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    if ((metric == null) == !allMetrics) {
      throw new ParameterException(
          spec.commandLine(),
          metric == null
              ? "give --metric TABLE.COLUMN or --all-metrics"
              : "give --metric or --all-metrics, not both");
    }
    if (last != null && last < 1) {
      throw new ParameterException(spec.commandLine(), "invalid --last " + last + ": give 1 or more runs");
    }
    List<MetricRef> refs;
    List<String> groupBy = new ArrayList<>();
    try {
      refs = allMetrics
          ? GaoRunModel.MODEL.metrics().values().stream().filter(m -> !m.isMap()).toList()
          : List.of(GaoRunModel.MODEL.metric(metric));
      for (String dimension : by.split(",", -1)) {
        if (!dimension.isBlank()) {
          groupBy.add(GaoRunModel.MODEL.dimension(dimension.strip()));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    RunFilter filter = filters.apply(RunFilter.ALL, spec);
    if (last != null) {
      filter = filter.limit(last);
    }
    Map<String, List<MetricStats>> stats;
    try (BenchmarkStore store = openCurrent()) {
      stats = GaoRunModel.analytics(store).statsByMetric(refs.stream().map(MetricRef::name).toList(), groupBy, filter);
    }
    PrintWriter out = out();
    if (json) {
      ArrayNode array = RunDocument.mapper().createArrayNode();
      int groups = stats.get(refs.get(0).name()).size();
      for (int g = 0; g < groups; g++) {
        for (MetricRef ref : refs) {
          json(array.addObject(), ref, stats.get(ref.name()).get(g));
        }
      }
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return 0;
    }
    if (allMetrics) {
      allMetrics(out, refs, stats, groupBy);
    } else {
      oneMetric(out, refs.get(0), stats.get(refs.get(0).name()), groupBy);
    }
    return 0;
  }

  private static void json(ObjectNode node, MetricRef ref, MetricStats s) {
    node.set("group", Values.object(s.group()));
    node.put("metric", ref.name());
    node.put("unit", ref.info().unit());
    node.put("better", better(ref));
    node.put("runs", s.runs());
    node.put("count", s.count());
    node.put("mean", s.mean());
    node.put("min", s.min());
    node.put("max", s.max());
    node.put("stddev", s.stddev());
    node.put("median", s.median());
    node.put("p95", s.p95());
    node.put("failure_rate", s.failureRate());
  }

  private void oneMetric(PrintWriter out, MetricRef ref, List<MetricStats> groups, List<String> groupBy) {
    out.printf("%s (%s, %s is better)%s%n", ref.name(), ref.info().unit(), better(ref), lastRuns());
    if (groups.isEmpty()) {
      out.println("no runs match");
      return;
    }
    String[] header = new String[groupBy.size() + HEADERS.length];
    boolean[] numeric = new boolean[header.length];
    for (int i = 0; i < header.length; i++) {
      header[i] = i < groupBy.size() ? groupBy.get(i) : HEADERS[i - groupBy.size()];
      numeric[i] = i >= groupBy.size();
    }
    Table table = new Table(header, numeric);
    for (MetricStats s : groups) {
      List<String> cells = new ArrayList<>();
      for (String dimension : groupBy) {
        cells.add(Values.cell(s.group().get(dimension)));
      }
      cells.add(Long.toString(s.runs()));
      cells.add(Long.toString(s.count()));
      cells.addAll(numbers(s));
      cells.add(failureRate(s));
      table.add(cells.toArray(String[]::new));
    }
    table.print(out);
  }

  /** One table per group: a line naming the group, its runs and failure rate, then a row per metric. */
  private void allMetrics(
      PrintWriter out, List<MetricRef> refs, Map<String, List<MetricStats>> stats, List<String> groupBy) {
    List<MetricStats> groups = stats.get(refs.get(0).name());
    out.printf("%d metrics%s%n", refs.size(), lastRuns());
    if (groups.isEmpty()) {
      out.println("no runs match");
      return;
    }
    boolean[] numeric = {false, false, false, true, true, true, true, true, true, true};
    for (int g = 0; g < groups.size(); g++) {
      MetricStats first = groups.get(g);
      List<String> names = new ArrayList<>();
      for (String dimension : groupBy) {
        names.add(dimension + "=" + Values.cell(first.group().get(dimension)));
      }
      if (g > 0) {
        out.println();
      }
      out.printf(
          "%s: %d %s, failure rate %s%n",
          names.isEmpty() ? "all runs" : String.join(", ", names),
          first.runs(),
          first.runs() == 1 ? "run" : "runs",
          failureRate(first));
      Table table = new Table(METRIC_HEADERS, numeric);
      for (MetricRef ref : refs) {
        MetricStats s = stats.get(ref.name()).get(g);
        List<String> cells = new ArrayList<>(List.of(ref.name(), ref.info().unit(), better(ref), Long.toString(s.count())));
        cells.addAll(numbers(s));
        table.add(cells.toArray(String[]::new));
      }
      table.print(out);
    }
  }

  /** {@code , the newest 10 runs that match} with --last, else nothing. */
  private String lastRuns() {
    return last == null ? "" : ", the newest " + last + (last == 1 ? " run" : " runs") + " that match";
  }

  private static List<String> numbers(MetricStats s) {
    return List.of(round(s.mean()), round(s.min()), round(s.max()), round(s.stddev()), round(s.median()), round(s.p95()));
  }

  private static String failureRate(MetricStats s) {
    return s.failureRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.failureRate() * 100);
  }

  private static String better(MetricRef ref) {
    return ref.info().better().name().toLowerCase(Locale.ROOT);
  }

  /** A statistic rounded to four significant decimals for the table; {@code -} when absent. */
  private static String round(Double value) {
    if (value == null) {
      return "-";
    }
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return Values.number(new BigDecimal(value).setScale(4, RoundingMode.HALF_UP).doubleValue());
  }
}

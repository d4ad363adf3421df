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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics stats}: statistics of one metric per group of runs, computed in SQL. */
@Command(
    name = "stats",
    description = {
      "Statistics of one metric per group of runs: runs, values, mean, min, max, sample standard deviation,"
          + " median, p95 (nearest rank) and the share of failed or timed-out runs, with the metric's unit and"
          + " whether lower or higher is better.",
      "--json prints a JSON array with one object per group."
    })
final class StatsCommand extends DatabaseCommand {
  private static final String[] HEADERS = {
    "runs", "count", "mean", "min", "max", "stddev", "median", "p95", "failure_rate"
  };

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "TABLE.COLUMN",
      description = "The metric, for example performance_metrics.total_time_seconds, or total_time_seconds"
          + " alone when only one table has a metric of that name.")
  String metric;

  @Option(
      names = "--by",
      paramLabel = "DIMENSIONS",
      defaultValue = "benchmark_name,version",
      description = "Comma-separated dimensions to group by, of project_name, benchmark_name, version, status"
          + " (default ${DEFAULT-VALUE}; empty for one group of all runs).")
  String by;

  @Mixin RunFilterOptions filters;

  @Option(names = "--json", description = "Print a JSON array of groups.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    MetricRef ref;
    List<String> groupBy = new ArrayList<>();
    try {
      ref = GaoRunModel.MODEL.metric(metric);
      for (String dimension : by.split(",", -1)) {
        if (!dimension.isBlank()) {
          groupBy.add(GaoRunModel.MODEL.dimension(dimension.strip()));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    RunFilter filter = filters.apply(RunFilter.ALL, spec);
    List<MetricStats> groups;
    try (BenchmarkStore store = openCurrent()) {
      groups = GaoRunModel.analytics(store).stats(ref.name(), groupBy, filter);
    }
    PrintWriter out = out();
    String unit = ref.info().unit();
    String better = ref.info().better().name().toLowerCase(Locale.ROOT);
    if (json) {
      ArrayNode array = RunDocument.mapper().createArrayNode();
      for (MetricStats s : groups) {
        ObjectNode node = array.addObject();
        node.set("group", Values.object(s.group()));
        node.put("metric", ref.name());
        node.put("unit", unit);
        node.put("better", better);
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
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return 0;
    }
    out.printf("%s (%s, %s is better)%n", ref.name(), unit, better);
    if (groups.isEmpty()) {
      out.println("no runs match");
      return 0;
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
      cells.addAll(
          Arrays.asList(
              Long.toString(s.runs()),
              Long.toString(s.count()),
              round(s.mean()),
              round(s.min()),
              round(s.max()),
              round(s.stddev()),
              round(s.median()),
              round(s.p95()),
              s.failureRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.failureRate() * 100)));
      table.add(cells.toArray(String[]::new));
    }
    table.print(out);
    return 0;
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

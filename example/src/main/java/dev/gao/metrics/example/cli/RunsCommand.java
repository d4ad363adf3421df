package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics runs}: the runs that match filters, newest first, paged. */
@Command(
    name = "runs",
    description = {
      "Lists runs, newest first: run id, start time, project, benchmark, version, status and duration"
          + " (finished_at minus timestamp, as 1h 02m 03s or 4m 05s; - while a run runs or without a finish time).",
      "Filters combine (all must hold); a filter given several times accepts any of its values.",
      "--json prints a JSON array of the runs' rows, each with duration_seconds: the duration in seconds, or"
          + " null."
    })
final class RunsCommand extends DatabaseCommand {
  static final String[] COLUMNS = {"run_id", "timestamp", "project_name", "benchmark_name", "version", "status"};

  /** The table's columns: {@link #COLUMNS}, then the duration. */
  private static final String[] HEADER = {
    "run_id", "timestamp", "project_name", "benchmark_name", "version", "status", "duration"
  };

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Mixin RunFilterOptions filters;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default ${DEFAULT-VALUE}; 0 for all).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N runs of the order.")
  long offset;

  @Option(names = "--oldest-first", description = "Order runs oldest first instead of newest first.")
  boolean oldestFirst;

  @Option(names = "--json", description = "Print a JSON array of runs.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    RunFilter filter = paging(filters.apply(RunFilter.ALL, spec), limit, offset, oldestFirst, spec);
    List<RunRow> runs;
    try (BenchmarkStore store = openCurrent()) {
      runs = GaoRunModel.analytics(store).runs(filter);
    }
    PrintWriter out = out();
    if (json) {
      ArrayNode array = RunDocument.mapper().createArrayNode();
      for (RunRow run : runs) {
        ObjectNode node = Values.object(run.values());
        Duration duration = duration(run);
        if (duration == null) {
          node.putNull("duration_seconds");
        } else {
          node.put("duration_seconds", Values.seconds(duration));
        }
        array.add(node);
      }
      out.println(RunDocument.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return 0;
    }
    if (runs.isEmpty()) {
      out.println("no runs match");
      return 0;
    }
    boolean[] numeric = new boolean[HEADER.length];
    numeric[HEADER.length - 1] = true;
    Table table = new Table(HEADER, numeric);
    for (RunRow run : runs) {
      String[] cells = new String[HEADER.length];
      for (int c = 0; c < COLUMNS.length; c++) {
        cells[c] = Values.cell(run.get(COLUMNS[c]));
      }
      Duration duration = duration(run);
      cells[COLUMNS.length] = duration == null ? "-" : Values.duration(duration);
      table.add(cells);
    }
    table.print(out);
    return 0;
  }

  /**
   * How long a run took: {@code finished_at} minus {@code timestamp}.
   *
   * @param run the run
   * @return the duration; null while it runs or when it has no finish time
   */
  static Duration duration(RunRow run) {
    Object started = run.get("timestamp");
    Object finished = run.get("finished_at");
    if (started instanceof Instant start && finished instanceof Instant end) {
      return Duration.between(start, end);
    }
    return null;
  }

  /**
   * Adds order and paging to a filter, with usage errors for negative values.
   *
   * @param filter the filter
   * @param limit the limit, 0 for none
   * @param offset the offset
   * @param oldestFirst whether to order oldest first
   * @param spec the command, for usage errors
   * @return the filter with order and paging
   */
  static RunFilter paging(
      RunFilter filter, int limit, long offset, boolean oldestFirst, CommandSpec spec) {
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be 0 or more but was " + limit);
    }
    if (offset < 0) {
      throw new ParameterException(spec.commandLine(), "--offset must be 0 or more but was " + offset);
    }
    RunFilter ordered = oldestFirst ? filter.oldestFirst() : filter;
    return ordered.limit(limit).offset(offset);
  }
}

package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.analytics.WholeRun;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gao-metrics export}: whole runs as CSV (one row per run), a JSON array of run documents or
 * JSON Lines, read a page at a time so that memory stays bounded whatever the number of runs.
 */
@Command(
    name = "export",
    description = {
      "Exports whole runs that match the filters, newest first (all of them unless --limit).",
      "csv: one row per run: the run's columns, then each metric table's columns prefixed with the table"
          + " (performance_metrics.total_time_seconds); token_usage.* columns hold JSON arrays with one value per"
          + " token_usage row; JSON columns stay JSON text; quoting follows RFC 4180.",
      "json: an array of run documents; jsonl: one run document per line. Both are what 'show --json' prints"
          + " and what 'gao-metrics record' reads back.",
      "Progress goes to standard error when it is a terminal."
    })
final class ExportCommand extends DatabaseCommand {
  /** Runs read whole per round trip. */
  static final int PAGE_SIZE = 500;

  /** The output formats. */
  enum Format {
    csv,
    json,
    jsonl
  }

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv, json or jsonl.")
  Format format;

  @Mixin RunFilterOptions filters;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N runs (default: all).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N runs of the order.")
  long offset;

  @Option(names = "--oldest-first", description = "Order runs oldest first instead of newest first.")
  boolean oldestFirst;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output; FILE is replaced only once the export is complete.")
  Path output;

  @Override
  public Integer call() throws IOException {
    RunFilter filter = RunsCommand.paging(filters.apply(RunFilter.ALL, spec), limit, offset, oldestFirst, spec);
    Path file = file();
    try (BenchmarkStore store = openCurrent()) {
      Analytics analytics = GaoRunModel.analytics(store);
      if (output == null) {
        PrintWriter out = out();
        export(store, analytics, filter, out);
        out.flush();
      } else {
        Path target = output.toAbsolutePath();
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
          try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            export(store, analytics, filter, writer);
          }
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(partial);
        }
      }
    }
    return 0;
  }

  private void export(BenchmarkStore store, Analytics analytics, RunFilter filter, Writer writer)
      throws IOException {
    List<CsvColumn> columns = format == Format.csv ? csvColumns() : List.of();
    ObjectWriter json = RunDocument.mapper().writer();
    if (format == Format.csv) {
      writer.write(csvLine(columns.stream().map(CsvColumn::header).toList()));
    } else if (format == Format.json) {
      writer.write("[");
    }
    boolean interactive = parent.terminal().interactive();
    // One statement walks the matching runs (paging with an offset would re-read every run before
    // each page: quadratic over a large database); each batch of ids is read whole, all in one
    // read unit, so the export is one snapshot of the database.
    long written;
    try {
      written =
          store
              .database()
              .read(
                  tx -> {
                    try {
                      return writeAll(analytics, filter, columns, json, writer, interactive);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (format == Format.json) {
      writer.write(written == 0 ? "]\n" : "\n]\n");
    }
  }

  /** Writes every run of {@code filter} in batches; returns how many were written. */
  private long writeAll(
      Analytics analytics,
      RunFilter filter,
      List<CsvColumn> columns,
      ObjectWriter json,
      Writer writer,
      boolean interactive)
      throws IOException {
    long count = 0;
    List<RunRow> batch = new ArrayList<>(PAGE_SIZE);
    try (Stream<RunRow> rows = analytics.streamRuns(filter)) {
      Iterator<RunRow> it = rows.iterator();
      while (it.hasNext()) {
        batch.add(it.next());
        if (batch.size() == PAGE_SIZE || !it.hasNext()) {
          count = writeBatch(analytics, batch, columns, json, writer, count);
          batch.clear();
          if (interactive) {
            err().printf(Locale.ROOT, "gao-metrics export: %,d runs written%n", count);
            err().flush();
          }
        }
      }
    }
    return count;
  }

  /** Writes the runs of one batch, in its order; returns the number of runs written in all. */
  private long writeBatch(
      Analytics analytics,
      List<RunRow> batch,
      List<CsvColumn> columns,
      ObjectWriter json,
      Writer writer,
      long written)
      throws IOException {
    Map<Object, WholeRun> whole = analytics.wholeRuns(batch.stream().map(RunRow::id).toList());
    long count = written;
    for (RunRow row : batch) {
      WholeRun run = whole.get(row.id());
      if (run == null) {
        continue;
      }
      switch (format) {
        case csv -> writer.write(csvLine(columns.stream().map(c -> c.value(run)).toList()));
        case json -> {
          writer.write(count == 0 ? "\n" : ",\n");
          writer.write(json.writeValueAsString(RunDocument.write(WholeRuns.complete(run))));
        }
        case jsonl -> {
          writer.write(json.writeValueAsString(RunDocument.write(WholeRuns.complete(run))));
          writer.write("\n");
        }
      }
      count++;
    }
    return count;
  }

  /** One CSV column: a run column, or a column of a metric table. */
  private record CsvColumn(String header, String table, String column, boolean many) {
    String value(WholeRun run) {
      if (table == null) {
        return Values.text(run.run().get(column));
      }
      List<Map<String, Object>> rows = run.rows(table);
      if (many) {
        return Values.text(rows.stream().map(r -> Values.json(r.get(column))).toList());
      }
      return rows.isEmpty() ? "" : Values.text(rows.get(0).get(column));
    }
  }

  /**
   * The CSV columns: every run column, then every metric table's own columns (not its row id or run
   * id), prefixed with the table. A table with several rows per run gives JSON arrays.
   */
  private static List<CsvColumn> csvColumns() {
    List<CsvColumn> columns = new ArrayList<>();
    for (ColumnInfo column : table(GaoRunModel.MODEL.runTable().name()).columns()) {
      columns.add(new CsvColumn(column.name(), null, column.name(), false));
    }
    for (Map.Entry<String, ForeignKeyInfo> child : GaoRunModel.MODEL.childTables().entrySet()) {
      TableInfo table = table(child.getKey());
      String runColumn = child.getValue().column();
      boolean single =
          table.indexes().stream().anyMatch(i -> i.unique() && i.columns().equals(List.of(runColumn)));
      for (ColumnInfo column : table.columns()) {
        boolean rowId = table.autoIncrement() && column.primaryKeyPosition() > 0;
        if (!rowId && !column.name().equals(runColumn)) {
          columns.add(new CsvColumn(table.name() + "." + column.name(), table.name(), column.name(), !single));
        }
      }
    }
    return columns;
  }

  private static TableInfo table(String name) {
    return GaoMetricsSchema.SCHEMA.tables().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("schema has no table " + name));
  }

  /** One CSV record per RFC 4180: fields with a comma, quote or line break are quoted, CRLF ends it. */
  static String csvLine(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String field = fields.get(i);
      if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
        line.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        line.append(field);
      }
    }
    return line.append("\r\n").toString();
  }
}

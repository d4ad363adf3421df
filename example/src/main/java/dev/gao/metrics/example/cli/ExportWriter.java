package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.analytics.WholeRun;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes exported runs in one format, one run at a time, so that memory stays flat whatever the
 * number of runs: {@link #begin} once, {@link #write} per run, {@link #end} once.
 */
abstract class ExportWriter {
  /**
   * The writer of a format.
   *
   * @param format csv, json or jsonl
   * @param split for csv, GAO-Dev's five per-table files ({@link SplitCsv}) instead of one
   * @param compact for json, the whole array on one line instead of pretty-printed
   * @param neutralizeFormulas for csv, text cells a spreadsheet would evaluate get a leading {@code '}
   *     ({@link #cell})
   * @param writers where to write: one writer, or for {@code split} one per {@link SplitCsv#FILES}
   * @return the format's writer
   * @throws IOException if the JSON generator cannot be created
   */
  static ExportWriter of(
      ExportCommand.Format format, boolean split, boolean compact, boolean neutralizeFormulas, List<Writer> writers)
      throws IOException {
    return switch (format) {
      case csv -> split ? new Split(writers, neutralizeFormulas) : new Csv(writers.get(0), neutralizeFormulas);
      case json -> new JsonArray(writers.get(0), compact);
      case jsonl -> new JsonLines(writers.get(0));
    };
  }

  /** Writes what comes before the first run: a CSV header, the JSON array's start. */
  abstract void begin() throws IOException;

  /** Writes one run. */
  abstract void write(WholeRun run) throws IOException;

  /** Writes what comes after the last run, and flushes. */
  abstract void end() throws IOException;

  /** A JSON array of run documents, pretty-printed (two spaces, {@code \n}) or on one line. */
  private static final class JsonArray extends ExportWriter {
    private final Writer writer;
    private final JsonGenerator json;

    JsonArray(Writer writer, boolean compact) throws IOException {
      this.writer = writer;
      ObjectWriter objects = RunDocument.mapper().writer();
      if (!compact) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        objects = objects.with(new DefaultPrettyPrinter().withArrayIndenter(indenter).withObjectIndenter(indenter));
      }
      this.json = objects.createGenerator(writer);
      // Standard output is the command line's, and files are closed by their owner.
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    }

    @Override
    void begin() throws IOException {
      json.writeStartArray();
    }

    @Override
    void write(WholeRun run) throws IOException {
      json.writeTree(RunDocument.write(WholeRuns.complete(run)));
    }

    @Override
    void end() throws IOException {
      json.writeEndArray();
      json.flush();
      writer.write("\n");
      writer.flush();
    }
  }

  /** One run document per line (JSON Lines). */
  private static final class JsonLines extends ExportWriter {
    private final Writer writer;
    private final ObjectWriter json = RunDocument.mapper().writer();

    JsonLines(Writer writer) {
      this.writer = writer;
    }

    @Override
    void begin() {}

    @Override
    void write(WholeRun run) throws IOException {
      writer.write(json.writeValueAsString(RunDocument.write(WholeRuns.complete(run))));
      writer.write("\n");
    }

    @Override
    void end() throws IOException {
      writer.flush();
    }
  }

  /**
   * One CSV file, one row per run: the run's columns, then each metric table's columns prefixed
   * with the table; a table with several rows per run ({@code token_usage}) gives JSON arrays.
   */
  private static final class Csv extends ExportWriter {
    private final Writer writer;
    private final boolean neutralizeFormulas;
    private final List<CsvColumn> columns = csvColumns();

    Csv(Writer writer, boolean neutralizeFormulas) {
      this.writer = writer;
      this.neutralizeFormulas = neutralizeFormulas;
    }

    @Override
    void begin() throws IOException {
      writer.write(csvLine(columns.stream().map(CsvColumn::header).toList()));
    }

    @Override
    void write(WholeRun run) throws IOException {
      writer.write(csvLine(columns.stream().map(c -> c.value(run, neutralizeFormulas)).toList()));
    }

    @Override
    void end() throws IOException {
      writer.flush();
    }
  }

  /** GAO-Dev's five per-table CSV files, written side by side. */
  private static final class Split extends ExportWriter {
    private final List<Writer> writers;
    private final boolean neutralizeFormulas;
    private final List<List<String>> headers = new ArrayList<>();

    Split(List<Writer> writers, boolean neutralizeFormulas) {
      this.writers = writers;
      this.neutralizeFormulas = neutralizeFormulas;
      SplitCsv.FILES.forEach(file -> headers.add(file.header()));
    }

    @Override
    void begin() throws IOException {
      for (int i = 0; i < writers.size(); i++) {
        writers.get(i).write(csvLine(headers.get(i)));
      }
    }

    @Override
    void write(WholeRun run) throws IOException {
      for (int i = 0; i < writers.size(); i++) {
        List<String> row = SplitCsv.FILES.get(i).row(run, headers.get(i), neutralizeFormulas);
        if (row != null) {
          writers.get(i).write(csvLine(row));
        }
      }
    }

    @Override
    void end() throws IOException {
      for (Writer writer : writers) {
        writer.flush();
      }
    }
  }

  /** One column of the single CSV file: a run column, or a column of a metric table. */
  private record CsvColumn(String header, String table, String column, boolean many) {
    String value(WholeRun run, boolean neutralizeFormulas) {
      if (table == null) {
        return cell(run.run().get(column), neutralizeFormulas);
      }
      List<Map<String, Object>> rows = run.rows(table);
      if (many) {
        return Values.text(rows.stream().map(r -> Values.json(r.get(column))).toList());
      }
      return rows.isEmpty() ? "" : cell(rows.get(0).get(column), neutralizeFormulas);
    }
  }

  /**
   * The columns of the single CSV file: every run column, then every metric table's own columns
   * (not its row id or run id), prefixed with the table.
   */
  private static List<CsvColumn> csvColumns() {
    List<CsvColumn> columns = new ArrayList<>();
    for (ColumnInfo column : tableInfo(GaoRunModel.MODEL.runTable().name()).columns()) {
      columns.add(new CsvColumn(column.name(), null, column.name(), false));
    }
    for (Map.Entry<String, ForeignKeyInfo> child : GaoRunModel.MODEL.childTables().entrySet()) {
      TableInfo table = tableInfo(child.getKey());
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

  /**
   * A table of the GAO-Dev schema.
   *
   * @param name the table's name
   * @return its description
   */
  static TableInfo tableInfo(String name) {
    return GaoMetricsSchema.SCHEMA.tables().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("schema has no table " + name));
  }

  /**
   * The CSV text of a value. With {@code neutralizeFormulas}, a text value that a spreadsheet would
   * evaluate as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
   * carriage return: {@code =1+2*cmd|' /C calc'!A0} as a project name) gets a leading {@code '},
   * which spreadsheets read as "this cell is text". Numbers are never changed: {@code -5} stays a
   * number.
   *
   * @param value the stored value
   * @param neutralizeFormulas whether to neutralize formula text
   * @return the cell's text
   */
  static String cell(Object value, boolean neutralizeFormulas) {
    String text = Values.text(value);
    if (neutralizeFormulas && value instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
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

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.analytics.WholeRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics export}: whole runs as a JSON array of run documents, JSON Lines, one CSV
 * file or GAO-Dev's five per-table CSV files, read a batch at a time so that memory stays flat
 * whatever the number of runs. Files are written through {@link OutputFiles}: never over the
 * database, another SQLite database or a folder, over another file only with {@code --force}, and
 * never half.
 */
@Command(
    name = "export",
    description = {
      "Exports whole runs that match the filters, newest first (all of them unless --limit), or exactly the runs"
          + " named with --run-id, in the order given.",
      "json (the default): an array of run documents, pretty-printed unless --compact; jsonl: one run document per"
          + " line. Both are what 'show --json' prints and what 'gao-metrics record' reads back.",
      "csv: one row per run: the run's columns, then each metric table's columns prefixed with the table"
          + " (performance_metrics.total_time_seconds); token_usage.* columns hold JSON arrays with one value per"
          + " token_usage row; JSON columns stay JSON text; quoting follows RFC 4180. With --split DIR: GAO-Dev's"
          + " five files runs.csv, performance.csv, autonomy.csv, quality.csv and workflow.csv, GAO-Dev's columns"
          + " first.",
      "--output and --split never write over the database or its -wal/-shm/-journal files, another SQLite"
          + " database or a folder; an existing file is replaced only with --force (on a terminal, after asking)."
          + " Missing folders are created, readable by their owner only; a failed export leaves no file.",
      "When no run matches, no file is written, standard error says so and the exit code is 0 (standard output"
          + " still gets a valid empty document: [] for json, the header for csv). Unknown --run-id ids are"
          + " reported one per line and give exit code 3; the others are still exported.",
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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json, jsonl or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--compact", description = "json: the whole array on one line instead of pretty-printed.")
  boolean compact;

  @Option(
      names = "--csv-formulas",
      description =
          "csv: write text cells that a spreadsheet would evaluate (starting with = + - @, a tab or a carriage"
              + " return) as they are. By default they get a leading ' so that spreadsheets show them as text.")
  boolean csvFormulas;

  @Mixin RunFilterOptions filters;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Export this run (repeatable: these runs, in the order given); not with the filters or paging.")
  List<String> runIds;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N runs (default: all).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N runs of the order.")
  long offset;

  @Option(names = "--oldest-first", description = "Order runs oldest first instead of newest first.")
  boolean oldestFirst;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output; FILE appears only once the export is complete.")
  Path output;

  @Option(
      names = "--split",
      paramLabel = "DIR",
      description = "csv: write GAO-Dev's five per-table CSV files into DIR instead of one CSV.")
  Path split;

  @Option(names = "--force", description = "Replace existing files at --output or in --split (never a database or folder).")
  boolean force;

  /** What an export wrote: how many runs, and the ids named that do not exist. */
  private record Exported(long runs, List<String> unknown) {}

  @Override
  public Integer call() throws IOException {
    List<String> ids = checkOptions();
    RunFilter filter =
        ids == null ? RunsCommand.paging(filters.apply(RunFilter.ALL, spec), limit, offset, oldestFirst, spec) : null;
    DatabaseLocation database = location();
    PrintWriter out = out();
    PrintWriter err = err();
    List<Path> targets = new ArrayList<>();
    if (output != null) {
      targets.add(output);
    } else if (split != null) {
      SplitCsv.FILES.forEach(f -> targets.add(split.resolve(f.name())));
    }
    OutputFiles files = new OutputFiles(database.file().orElse(null), force, cli().terminal(), err);
    List<Path> checked = List.of();
    if (!targets.isEmpty()) {
      Optional<List<Path>> accepted = files.check(targets);
      if (accepted.isEmpty()) {
        out.println("nothing written");
        return 0;
      }
      checked = accepted.get();
    }
    Exported exported;
    try (BenchmarkStore store = openCurrent();
        OutputFiles.Writing writing = files.writer(checked)) {
      Analytics analytics = GaoRunModel.analytics(store);
      Sink sink = new Sink(checked.isEmpty() ? null : writing, out);
      exported = readAll(store, analytics, filter, ids, sink);
      if (exported.runs() > 0 || checked.isEmpty()) {
        sink.finish();
      }
      if (writing.started()) {
        writing.commit();
      }
    }
    for (String id : exported.unknown()) {
      err.println("gao-metrics export: no run " + Show.quoted(id) + " in " + database + "; not exported");
    }
    if (exported.runs() == 0) {
      err.println("gao-metrics export: " + nothingMatched(database, ids)
          + (checked.isEmpty() ? "" : "; nothing written to " + (split != null ? split : checked.get(0))));
    }
    return exported.unknown().isEmpty() ? 0 : GaoMetricsCli.EXIT_DATABASE_ERROR;
  }

  /**
   * Refuses options that do not go together.
   *
   * @return the distinct ids of {@code --run-id}, in the order given, or null without it
   */
  private List<String> checkOptions() {
    if (output != null && split != null) {
      throw new ParameterException(
          spec.commandLine(), "--output writes one file and --split a folder of files; give one of them");
    }
    if (split != null && format != Format.csv) {
      throw new ParameterException(
          spec.commandLine(), "--split writes GAO-Dev's per-table CSV files; add --format csv");
    }
    if (csvFormulas && format != Format.csv) {
      throw new ParameterException(spec.commandLine(), "--csv-formulas applies to --format csv");
    }
    if (compact && format == Format.csv) {
      throw new ParameterException(spec.commandLine(), "--compact applies to --format json; CSV has one run per line");
    }
    if (runIds == null || runIds.isEmpty()) {
      return null;
    }
    String others = filters.describe();
    if (!others.isEmpty() || limit != 0 || offset != 0 || oldestFirst) {
      throw new ParameterException(
          spec.commandLine(),
          "--run-id exports exactly the runs named; leave out the filters, --limit, --offset and --oldest-first,"
              + " or the --run-id options");
    }
    return List.copyOf(new LinkedHashSet<>(runIds));
  }

  private String nothingMatched(DatabaseLocation database, List<String> ids) {
    if (ids != null) {
      return "none of the runs named is in " + database;
    }
    String described = filters.describe();
    return described.isEmpty() ? "no runs in " + database : "no runs match " + described + " in " + database;
  }

  /**
   * Where the runs go: standard output, or the files of an {@link OutputFiles.Writing}, which are
   * only created once the first run comes, so that an export of nothing leaves nothing behind.
   */
  private final class Sink {
    private final OutputFiles.Writing writing;
    private final PrintWriter out;
    private ExportWriter writer;

    Sink(OutputFiles.Writing writing, PrintWriter out) {
      this.writing = writing;
      this.out = out;
    }

    void write(WholeRun run) throws IOException {
      started().write(run);
    }

    /** Ends the document; on standard output an empty one when no run came. */
    void finish() throws IOException {
      started().end();
    }

    private ExportWriter started() throws IOException {
      if (writer == null) {
        List<Writer> writers = writing == null ? List.of(out) : writing.writers();
        writer = ExportWriter.of(format, split != null, compact, !csvFormulas, writers);
        writer.begin();
      }
      return writer;
    }
  }

  /**
   * Reads and writes every run, in one read unit so that the export is one snapshot of the database.
   */
  private Exported readAll(BenchmarkStore store, Analytics analytics, RunFilter filter, List<String> ids, Sink sink)
      throws IOException {
    boolean interactive = cli().terminal().interactive();
    try {
      return store
          .database()
          .read(
              tx -> {
                try {
                  return ids == null ? matching(analytics, filter, sink, interactive) : named(analytics, ids, sink, interactive);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Writes every run of {@code filter} in batches. One statement walks the matching runs (paging
   * with an offset would re-read every run before each page: quadratic over a large database);
   * each batch of ids is then read whole.
   */
  private Exported matching(Analytics analytics, RunFilter filter, Sink sink, boolean interactive) throws IOException {
    long count = 0;
    List<Object> batch = new ArrayList<>(PAGE_SIZE);
    try (Stream<RunRow> rows = analytics.streamRuns(filter)) {
      Iterator<RunRow> it = rows.iterator();
      while (it.hasNext()) {
        batch.add(it.next().id());
        if (batch.size() == PAGE_SIZE || !it.hasNext()) {
          count += writeBatch(analytics, batch, sink, new ArrayList<>());
          batch.clear();
          progress(count, interactive);
        }
      }
    }
    return new Exported(count, List.of());
  }

  /** Writes the runs named, in their order, a batch at a time; collects the ids that do not exist. */
  private Exported named(Analytics analytics, List<String> ids, Sink sink, boolean interactive) throws IOException {
    long count = 0;
    List<String> unknown = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += PAGE_SIZE) {
      List<Object> batch = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + PAGE_SIZE)));
      count += writeBatch(analytics, batch, sink, unknown);
      progress(count, interactive);
    }
    return new Exported(count, unknown);
  }

  /** Writes the runs of one batch, in its order; returns how many were written. */
  private static long writeBatch(Analytics analytics, List<Object> batch, Sink sink, List<String> unknown)
      throws IOException {
    Map<Object, WholeRun> whole = analytics.wholeRuns(batch);
    long count = 0;
    for (Object id : batch) {
      WholeRun run = whole.get(id);
      if (run == null) {
        unknown.add(String.valueOf(id));
        continue;
      }
      sink.write(run);
      count++;
    }
    return count;
  }

  private void progress(long count, boolean interactive) {
    if (interactive) {
      err().printf(Locale.ROOT, "gao-metrics export: %,d runs written%n", count);
      err().flush();
    }
  }
}

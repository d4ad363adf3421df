package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.analytics.WholeRun;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics copy}: copies whole runs from one database to another, SQLite file or
 * PostgreSQL server in either direction, oldest first. Each run is copied whole or not at all; runs
 * the target already holds are skipped and reported, so that a copy that was stopped or killed is
 * completed by running it again. A batch of runs is one transaction of batched inserts in the
 * target; when the target refuses a run of it, the batch is written again run by run, each run in a
 * savepoint of one transaction, so that the refused run costs only itself.
 */
@Command(
    name = "copy",
    description = {
      "Copies whole runs (the run, its four metric rows and its token usage) that match the filters from one"
          + " database to another: a SQLite file or a PostgreSQL database, in any direction, oldest first.",
      "Each run is copied whole or not at all. Runs the target already holds (by run id) are skipped and"
          + " reported; a copy that was interrupted is completed by running it again.",
      "The target must be at this build's schema version; one that does not exist yet (a new file, an empty"
          + " database on a server) is created. A source file at an older version, or written by GAO-Dev's own store,"
          + " is read from a migrated temporary copy and left unchanged. Values are copied as they are, except that PostgreSQL keeps"
          + " time to the microsecond: nanoseconds are cut there, and counted. The metric rows get new row ids.",
      "Progress goes to standard error when it is a terminal. Exit code 3 when a run could not be copied (each"
          + " one named on standard error; the others are copied)."
    })
final class CopyCommand extends DatabaseCommand {
  /** Runs read whole per round trip, and written per transaction. */
  static final int BATCH = 200;

  /** Run ids of skipped runs listed by name before the rest are only counted. */
  private static final int LISTED = 10;

  // Not the standard help mixin: its --version would clash with the filters' --version.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--from",
      paramLabel = "PATH|URL",
      description = "The database to copy from (default: --db, as every command's).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "PATH|URL",
      required = true,
      description = "The database to copy into: a SQLite file or a PostgreSQL URL, as --db takes.")
  String to;

  @Mixin RunFilterOptions filters;

  /** What one copy did. */
  private static final class Tally {
    long seen;
    long copied;
    long rows;
    long cutTimes;
    long skipped;
    /** The first {@link #LISTED} skipped runs' ids, for the report; the rest are only counted. */
    final List<String> skippedNamed = new ArrayList<>();

    void skip(String runId) {
      skipped++;
      if (skippedNamed.size() < LISTED) {
        skippedNamed.add(runId);
      }
    }
    long failed;
  }

  @Override
  public Integer call() throws IOException {
    RunFilter filter = filters.apply(RunFilter.ALL, spec).oldestFirst();
    DatabaseLocation source = from == null ? location() : resolve(from, "--from");
    DatabaseLocation target = resolve(to, "--to");
    refuseSame(source, target);
    PrintWriter out = out();
    PrintWriter err = err();
    boolean interactive = cli().terminal().interactive();
    Tally tally = new Tally();
    try (Source opened = openSource(source);
        BenchmarkStore writing = openTarget(target)) {
      BenchmarkStore reading = opened.store();
      if (opened.migratedFrom() >= 0) {
        out.printf(
            Locale.ROOT,
            "reading a copy of %s migrated from %s to version %d; %s itself is unchanged%n",
            source,
            opened.migratedFrom() == 0 ? "GAO-Dev's tables" : "version " + opened.migratedFrom(),
            GaoMetricsSchema.VERSION,
            source);
        out.flush();
      }
      boolean toServer = !target.isFile();
      Analytics analytics = GaoRunModel.analytics(reading);
      long total = analytics.count(filter);
      reading
          .database()
          .read(
              tx -> {
                List<Object> batch = new ArrayList<>(BATCH);
                try (Stream<RunRow> rows = analytics.streamRuns(filter)) {
                  Iterator<RunRow> it = rows.iterator();
                  while (it.hasNext()) {
                    batch.add(it.next().id());
                    if (batch.size() == BATCH || !it.hasNext()) {
                      copyBatch(analytics.wholeRuns(batch), batch, writing, toServer, tally, err);
                      batch.clear();
                      if (interactive) {
                        err.printf(
                            Locale.ROOT,
                            "gao-metrics copy: %,d of %,d runs (%,d copied, %,d already there)%n",
                            tally.seen, total, tally.copied, tally.skipped);
                        err.flush();
                      }
                    }
                  }
                }
                return null;
              });
    }
    out.printf(
        Locale.ROOT,
        "copied %,d %s (%,d rows) from %s to %s%n",
        tally.copied, tally.copied == 1 ? "run" : "runs", tally.rows, source, target);
    if (tally.skipped > 0) {
      List<String> named = tally.skippedNamed;
      out.printf(
          Locale.ROOT,
          "skipped %,d %s already in %s: %s%s%n",
          tally.skipped,
          tally.skipped == 1 ? "run" : "runs",
          target,
          String.join(", ", named.stream().map(Show::quoted).toList()),
          tally.skipped > LISTED ? ", ..." : "");
    }
    if (tally.cutTimes > 0) {
      out.printf(
          Locale.ROOT,
          "%,d time %s had nanoseconds, kept to the microsecond as PostgreSQL keeps time%n",
          tally.cutTimes, tally.cutTimes == 1 ? "value" : "values");
    }
    if (tally.failed > 0) {
      err.printf(Locale.ROOT, "gao-metrics copy: %,d %s not copied (see above); the others were%n",
          tally.failed, tally.failed == 1 ? "run was" : "runs were");
      return GaoMetricsCli.EXIT_DATABASE_ERROR;
    }
    return 0;
  }

  private DatabaseLocation resolve(String text, String option) {
    try {
      return DatabaseOption.locate(
          text,
          option,
          cli().environment(),
          warning -> {
            err().println("gao-metrics copy: warning: " + warning);
            err().flush();
          });
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** A copy onto itself would only skip every run; it is a mistake in the command. */
  private void refuseSame(DatabaseLocation source, DatabaseLocation target) {
    boolean same = source.toString().equals(target.toString());
    if (!same && source.file().isPresent() && target.file().isPresent() && Files.exists(target.file().get())) {
      try {
        same = Files.isSameFile(source.file().get(), target.file().get());
      } catch (IOException e) {
        same = false; // the source's own checks report a file that cannot be read
      }
    }
    if (same) {
      throw new ParameterException(
          spec.commandLine(), "--from and --to name the same database (" + target + "); name another target");
    }
  }

  /**
   * The database runs are read from; a migrated temporary copy when the source is a file of an older
   * version or of GAO-Dev's store, deleted when closed.
   *
   * @param store the store to read
   * @param migratedFrom the version the file was at (0: GAO-Dev's tables), or -1 when read as it is
   * @param copy the temporary copy, or null
   */
  private record Source(BenchmarkStore store, int migratedFrom, Path copy) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      store.close();
      if (copy != null) {
        delete(copy);
      }
    }

    /** Deletes the temporary copy, its side files and its folder. */
    static void delete(Path copy) throws IOException {
      for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
        Files.deleteIfExists(Path.of(copy + suffix));
      }
      Files.deleteIfExists(copy.getParent());
    }
  }

  /**
   * Opens the source, never changing it. A file at an older version (or written by GAO-Dev's own
   * store) is copied with {@code VACUUM INTO}, a consistent snapshot, into an owner-only temporary
   * file that is migrated and read instead; a server database must be at this build's version.
   */
  private static Source openSource(DatabaseLocation source) throws IOException {
    MigrationPlan plan = Databases.plan(source);
    Databases.requireSchema(source, plan);
    boolean older = plan.adoptedVersion() > 0 || plan.storedVersion() < GaoMetricsSchema.VERSION;
    if (!older || source.file().isEmpty()) {
      return new Source(Databases.openCurrent(source, null), -1, null);
    }
    // A folder only this user may write: the runtime opens no database where others could plant
    // files beside it.
    Path copy = Files.createTempDirectory("gao-metrics-copy-").resolve("source.db");
    try {
      try (Connection connection = source.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
      }
      BenchmarkStore store =
          new BenchmarkStore(
              MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(copy).backupBeforeMigration(false).open());
      return new Source(store, plan.adoptedVersion() > 0 ? 0 : plan.storedVersion(), copy);
    } catch (SQLException | RuntimeException e) {
      Source.delete(copy);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(
          "cannot copy " + source + " to migrate the copy (" + e.getMessage() + "); it was left unchanged", e);
    }
  }

  /**
   * Opens the target at this build's version: a new file or an empty database is created; one at
   * another version is refused, never migrated unasked.
   */
  private static BenchmarkStore openTarget(DatabaseLocation target) {
    boolean missingFile = target.file().map(f -> !Files.exists(f)).orElse(false);
    if (!missingFile) {
      MigrationPlan plan = Databases.plan(target);
      if (!plan.createsSchema()) {
        Databases.requireCurrent(target, plan);
      }
    }
    return new BenchmarkStore(target.builder(GaoMetricsSchema.SCHEMA).open());
  }

  /**
   * Copies one batch in one transaction of the target, each run in a savepoint of its own: a run
   * the target refuses is rolled back alone and named; the others stay.
   */
  private static void copyBatch(
      Map<Object, WholeRun> whole,
      List<Object> ids,
      BenchmarkStore writing,
      boolean toServer,
      Tally tally,
      PrintWriter err) {
    List<CompleteRun> runs = new ArrayList<>(ids.size());
    long[] cut = {0};
    for (Object id : ids) {
      WholeRun run = whole.get(id);
      tally.seen++;
      if (run == null) {
        continue; // deleted since it was listed
      }
      try {
        runs.add(WholeRuns.complete(run, (table, column, value) -> adjust(table, column, value, toServer, cut)));
      } catch (IllegalStateException e) {
        err.println("gao-metrics copy: run " + Show.quoted(String.valueOf(id)) + " not copied: " + e.getMessage());
        tally.failed++;
      }
    }
    // The runs the target holds already, in one query; the rest go in one transaction of batched
    // inserts. Only when the target refuses one of them (or another writer stored one meanwhile) is
    // the batch written again run by run, each in a savepoint, so that the refused run costs only
    // itself.
    Set<String> present = existing(writing, runs);
    List<CompleteRun> absent = new ArrayList<>();
    for (CompleteRun run : runs) {
      if (present.contains(run.runId())) {
        tally.skip(run.runId());
      } else {
        absent.add(run);
      }
    }
    try {
      writing.recordAll(absent);
      tally.copied += absent.size();
      tally.rows += absent.stream().mapToLong(run -> 5 + run.tokenUsage().size()).sum();
    } catch (MetricsException | IllegalArgumentException batchRefused) {
      runByRun(absent, writing, tally, err);
    }
    tally.cutTimes += cut[0];
  }

  /** The ids among {@code runs} that the target holds already. */
  private static Set<String> existing(BenchmarkStore writing, List<CompleteRun> runs) {
    if (runs.isEmpty()) {
      return Set.of();
    }
    String placeholders = String.join(", ", java.util.Collections.nCopies(runs.size(), "?"));
    String sql = "SELECT \"run_id\" FROM \"" + GaoRunModel.MODEL.runTable().name() + "\" WHERE \"run_id\" IN ("
        + placeholders + ")";
    return writing
        .database()
        .read(
            tx -> {
              Set<String> found = new HashSet<>();
              try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
                for (int i = 0; i < runs.size(); i++) {
                  statement.setString(i + 1, runs.get(i).runId());
                }
                try (ResultSet rs = statement.executeQuery()) {
                  while (rs.next()) {
                    found.add(rs.getString(1));
                  }
                }
              }
              return found;
            });
  }

  /**
   * Writes a batch the target refused as a whole again, run by run, each run in a savepoint of one
   * transaction; counted and reported once it is committed, so that a unit a conflict on the server
   * made run again does not count its runs twice.
   */
  private static void runByRun(List<CompleteRun> runs, BenchmarkStore writing, Tally tally, PrintWriter err) {
    List<String> copied = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    long[] rows = {0};
    writing
        .database()
        .runInTransaction(
            tx -> {
              copied.clear();
              skipped.clear();
              refused.clear();
              rows[0] = 0;
              for (CompleteRun run : runs) {
                try {
                  if (writing.recordIfAbsent(run)) {
                    copied.add(run.runId());
                    rows[0] += 5 + run.tokenUsage().size();
                  } else {
                    skipped.add(run.runId());
                  }
                } catch (MetricsException | IllegalArgumentException e) {
                  refused.add("run " + Show.quoted(run.runId()) + " not copied: " + GaoMetricsCli.oneLine(e));
                }
              }
            });
    tally.copied += copied.size();
    tally.rows += rows[0];
    skipped.forEach(tally::skip);
    for (String line : refused) {
      err.println("gao-metrics copy: " + line);
      tally.failed++;
    }
  }

  /**
   * A value on its way to the target: the metric rows' ids are the target's to assign, and
   * PostgreSQL keeps time to the microsecond.
   */
  private static Object adjust(String table, String column, Object value, boolean toServer, long[] cut) {
    if (column.equals("id") && !table.equals("benchmark_runs")) {
      return 0L;
    }
    if (toServer && value instanceof Instant time && time.getNano() % 1_000 != 0) {
      cut[0]++;
      return time.truncatedTo(ChronoUnit.MICROS);
    }
    return value;
  }
}

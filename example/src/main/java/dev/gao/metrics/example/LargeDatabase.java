package dev.gao.metrics.example;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Builds a large, realistic GAO-Dev metrics database: {@code N} complete runs (all five metric
 * tables plus eight {@code token_usage} rows per run) over eight projects, four benchmarks and three
 * benchmark versions, with {@link DemoRuns}' 5-15% noise, failed and timed-out runs and metadata
 * with unicode and quotes. The same run count and seed give the same database content (apart from
 * {@code created_at}, which the database stamps).
 *
 * <p>Runs are written with {@link BenchmarkStore#recordAll} (the generated DAOs' JDBC batches, table
 * by table), {@value #CHUNK} runs per transaction in run-id order, while a second thread generates
 * the next chunk. The schema's indexes are dropped for the load and created again, with their own
 * DDL, once every row is in: building an index sorts its keys once, where loading with it inserts
 * every key at a random page. Opening the finished file validates it. Runs come from 64
 * interleaved generators, each with its own clock, so that a million runs span about two years
 * rather than a century.
 *
 * <pre>{@code
 * java -cp gao-metrics.jar dev.gao.metrics.example.LargeDatabase ~/big.db 1000000 42
 * }</pre>
 */
public final class LargeDatabase {
  /** Runs written per transaction. */
  public static final int CHUNK = 10_000;

  /** Projects of the large database. */
  public static final List<String> PROJECTS =
      List.of(
          "todo-app",
          "invoice-api",
          "weather-dashboard",
          "chat-backend",
          "inventory-service",
          "blog-engine",
          "payment-gateway",
          "analytics-etl");

  /** Benchmarks of the large database; {@code greenfield-webapp} runs are the longest. */
  public static final List<String> BENCHMARKS =
      List.of("greenfield-webapp", "bugfix-suite", "refactor-legacy", "api-integration");

  /** Benchmark versions of the large database. */
  public static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "1.2.0");

  /** The start time of the generators' clocks. */
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private static final int GENERATORS = 64;

  private LargeDatabase() {}

  /**
   * A deterministic, endless source of realistic runs; not thread-safe.
   */
  public static final class Source {
    private final DemoRuns[] generators = new DemoRuns[GENERATORS];
    private final Random pick;
    private long next;

    /**
     * A source of runs.
     *
     * @param seed equal seeds give equal runs
     */
    public Source(long seed) {
      for (int i = 0; i < GENERATORS; i++) {
        generators[i] =
            new DemoRuns(seed * 1_000_003L + i, START.plus(Duration.ofSeconds(997L * i)));
      }
      this.pick = new Random(seed);
    }

    /**
     * The next run.
     *
     * @return a complete run with a fresh id
     */
    public CompleteRun next() {
      DemoRuns generator = generators[(int) (next++ % GENERATORS)];
      return generator.next(
          PROJECTS.get(pick.nextInt(PROJECTS.size())),
          BENCHMARKS.get(pick.nextInt(BENCHMARKS.size())),
          VERSIONS.get(pick.nextInt(VERSIONS.size())));
    }

    /**
     * The next {@code n} runs.
     *
     * @param n how many
     * @return the runs
     */
    public List<CompleteRun> next(int n) {
      List<CompleteRun> runs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        runs.add(next());
      }
      return runs;
    }
  }

  /**
   * Creates {@code file} (which must not exist) with {@code runs} runs.
   *
   * @param file the new database file
   * @param runs how many runs
   * @param seed the generator seed
   * @return how long it took
   * @throws IllegalArgumentException if the file exists or {@code runs} is negative
   * @throws InterruptedException if interrupted while waiting for generated runs
   */
  public static Duration build(Path file, long runs, long seed) throws InterruptedException {
    Objects.requireNonNull(file, "file");
    if (Files.exists(file)) {
      throw new IllegalArgumentException(file + " exists; remove it or choose another file");
    }
    if (runs < 0) {
      throw new IllegalArgumentException("runs must be >= 0 but was " + runs);
    }
    long started = System.nanoTime();
    BlockingQueue<List<CompleteRun>> chunks = new ArrayBlockingQueue<>(2);
    Thread producer =
        new Thread(
            () -> {
              Source source = new Source(seed);
              long left = runs;
              try {
                while (left > 0) {
                  int n = (int) Math.min(CHUNK, left);
                  List<CompleteRun> chunk = source.next(n);
                  // Random run ids land on random pages of the run-id indexes; written in id
                  // order, a chunk visits each page once and in file order (300,000 runs: about
                  // 11% faster).
                  chunk.sort(Comparator.comparing(CompleteRun::runId));
                  chunks.put(chunk);
                  left -= n;
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "large-database-generator");
    producer.setDaemon(true);
    producer.start();
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      // Load without the schema's indexes and build them at the end: a sort per index instead of
      // an insert at a random page for every row. The store's statements are prepared again by
      // SQLite after each change of the structure.
      List<String> indexes = dropIndexes(file);
      long written = 0;
      while (written < runs) {
        List<CompleteRun> chunk = chunks.poll(10, TimeUnit.MINUTES);
        if (chunk == null) {
          throw new IllegalStateException("the run generator stopped");
        }
        store.recordAll(chunk);
        written += chunk.size();
      }
      createIndexes(file, indexes);
    } finally {
      producer.interrupt();
    }
    // Opening validates the finished structure against the schema (and records that it did).
    BenchmarkStore.open(file).close();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Drops the indexes the schema declares, in one transaction; returns their DDL. */
  private static List<String> dropIndexes(Path file) {
    try (Connection connection = connect(file)) {
      connection.setAutoCommit(false);
      List<String> ddl = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                      + " ORDER BY name")) {
        while (rs.next()) {
          names.add(rs.getString(1));
          ddl.add(rs.getString(2));
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String name : names) {
          statement.execute("DROP INDEX \"" + name.replace("\"", "\"\"") + "\"");
        }
      }
      connection.commit();
      return ddl;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the indexes of " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates the indexes again, exactly as the schema declared them, in one transaction. */
  private static void createIndexes(Path file, List<String> ddl) {
    try (Connection connection = connect(file)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String sql : ddl) {
          statement.execute(sql);
        }
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the indexes of " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    return SqliteDialect.connectionConfig(MetricsDatabase.DEFAULT_BUSY_TIMEOUT)
        .createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /**
   * Builds a database from the command line: {@code FILE [RUNS [SEED]]} (defaults 1,000,000 runs,
   * seed 42), and prints how long it took.
   *
   * @param args the file, the number of runs and the seed
   * @throws InterruptedException if interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: LargeDatabase FILE [RUNS [SEED]]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    long runs = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000L;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
    Duration took = build(file, runs, seed);
    System.out.printf(
        "built %s: %,d runs in %.1f s (%,.0f runs/s)%n",
        file, runs, took.toMillis() / 1000.0, runs / Math.max(1e-9, took.toNanos() / 1e9));
  }
}

package dev.gao.metrics.example.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.LargeDatabase;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL's benchmark databases, on the server whose URL the launcher passes to the forks as
 * {@code -Dgao.bench.pg.url} (the user as {@code -Dgao.bench.pg.user}, else {@code PGUSER}; the
 * password only from {@code PGPASSWORD}). Each size is built once per server through {@link
 * BenchmarkStore#recordAll} into {@code gao_<runs>_runs_seed_<seed>}; a writer gets a copy made
 * with {@code CREATE DATABASE ... TEMPLATE}, dropped after its trial. Also the pool that the
 * hand-written JDBC and JDBI use: HikariCP with the runtime's settings.
 */
final class PostgresDatabases implements BenchDatabases {
  static final PostgresDatabases INSTANCE = new PostgresDatabases();

  /** The system property holding a {@code jdbc:postgresql://host:port/db} URL of the server. */
  static final String URL_PROPERTY = "gao.bench.pg.url";

  /** The system property holding the user. */
  static final String USER_PROPERTY = "gao.bench.pg.user";

  /** The settings the launcher reads from the server with {@code SHOW} and prints. */
  static final List<String> SETTINGS = List.of("server_version", "shared_buffers", "synchronous_commit",
      "fsync", "wal_level", "max_connections", "work_mem", "max_parallel_workers_per_gather");

  /** The runtime's fetch size for streams; the hand-written exports use the same. */
  static final int FETCH_SIZE = 1000;

  private static final AtomicInteger COPIES = new AtomicInteger();

  private PostgresDatabases() {}

  @Override
  public String engine() {
    return "postgres";
  }

  static String serverUrl() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null) {
      throw new IllegalStateException("no PostgreSQL server: the launcher passes -D" + URL_PROPERTY);
    }
    return url;
  }

  static String user() {
    return System.getProperty(USER_PROPERTY, System.getenv("PGUSER"));
  }

  static String password() {
    return System.getenv("PGPASSWORD");
  }

  /** The URL of database {@code name} on the server: the server's URL with another database. */
  static String url(String name) {
    String server = serverUrl();
    int host = server.indexOf("//");
    int query = server.indexOf('?');
    int end = query < 0 ? server.length() : query;
    int path = server.indexOf('/', host + 2);
    String prefix = path < 0 || path > end ? server.substring(0, end) : server.substring(0, path);
    return prefix + "/" + name + server.substring(end);
  }

  /** A plain connection to database {@code name} with the runtime's session setting (UTC). */
  static Connection connect(String name) throws SQLException {
    Connection connection = DriverManager.getConnection(url(name), user(), password());
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
    }
    return connection;
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(serverUrl(), user(), password());
  }

  private static void admin(String sql) {
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * The pool of the hand-written JDBC and of JDBI: HikariCP as the runtime configures its own
   * ({@code PostgresConnections}): {@link MetricsDatabase#DEFAULT_POOL_SIZE} connections, none kept
   * idle at the start, the runtime's default timeout, and its session setting on each connection.
   */
  static HikariDataSource pool(String name, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(name));
    if (user() != null) {
      config.setUsername(user());
    }
    if (password() != null) {
      config.setPassword(password());
    }
    config.setMaximumPoolSize(MetricsDatabase.DEFAULT_POOL_SIZE);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(MetricsDatabase.DEFAULT_BUSY_TIMEOUT.toMillis());
    config.setInitializationFailTimeout(-1);
    config.setConnectionInitSql("SET TIME ZONE 'UTC'");
    config.setPoolName(poolName);
    return new HikariDataSource(config);
  }

  /** The generated code's store on database {@code name}. */
  static BenchmarkStore store(String name) {
    MetricsDatabase.Builder builder = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url(name));
    if (user() != null) {
      builder.user(user());
    }
    if (password() != null) {
      builder.password(password());
    }
    return new BenchmarkStore(builder.open());
  }

  /** The server's settings that matter to the results, read with {@code SHOW}. */
  static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      for (String name : SETTINGS) {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the server's settings: " + e.getMessage(), e);
    }
    return settings;
  }

  private static boolean exists(String name) {
    try (Connection connection = admin();
        PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized String database(long runs, long seed) {
    String name = "gao_" + runs + "_runs_seed_" + seed;
    if (exists(name)) {
      return name;
    }
    String partial = name + "_partial";
    admin("DROP DATABASE IF EXISTS " + quoted(partial) + " WITH (FORCE)");
    admin("CREATE DATABASE " + quoted(partial));
    System.out.printf("building PostgreSQL database %s (%,d runs, seed %d)...%n", name, runs, seed);
    long started = System.nanoTime();
    try (BenchmarkStore store = store(partial)) {
      LargeDatabase.Source source = new LargeDatabase.Source(seed);
      long left = runs;
      while (left > 0) {
        int n = (int) Math.min(LargeDatabase.CHUNK, left);
        List<CompleteRun> chunk = source.next(n);
        // In run-id order, as LargeDatabase writes a chunk: each index page is visited once.
        chunk.sort(Comparator.comparing(CompleteRun::runId));
        store.recordAll(chunk);
        left -= n;
      }
    }
    long loaded = System.nanoTime();
    try (Connection connection = connect(partial);
        Statement statement = connection.createStatement()) {
      // Statistics for the planner and an up-to-date visibility map, as after any bulk load.
      statement.execute("VACUUM (ANALYZE)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    long done = System.nanoTime();
    admin("ALTER DATABASE " + quoted(partial) + " RENAME TO " + quoted(name));
    System.out.printf("built %,d runs in %.1f s (%,.0f runs/s; VACUUM ANALYZE %.1f s more), %,d MB%n", runs,
        (loaded - started) / 1e9, runs / ((loaded - started) / 1e9), (done - loaded) / 1e9, sizeMb(name));
    return name;
  }

  private static long sizeMb(String name) {
    try (Connection connection = admin();
        PreparedStatement statement = connection.prepareStatement("SELECT pg_database_size(?)")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1) >> 20;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String copy(String source, String tag) {
    String name = (tag.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
        + ProcessHandle.current().pid() + "_" + COPIES.incrementAndGet());
    admin("CREATE DATABASE " + quoted(name) + " TEMPLATE " + quoted(source));
    return name;
  }

  @Override
  public void delete(String copy) {
    admin("DROP DATABASE IF EXISTS " + quoted(copy) + " WITH (FORCE)");
  }

  /** By the identity key of {@code performance_metrics}, which the build assigns 1, 2, 3, ... */
  @Override
  public String[] sampleIds(String database, int n, long seed) {
    try (Connection c = connect(database)) {
      return BenchData.sampleIds(
          c,
          "SELECT max(id) FROM performance_metrics",
          "SELECT run_id FROM performance_metrics WHERE id = ?",
          n,
          seed);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }


  @Override
  public RunOps open(String impl, String database) {
    return switch (impl) {
      case "generated" -> new GeneratedRuns(store(database));
      case "jdbc" -> new PostgresJdbcRuns(database);
      case "jdbi" -> new JdbiRuns(database);
      default -> throw new IllegalArgumentException("unknown implementation " + impl);
    };
  }

  @Override
  public void openAndClose(String impl, String database) {
    switch (impl) {
      case "generated" -> store(database).close();
      case "jdbc" -> PostgresJdbcRuns.openAndClose(database);
      case "jdbi" -> JdbiRuns.openAndClose(database);
      default -> throw new IllegalArgumentException("unknown implementation " + impl);
    }
  }
}

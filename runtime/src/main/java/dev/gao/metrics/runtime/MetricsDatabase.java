package dev.gao.metrics.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.runtime.connection.DatabaseConnections;
import dev.gao.metrics.runtime.connection.StatementListener;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.migration.HistoryEntry;
import dev.gao.metrics.runtime.migration.HistoryTable;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.migration.OpenSteps;
import dev.gao.metrics.runtime.migration.PlannedStep;
import dev.gao.metrics.runtime.migration.SchemaInitializer;
import dev.gao.metrics.runtime.migration.SchemaMarker;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.sql.postgres.PostgresConnections;
import dev.gao.metrics.runtime.sql.postgres.PostgresDialect;
import dev.gao.metrics.runtime.sql.postgres.PostgresOpenSteps;
import dev.gao.metrics.runtime.sql.postgres.ServerDryRun;
import dev.gao.metrics.runtime.sql.sqlite.DryRun;
import dev.gao.metrics.runtime.sql.sqlite.SqliteConnections;
import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import dev.gao.metrics.runtime.sql.sqlite.SqliteOpenSteps;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An open metrics database: a SQLite file (or a data source) holding one versioned schema, with a
 * small pool of connections and thread-bound units of work.
 *
 * <p>Opening a new file creates its folders (owner-only), the file, every table and index, and
 * records the schema version. Opening an existing file at an older version takes a backup and
 * upgrades it step by step, each step in one transaction that either completes or leaves the file
 * at the version it had; a file at a newer version is refused unless a downgrade is asked for with
 * {@link Builder#targetVersion}. A file with the schema's tables but without the library's marker
 * (created before this library) is adopted as the version its structure matches: rebuilt as STRICT
 * tables with time values in canonical form. Finally the live structure is compared with the
 * schema; any difference fails the open with a report of every difference.
 *
 * <pre>{@code
 * try (MetricsDatabase db = MetricsDatabase.open(GaoMetricsSchema.SCHEMA)) {
 *   BenchmarkRunDao runs = new BenchmarkRunDao(db);
 *   PerformanceMetricsDao metrics = new PerformanceMetricsDao(db);
 *   db.runInTransaction(tx -> {
 *     runs.insert(run);
 *     metrics.insert(performance);      // same transaction: DAOs join the caller's unit
 *   });
 * }
 * }</pre>
 *
 * <p>Thread-safe. Each thread's units of work are its own; DAO calls outside a unit run in a unit
 * of their own (writes) or on a pooled connection (reads).
 */
public final class MetricsDatabase implements AutoCloseable {
  /**
   * The default database file, {@code ~/.gao-dev/metrics.db}, as resolved when this class was
   * loaded. {@link #open(SchemaInfo)} uses {@link #defaultFile()}, which resolves the user's home
   * folder at call time.
   */
  public static final Path DEFAULT_FILE = defaultFile();

  /** The default number of pooled connections: one writer at a time, a few readers. */
  public static final int DEFAULT_POOL_SIZE = 4;

  /** The default time to wait for a lock held by another process. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

  private final SchemaInfo schema;
  private final Path file;
  private final JsonCodec json;
  private final SqlValues values;
  private final Dialect dialect;
  private final TransactionManager transactions;
  private final String location;

  private MetricsDatabase(
      SchemaInfo schema,
      Path file,
      JsonCodec json,
      Dialect dialect,
      TransactionManager transactions,
      String location) {
    this.schema = schema;
    this.file = file;
    this.json = json;
    this.values = new SqlValues(dialect.valueCodec(), json);
    this.dialect = dialect;
    this.transactions = transactions;
    this.location = location;
  }

  /**
   * The default database file: {@code .gao-dev/metrics.db} in the folder named by the system
   * property {@code user.home}, read now. A command line should rather use {@link
   * #defaultFile(Map)}, which follows {@code HOME} as shells and Unix tools do.
   *
   * @return the default file
   */
  public static Path defaultFile() {
    return Path.of(System.getProperty("user.home"), ".gao-dev", "metrics.db");
  }

  /**
   * The default database file as a command line resolves it: {@code .gao-dev/metrics.db} in the
   * folder named by the environment variable {@code HOME} when it is set and not blank, as GAO-Dev
   * and Unix tools resolve {@code ~}; else in {@code user.home} like {@link #defaultFile()}. The JVM
   * takes {@code user.home} from the user's account entry rather than from {@code HOME}, so without
   * this {@code HOME=/tmp/h cmd} would not move the file.
   *
   * @param environment the process environment, usually {@link System#getenv()}
   * @return the default file
   */
  public static Path defaultFile(Map<String, String> environment) {
    String home = Objects.requireNonNull(environment, "environment").get("HOME");
    if (home == null || home.isBlank()) {
      return defaultFile();
    }
    return Path.of(home, ".gao-dev", "metrics.db");
  }

  /**
   * Opens (creating if needed) the database at {@link #defaultFile()}.
   *
   * @param schema the schema, usually a generated {@code <Name>Schema.SCHEMA}
   * @return the open database
   * @throws DatabaseOpenException if the file cannot be used
   * @throws dev.gao.metrics.runtime.exception.SchemaVersionException if the file holds a newer
   *     version of the schema, or no chain of steps leads from its version to the code's
   * @throws dev.gao.metrics.runtime.exception.MigrationException if a migration step failed; the
   *     file stays at the version before that step
   * @throws dev.gao.metrics.runtime.exception.SchemaMismatchException if the file's structure
   *     differs from the schema
   */
  public static MetricsDatabase open(SchemaInfo schema) {
    return builder(schema).open();
  }

  /**
   * Opens (creating if needed) the database in the given file.
   *
   * @param schema the schema, usually a generated {@code <Name>Schema.SCHEMA}
   * @param file the database file
   * @return the open database
   * @throws DatabaseOpenException if the file cannot be used
   * @throws dev.gao.metrics.runtime.exception.SchemaVersionException if the file holds a newer
   *     version of the schema, or no chain of steps leads from its version to the code's
   * @throws dev.gao.metrics.runtime.exception.MigrationException if a migration step failed; the
   *     file stays at the version before that step
   * @throws dev.gao.metrics.runtime.exception.SchemaMismatchException if the file's structure
   *     differs from the schema
   */
  public static MetricsDatabase open(SchemaInfo schema, Path file) {
    return builder(schema).file(file).open();
  }

  /**
   * A builder for a database with non-default settings.
   *
   * @param schema the schema, usually a generated {@code <Name>Schema.SCHEMA}
   * @return the builder
   */
  public static Builder builder(SchemaInfo schema) {
    return new Builder(schema);
  }

  /**
   * Runs work in a write transaction, begun with the write lock taken, and returns its result.
   * Inside another write transaction of this thread it runs in a savepoint, undone alone when it
   * fails. Any exception rolls the work back; a checked one is wrapped in {@link
   * dev.gao.metrics.runtime.exception.TransactionException}, an unchecked one is rethrown as is.
   *
   * <p>On PostgreSQL, a transaction the server aborts because it conflicted with another (a
   * deadlock, 40P01, or a serialization failure, 40001) has been rolled back whole, so the work is
   * run again from its start, up to {@value
   * dev.gao.metrics.runtime.connection.TransactionManager#CONFLICT_ATTEMPTS} times in all, after a
   * short random pause; only the last failure reaches the caller. The work should therefore do
   * nothing outside the database that must not happen twice. A unit nested in another is retried
   * with the outer one, never alone.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException inside a {@link #read} unit, or after {@link #close()}
   */
  public <R> R inTransaction(TransactionWork<R> work) {
    Objects.requireNonNull(work, "work");
    return transactions.inTransaction(work);
  }

  /**
   * Runs work in a write transaction that is undone as a whole when anything in it fails: the DAO
   * batch writes and nested transactions inside it take no savepoints. For work that does not catch
   * a failed write to go on with the rest, such as recording a batch of runs, it saves SQLite's
   * statement journal, which copies every page a savepoint's writes touch first (a 10,000-run
   * batched load about 10% faster). When the work does catch a failed write and returns normally,
   * the commit is refused: everything is rolled back and a {@link
   * dev.gao.metrics.runtime.exception.TransactionException} names the failed write. Inside another
   * write transaction of this thread it runs as {@link #inTransaction} does there.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException inside a {@link #read} unit, or after {@link #close()}
   */
  public <R> R inWholeTransaction(TransactionWork<R> work) {
    Objects.requireNonNull(work, "work");
    return transactions.inWholeTransaction(work);
  }

  /**
   * Runs work in a write transaction, as {@link #inTransaction}.
   *
   * @param work the work
   * @throws IllegalStateException inside a {@link #read} unit, or after {@link #close()}
   */
  public void runInTransaction(TransactionRunnable work) {
    Objects.requireNonNull(work, "work");
    transactions.inTransaction(
        tx -> {
          work.execute(tx);
          return null;
        });
  }

  /**
   * Runs work on a consistent snapshot of the database; writes are refused. Inside a unit of this
   * thread it joins that unit.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException after {@link #close()}
   */
  public <R> R read(TransactionWork<R> work) {
    Objects.requireNonNull(work, "work");
    return transactions.read(work);
  }

  /**
   * The schema this database was opened with.
   *
   * @return the schema
   */
  public SchemaInfo schema() {
    return schema;
  }

  /**
   * The database file, absolute; empty when opened on a data source.
   *
   * @return the file
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * The codec of JSON columns.
   *
   * @return the codec
   */
  public JsonCodec json() {
    return json;
  }

  /**
   * The conversions between Java values and their stored form on this database's engine, which
   * generated DAOs and queries bind and read their values with.
   *
   * @return the conversions
   */
  public SqlValues values() {
    return values;
  }

  /**
   * The schema version recorded in the database.
   *
   * @return the stored version
   * @throws IllegalStateException after {@link #close()}
   */
  public int storedVersion() {
    return transactions.query(
        scope -> {
          PreparedStatement statement =
              scope.prepare(
                  "SELECT \"value\" FROM "
                      + dialect.quote(SchemaMarker.TABLE)
                      + " WHERE \"key\" = '"
                      + SchemaMarker.SCHEMA_VERSION
                      + "'");
          try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
              throw new MetricsException(
                  "Database " + location + " records no schema version in " + SchemaMarker.TABLE);
            }
            return Integer.parseInt(rs.getString(1).trim());
          }
        });
  }

  /**
   * The migration history of the database: every step that changed its version or form, oldest
   * first. Empty for a database that was never migrated.
   *
   * @return the history
   * @throws IllegalStateException after {@link #close()}
   */
  public List<HistoryEntry> history() {
    return transactions.query(scope -> HistoryTable.read(scope.connection(), dialect));
  }

  /**
   * The steps that would bring the database from its stored version to the code's version,
   * without running them; empty when it is at the code's version.
   *
   * @return the steps in order
   * @throws dev.gao.metrics.runtime.exception.SchemaVersionException if a step is missing
   * @throws IllegalStateException after {@link #close()}
   */
  public List<MigrationStep> pendingSteps() {
    return SchemaInitializer.plan(transactions, dialect, schema, storedVersion(), schema.version(), location)
        .stream()
        .map(PlannedStep::step)
        .toList();
  }

  /**
   * Compares the live structure with the schema at the database's stored version (the code's
   * version if the code does not know the stored one), field by field.
   *
   * @return every difference; empty when the database matches
   * @throws IllegalStateException after {@link #close()}
   */
  public List<SchemaDifference> validate() {
    SchemaInfo version = schema.atVersion(storedVersion()).orElse(schema);
    return SchemaInitializer.differences(transactions, dialect, version);
  }

  /**
   * What opening a database file would do to reach a version, without changing the file: for a
   * dry run. The file is opened read-only; a missing file is not created.
   *
   * @param schema the code's schema
   * @param file the database file
   * @param targetVersion the version to reach
   * @return the plan, with the SQL of every step
   * @throws IllegalArgumentException if the schema has no such version
   * @throws DatabaseOpenException if the file cannot be read, or holds tables that match no
   *     version
   * @throws dev.gao.metrics.runtime.exception.SchemaVersionException if a step is missing
   */
  public static MigrationPlan plan(SchemaInfo schema, Path file, int targetVersion) {
    return builder(schema).file(file).targetVersion(targetVersion).plan();
  }

  /**
   * The number of rows in a table of the schema.
   *
   * @param table the table name
   * @return the row count
   * @throws IllegalArgumentException if the schema has no such table
   * @throws IllegalStateException after {@link #close()}
   */
  public long rowCount(String table) {
    String name = schema.table(table).name();
    return transactions.query(
        scope -> {
          PreparedStatement statement =
              scope.prepare("SELECT count(*) FROM " + dialect.quote(name));
          try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * Gives the space of deleted rows back to the file system. On SQLite it rewrites the file without
   * its free pages ({@code VACUUM}) and truncates the write-ahead log, holding this process's write
   * lock meanwhile. On PostgreSQL it runs {@code VACUUM FULL}, which rewrites one table at a time;
   * other clients' statements on the table being rewritten wait for it (they do not fail). Both need
   * free disk space of about the database's size.
   *
   * @return the size of the database before and after
   * @throws IllegalStateException inside a unit of work, or after {@link #close()}
   */
  public SpaceReclaimed reclaimSpace() {
    return transactions.outsideTransaction(
        scope -> {
          long before = size(scope.connection());
          try (Statement statement = scope.connection().createStatement()) {
            for (String sql : dialect.reclaimSpace()) {
              statement.execute(sql);
            }
          }
          return new SpaceReclaimed(before, size(scope.connection()));
        });
  }

  private long size(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(dialect.sizeQuery())) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The unit-of-work machinery of this database. DAOs run their statements through it; application
   * code uses {@link #inTransaction} and {@link #read}.
   *
   * @return the transaction manager
   */
  public TransactionManager transactions() {
    return transactions;
  }

  /**
   * The database dialect.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The engine behind this database and how much space the database takes there, as {@code
   * status} shows it: {@code SQLite 3.50.3} and the file's bytes, or {@code PostgreSQL 17.2} and the
   * database's.
   *
   * @return the engine's name, version and the database's size
   * @throws IllegalStateException after {@link #close()}
   */
  public EngineInfo engine() {
    return transactions.query(
        scope -> {
          var metadata = scope.connection().getMetaData();
          return new EngineInfo(
              metadata.getDatabaseProductName(),
              metadata.getDatabaseProductVersion(),
              size(scope.connection()));
        });
  }

  /**
   * The database file or data source, as messages name it.
   *
   * @return the location
   */
  public String location() {
    return location;
  }

  /**
   * Closes the pool. Idempotent; later calls on this database or its DAOs throw {@link
   * IllegalStateException}.
   */
  @Override
  public void close() {
    transactions.close();
  }

  /** Renders the location and schema, for logs. */
  @Override
  public String toString() {
    return "MetricsDatabase[" + location + ", " + schema.name() + " v" + schema.version() + "]";
  }

  /** Settings of a database to open. */
  public static final class Builder {
    private final SchemaInfo schema;
    private Path file;
    private DataSource dataSource;
    private String url;
    private String user;
    private String password;
    private int poolSize = DEFAULT_POOL_SIZE;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private ObjectMapper objectMapper;
    private Integer targetVersion;
    private boolean backupBeforeMigration = true;
    private boolean stampValidation = true;
    private StatementListener statementListener;

    private Builder(SchemaInfo schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * The schema version to bring the database to; default: the code's version. Without it, a
     * database at an older version is upgraded and a database at a newer version is refused. With
     * it, the database is upgraded or downgraded to exactly this version (a new database is
     * created at it); downgrades use the code's steps, or the steps a newer build recorded in the
     * file's history.
     *
     * @param targetVersion a version the schema's history knows
     * @return this builder
     * @throws IllegalArgumentException if the schema has no such version
     */
    public Builder targetVersion(int targetVersion) {
      SchemaInitializer.targetSchema(schema, targetVersion);
      this.targetVersion = targetVersion;
      return this;
    }

    /**
     * Whether to copy a database file next to itself ({@code <file>.v<version>-<UTC
     * time>.backup}, owner-only; the newest three are kept) before migrating it; default true. No
     * backup is taken when nothing is migrated, or for a data source.
     *
     * @param backupBeforeMigration false to migrate without a backup
     * @return this builder
     */
    public Builder backupBeforeMigration(boolean backupBeforeMigration) {
      this.backupBeforeMigration = backupBeforeMigration;
      return this;
    }

    /**
     * The database file; {@link #defaultFile()} if neither this nor a data source is set.
     *
     * @param file the file
     * @return this builder
     */
    public Builder file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      this.dataSource = null;
      this.url = null;
      return this;
    }

    /**
     * A PostgreSQL server to use instead of a file, for a team that shares one database: {@code
     * jdbc:postgresql://host:5432/metrics}, optionally with {@code ?currentSchema=...} for a schema
     * of its own. The runtime pools up to {@link #poolSize} connections (HikariCP) and closes them
     * with the database; {@link #busyTimeout} bounds the wait for a connection. The password never
     * appears in a message or in {@link #location()}.
     *
     * @param jdbcUrl the URL
     * @return this builder
     */
    public Builder url(String jdbcUrl) {
      this.url = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      this.file = null;
      this.dataSource = null;
      return this;
    }

    /**
     * The user for {@link #url}, unless the URL names it.
     *
     * @param user the user name
     * @return this builder
     */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /**
     * The password for {@link #url}, unless the URL holds it (better not: URLs get logged).
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * A data source to use instead of a file. The application configures it (the runtime enables
     * foreign keys on each new connection and checks them) and closes it; {@link #poolSize} and
     * {@link #busyTimeout} do not apply.
     *
     * @param dataSource the data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.file = null;
      this.url = null;
      return this;
    }

    /**
     * The number of pooled connections, default {@value MetricsDatabase#DEFAULT_POOL_SIZE}.
     *
     * @param poolSize at least 1
     * @return this builder
     */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1 but was " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /**
     * How long to wait before failing with {@link
     * dev.gao.metrics.runtime.exception.BusyException}; default 10 seconds. On SQLite, how long a
     * statement waits for a lock held by another process. On PostgreSQL, how long a unit of work
     * waits for a pooled connection (at least 250 ms; a server that cannot be reached fails after it
     * with a {@link dev.gao.metrics.runtime.exception.ConnectionLostException}); a statement that
     * waits for rows another transaction locked waits until that transaction ends, and the server
     * ends a deadlock itself (the unit is then run again, see {@link MetricsDatabase#inTransaction}).
     *
     * @param busyTimeout zero or more
     * @return this builder
     */
    public Builder busyTimeout(Duration busyTimeout) {
      Objects.requireNonNull(busyTimeout, "busyTimeout");
      if (busyTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "busyTimeout must not be negative but was " + busyTimeout);
      }
      this.busyTimeout = busyTimeout;
      return this;
    }

    /**
     * The Jackson mapper of JSON columns; default: {@link JsonCodec#withDefaults()}.
     *
     * @param objectMapper the mapper; do not reconfigure it afterwards
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /**
     * Whether a successful validation of the structure is recorded in the file (with SQLite's
     * schema cookie), so that later opens skip the table-by-table comparison until the structure
     * changes. On by default; switch it off to open an up-to-date file without writing to it.
     *
     * @param stampValidation false to leave the file unchanged by opening
     * @return this builder
     */
    public Builder stampValidation(boolean stampValidation) {
      this.stampValidation = stampValidation;
      return this;
    }

    /**
     * Sets a listener told about every statement the DAOs, queries and analytics run on this
     * database, with its duration: for logging slow queries or checking query plans. None by
     * default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder statementListener(StatementListener listener) {
      this.statementListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * What {@link #open()} would do to the file or server database, without doing it: the version
     * it holds and the SQL of every step to the target version (see {@link #targetVersion}). A
     * missing file is not created; nothing is written on a server.
     *
     * @return the plan
     * @throws IllegalStateException for a {@link #dataSource}, which only opening can use
     * @throws DatabaseOpenException if the database cannot be read, holds another schema or tables
     *     created without gao-metrics that cannot be adopted
     * @throws dev.gao.metrics.runtime.exception.SchemaVersionException if a step is missing
     */
    public MigrationPlan plan() {
      int target = targetVersion == null ? schema.version() : targetVersion;
      if (url != null) {
        return ServerDryRun.plan(schema, url, user, password, target, busyTimeout);
      }
      if (dataSource != null) {
        throw new IllegalStateException(
            "plan() reads a database file or a server URL; a data source can only be opened");
      }
      return DryRun.plan(schema, file != null ? file : defaultFile(), target);
    }

    /**
     * Opens the database: creates or checks the file, opens the pool, creates the schema, adopts
     * tables created without this library, migrates to the target version (after a backup), and
     * validates the structure.
     *
     * @return the open database
     * @throws DatabaseOpenException if the file cannot be used
     * @throws dev.gao.metrics.runtime.exception.SchemaVersionException if the database holds a
     *     newer version and no {@link #targetVersion} asks for a downgrade, or no chain of steps
     *     leads to the target version
     * @throws dev.gao.metrics.runtime.exception.MigrationException if a migration step (or the
     *     adoption of tables created without this library) failed; the database stays at the
     *     version before that step
     * @throws dev.gao.metrics.runtime.exception.SchemaMismatchException if its structure differs
     *     from the target version after creating or migrating
     */
    public MetricsDatabase open() {
      JsonCodec json = objectMapper == null ? JsonCodec.withDefaults() : JsonCodec.of(objectMapper);
      Dialect dialect;
      DatabaseConnections connections;
      if (url != null) {
        dialect = new PostgresDialect();
        connections = PostgresConnections.of(url, user, password, poolSize, busyTimeout);
      } else if (dataSource != null) {
        dialect = dialectOf(dataSource);
        connections = DatabaseConnections.of(dataSource, dialect);
      } else {
        dialect = new SqliteDialect();
        connections =
            SqliteConnections.of(
                file != null ? file : defaultFile(), schema, (SqliteDialect) dialect, poolSize, busyTimeout);
      }
      connections.transactions().statementListener(statementListener);
      try {
        OpenSteps steps =
            dialect instanceof SqliteDialect sqlite
                ? new SqliteOpenSteps(
                    connections.transactions(),
                    sqlite,
                    connections.location(),
                    backupBeforeMigration ? connections.file() : null)
                : new PostgresOpenSteps(
                    connections.transactions(), (PostgresDialect) dialect, connections.location());
        new SchemaInitializer(
                connections.transactions(),
                dialect,
                schema,
                connections.location(),
                steps,
                targetVersion,
                stampValidation)
            .initializeOrValidate();
      } catch (RuntimeException e) {
        connections.transactions().close();
        throw e;
      }
      return new MetricsDatabase(
          schema,
          connections.file(),
          json,
          dialect,
          connections.transactions(),
          connections.location());
    }
  }

  /**
   * The dialect of the engine behind an application's data source, asked once from its metadata.
   *
   * @throws DatabaseOpenException if it cannot be asked, or the engine is neither SQLite nor
   *     PostgreSQL
   */
  private static Dialect dialectOf(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new DatabaseOpenException(
          "Cannot open data source " + dataSource + ": no connection to ask which database it is ("
              + PostgresConnections.withoutPassword(String.valueOf(e.getMessage())) + ")",
          e);
    }
    if ("SQLite".equalsIgnoreCase(product)) {
      return new SqliteDialect();
    }
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return new PostgresDialect();
    }
    throw new DatabaseOpenException(
        "Cannot open data source " + dataSource + ": it is a " + product
            + " database; gao-metrics runs on SQLite and PostgreSQL (and servers that speak"
            + " PostgreSQL's protocol and report themselves as PostgreSQL)");
  }
}

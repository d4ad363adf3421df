package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.LiveTable;
import dev.gao.metrics.runtime.schema.SchemaComparator;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.sql.ErrorContext;
import dev.gao.metrics.runtime.sql.InsertValues;
import dev.gao.metrics.runtime.sql.ValueCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.core.CoreStatement;

/**
 * SQLite through sqlite-jdbc: WAL with {@code synchronous=NORMAL}, foreign keys enforced on every
 * connection, write transactions that take the write lock at BEGIN, STRICT-table introspection
 * through the {@code pragma_*} table functions, and translation of extended result codes.
 */
public final class SqliteDialect implements Dialect {
  /** SQLite's message for a failed named CHECK constraint. */
  private static final java.util.regex.Pattern CHECK_FAILED =
      java.util.regex.Pattern.compile("CHECK constraint failed: (\\w+)");

  /**
   * The SQLite header's application id of files this library creates: "GAOM" in ASCII. Tools such
   * as {@code file(1)} use it to tell what a database file belongs to.
   */
  public static final int APPLICATION_ID = 0x47414F4D;

  private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final SqliteIntrospector introspector = new SqliteIntrospector();
  private final SqliteErrorTranslator translator = new SqliteErrorTranslator();
  private final SqliteValueCodec values = new SqliteValueCodec();

  /**
   * The settings every connection of a file database gets, for code that must open connections
   * exactly as the runtime does (benchmarks, tools).
   *
   * @param busyTimeout how long a statement waits for another connection's lock
   * @return a new configuration
   */
  public static SQLiteConfig connectionConfig(Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL is consistent under WAL; only the last commits can be lost on power failure.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) Math.min(busyTimeout.toMillis(), Integer.MAX_VALUE));
    // Generated SQL returns keys with RETURNING; the driver's extra query per INSERT is waste.
    config.setGetGeneratedKeys(false);
    // SQLite's default page cache is 2 MiB per connection. Indexes on random run ids touch pages
    // all over the file, so a larger cache (allocated only as pages are used) keeps bulk loads and
    // reads of large databases off the disk: 1,000,000 runs loaded in 168 s instead of 297 s.
    config.setCacheSize(CACHE_SIZE_KIB);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // Deleted runs are overwritten with zeros rather than left in free pages, where anyone who can
    // read the file (or a copy of it) would find them with strings(1).
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    return config;
  }

  /** The page cache of each connection: 64 MiB, as a negative number of KiB. */
  static final int CACHE_SIZE_KIB = -65_536;

  /** Creates the dialect; it holds no state and may be shared. */
  public SqliteDialect() {}

  /**
   * A data source of physical connections to a database file, each configured with the settings the
   * runtime relies on (foreign keys enforced, write-ahead log, busy timeout).
   *
   * @param file the database file
   * @param busyTimeout how long a connection waits for a lock held by another process
   * @return the unpooled data source
   */
  public DataSource fileDataSource(Path file, Duration busyTimeout) {
    SQLiteConfig config = connectionConfig(busyTimeout);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return dataSource;
  }

  /**
   * Looks at an existing file with plain file reads (never a connection, which could change it):
   * whether it is a SQLite database, whether its header and size show it damaged, and whether
   * connecting would change it. One read of the file's start answers all three.
   *
   * @param file an existing regular file
   * @return what the file's first bytes show
   * @throws IOException if the file cannot be read
   */
  public FileCheck checkFile(Path file) throws IOException {
    long size;
    byte[] start;
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      size = channel.size();
      ByteBuffer buffer = ByteBuffer.allocate(SqliteFileHeader.SIZE);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          break;
        }
      }
      start = Arrays.copyOf(buffer.array(), buffer.position());
    }
    if (size == 0) {
      return new FileCheck(true, Optional.empty(), false);
    }
    if (start.length < HEADER.length
        || !Arrays.equals(start, 0, HEADER.length, HEADER, 0, HEADER.length)) {
      return FileCheck.notDatabase();
    }
    Optional<SqliteFileHeader> header = SqliteFileHeader.parse(start);
    if (header.isEmpty()) {
      return new FileCheck(
          true, Optional.of("it is truncated: " + size + " bytes, shorter than its header"), false);
    }
    SqliteFileHeader found = header.get();
    // A -wal file's pages add to the file's; looked for only when the file seems short of pages.
    boolean walFrames = found.shortOfPages(size) && walHasFrames(file);
    // Every connection asks for WAL; a file in another journal mode is rewritten by that.
    return new FileCheck(true, found.damage(size, walFrames), !found.wal());
  }

  private static boolean walHasFrames(Path file) throws IOException {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.isRegularFile(wal) && Files.size(wal) > 0;
  }

  /**
   * A connection that can only read the file and changes nothing in it or next to it.
   *
   * @param file an existing database file
   * @return the connection; the caller closes it
   * @throws SQLException if the file cannot be opened
   */
  public Connection readOnlyConnection(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /**
   * The files SQLite keeps beside a database file while it is open or after a crash, as suffixes of
   * the file's name: {@code -wal}, {@code -shm}, {@code -journal}. They are part of the database:
   * moved, copied and trusted only together with it.
   *
   * @return the suffixes
   */
  public List<String> sideFileSuffixes() {
    return SIDE_FILES;
  }

  private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

  /**
   * Whether a writer that stopped mid-transaction left its undo record beside the file: a non-empty
   * {@code -journal}, which only a read-write connection rolls back; read-only connections refuse
   * the file until then.
   *
   * @param file an existing database file
   * @return true if an interrupted write may have to be rolled back
   */
  public boolean hasInterruptedWrite(Path file) {
    Path journal = file.resolveSibling(file.getFileName() + "-journal");
    try {
      return Files.isRegularFile(journal) && Files.size(journal) > 0;
    } catch (IOException e) {
      return Files.exists(journal);
    }
  }

  /**
   * Rolls back what an interrupted writer left half-written, as SQLite does on its next read-write
   * open, without changing the file's journal mode or anything else in it.
   *
   * @param file an existing database file with {@link #hasInterruptedWrite}
   * @param busyTimeout how long to wait for another process that holds the file locked
   * @throws SQLException if SQLite cannot roll it back
   */
  public void rollBackInterruptedWrite(Path file, Duration busyTimeout) throws SQLException {
    // A plain read-write connection, with no journal-mode pragma: SQLite sees the hot journal on
    // its first read, takes the exclusive lock and copies the saved pages back. A journal that is
    // not hot (its writer is alive, or it was only left behind in PERSIST mode) is left alone.
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) Math.min(busyTimeout.toMillis(), Integer.MAX_VALUE));
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
    }
  }

  @Override
  public void prepareConnection(Connection physical) throws SQLException {
    try (Statement statement = physical.createStatement()) {
      // A no-op inside a transaction; the connection was just borrowed, so none is open.
      statement.execute("PRAGMA foreign_keys = ON");
      try (ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw new SQLException(
              "foreign keys are not enforced on a new connection (PRAGMA foreign_keys is not 1);"
                  + " the connection may have been handed out inside a transaction");
        }
      }
    }
  }

  @Override
  public String foreignKeys(boolean enabled) {
    return enabled ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF";
  }

  @Override
  public boolean foreignKeysEnforced(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  @Override
  public String beginWrite() {
    return "BEGIN IMMEDIATE";
  }

  @Override
  public String beginRead() {
    return "BEGIN DEFERRED";
  }

  @Override
  public boolean isReusable(PreparedStatement statement) throws SQLException {
    // sqlite-jdbc finalizes a statement whose step failed with anything but a busy, locked,
    // misuse or constraint error, and keeps reporting it open.
    if (statement instanceof CoreStatement core) {
      return core.pointer != null && !core.pointer.isClosed();
    }
    return !statement.isClosed();
  }

  /** sqlite-jdbc steps through a result as it is read. */
  @Override
  public int streamFetchSize() {
    return 0;
  }

  @Override
  public boolean failedStatementEndsTransaction() {
    return false;
  }

  @Override
  public boolean transactionFailed(Connection connection) {
    return false;
  }

  @Override
  public boolean transactionOpen(Connection connection) {
    // SQLite's COMMIT fails by itself ("no transaction is active") when the work ended it.
    return true;
  }

  @Override
  public boolean transactionAlreadyEnded(SQLException rollbackFailure) {
    String message = rollbackFailure.getMessage();
    return message != null && message.contains("no transaction is active");
  }

  /**
   * {@inheritDoc}
   *
   * <p>SQLite assigns the key of an {@code INTEGER PRIMARY KEY} given NULL by itself; a default is
   * written as the schema declares it, so no connection is needed.
   */
  @Override
  public InsertValues insertValues(Connection connection, TableInfo table) {
    List<String> parameters = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      parameters.add(column.hasDefault() ? "COALESCE(?, " + column.defaultSql() + ")" : "?");
    }
    return new InsertValues("", parameters);
  }

  @Override
  public Optional<ForeignKeyViolationException> missingParent(
      Connection connection, TableInfo table, Object[] foreignKeyValues, SQLException cause) {
    return new ForeignKeyProbe(table, this).missingParent(connection, foreignKeyValues, cause);
  }

  @Override
  public AnalyticsSql analyticsSql() {
    return SqliteAnalyticsSql.INSTANCE;
  }

  @Override
  public boolean numberedParameters() {
    return true;
  }

  @Override
  public ValueCodec valueCodec() {
    return values;
  }

  @Override
  public List<String> tableNames(Connection connection) throws SQLException {
    return introspector.tableNames(connection);
  }

  @Override
  public Optional<LiveTable> describeTable(Connection connection, String table)
      throws SQLException {
    return introspector.describe(connection, table);
  }

  /**
   * {@code VACUUM} rewrites the file without free pages; the checkpoint then moves the rewritten
   * pages from the write-ahead log into the file and truncates the log.
   */
  @Override
  public List<String> reclaimSpace() {
    return List.of("VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)");
  }

  /** SQLite's schema cookie, incremented by every schema change. */
  @Override
  public long structureCookie(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA schema_version")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String sizeQuery() {
    return "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
  }

  @Override
  public String createMetadataTableSql(String table) {
    return "CREATE TABLE "
        + quote(table)
        + " (\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL) STRICT, WITHOUT ROWID";
  }

  @Override
  public void recordVersion(Connection connection, int version) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + version);
      statement.execute("PRAGMA application_id = " + APPLICATION_ID);
    }
  }

  @Override
  public String normalizeDefault(String defaultSql) {
    if (defaultSql == null) {
      return null;
    }
    String text = defaultSql.strip();
    while (text.length() >= 2
        && text.charAt(0) == '('
        && text.charAt(text.length() - 1) == ')'
        && enclosesWhole(text)) {
      text = text.substring(1, text.length() - 1).strip();
    }
    return text;
  }

  /** Whether the opening parenthesis at 0 is closed by the last character, outside quotes. */
  private static boolean enclosesWhole(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0 && i < text.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  @Override
  public MetricsException translate(SQLException exception, ErrorContext context) {
    return translator.translate(exception, context);
  }

  @Override
  public String restoreAdvice() {
    return SideFiles.RESTORE_ADVICE;
  }

  @Override
  public String startOverAdvice() {
    return SideFiles.MOVE_AWAY + " to start a new database";
  }

  /**
   * The JSON check of the first form of the history table, which SQLite before 3.45 fails for the
   * NULL of every adopt and downgrade row: {@code json_valid(NULL)} is 0 there.
   */
  private static final String BARE_JSON_CHECK = "CHECK (json_valid(\"downgrade_sql\"))";

  /** The DDL of the history table under the name {@code table}. */
  private static String historyTableSql(String table) {
    return "CREATE TABLE IF NOT EXISTS \""
        + table
        + "\" (\n"
        + "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        + "  \"from_version\" INTEGER NOT NULL,\n"
        + "  \"to_version\" INTEGER NOT NULL,\n"
        + "  \"direction\" TEXT NOT NULL"
        + " CHECK (\"direction\" IN ('upgrade', 'downgrade', 'adopt')),\n"
        + "  \"checksum\" TEXT NOT NULL,\n"
        + "  \"applied_at\" TEXT NOT NULL,\n"
        + "  \"duration_ms\" INTEGER NOT NULL,\n"
        + "  \"library_version\" TEXT NOT NULL,\n"
        + "  \"downgrade_sql\" TEXT CHECK (\"downgrade_sql\" IS NULL OR json_valid(\"downgrade_sql\"))\n"
        + ") STRICT";
  }

  /**
   * {@inheritDoc}
   *
   * <p>A table of the first form is rebuilt: its JSON check let no NULL pass in SQLite before 3.45,
   * so {@code PRAGMA integrity_check} there reported every adopt and downgrade row; a file's
   * history table is repaired by the next step that runs on it.
   */
  @Override
  public void createHistoryTable(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(historyTableSql(name));
      if (storedSql(connection, name).contains(BARE_JSON_CHECK)) {
        String rebuilt = name + "__new";
        statement.execute(historyTableSql(rebuilt));
        statement.execute("INSERT INTO \"" + rebuilt + "\" SELECT * FROM \"" + name + "\"");
        statement.execute("DROP TABLE \"" + name + "\"");
        statement.execute("ALTER TABLE \"" + rebuilt + "\" RENAME TO \"" + name + "\"");
      }
    }
  }

  private static String storedSql(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  @Override
  public Engine engine() {
    return Engine.SQLITE;
  }

  @Override
  public void lockSchemaChanges(Connection connection, String location) {
    // BEGIN IMMEDIATE took the write lock of the file already.
  }

  @Override
  public List<SchemaDifference> differences(Connection connection, SchemaInfo version) throws SQLException {
    Map<String, LiveTable> live = new LinkedHashMap<>();
    for (TableInfo table : version.tables()) {
      Optional<LiveTable> found = describeTable(connection, table.name());
      if (found.isPresent()) {
        live.put(table.name(), found.get());
      }
    }
    return new SchemaComparator(this::normalizeDefault).compare(version, live);
  }

  @Override
  public java.util.concurrent.locks.Lock newWriteLock() {
    return WriteLocks.unshared();
  }

  @Override
  public Optional<String> failedCheckConstraint(SQLException failure) {
    java.util.regex.Matcher matcher = CHECK_FAILED.matcher(String.valueOf(failure.getMessage()));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  @Override
  public List<String> foreignKeyViolations(Connection connection, int limit) throws SQLException {
    List<String> violations = new java.util.ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
      while (rs.next() && violations.size() < limit) {
        violations.add(
            "table "
                + rs.getString(1)
                + " rowid "
                + rs.getString(2)
                + " references a missing row of "
                + rs.getString(3));
      }
    }
    return violations;
  }
}

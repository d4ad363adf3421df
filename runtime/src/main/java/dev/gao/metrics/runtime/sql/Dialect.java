package dev.gao.metrics.runtime.sql;

import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.LiveTable;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Everything the runtime does differently per database engine. */
public interface Dialect {
  /**
   * Prepares a physical connection the first time it is seen, outside any transaction, and checks
   * that foreign keys are enforced on it.
   *
   * @param physical the physical connection
   * @throws SQLException if the connection cannot be configured as required
   */
  void prepareConnection(Connection physical) throws SQLException;

  /**
   * Switches foreign-key enforcement on or off; only effective outside a transaction.
   *
   * @param enabled whether to enforce foreign keys
   * @return the SQL, or an empty string where the engine always enforces them
   */
  String foreignKeys(boolean enabled);

  /**
   * Whether foreign keys are enforced on a connection right now.
   *
   * @param connection the connection, outside a transaction
   * @return true if enforced
   * @throws SQLException if the query fails
   */
  boolean foreignKeysEnforced(Connection connection) throws SQLException;

  /**
   * Begins a write transaction that holds the write lock from its start.
   *
   * @return the SQL
   */
  String beginWrite();

  /**
   * Begins a read transaction (a consistent snapshot).
   *
   * @return the SQL
   */
  String beginRead();

  /**
   * Whether a write unit begins by leaving auto-commit instead of running {@link #beginWrite()}:
   * the driver then sends its own {@code BEGIN} in the same request as the unit's first statement,
   * which saves a round trip to the server per unit. Only for an engine whose sessions begin every
   * transaction as {@link #beginWrite()} does, which {@link #prepareConnection} makes sure of.
   *
   * @return true to begin write units with their first statement
   */
  default boolean beginsWriteWithFirstStatement() {
    return false;
  }

  /**
   * {@link #beginRead()} followed by a savepoint, as one request, for an engine on which a failed
   * statement ends the transaction ({@link #failedStatementEndsTransaction()}): a statement of the
   * read unit that fails is undone by rolling back to that savepoint, and the snapshot goes on,
   * without a savepoint of its own per statement. Null where the engine has no such request.
   *
   * @param savepoint the savepoint's name
   * @return the SQL, or null
   */
  default String beginReadWithSavepoint(String savepoint) {
    return null;
  }

  /**
   * Commits the transaction.
   *
   * @return the SQL
   */
  default String commit() {
    return "COMMIT";
  }

  /**
   * Rolls the transaction back.
   *
   * @return the SQL
   */
  default String rollback() {
    return "ROLLBACK";
  }

  /**
   * Whether a failed {@link #rollback()} failed only because the database had already rolled the
   * transaction back by itself (SQLite does so on a full disk and on some I/O errors): the
   * connection is then clean and reusable, and the rollback's failure is no news to the caller.
   *
   * @param rollbackFailure what the rollback threw
   * @return whether no transaction was open any more
   */
  boolean transactionAlreadyEnded(SQLException rollbackFailure);

  /**
   * Whether a failed statement ends the transaction it ran in: PostgreSQL refuses every further
   * statement of it until it is rolled back (to a savepoint, if one was taken before), where SQLite
   * undoes the failed statement alone and goes on.
   *
   * @return whether the transaction needs a savepoint to survive a failed statement
   */
  boolean failedStatementEndsTransaction();

  /**
   * Whether the transaction open on a connection failed and can only be rolled back.
   *
   * @param connection the physical connection
   * @return whether it failed
   * @throws SQLException if the driver cannot tell
   */
  boolean transactionFailed(Connection connection) throws SQLException;

  /**
   * Whether a transaction is still open on a connection before the runtime commits it: false when
   * work on {@code Transaction.connection()} ended it itself (its own {@code COMMIT} or {@code
   * ROLLBACK}). An engine whose {@link #commit()} fails by itself without a transaction (SQLite) may
   * answer true.
   *
   * @param connection the physical connection
   * @return whether a transaction is open, or true if the commit will tell
   * @throws SQLException if the driver cannot tell
   */
  boolean transactionOpen(Connection connection) throws SQLException;

  /**
   * How many rows a stream reads from the database at a time, where the driver would otherwise read
   * a whole result before the first row: pgjdbc reads a result a page at a time only outside its
   * auto-commit mode, so the connection of such a stream leaves it while the stream is open (and, in
   * a unit, until the unit ends).
   *
   * @return the rows of a page, or 0 where the driver reads rows as they are asked for (SQLite)
   */
  int streamFetchSize();

  /**
   * Whether a cached prepared statement can run again. A driver may finalize a statement whose
   * execution failed; such a statement is prepared anew instead of failing every later use.
   *
   * @param statement a statement prepared earlier on a connection still open
   * @return whether it can be executed again
   * @throws SQLException if the driver cannot tell
   */
  boolean isReusable(PreparedStatement statement) throws SQLException;

  /**
   * Starts a savepoint.
   *
   * @param name the savepoint name
   * @return the SQL
   */
  default String savepoint(String name) {
    return "SAVEPOINT " + quote(name);
  }

  /**
   * Releases a savepoint, keeping its work.
   *
   * @param name the savepoint name
   * @return the SQL
   */
  default String releaseSavepoint(String name) {
    return "RELEASE SAVEPOINT " + quote(name);
  }

  /**
   * Undoes the work since a savepoint; the savepoint stays open.
   *
   * @param name the savepoint name
   * @return the SQL
   */
  default String rollbackToSavepoint(String name) {
    return "ROLLBACK TO SAVEPOINT " + quote(name);
  }

  /**
   * How this engine stores the values whose storage differs between engines.
   *
   * @return the codec
   */
  ValueCodec valueCodec();

  /**
   * What a DAO's {@code INSERT} writes for each column of {@code table}: the column's default where
   * the row gives NULL, and a new key where the database assigns keys and the row gives none, as this
   * engine spells them.
   *
   * @param connection a connection to the database, where the engine needs to look the defaults up
   * @param table the table
   * @return the parameters of the statement
   * @throws SQLException if the lookup fails
   */
  InsertValues insertValues(Connection connection, TableInfo table) throws SQLException;

  /**
   * Whether a statement may number its parameters ({@code ?3}) and use one parameter in several
   * places; where it cannot, every {@code ?} is a parameter of its own, in order.
   *
   * @return whether parameters may be numbered
   */
  boolean numberedParameters();

  /**
   * Quotes an identifier.
   *
   * @param identifier the name
   * @return the quoted name
   */
  default String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * The names of the user tables in the database, without the engine's own tables.
   *
   * @param connection the connection
   * @return the table names
   * @throws SQLException if the query fails
   */
  List<String> tableNames(Connection connection) throws SQLException;

  /**
   * The live structure of one table.
   *
   * @param connection the connection
   * @param table the table name
   * @return the structure, or empty if the table does not exist
   * @throws SQLException if the query fails
   */
  Optional<LiveTable> describeTable(Connection connection, String table) throws SQLException;

  /**
   * The DDL of the library's key/value metadata table.
   *
   * @param table the table name
   * @return the CREATE TABLE statement
   */
  String createMetadataTableSql(String table);

  /**
   * Records the schema version where the engine's own tools show it.
   *
   * @param connection the connection, inside the initializing transaction
   * @param version the schema version
   * @throws SQLException if the statement fails
   */
  void recordVersion(Connection connection, int version) throws SQLException;

  /**
   * A number that changes whenever the database's structure changes (any table, index or view
   * created, altered or dropped), by any connection or process.
   *
   * @param connection the connection
   * @return the number
   * @throws SQLException if the query fails
   */
  long structureCookie(Connection connection) throws SQLException;

  /**
   * The statements that give the space of deleted rows back to the file system, run in order
   * outside any transaction.
   *
   * @return the statements
   */
  List<String> reclaimSpace();

  /**
   * A query of one row and one column: the bytes the database's pages take.
   *
   * @return the query
   */
  String sizeQuery();

  /**
   * Normalizes a default expression so that the text the DDL declares and the text the live
   * database reports compare equal.
   *
   * @param defaultSql the default expression, or null
   * @return the normalized text, or null
   */
  String normalizeDefault(String defaultSql);

  /**
   * Translates a driver exception into the runtime's exception hierarchy.
   *
   * @param exception the driver exception
   * @param context what is known about the failed statement
   * @return the exception to throw
   */
  MetricsException translate(SQLException exception, ErrorContext context);

  /**
   * Translates the failure of a unit's COMMIT. Where the connection to a server can be lost during
   * it, whether the transaction was stored is unknown, which the exception must say ({@link
   * dev.gao.metrics.runtime.exception.CommitOutcomeUnknownException}); otherwise as {@link
   * #translate}.
   *
   * @param exception the driver exception
   * @param context what is known: the database
   * @return the exception to throw
   */
  default MetricsException translateCommitFailure(SQLException exception, ErrorContext context) {
    return translate(exception, context);
  }

  /**
   * The database's reason for refusing a statement it was asked to prepare, as a report quotes it
   * after the method's name.
   *
   * @param refusal what the driver threw
   * @return the reason, in the database's words
   */
  default String refusalReason(SQLException refusal) {
    return refusal.getMessage();
  }

  /**
   * How to restore a backup of a database of this engine correctly, as sentences with a leading
   * space to append to a message that advises restoring one (SQLite: move the {@code -wal} and
   * {@code -shm} files away with the file); empty when there is nothing to add.
   *
   * @return the sentences, or an empty string
   */
  String restoreAdvice();

  /**
   * How to start a new database in place of one the code cannot use, as a phrase that completes
   * "Restore it from a backup or ..." (SQLite: move the file away together with its side files).
   *
   * @return the phrase, without a final period
   */
  String startOverAdvice();

  /**
   * Creates the library's migration history table if it does not exist, in this engine's form, and
   * brings an older form of it to the current one where there was one.
   *
   * @param connection the connection, inside a write transaction
   * @param name the table name
   * @throws SQLException if a statement fails
   */
  void createHistoryTable(Connection connection, String name) throws SQLException;

  /**
   * The engine whose SQL this dialect runs: which of a schema's generated statements it executes.
   *
   * @return the engine
   */
  Engine engine();

  /**
   * Serializes the transactions that change the schema (creating it, a migration step) across every
   * process that opens the database, so that a second one waits and then finds the work done. Called
   * first in such a transaction. SQLite needs nothing: its write transactions take the database's
   * write lock at BEGIN.
   *
   * @param connection the connection, inside the write transaction
   * @param location the database, for the message when the lock is not granted in time
   * @throws SQLException if the statement fails
   * @throws dev.gao.metrics.runtime.exception.BusyException if another process held it too long
   */
  void lockSchemaChanges(Connection connection, String location) throws SQLException;

  /**
   * Every difference between the live structure and a version of the schema, table by table in
   * schema order. Changes nothing: on a connection inside a transaction it leaves that transaction
   * as it found it.
   *
   * @param connection the connection
   * @param version the version the code expects
   * @return the differences, empty when the structure matches
   * @throws SQLException if reading the structure fails
   */
  List<SchemaDifference> differences(Connection connection, SchemaInfo version) throws SQLException;

  /**
   * A new lock for the writers of this process on one database that is not a file (an application's
   * data source or a server): SQLite allows one writer at a time, so the writers queue in the
   * process rather than wait on each other's busy timeouts; PostgreSQL lets writers run side by side
   * and gets a lock that never waits.
   *
   * @return the lock
   */
  java.util.concurrent.locks.Lock newWriteLock();

  /**
   * The rows whose foreign key refers to a row that does not exist, as sentences naming the table,
   * the row and the referenced table: after a migration step that ran with enforcement off (SQLite's
   * table rebuild). An engine that never switches enforcement off reports none.
   *
   * @param connection the connection, inside the step's transaction
   * @param limit the most violations to report
   * @return the violations, empty when every foreign key holds
   * @throws SQLException if the check fails
   */
  List<String> foreignKeyViolations(Connection connection, int limit) throws SQLException;

  /**
   * How the analytics spell what differs between engines in their SQL.
   *
   * @return the engine's analytics SQL; it holds no state and may be shared
   */
  AnalyticsSql analyticsSql();

  /**
   * Names the missing parent row of a write that failed on a foreign key, where the engine's error
   * names no key or value: SQLite looks each parent up in the same transaction; PostgreSQL's
   * errors name them already.
   *
   * @param connection the connection the write failed on, inside its transaction
   * @param table the written table
   * @param foreignKeyValues the row's foreign-key values, in {@code table.foreignKeys()} order
   * @param cause the driver's exception
   * @return the violation naming table, column and value, or empty when none can be named
   */
  default Optional<ForeignKeyViolationException> missingParent(
      Connection connection, TableInfo table, Object[] foreignKeyValues, SQLException cause) {
    return Optional.empty();
  }

  /**
   * The name of the CHECK constraint a statement failed on, read from the engine's report of the
   * failure (SQLite's message, PostgreSQL's SQLState 23514 and constraint field).
   *
   * @param failure what the driver threw
   * @return the constraint's name, or empty if the statement failed for another reason
   */
  Optional<String> failedCheckConstraint(SQLException failure);

  /**
   * Whether a unit of work failed because the server aborted its transaction for a conflict with
   * another one, so that running the whole unit again from its start may succeed: PostgreSQL's
   * serialization failures (40001) and deadlocks (40P01). SQLite waits for its lock instead.
   *
   * @param failure what the unit threw
   * @return whether the unit may be run again
   */
  default boolean abortedByConflict(Throwable failure) {
    return false;
  }
}

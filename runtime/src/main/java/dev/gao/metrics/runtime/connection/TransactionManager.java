package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.TransactionWork;
import dev.gao.metrics.runtime.exception.ConnectionLostException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.sql.ErrorContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs units of work on one database. A unit is bound to the calling thread, so that everything the
 * thread does on this database inside it (DAO calls included) uses the unit's connection.
 *
 * <ul>
 *   <li>Write units take the process-wide write lock of the file, then begin with the write lock of
 *       the database taken ({@code BEGIN IMMEDIATE}), so a write never fails half-way because
 *       another writer got there first. The connection stays in auto-commit mode; BEGIN, COMMIT and
 *       ROLLBACK are SQL, so the driver never opens a transaction of its own after a commit. (A
 *       stream on an engine whose driver reads a result a page at a time only outside auto-commit,
 *       PostgreSQL's, switches it off until the unit's COMMIT or ROLLBACK has run. On PostgreSQL a
 *       write unit also begins by switching it off, so that the driver sends BEGIN in the same
 *       request as the first statement; COMMIT and ROLLBACK are still SQL, and the unit switches
 *       auto-commit back on after them.)
 *   <li>A unit inside a write unit is a savepoint: it is undone alone when it fails.
 *   <li>A single statement inside a unit that fails is undone alone and the unit goes on: SQLite
 *       does so by itself; where a failed statement ends the transaction (PostgreSQL), each statement
 *       run through this manager inside a unit takes a savepoint of its own. In a unit without
 *       savepoints ({@link #inWholeTransaction}) such a failure dooms the unit instead.
 *   <li>Read units are a consistent snapshot ({@code BEGIN DEFERRED}); writing in one is an error.
 *       Where a failed statement ends the transaction, a read unit takes one savepoint as it begins,
 *       in the same request, and a statement of it that fails rolls back to it: with nothing
 *       written, that undoes the statement alone as its own savepoint would.
 *   <li>Every failure rolls back; a connection goes back to the pool with no transaction open, or
 *       is discarded.
 * </ul>
 */
public final class TransactionManager implements AutoCloseable {
  private static final String SAVEPOINT_PREFIX = "gao_metrics_unit_";

  /** The savepoint a read unit takes as it begins, where the dialect allows it. */
  private static final String READ_SAVEPOINT = "gao_metrics_read";

  private final ConnectionSource source;
  private final Dialect dialect;
  private final Lock writeLock;
  private final String location;
  private final StatementCache statements;
  private final ThreadLocal<UnitOfWork> current = new ThreadLocal<>();

  /** How often a write unit the server aborts for a conflict runs at most, the first time included. */
  public static final int CONFLICT_ATTEMPTS = 5;
  private volatile boolean closed;
  private volatile StatementListener listener;

  /**
   * Creates the manager.
   *
   * @param source where connections come from
   * @param dialect the database dialect
   * @param writeLock the lock that serializes writers of this process on this database
   * @param location the database file or data source, for messages
   */
  public TransactionManager(
      ConnectionSource source, Dialect dialect, Lock writeLock, String location) {
    this.source = source;
    this.dialect = dialect;
    this.writeLock = writeLock;
    this.location = location;
    this.statements = new StatementCache(dialect);
  }

  /**
   * Sets the listener told about every statement run through a {@link StatementRunner} or {@link
   * #stream}; {@code null} for none, the default, which costs nothing.
   *
   * @param listener the listener, or null
   */
  public void statementListener(StatementListener listener) {
    this.listener = listener;
  }

  /** The statement listener, or null. */
  StatementListener listener() {
    return listener;
  }

  /**
   * Runs work in a write unit: a new transaction, or a savepoint inside the thread's write unit.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException inside a read unit, or after {@link #close()}
   */
  public <R> R inTransaction(TransactionWork<R> work) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit == null) {
      return topLevel(false, work::execute, TransactionManager::wrapChecked);
    }
    requireWritable(unit);
    return nested(unit, work::execute, TransactionManager::wrapChecked);
  }

  /**
   * Runs work in a write transaction in which nested units (DAO batch writes, nested transactions)
   * take no savepoints: a failure anywhere rolls back the whole transaction, even when the work
   * catches it and goes on, in which case the commit is refused with a {@link
   * TransactionException} and nothing is stored. Saves SQLite's statement journal, which copies
   * every page a savepoint's writes touch first. Inside another write unit of this thread it runs as
   * {@link #inTransaction} does there.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException inside a read unit, or after {@link #close()}
   */
  public <R> R inWholeTransaction(TransactionWork<R> work) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit == null) {
      return topLevel(false, false, true, work::execute, TransactionManager::wrapChecked);
    }
    requireWritable(unit);
    return nested(unit, work::execute, TransactionManager::wrapChecked);
  }

  /**
   * Runs work in a read unit, or in the thread's unit if it has one.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException after {@link #close()}
   */
  public <R> R read(TransactionWork<R> work) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit == null) {
      return topLevel(true, work::execute, TransactionManager::wrapChecked);
    }
    return joined(unit, work::execute, TransactionManager::wrapChecked);
  }

  /**
   * Runs work in a write transaction of its own on one physical connection, optionally with
   * foreign-key enforcement switched off around the transaction (it cannot change inside one). Used
   * for schema changes that rebuild tables. Enforcement is switched back on after the transaction
   * ends, whether it committed or not; a connection on which that fails is discarded, so no pooled
   * connection is left without enforcement.
   *
   * @param foreignKeysOff whether to switch foreign-key enforcement off around the transaction
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException inside a unit of work, or after {@link #close()}
   */
  public <R> R exclusiveWrite(boolean foreignKeysOff, TransactionWork<R> work) {
    ensureOpen();
    if (current.get() != null) {
      throw new IllegalStateException(
          "A schema change cannot run inside a unit of work; run it on its own");
    }
    return topLevel(false, foreignKeysOff, false, work::execute, TransactionManager::wrapChecked);
  }

  /**
   * Runs a single-statement write in the thread's write unit, or in a write unit of its own.
   *
   * @param work the operation
   * @param <R> the result type
   * @return the operation's result
   * @throws IllegalStateException inside a read unit, or after {@link #close()}
   */
  public <R> R write(ScopedWork<R> work) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit == null) {
      return topLevel(false, work::execute, this::translateChecked);
    }
    requireWritable(unit);
    return statement(unit, work::execute, this::translateChecked);
  }

  /**
   * Runs a multi-statement write atomically: in a savepoint of the thread's write unit, or in a
   * write unit of its own.
   *
   * @param work the operation
   * @param <R> the result type
   * @return the operation's result
   * @throws IllegalStateException inside a read unit, or after {@link #close()}
   */
  public <R> R atomicWrite(ScopedWork<R> work) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit == null) {
      return topLevel(false, work::execute, this::translateChecked);
    }
    requireWritable(unit);
    return nested(unit, work::execute, this::translateChecked);
  }

  /**
   * Runs a read in the thread's unit, or on a borrowed connection without a transaction.
   *
   * @param work the operation
   * @param <R> the result type
   * @return the operation's result
   * @throws IllegalStateException after {@link #close()}
   */
  public <R> R query(ScopedWork<R> work) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit != null) {
      return statement(unit, work::execute, this::translateChecked);
    }
    Connection connection = borrow();
    boolean reusable = false;
    try {
      UnitOfWork borrowed = new UnitOfWork(connection, physical(connection), true);
      reusable = true;
      return work.execute(borrowed);
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      giveBack(connection, reusable);
    }
  }

  /**
   * Runs work that cannot run inside a transaction, such as {@code VACUUM}, on one borrowed
   * connection while holding this process's write lock of the file, so that no writer of this
   * process interleaves; writers of other processes wait for it up to their busy timeout.
   *
   * @param work the operation
   * @param <R> the result type
   * @return the operation's result
   * @throws IllegalStateException inside a unit of work, or after {@link #close()}
   */
  public <R> R outsideTransaction(ScopedWork<R> work) {
    ensureOpen();
    if (current.get() != null) {
      throw new IllegalStateException(
          "This operation cannot run inside a unit of work; run it on its own");
    }
    writeLock.lock();
    try {
      return query(work);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Opens a lazy stream over a query's rows. Its statement is not cached, and it holds its
   * connection (the thread's unit's, or a borrowed one) until it is closed or exhausted; a stream
   * still open when its unit ends is closed then.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads one row
   * @param errors translates a failure while reading
   * @param <T> the row type
   * @return the stream; close it
   * @throws IllegalStateException after {@link #close()}
   */
  public <T> Stream<T> stream(
      String sql,
      StatementBinder binder,
      RowReader<T> reader,
      Function<SQLException, RuntimeException> errors) {
    ensureOpen();
    UnitOfWork unit = current.get();
    if (unit != null && dialect.failedStatementEndsTransaction()) {
      // The query runs when the stream opens: a failure there must not end the unit's transaction.
      return statement(unit, joined -> openStream(sql, binder, reader, errors, unit), TransactionManager::wrapChecked);
    }
    return openStream(sql, binder, reader, errors, unit);
  }

  private <T> Stream<T> openStream(
      String sql,
      StatementBinder binder,
      RowReader<T> reader,
      Function<SQLException, RuntimeException> errors,
      UnitOfWork unit) {
    Connection connection = unit != null ? unit.borrowedConnection() : borrow();
    PreparedStatement statement = null;
    boolean reusable = unit != null;
    int fetchSize = dialect.streamFetchSize();
    try {
      if (unit == null) {
        physical(connection);
        reusable = true;
      }
      if (fetchSize > 0) {
        // Outside a unit the stream reads in a transaction of its own, ended when it closes; inside
        // one, auto-commit stays off until the unit has ended with its COMMIT or ROLLBACK.
        connection.setAutoCommit(false);
        if (unit != null) {
          unit.autoCommitOff();
        }
      }
      StatementListener observer = listener;
      long start = observer == null ? 0 : System.nanoTime();
      statement = connection.prepareStatement(sql);
      if (fetchSize > 0) {
        statement.setFetchSize(fetchSize);
      }
      binder.bind(statement);
      ResultSet resultSet = statement.executeQuery();
      if (observer != null) {
        observer.executed(sql, System.nanoTime() - start);
      }
      ResultStream<T> stream =
          new ResultStream<>(resultSet, statement, reader, errors, onStreamClose(unit, connection));
      if (unit != null) {
        unit.track(stream);
      }
      return stream.stream();
    } catch (SQLException e) {
      abandonStream(statement, unit, connection, reusable);
      throw errors.apply(e);
    } catch (RuntimeException e) {
      abandonStream(statement, unit, connection, reusable);
      throw e;
    }
  }

  /** Cleans up after a stream failed to open. */
  private void abandonStream(
      PreparedStatement statement, UnitOfWork unit, Connection connection, boolean reusable) {
    closeQuietly(statement);
    if (unit == null) {
      giveBack(connection, reusable && endStreamTransaction(connection));
    }
  }

  private Runnable onStreamClose(UnitOfWork unit, Connection connection) {
    if (unit == null) {
      return () -> giveBack(connection, endStreamTransaction(connection));
    }
    return () -> {};
  }

  /**
   * Ends the transaction a stream outside a unit read in, if it had one, and switches auto-commit
   * back on; false if the connection must be discarded.
   */
  private boolean endStreamTransaction(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Switches auto-commit back on after a unit in which a stream switched it off. */
  private static boolean restoreAutoCommit(UnitOfWork unit) {
    if (!unit.autoCommitSwitchedOff()) {
      return true;
    }
    try {
      // The unit's COMMIT or ROLLBACK ran: no transaction is open, so this commits nothing.
      unit.borrowedConnection().setAutoCommit(true);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Whether the calling thread is inside a unit of work of this manager.
   *
   * @return true inside a unit
   */
  public boolean inUnit() {
    return current.get() != null;
  }

  /**
   * How many connections are borrowed right now.
   *
   * @return the number of borrowed connections
   */
  public int activeConnections() {
    return source.activeConnections();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /** Closes the connection source; later units fail with IllegalStateException. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    source.close();
  }

  // ---------------------------------------------------------------- units

  private <R> R topLevel(
      boolean readOnly, Work<R> work, Function<Exception, RuntimeException> checked) {
    return topLevel(readOnly, false, false, work, checked);
  }

  /**
   * Runs a unit in a transaction of its own. A write unit the server aborted because it conflicted
   * with another transaction ({@link Dialect#abortedByConflict}: PostgreSQL's deadlocks and
   * serialization failures) was rolled back whole, so it is run again from its start, up to {@value
   * #CONFLICT_ATTEMPTS} times in all, after a short random pause that grows with each attempt; the
   * last failure reaches the caller.
   *
   * <p>A unit whose connection to the server was lost, or could not be had, is not run again. When
   * the connection broke during COMMIT, the server may have committed the whole transaction just
   * before: nothing on the client tells, and running the unit again could store its work twice, so
   * the caller gets a {@link dev.gao.metrics.runtime.exception.CommitOutcomeUnknownException} and
   * decides (an insert that checks for its key first is safe to run again). Before COMMIT, the
   * server did roll the transaction back, but a lost connection almost always means the server is
   * down or restarting: a new attempt would wait for a connection as long again (the pool waits its
   * connection timeout and retries connecting meanwhile) and multiply the caller's wait without
   * helping. So the caller gets a {@link ConnectionLostException} that says nothing was stored and
   * that the work may run again once the server is back.
   */
  private <R> R topLevel(
      boolean readOnly,
      boolean foreignKeysOff,
      boolean withoutSavepoints,
      Work<R> work,
      Function<Exception, RuntimeException> checked) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(readOnly, foreignKeysOff, withoutSavepoints, work, checked);
      } catch (MetricsException e) {
        if (readOnly || attempt >= CONFLICT_ATTEMPTS || !dialect.abortedByConflict(e)) {
          throw e;
        }
        pauseBeforeAttempt(attempt, e);
      }
    }
  }

  /** Sleeps up to 10 ms times 2 to the attempt (at most 320 ms) before the next attempt. */
  private static void pauseBeforeAttempt(int attempt, MetricsException conflict) {
    long bound = 10L << Math.min(attempt, 5);
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw conflict;
    }
  }

  private <R> R runOnce(
      boolean readOnly,
      boolean foreignKeysOff,
      boolean withoutSavepoints,
      Work<R> work,
      Function<Exception, RuntimeException> checked) {
    if (!readOnly) {
      writeLock.lock();
    }
    try {
      Connection connection = borrow();
      boolean reusable = false;
      UnitOfWork unit = null;
      try {
        unit = new UnitOfWork(connection, physical(connection), readOnly);
        if (withoutSavepoints) {
          unit.withoutSavepoints();
        }
        reusable = true;
        if (foreignKeysOff) {
          execute(unit, dialect.foreignKeys(false));
        }
        begin(unit, readOnly, foreignKeysOff);
        current.set(unit);
        try {
          R result;
          try {
            result = work.run(unit);
          } catch (Throwable failure) {
            unit.closeStreams();
            reusable = rollback(unit, failure);
            throw rethrow(failure, checked);
          }
          unit.closeStreams();
          if (unit.closedByWork()) {
            TransactionException closedConnection = closedByWork();
            reusable = false;
            throw closedConnection;
          }
          if (unit.failedWrite() != null) {
            // A nested write failed part-way without a savepoint and the work went on.
            TransactionException doomed = partialWrite(unit.failedWrite());
            reusable = rollback(unit, doomed);
            throw doomed;
          }
          if (transactionFailed(unit)) {
            // A statement the manager did not run (on Transaction.connection()) failed and ended the
            // transaction; COMMIT would roll it back without a word.
            TransactionException ended = endedTransaction();
            reusable = rollback(unit, ended);
            throw ended;
          }
          if (!transactionOpen(unit)) {
            if (unit.beginPending()) {
              // No statement began the transaction, and the work never had its connection: there is
              // nothing to commit.
              return result;
            }
            reusable = true;
            throw endedByWork();
          }
          try {
            unit.execute(dialect.commit());
          } catch (SQLException e) {
            reusable = rollback(unit, e);
            throw dialect.translateCommitFailure(e, ErrorContext.of(location));
          }
          return result;
        } finally {
          current.remove();
          reusable = !unit.closedByWork() && restoreAutoCommit(unit) && reusable;
          unit.end();
        }
      } finally {
        if (foreignKeysOff && unit != null && !unit.closedByWork()) {
          boolean restored = restoreForeignKeys(unit);
          reusable = reusable && restored;
        }
        giveBack(connection, reusable);
      }
    } finally {
      if (!readOnly) {
        writeLock.unlock();
      }
    }
  }

  /**
   * Begins the unit's transaction. Where the dialect allows, a write unit leaves it to the driver to
   * send {@code BEGIN} with the first statement, and a read unit takes a savepoint in the same
   * request as its {@code BEGIN}, to which a failed statement returns ({@link #statement}); each
   * saves a round trip to the server. A unit that switches foreign keys off begins as it always did.
   */
  private void begin(UnitOfWork unit, boolean readOnly, boolean foreignKeysOff) {
    if (readOnly) {
      String withSavepoint =
          dialect.failedStatementEndsTransaction() ? dialect.beginReadWithSavepoint(READ_SAVEPOINT) : null;
      if (withSavepoint != null) {
        execute(unit, withSavepoint);
        unit.readSavepoint(READ_SAVEPOINT);
      } else {
        execute(unit, dialect.beginRead());
      }
    } else if (dialect.beginsWriteWithFirstStatement() && !foreignKeysOff) {
      try {
        unit.beginWithFirstStatement(dialect.beginWrite());
      } catch (SQLException e) {
        throw translate(e);
      }
    } else {
      execute(unit, dialect.beginWrite());
    }
  }

  private <R> R nested(
      UnitOfWork unit, Work<R> work, Function<Exception, RuntimeException> checked) {
    if (unit.savepointFree()) {
      requireLiveTransaction(unit);
      try {
        return work.run(unit);
      } catch (Throwable failure) {
        unit.failedWrite(failure);
        throw rethrow(failure, checked);
      }
    }
    String savepoint = SAVEPOINT_PREFIX + unit.enterSavepoint();
    try {
      execute(unit, dialect.savepoint(savepoint));
      R result;
      try {
        result = work.run(unit);
      } catch (Throwable failure) {
        try {
          unit.execute(dialect.rollbackToSavepoint(savepoint));
          unit.execute(dialect.releaseSavepoint(savepoint));
        } catch (SQLException e) {
          failure.addSuppressed(e);
        }
        throw rethrow(failure, checked);
      }
      execute(unit, dialect.releaseSavepoint(savepoint));
      return result;
    } finally {
      unit.leaveSavepoint();
    }
  }

  /**
   * Runs the work of one statement in the thread's unit. Where a failed statement ends the
   * transaction (PostgreSQL) it runs in a savepoint of its own, rolled back if it fails, so that the
   * unit goes on as it does on SQLite; in a unit without savepoints, a failure that ended the
   * transaction dooms the unit instead, as a failed nested unit does there.
   */
  private <R> R statement(UnitOfWork unit, Work<R> work, Function<Exception, RuntimeException> checked) {
    if (!dialect.failedStatementEndsTransaction()) {
      return joined(unit, work, checked);
    }
    if (unit.readSavepoint() != null) {
      return inReadSavepoint(unit, work, checked);
    }
    if (unit.savepointFree()) {
      requireLiveTransaction(unit);
      try {
        return work.run(unit);
      } catch (Throwable failure) {
        if (transactionFailed(unit)) {
          unit.failedWrite(failure);
        }
        throw rethrow(failure, checked);
      }
    }
    return nested(unit, work, checked);
  }

  /**
   * Runs the work of one statement in a read unit that took a savepoint as it began: a read unit
   * writes nothing, so a statement that fails and ends the transaction is undone by rolling back to
   * that savepoint, which keeps the unit's snapshot. A transaction that had already failed before
   * (by a statement on {@code Transaction.connection()}) is left failed, as a savepoint of the
   * statement's own would have left it.
   */
  private <R> R inReadSavepoint(
      UnitOfWork unit, Work<R> work, Function<Exception, RuntimeException> checked) {
    boolean failedBefore = transactionFailed(unit);
    try {
      return work.run(unit);
    } catch (Throwable failure) {
      if (!failedBefore && !unit.closedByWork() && transactionFailed(unit)) {
        try {
          unit.execute(dialect.rollbackToSavepoint(unit.readSavepoint()));
        } catch (SQLException e) {
          failure.addSuppressed(e);
        }
      }
      throw rethrow(failure, checked);
    }
  }

  /**
   * Refuses work in a unit without savepoints whose transaction a failed write ended (PostgreSQL),
   * with the failure that doomed it, as the commit would: every statement would fail anyway.
   */
  private void requireLiveTransaction(UnitOfWork unit) {
    if (unit.failedWrite() != null && dialect.failedStatementEndsTransaction() && transactionFailed(unit)) {
      throw partialWrite(unit.failedWrite());
    }
  }

  /** Whether the unit's transaction failed and can only be rolled back; true if that is unknown. */
  private boolean transactionFailed(UnitOfWork unit) {
    try {
      return dialect.transactionFailed(unit.physicalConnection());
    } catch (SQLException e) {
      return true;
    }
  }

  private static <R> R joined(
      UnitOfWork unit, Work<R> work, Function<Exception, RuntimeException> checked) {
    try {
      return work.run(unit);
    } catch (Throwable failure) {
      throw rethrow(failure, checked);
    }
  }

  /** Switches enforcement back on and checks it; false if the connection must be discarded. */
  private boolean restoreForeignKeys(UnitOfWork unit) {
    try {
      unit.execute(dialect.foreignKeys(true));
      return dialect.foreignKeysEnforced(unit.physicalConnection());
    } catch (SQLException e) {
      return false;
    }
  }

  private static void requireWritable(UnitOfWork unit) {
    if (unit.readOnly()) {
      throw new IllegalStateException(
          "Cannot write inside a read unit (MetricsDatabase.read): it is a read-only snapshot."
              + " Start the work with MetricsDatabase.inTransaction instead.");
    }
  }

  private boolean rollback(UnitOfWork unit, Throwable failure) {
    if (unit.closedByWork()) {
      // Closing it rolled the transaction back; the pool may have given it to another thread.
      failure.addSuppressed(closedByWork());
      return false;
    }
    try {
      unit.execute(dialect.rollback());
      return true;
    } catch (SQLException e) {
      if (dialect.transactionAlreadyEnded(e)) {
        return true; // the database rolled back by itself (a full disk): nothing is left open
      }
      failure.addSuppressed(e);
      return false;
    }
  }

  private static RuntimeException rethrow(
      Throwable failure, Function<Exception, RuntimeException> checked) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return checked.apply((Exception) failure);
  }

  /** Whether the unit's transaction is still open; true if that is unknown (COMMIT will tell). */
  private boolean transactionOpen(UnitOfWork unit) {
    try {
      return dialect.transactionOpen(unit.physicalConnection());
    } catch (SQLException e) {
      return true;
    }
  }

  private static TransactionException closedByWork() {
    return new TransactionException(
        "The work closed its transaction's connection (Transaction.connection().close()): closing"
            + " it rolled the transaction back and nothing of it was stored. Do not close that"
            + " connection; the unit closes it.",
        null);
  }

  private static TransactionException endedByWork() {
    return new TransactionException(
        "Cannot commit: there is no transaction any more, because the work ended it itself (COMMIT"
            + " or ROLLBACK on Transaction.connection()). What it wrote before that was committed"
            + " or rolled back then, outside the unit's control. Let the unit commit or roll back.",
        null);
  }

  private static TransactionException partialWrite(Throwable failure) {
    return new TransactionException(
        "A write failed inside a transaction without savepoints and the work went on: the whole"
            + " transaction was rolled back and nothing of it was stored. The write failed with "
            + failure,
        failure);
  }

  private static TransactionException endedTransaction() {
    return new TransactionException(
        "A statement failed inside the transaction and the database ended the transaction: it was"
            + " rolled back and nothing of it was stored. A statement run on the transaction's own"
            + " connection that fails ends it on PostgreSQL; run such a statement in a unit of its"
            + " own (MetricsDatabase.inTransaction inside the transaction), which is undone alone.",
        null);
  }

  private static RuntimeException wrapChecked(Exception failure) {
    return new TransactionException(failure);
  }

  private RuntimeException translateChecked(Exception failure) {
    if (failure instanceof SQLException sql) {
      return translate(sql);
    }
    return new TransactionException(failure);
  }

  // ---------------------------------------------------------------- connections

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Database " + location + " is closed");
    }
  }

  private Connection borrow() {
    try {
      return source.borrow();
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private PhysicalConnection physical(Connection connection) {
    try {
      return statements.of(connection);
    } catch (SQLException e) {
      MetricsException translated = translate(e);
      if (translated instanceof ConnectionLostException) {
        // The server went away as a new connection was being set up: the same failure as elsewhere.
        throw translated;
      }
      throw new MetricsException(
          "A connection to database " + location + " cannot be used: " + e.getMessage(), e);
    }
  }

  private void execute(UnitOfWork unit, String sql) {
    try {
      unit.execute(sql);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private void giveBack(Connection connection, boolean reusable) {
    if (reusable) {
      source.release(connection);
    } else {
      source.discard(connection);
    }
  }

  private MetricsException translate(SQLException e) {
    return dialect.translate(e, ErrorContext.of(location));
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Already failing; the first exception is the one worth reporting.
    }
  }

  /** Work on a unit, from either public work type. */
  @FunctionalInterface
  private interface Work<R> {
    R run(UnitOfWork unit) throws Exception;
  }
}

package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.Transaction;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.schema.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One borrowed connection and what is open on it: the transaction (if any), its savepoints, and
 * streams that must be closed before the transaction ends.
 */
final class UnitOfWork implements Transaction, ConnectionScope {
  private final Connection borrowed;
  private final PhysicalConnection physical;
  private final boolean readOnly;
  private final List<ResultStream<?>> openStreams = new ArrayList<>();
  private int savepointDepth;
  private boolean withoutSavepoints;
  private Throwable failedWrite;
  private boolean autoCommitOff;
  private String pendingBegin;
  private String readSavepoint;
  private volatile boolean ended;

  UnitOfWork(Connection borrowed, PhysicalConnection physical, boolean readOnly) {
    this.borrowed = borrowed;
    this.physical = physical;
    this.readOnly = readOnly;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A write unit whose {@code BEGIN} waits for its first statement ({@link
   * #beginWithFirstStatement}) begins here with the explicit {@code BEGIN}, if no statement has
   * begun it yet: the work may end the transaction on this connection, and the unit must then see
   * that it was ended, not that it never began.
   */
  @Override
  public Connection connection() {
    requireActive();
    if (pendingBegin != null) {
      String begin = pendingBegin;
      pendingBegin = null;
      try {
        if (!physical.dialect().transactionOpen(physical.connection())) {
          physical.connection().setAutoCommit(true);
          physical.prepare(begin).execute();
        }
      } catch (SQLException e) {
        throw new TransactionException("Cannot begin the transaction: " + e.getMessage(), e);
      }
    }
    return borrowed;
  }

  /** The borrowed connection as it is, for the manager's own use. */
  Connection borrowedConnection() {
    return borrowed;
  }

  /**
   * Begins the unit's transaction with the driver's {@code BEGIN}, sent with its first statement:
   * the connection leaves auto-commit until the unit has ended ({@link #autoCommitSwitchedOff}).
   * The physical connection leaves it, not the pool's view of it: a pool that saw it would commit
   * the open transaction when the work closes the connection itself and the pool resets it, where
   * the unit discards the connection and the server rolls the transaction back.
   *
   * @param begin what begins the same transaction explicitly, should the work need it to be open
   */
  void beginWithFirstStatement(String begin) throws SQLException {
    physical.connection().setAutoCommit(false);
    autoCommitOff = true;
    pendingBegin = begin;
  }

  /**
   * Whether the transaction may not have begun: its {@code BEGIN} waits for a first statement,
   * which only the manager's statements can have sent.
   */
  boolean beginPending() {
    return pendingBegin != null;
  }

  /** Remembers the savepoint a read unit took as it began, or null. */
  void readSavepoint(String name) {
    readSavepoint = name;
  }

  /** The savepoint a read unit took as it began, to undo a failed statement; null if none. */
  String readSavepoint() {
    return readSavepoint;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public Engine engine() {
    return physical.dialect().engine();
  }

  @Override
  public PreparedStatement prepare(String sql) throws SQLException {
    requireActive();
    return physical.prepare(sql);
  }

  /** The physical connection behind the borrowed one, for checks the pool must not intercept. */
  Connection physicalConnection() {
    return physical.connection();
  }

  /**
   * Whether the work closed the unit's connection itself ({@code Transaction.connection().close()}):
   * a pool then already took the physical connection back (HikariCP rolls it back and may hand it
   * to another thread), so the unit must not run anything on it any more.
   */
  boolean closedByWork() {
    try {
      return borrowed.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Marks the unit as over; its connection went back to the pool and belongs to others now. */
  void end() {
    ended = true;
  }

  private void requireActive() {
    if (ended) {
      throw new IllegalStateException(
          "This transaction has ended; use the Transaction only inside the work it was given to");
    }
  }

  /** Runs a statement without results, such as BEGIN or COMMIT, through the statement cache. */
  void execute(String sql) throws SQLException {
    // An engine with nothing to do for a step (PostgreSQL always enforces foreign keys) gives "".
    if (!sql.isEmpty()) {
      physical.prepare(sql).execute();
    }
  }

  /** Makes nested units run without savepoints: a failure in one dooms the whole unit. */
  void withoutSavepoints() {
    withoutSavepoints = true;
  }

  /** Whether nested units run without savepoints. */
  boolean savepointFree() {
    return withoutSavepoints;
  }

  /** Remembers the first failure of a nested unit that ran without a savepoint. */
  void failedWrite(Throwable failure) {
    if (failedWrite == null) {
      failedWrite = failure;
    }
  }

  /** The first failure of a nested unit that ran without a savepoint, or null. */
  Throwable failedWrite() {
    return failedWrite;
  }

  /** Remembers that a stream switched the connection out of auto-commit, to switch back at the end. */
  void autoCommitOff() {
    autoCommitOff = true;
  }

  /** Whether a stream switched the connection out of auto-commit. */
  boolean autoCommitSwitchedOff() {
    return autoCommitOff;
  }

  /** Enters a nested unit and returns its depth, which names its savepoint. */
  int enterSavepoint() {
    return ++savepointDepth;
  }

  void leaveSavepoint() {
    savepointDepth--;
  }

  /** Remembers a stream to close when the unit ends; streams closed meanwhile are forgotten. */
  void track(ResultStream<?> stream) {
    openStreams.removeIf(ResultStream::isClosed);
    openStreams.add(stream);
  }

  /** Closes the streams still open, so that COMMIT or ROLLBACK finds no pending statement. */
  void closeStreams() {
    List<ResultStream<?>> streams = new ArrayList<>(openStreams);
    openStreams.clear();
    for (ResultStream<?> stream : streams) {
      stream.close();
    }
  }
}

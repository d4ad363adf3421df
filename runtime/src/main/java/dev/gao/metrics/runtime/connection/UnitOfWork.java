package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.Transaction;
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
  private volatile boolean ended;

  UnitOfWork(Connection borrowed, PhysicalConnection physical, boolean readOnly) {
    this.borrowed = borrowed;
    this.physical = physical;
    this.readOnly = readOnly;
  }

  @Override
  public Connection connection() {
    requireActive();
    return borrowed;
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

package dev.gao.metrics.runtime.connection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A small pool of physical connections to a database file, without background threads.
 *
 * <p>SQLite has one writer at a time, so more connections buy contention, not throughput: the pool
 * is small and bounded. Connections are opened when threads need them at the same time, never
 * closed while the pool is open (closing the last connection of a WAL database checkpoints it), and
 * handed out newest-returned first, so one thread reuses one warm connection and its prepared
 * statements. A connection to a local file does not go stale, so none is tested or replaced on a
 * timer.
 *
 * <p>Why not a general-purpose pool: HikariCP starts a housekeeping thread and hands closing
 * connections to another, and its pool creation and shutdown made opening and closing an up-to-date
 * database cost about four times a bare connection; this pool costs one connection.
 */
public final class PooledConnectionSource implements ConnectionSource {
  /** How long a thread waits for a connection when every one is in use, by default. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private final DataSource physical;
  private final String name;
  private final int size;
  private final Duration wait;
  private final Semaphore permits;
  private final Object lock = new Object();
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final Set<Connection> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  /**
   * Opens the pool; the first connection is made at once so that a bad file fails here.
   *
   * @param physical the unpooled data source, configured per connection
   * @param name what messages call the pool's database
   * @param size the largest number of connections
   * @param wait how long a thread waits for a connection when every one is in use
   * @throws SQLException if the first connection cannot be opened
   */
  public PooledConnectionSource(DataSource physical, String name, int size, Duration wait)
      throws SQLException {
    if (size < 1) {
      throw new IllegalArgumentException("A pool needs at least one connection, not " + size);
    }
    this.physical = physical;
    this.name = name;
    this.size = size;
    this.wait = wait;
    this.permits = new Semaphore(size, true);
    Connection first = physical.getConnection();
    synchronized (lock) {
      open.add(first);
      idle.push(first);
    }
  }

  @Override
  public Connection borrow() throws SQLException {
    try {
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new SQLTransientConnectionException(
            "All "
                + size
                + " connections to "
                + name
                + " stayed in use for "
                + wait.toMillis()
                + " ms; release connections sooner (close streams, end transactions) or open the"
                + " database with a larger pool");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException(
          "Interrupted while waiting for a connection to " + name, e);
    }
    Connection connection;
    synchronized (lock) {
      if (closed) {
        permits.release();
        throw new SQLException("The connection pool of " + name + " is closed");
      }
      connection = idle.poll();
    }
    if (connection != null) {
      return connection;
    }
    try {
      connection = physical.getConnection();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
    synchronized (lock) {
      open.add(connection);
    }
    return connection;
  }

  @Override
  public void release(Connection connection) {
    synchronized (lock) {
      if (!closed && open.contains(connection)) {
        idle.push(connection);
        permits.release();
        return;
      }
    }
    discard(connection);
  }

  @Override
  public void discard(Connection connection) {
    boolean ours;
    synchronized (lock) {
      ours = open.remove(connection);
    }
    closeQuietly(connection);
    if (ours) {
      permits.release();
    }
  }

  @Override
  public int activeConnections() {
    synchronized (lock) {
      return open.size() - idle.size();
    }
  }

  /**
   * Closes the idle connections now and every borrowed one when it is given back. Borrowing fails
   * from now on.
   */
  @Override
  public void close() {
    List<Connection> toClose;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(idle);
      idle.clear();
      open.removeAll(toClose);
    }
    for (Connection connection : toClose) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing is left to do with a connection that cannot even close; the file stays consistent.
    }
  }
}

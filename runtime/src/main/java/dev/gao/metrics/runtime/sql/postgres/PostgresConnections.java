package dev.gao.metrics.runtime.sql.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gao.metrics.runtime.connection.ConnectionSource;
import dev.gao.metrics.runtime.connection.DatabaseConnections;
import dev.gao.metrics.runtime.connection.ExternalConnectionSource;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.regex.Pattern;

/** Connections to a PostgreSQL server from a JDBC URL: a HikariCP pool that closes with the database. */
public final class PostgresConnections {
  /** {@code password=...} in a URL's parameters, up to the next {@code &}. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&]password=)[^&]*");

  private PostgresConnections() {}

  /**
   * A pool over the server that {@code url} names, checked by borrowing one connection.
   *
   * @param url a {@code jdbc:postgresql:} URL
   * @param user the user, or null to take it from the URL or the driver's defaults
   * @param password the password, or null; it never appears in a message
   * @param poolSize the most connections to hold
   * @param connectionTimeout how long to wait for a connection
   * @return the connections
   * @throws DatabaseOpenException if the server cannot be reached or refuses the user
   */
  public static DatabaseConnections of(
      String url, String user, String password, int poolSize, Duration connectionTimeout) {
    String location = "PostgreSQL database " + withoutPassword(url);
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new DatabaseOpenException(
          "Cannot open " + location + ": the URL must start with jdbc:postgresql:, for example"
              + " jdbc:postgresql://localhost:5432/metrics");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    // The connection HikariCP makes to check the server as the pool starts stays in the pool and
    // serves the first unit (opening's own statements): with no idle connection kept, the pool
    // closed it at once and the first borrow waited for a second one to be made (measured: two
    // connections per open, where a bare open makes one).
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
    // One attempt to connect while the pool starts, failing here with the driver's reason (a refused
    // connection, a wrong password) at once, rather than retrying for the connection timeout.
    config.setInitializationFailTimeout(1);
    config.setPoolName("gao-metrics");
    // pgjdbc's reWriteBatchedInserts stays off: measured (InsertMeasurement, insertAll of
    // 10,000 rows) it saved 5 to 21% on a table whose rows give their keys and cost 15 to 34% on one
    // whose keys the database assigns, whose per-row key expression it repeats in one statement;
    // most metrics tables are of the second kind. A URL may still switch it on.
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseOpenException(
          "Cannot open "
              + location
              + ": "
              + withoutPassword(rootMessage(e))
              + ". Check that the server runs and accepts this user, and the URL's host, port and"
              + " database.",
          null);
    }
    ConnectionSource source = new PooledServer(pool, location);
    PostgresDialect dialect = new PostgresDialect();
    return new DatabaseConnections(
        new TransactionManager(source, dialect, dialect.newWriteLock(), location), null, location);
  }

  /**
   * The URL with the value of any {@code password} parameter replaced by {@code ***}.
   *
   * @param text a URL or a message that may quote one
   * @return the text without the password
   */
  public static String withoutPassword(String text) {
    return PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  /** The pool as the runtime borrows from it; closing the database closes the pool. */
  private static final class PooledServer implements ConnectionSource {
    private final HikariDataSource pool;
    private final ExternalConnectionSource borrowed;

    private final String location;

    PooledServer(HikariDataSource pool, String location) {
      this.pool = pool;
      this.borrowed = new ExternalConnectionSource(pool);
      this.location = location;
    }

    /**
     * A connection from the pool. A wait that timed out with every connection in use and no failed
     * attempt to connect behind it means the server is fine and this process asks too much of the
     * pool at once: that is a {@link BusyException} naming the pool's size, not a lost server.
     */
    @Override
    public Connection borrow() throws SQLException {
      try {
        return borrowed.borrow();
      } catch (SQLTransientConnectionException e) {
        var state = pool.getHikariPoolMXBean();
        if (e.getCause() == null
            && state != null
            && state.getActiveConnections() >= pool.getMaximumPoolSize()) {
          throw new BusyException(
              "Every one of the "
                  + pool.getMaximumPoolSize()
                  + " pooled connections to "
                  + location
                  + " stayed in use for "
                  + pool.getConnectionTimeout()
                  + " ms, so this unit of work got none. More threads use the database at once than"
                  + " the pool has connections: raise poolSize, keep units of work short, or wait"
                  + " longer (busyTimeout).",
              e);
        }
        throw e;
      }
    }

    @Override
    public void release(Connection connection) {
      borrowed.release(connection);
    }

    @Override
    public void discard(Connection connection) {
      // A connection that failed is evicted rather than handed out again.
      pool.evictConnection(connection);
      borrowed.discard(connection);
    }

    @Override
    public int activeConnections() {
      return borrowed.activeConnections();
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}

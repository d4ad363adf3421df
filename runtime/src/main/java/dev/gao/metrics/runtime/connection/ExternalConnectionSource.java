package dev.gao.metrics.runtime.connection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Connections from a data source the application owns. The application configures and closes it;
 * the runtime only borrows.
 */
public final class ExternalConnectionSource implements ConnectionSource {
  private final DataSource dataSource;
  private final AtomicInteger active = new AtomicInteger();

  /**
   * Wraps the application's data source.
   *
   * @param dataSource the data source
   */
  public ExternalConnectionSource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection borrow() throws SQLException {
    Connection connection = dataSource.getConnection();
    active.incrementAndGet();
    return connection;
  }

  @Override
  public void release(Connection connection) {
    discard(connection);
  }

  @Override
  public void discard(Connection connection) {
    // Closing gives the connection back to the application's pool, or closes it if unpooled.
    active.decrementAndGet();
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing more can be done for a connection the data source refuses to take back.
    }
  }

  @Override
  public int activeConnections() {
    return active.get();
  }

  /** Leaves the data source open: it belongs to the application. */
  @Override
  public void close() {}
}

package dev.gao.metrics.runtime.connection;

import java.sql.Connection;
import java.sql.SQLException;

/** Where units of work get their connections. */
public interface ConnectionSource extends AutoCloseable {
  /**
   * Borrows a connection; {@link #release} or {@link #discard} gives it back.
   *
   * @return the connection, in auto-commit mode with no transaction open
   * @throws SQLException if no connection can be had
   */
  Connection borrow() throws SQLException;

  /**
   * Gives back a connection in auto-commit mode with no transaction open.
   *
   * @param connection the borrowed connection
   */
  void release(Connection connection);

  /**
   * Gives back a connection whose state is unknown (a rollback failed), so that it is never used
   * again.
   *
   * @param connection the borrowed connection
   */
  void discard(Connection connection);

  /**
   * How many connections are borrowed right now.
   *
   * @return the number of borrowed connections
   */
  int activeConnections();

  /** Closes the source and the connections it owns. */
  @Override
  void close();
}

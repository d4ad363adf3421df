package dev.gao.metrics.runtime.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A physical connection and the statements prepared on it. Statements are prepared on the physical
 * connection, not the pool's proxy, so that the pool does not close them when the connection is
 * given back. Used by one thread at a time: the one that borrowed the connection.
 */
final class PhysicalConnection {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  PhysicalConnection(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  boolean isClosed() {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}

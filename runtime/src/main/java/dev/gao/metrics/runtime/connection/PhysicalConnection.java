package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.sql.Dialect;
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
  private final Dialect dialect;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  PhysicalConnection(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  Connection connection() {
    return connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    // A driver may finalize a statement whose execution failed (sqlite-jdbc does on a full disk,
    // on "no transaction is active"...): prepare such a one again.
    if (statement == null || !dialect.isReusable(statement)) {
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

  /** The engine's dialect. */
  Dialect dialect() {
    return dialect;
  }
}

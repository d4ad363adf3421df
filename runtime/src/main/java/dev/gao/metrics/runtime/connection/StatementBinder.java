package dev.gao.metrics.runtime.connection;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds the parameters of a prepared statement. */
@FunctionalInterface
public interface StatementBinder {
  /** Binds nothing, for statements without parameters. */
  StatementBinder NONE = statement -> {};

  /**
   * Binds the statement's parameters.
   *
   * @param statement the statement to bind
   * @throws SQLException if the driver refuses a value
   */
  void bind(PreparedStatement statement) throws SQLException;
}

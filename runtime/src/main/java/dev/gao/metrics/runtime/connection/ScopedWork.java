package dev.gao.metrics.runtime.connection;

import java.sql.SQLException;

/**
 * A DAO operation on a borrowed connection and its statement cache.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface ScopedWork<R> {
  /**
   * Runs the operation.
   *
   * @param scope the connection and its cached statements
   * @return the result
   * @throws SQLException if a statement fails
   */
  R execute(ConnectionScope scope) throws SQLException;
}

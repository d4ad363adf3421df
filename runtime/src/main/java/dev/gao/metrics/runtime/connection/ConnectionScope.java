package dev.gao.metrics.runtime.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A borrowed connection with its statement cache, as DAO operations see it. */
public interface ConnectionScope {
  /**
   * The borrowed connection. Do not close it.
   *
   * @return the connection
   */
  Connection connection();

  /**
   * A statement for the SQL, prepared once per physical connection and reused. Do not close it;
   * close its result sets.
   *
   * @param sql the SQL
   * @return the cached statement
   * @throws SQLException if the SQL cannot be prepared
   */
  PreparedStatement prepare(String sql) throws SQLException;
}

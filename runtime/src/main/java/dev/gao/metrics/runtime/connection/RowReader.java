package dev.gao.metrics.runtime.connection;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the current row of a result set.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowReader<T> {
  /**
   * Reads the row the result set is on.
   *
   * @param resultSet the result set
   * @return the row
   * @throws SQLException if a value cannot be read
   */
  T read(ResultSet resultSet) throws SQLException;
}

package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.sql.Dialect;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a database's connections come from, with the units of work that run on them.
 *
 * @param transactions the units of work on the connections
 * @param file the absolute database file, or null for a data source
 * @param location the file or data source, as messages name it
 */
public record DatabaseConnections(TransactionManager transactions, Path file, String location) {

  /**
   * The application's data source, which the application configures and closes.
   *
   * @param dataSource the data source
   * @param dialect the engine behind it
   * @return its connections, with the engine's lock for the writers of this process
   */
  public static DatabaseConnections of(DataSource dataSource, Dialect dialect) {
    String location = "data source " + dataSource;
    return new DatabaseConnections(
        new TransactionManager(new ExternalConnectionSource(dataSource), dialect, dialect.newWriteLock(), location),
        null,
        location);
  }

  /**
   * The database file.
   *
   * @return the file, empty for a data source
   */
  public Optional<Path> fileIfAny() {
    return Optional.ofNullable(file);
  }
}

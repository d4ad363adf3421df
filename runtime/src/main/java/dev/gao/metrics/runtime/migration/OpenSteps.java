package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.schema.SchemaInfo;

/**
 * The steps of opening that depend on the engine and on where the database lives, called by {@link
 * SchemaInitializer} at their moment: a check of the server before anything is read, a copy of a
 * file before it is changed, and what to do with tables that were created without this library.
 */
public interface OpenSteps {
  /**
   * Runs first, before anything is read: refuses a server too old for the SQL the library writes.
   *
   * @throws dev.gao.metrics.runtime.exception.DatabaseOpenException if the server is refused
   */
  default void checkServer() {
    // SQLite is linked in: its version is the driver's.
  }

  /**
   * Runs before a migration changes a database that already holds tables: a SQLite file is copied
   * to a backup beside it; a server database is left to the server's own backups.
   */
  void beforeChange();

  /**
   * Takes over tables found without the library's metadata table as the schema version they match
   * (SQLite: the files of GAO-Dev's Python store), calling {@link #beforeChange()} right before it
   * changes anything, or refuses them.
   *
   * @param schema the code's schema with its history
   * @throws dev.gao.metrics.runtime.exception.MetricsException if the tables are refused
   */
  void adoptUnmarked(SchemaInfo schema);
}

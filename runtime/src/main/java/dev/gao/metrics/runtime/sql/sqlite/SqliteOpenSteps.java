package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.migration.LibraryVersion;
import dev.gao.metrics.runtime.migration.OpenSteps;
import dev.gao.metrics.runtime.schema.LiveTable;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/**
 * Opening a SQLite database: a file is copied to a backup beside it before it is changed, and
 * tables created without this library (GAO-Dev's Python store) are adopted as the version they
 * match.
 */
public final class SqliteOpenSteps implements OpenSteps {
  private final TransactionManager transactions;
  private final SqliteDialect dialect;
  private final String location;
  private final Path backupOf;

  /**
   * The steps of one database.
   *
   * @param transactions the database's units of work
   * @param dialect SQLite
   * @param location the database as messages name it
   * @param backupOf the file to copy before a change, or null for none (a data source, or backups
   *     turned off)
   */
  public SqliteOpenSteps(
      TransactionManager transactions, SqliteDialect dialect, String location, Path backupOf) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.location = location;
    this.backupOf = backupOf;
  }

  @Override
  public void beforeChange() {
    if (backupOf != null) {
      Backups.take(transactions, backupOf);
    }
  }

  @Override
  public void adoptUnmarked(SchemaInfo schema) {
    LegacyAdoption adoption = new LegacyAdoption(dialect, location);
    SchemaInfo version =
        transactions.query(
            scope -> {
              Connection connection = scope.connection();
              Map<String, LiveTable> live = LegacyAdoption.describe(connection, dialect, schema);
              return adoption.match(schema, live, dialect.tableNames(connection));
            });
    beforeChange();
    adoption.adopt(transactions, version, schema.name(), LibraryVersion.get());
  }
}

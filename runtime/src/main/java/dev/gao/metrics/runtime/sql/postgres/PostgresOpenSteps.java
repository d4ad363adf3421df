package dev.gao.metrics.runtime.sql.postgres;

import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.migration.OpenSteps;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.util.List;

/**
 * Opening a PostgreSQL database: servers older than PostgreSQL {@value #OLDEST_MAJOR_VERSION} are
 * refused, no copy is taken before a migration (a server's backups are its
 * administrator's, and every step is one transaction that either completes or leaves the database
 * as it was), and tables found without the library's metadata are refused, never taken over: on a
 * shared server they may belong to another application.
 */
public final class PostgresOpenSteps implements OpenSteps {
  private final TransactionManager transactions;
  private final PostgresDialect dialect;
  private final String location;

  /**
   * The steps of one database.
   *
   * @param transactions the database's units of work
   * @param dialect PostgreSQL
   * @param location the database as messages name it
   */
  public PostgresOpenSteps(TransactionManager transactions, PostgresDialect dialect, String location) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.location = location;
  }

  /**
   * The oldest major version served: identity columns (10), {@code hashtextextended} and casts of
   * {@code jsonb} numbers (11), and {@code MATERIALIZED} common table expressions (12).
   */
  static final int OLDEST_MAJOR_VERSION = 12;

  @Override
  public void checkServer() {
    String version =
        transactions.query(
            scope -> {
              var metadata = scope.connection().getMetaData();
              return metadata.getDatabaseMajorVersion() >= OLDEST_MAJOR_VERSION
                  ? null
                  : metadata.getDatabaseProductVersion();
            });
    if (version != null) {
      throw new DatabaseOpenException(
          "Cannot open "
              + location
              + ": the server runs PostgreSQL "
              + version
              + ", and gao-metrics needs PostgreSQL "
              + OLDEST_MAJOR_VERSION
              + " or newer; nothing was read or changed.");
    }
  }

  @Override
  public void beforeChange() {
    // Nothing to copy: see the class comment.
  }

  @Override
  public void adoptUnmarked(SchemaInfo schema) {
    throw unmarkedTables(schema);
  }

  /**
   * The refusal of a schema that holds tables without the library's metadata.
   *
   * @param schema the code's schema
   * @return the exception, naming the tables and what to do
   */
  DatabaseOpenException unmarkedTables(SchemaInfo schema) {
    List<String> tables = transactions.query(scope -> dialect.tableNames(scope.connection()));
    String schemaName =
        transactions.query(
            scope -> {
              try (var statement = scope.connection().createStatement();
                  var rs = statement.executeQuery("SELECT current_schema()")) {
                rs.next();
                return rs.getString(1);
              }
            });
    return new DatabaseOpenException(
        "Cannot open "
            + location
            + ": its schema "
            + schemaName
            + " holds tables ("
            + String.join(", ", tables)
            + ") but no gao-metrics metadata, so they were not created by gao-metrics and were left"
            + " unchanged. gao-metrics creates schema "
            + schema.name()
            + " only in an empty schema: point it at an empty database, or at a schema of its own"
            + " (currentSchema=... in the URL).");
  }
}

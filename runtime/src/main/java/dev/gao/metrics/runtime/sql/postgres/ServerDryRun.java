package dev.gao.metrics.runtime.sql.postgres;

import dev.gao.metrics.runtime.connection.DatabaseConnections;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.migration.SchemaInitializer;
import dev.gao.metrics.runtime.migration.SchemaMarker;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.time.Duration;
import java.util.List;

/**
 * Plans a migration of a database on a PostgreSQL server over one connection, changing nothing: the
 * server's counterpart of the SQLite file's dry run.
 */
public final class ServerDryRun {
  private ServerDryRun() {}

  /**
   * What opening the database at {@code targetVersion} would do.
   *
   * @param schema the code's schema
   * @param url a {@code jdbc:postgresql:} URL
   * @param user the user, or null for the URL's or the driver's
   * @param password the password, or null; it never appears in a message
   * @param targetVersion the version to reach
   * @param connectionTimeout how long to wait for the server
   * @return the plan; an empty database would get the schema created at the target version
   * @throws dev.gao.metrics.runtime.exception.DatabaseOpenException if the server cannot be reached,
   *     is too old, or the database holds another schema or tables gao-metrics did not create
   */
  public static MigrationPlan plan(
      SchemaInfo schema,
      String url,
      String user,
      String password,
      int targetVersion,
      Duration connectionTimeout) {
    SchemaInfo target = SchemaInitializer.targetSchema(schema, targetVersion);
    DatabaseConnections connections =
        PostgresConnections.of(url, user, password, 1, connectionTimeout);
    String location = connections.location();
    PostgresDialect dialect = new PostgresDialect();
    try (TransactionManager transactions = connections.transactions()) {
      PostgresOpenSteps steps = new PostgresOpenSteps(transactions, dialect, location);
      steps.checkServer();
      List<String> tables = transactions.query(scope -> dialect.tableNames(scope.connection()));
      if (tables.contains(SchemaMarker.TABLE)) {
        return SchemaInitializer.storedPlan(
            transactions,
            dialect,
            schema,
            target,
            location,
            "; there is nothing to plan. Name the database of schema " + schema.name() + ".");
      }
      if (!tables.isEmpty()) {
        throw steps.unmarkedTables(schema); // tables gao-metrics did not create are never taken over
      }
      return new MigrationPlan(location, 0, 0, target.version(), List.of());
    }
  }
}

package dev.gao.metrics.runtime;

import dev.gao.metrics.runtime.connection.ConnectionScope;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.SchemaComparator;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.sql.LiveTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the schema in a new database and checks it in an existing one: the recorded schema name
 * and version first, then the live structure of every table.
 */
final class SchemaInitializer {
  private final TransactionManager transactions;
  private final Dialect dialect;
  private final SchemaInfo schema;
  private final String location;

  SchemaInitializer(
      TransactionManager transactions, Dialect dialect, SchemaInfo schema, String location) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.schema = schema;
    this.location = location;
  }

  /** Creates the schema if the database is empty, then checks version and structure. */
  void initializeOrValidate() {
    Optional<SchemaMarker> marker = transactions.query(this::readMarker);
    if (marker.isEmpty()) {
      marker = Optional.of(transactions.atomicWrite(this::createIfEmpty));
    }
    checkMarker(marker.get());
    validate();
  }

  /**
   * The marker, or empty for an empty database.
   *
   * @throws DatabaseOpenException if the database has tables but no marker
   */
  private Optional<SchemaMarker> readMarker(ConnectionScope scope) throws SQLException {
    Connection connection = scope.connection();
    List<String> tables = dialect.tableNames(connection);
    if (tables.contains(SchemaMarker.TABLE)) {
      return Optional.of(loadMarker(connection));
    }
    if (tables.isEmpty()) {
      return Optional.empty();
    }
    throw new DatabaseOpenException(
        "Database "
            + location
            + " has tables ("
            + String.join(", ", tables)
            + ") but was not created by gao-metrics, or was created by an older tool without"
            + " the "
            + SchemaMarker.TABLE
            + " table. Open another file, or move this one away to let gao-metrics create a new"
            + " database.");
  }

  /** Inside the write transaction: another process may have created the schema meanwhile. */
  private SchemaMarker createIfEmpty(ConnectionScope scope) throws SQLException {
    Optional<SchemaMarker> existing = readMarker(scope);
    if (existing.isPresent()) {
      return existing.get();
    }
    Connection connection = scope.connection();
    try (Statement statement = connection.createStatement()) {
      for (TableInfo table : schema.tables()) {
        statement.execute(table.createSql());
      }
      for (TableInfo table : schema.tables()) {
        for (IndexInfo index : table.indexes()) {
          statement.execute(index.createSql());
        }
      }
      statement.execute(dialect.createMetadataTableSql(SchemaMarker.TABLE));
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put(SchemaMarker.SCHEMA_NAME, schema.name());
    values.put(SchemaMarker.SCHEMA_VERSION, Integer.toString(schema.version()));
    values.put(SchemaMarker.IDENTITY_HASH, schema.identityHash());
    values.put(SchemaMarker.LIBRARY_VERSION, LibraryVersion.get());
    values.put(SchemaMarker.CREATED_AT, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    String insert =
        "INSERT INTO " + dialect.quote(SchemaMarker.TABLE) + " (\"key\", \"value\") VALUES (?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      for (Map.Entry<String, String> entry : values.entrySet()) {
        statement.setString(1, entry.getKey());
        statement.setString(2, entry.getValue());
        statement.executeUpdate();
      }
    }
    dialect.recordVersion(connection, schema.version());
    return new SchemaMarker(values);
  }

  private SchemaMarker loadMarker(Connection connection) throws SQLException {
    Map<String, String> values = new HashMap<>();
    String select = "SELECT \"key\", \"value\" FROM " + dialect.quote(SchemaMarker.TABLE);
    try (PreparedStatement statement = connection.prepareStatement(select);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getString(2));
      }
    }
    return new SchemaMarker(values);
  }

  private void checkMarker(SchemaMarker marker) {
    if (!marker.schemaName().equals(schema.name())) {
      throw new DatabaseOpenException(
          "Database "
              + location
              + " holds schema '"
              + marker.schemaName()
              + "', not '"
              + schema.name()
              + "'. Open the file with the code of its own schema, or choose another path.");
    }
    if (marker.schemaVersion() != schema.version()) {
      throw new SchemaVersionException(
          location, schema.name(), marker.schemaVersion(), schema.version());
    }
  }

  private void validate() {
    Map<String, LiveTable> live =
        transactions.query(
            scope -> {
              Map<String, LiveTable> tables = new LinkedHashMap<>();
              for (TableInfo table : schema.tables()) {
                dialect
                    .describeTable(scope.connection(), table.name())
                    .ifPresent(found -> tables.put(table.name(), found));
              }
              return tables;
            });
    List<SchemaDifference> differences =
        new SchemaComparator(dialect::normalizeDefault).compare(schema, live);
    if (!differences.isEmpty()) {
      throw new SchemaMismatchException(location, schema.name(), schema.version(), differences);
    }
  }
}

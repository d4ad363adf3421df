package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.connection.ConnectionScope;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.migration.HistoryTable;
import dev.gao.metrics.runtime.migration.MetadataTable;
import dev.gao.metrics.runtime.migration.MigrationExecutor;
import dev.gao.metrics.runtime.migration.MigrationPlanner;
import dev.gao.metrics.runtime.migration.PlannedStep;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.schema.TriggerInfo;
import dev.gao.metrics.runtime.sql.Dialect;
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
 * Brings a database to the version the code asks for and checks it: creates the schema in an empty
 * database, adopts tables created without this library, checks the recorded schema name, plans and
 * runs the migration steps (after a backup of a file database), and finally compares the live
 * structure of every table with the target version.
 */
public final class SchemaInitializer {
  private final TransactionManager transactions;
  private final Dialect dialect;
  private final SchemaInfo schema;
  private final String location;
  private final OpenSteps openSteps;
  private final Integer requestedVersion;
  private final boolean stampValidation;

  /**
   * An initializer of one database.
   *
   * @param transactions the database's units of work
   * @param dialect its engine
   * @param schema the code's schema with its history
   * @param location the database as messages name it
   * @param steps what opening does that depends on the engine and where the database lives
   * @param requestedVersion the version to reach, or null for the code's
   * @param stampValidation whether a successful validation is recorded, so that the next open of
   *     an unchanged structure skips it
   */
  public SchemaInitializer(
      TransactionManager transactions,
      Dialect dialect,
      SchemaInfo schema,
      String location,
      OpenSteps steps,
      Integer requestedVersion,
      boolean stampValidation) {
    this.stampValidation = stampValidation;
    this.transactions = transactions;
    this.dialect = dialect;
    this.schema = schema;
    this.location = location;
    this.openSteps = steps;
    this.requestedVersion = requestedVersion;
  }

  /**
   * The version to reach: the requested one, else the code's.
   *
   * @param schema the code's schema
   * @param requestedVersion a version, or null for the code's
   * @return that version of the schema
   * @throws IllegalArgumentException if the schema has no such version
   */
  public static SchemaInfo targetSchema(SchemaInfo schema, Integer requestedVersion) {
    int target = requestedVersion == null ? schema.version() : requestedVersion;
    return schema
        .atVersion(target)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "schema "
                        + schema.name()
                        + " has no version "
                        + target
                        + "; the code knows versions "
                        + knownVersions(schema)));
  }

  /**
   * The versions the code knows, as text: {@code 1, 2, 3}.
   *
   * @param schema the code's schema
   * @return the versions, ascending
   */
  public static String knownVersions(SchemaInfo schema) {
    StringBuilder text = new StringBuilder();
    for (SchemaInfo version : schema.history().versions()) {
      text.append(version.version()).append(", ");
    }
    return text.append(schema.version()).toString();
  }

  /** Creates, adopts or migrates as needed, then checks the structure against the target. */
  public void initializeOrValidate() {
    openSteps.checkServer();
    SchemaInfo target = targetSchema(schema, requestedVersion);
    FirstLook first = transactions.query(this::firstLook);
    Optional<SchemaMarker> marker = first.marker();
    if (marker.isEmpty()) {
      if (first.tableNames().isEmpty()) {
        marker = Optional.of(transactions.atomicWrite(scope -> createIfEmpty(scope, target)));
      } else {
        openSteps.adoptUnmarked(schema);
        marker = transactions.query(this::readMarker);
      }
    }
    checkName(marker.orElseThrow());
    boolean changed = migrate(marker.get().schemaVersion(), target);
    // The stamps read at first sight still hold unless this open created, adopted or migrated.
    validate(target, first.marker().isPresent() && !changed ? first : null);
  }

  /**
   * What one look at an existing database shows: its tables, and when it has the metadata table,
   * the marker and SQLite's schema cookie, read on one connection so that opening an up-to-date
   * database reads them once.
   *
   * @param tableNames the tables of the database
   * @param marker the stored marker, empty without a metadata table
   * @param cookie the schema cookie when there is a marker, else 0
   */
  private record FirstLook(List<String> tableNames, Optional<SchemaMarker> marker, long cookie) {}

  private FirstLook firstLook(ConnectionScope scope) throws SQLException {
    Connection connection = scope.connection();
    List<String> tables = dialect.tableNames(connection);
    if (!tables.contains(SchemaMarker.TABLE)) {
      return new FirstLook(tables, Optional.empty(), 0);
    }
    return new FirstLook(tables, Optional.of(loadMarker(connection)), dialect.structureCookie(connection));
  }

  /** Runs the steps from the stored version to the target; whether any step ran. */
  private boolean migrate(int stored, SchemaInfo target) {
    boolean backedUp = false;
    int current = stored;
    MigrationExecutor executor =
        new MigrationExecutor(transactions, dialect, schema, location, LibraryVersion.get());
    boolean changed = false;
    while (current != target.version()) {
      if (current > target.version() && requestedVersion == null) {
        throw newerFile(current);
      }
      changed = true;
      List<PlannedStep> steps = plan(current, target.version());
      if (!backedUp) {
        openSteps.beforeChange();
        backedUp = true;
      }
      for (PlannedStep step : steps) {
        if (!executor.run(step)) {
          break; // another process moved the version; plan again from where it is
        }
      }
      current = transactions.query(scope -> loadMarker(scope.connection())).schemaVersion();
    }
    return changed;
  }

  private List<PlannedStep> plan(int from, int to) {
    return plan(transactions, dialect, schema, from, to, location);
  }

  /**
   * The steps from one version to another, with downgrades the database's history stored.
   *
   * @param transactions the database's units of work
   * @param dialect its engine
   * @param schema the code's schema
   * @param from the stored version
   * @param to the version to reach
   * @param location the database, for messages
   * @return the steps in order
   */
  public static List<PlannedStep> plan(
      TransactionManager transactions,
      Dialect dialect,
      SchemaInfo schema,
      int from,
      int to,
      String location) {
    return transactions.query(
        scope -> {
          Connection connection = scope.connection();
          Map<Integer, Optional<PlannedStep>> stored = new HashMap<>();
          for (int v = Math.max(from, to); v > Math.min(from, to); v--) {
            stored.put(v, HistoryTable.storedDowngrade(connection, dialect, v));
          }
          // The code's steps run as this engine runs them; a stored step is already this engine's.
          return MigrationPlanner.plan(
                  schema,
                  from,
                  to,
                  v -> stored.getOrDefault(v, Optional.empty()),
                  location,
                  dialect.restoreAdvice())
              .stream()
              .map(
                  planned ->
                      planned.stored()
                          ? planned
                          : new PlannedStep(
                              planned.step().forEngine(dialect.engine()),
                              planned.targetIdentityHash(),
                              false))
              .toList();
        });
  }

  private SchemaVersionException newerFile(int stored) {
    boolean pathDown =
        transactions.query(
            scope -> {
              for (int v = stored; v > schema.version(); v--) {
                if (schema.step(v, v - 1).isEmpty()
                    && HistoryTable.storedDowngrade(scope.connection(), dialect, v).isEmpty()) {
                  return false;
                }
              }
              return true;
            });
    String start =
        "Database "
            + location
            + " holds schema "
            + schema.name()
            + " version "
            + stored
            + ", newer than version "
            + schema.version()
            + " of this code. ";
    if (pathDown) {
      return new SchemaVersionException(
          start
              + "Open it with code built for version "
              + stored
              + ", or downgrade it to version "
              + schema.version()
              + " with MetricsDatabase.builder(schema).targetVersion("
              + schema.version()
              + ") (the file records the steps down; a backup is taken first).",
          stored,
          schema.version());
    }
    return new SchemaVersionException(
        start
            + "The file records no steps down to version "
            + schema.version()
            + ", so this code cannot open it. Open it with code built for version "
            + stored
            + ", or restore a backup taken at version "
            + schema.version()
            + "."
            + dialect.restoreAdvice(),
        stored,
        schema.version());
  }

  /**
   * The marker, or empty for a database without the metadata table.
   */
  private Optional<SchemaMarker> readMarker(ConnectionScope scope) throws SQLException {
    Connection connection = scope.connection();
    if (dialect.tableNames(connection).contains(SchemaMarker.TABLE)) {
      return Optional.of(loadMarker(connection));
    }
    return Optional.empty();
  }

  /** Inside the write transaction: another process may have created the schema meanwhile. */
  private SchemaMarker createIfEmpty(ConnectionScope scope, SchemaInfo target)
      throws SQLException {
    dialect.lockSchemaChanges(scope.connection(), location);
    Optional<SchemaMarker> existing = readMarker(scope);
    if (existing.isPresent()) {
      return existing.get();
    }
    Connection connection = scope.connection();
    if (!dialect.tableNames(connection).isEmpty()) {
      throw new DatabaseOpenException(
          "Database "
              + location
              + " received tables from another process while gao-metrics was creating its"
              + " schema. Open it again.");
    }
    try (Statement statement = connection.createStatement()) {
      for (TableInfo table : target.tables()) {
        statement.execute(table.createSql(dialect.engine()));
      }
      for (TableInfo table : target.tables()) {
        for (IndexInfo index : table.indexes()) {
          statement.execute(index.createSql());
        }
        for (TriggerInfo trigger : table.triggers(dialect.engine())) {
          statement.execute(trigger.createSql());
        }
      }
      statement.execute(dialect.createMetadataTableSql(SchemaMarker.TABLE));
    }
    HistoryTable.create(connection, dialect);
    Map<String, String> values = new LinkedHashMap<>();
    values.put(SchemaMarker.SCHEMA_NAME, schema.name());
    values.put(SchemaMarker.SCHEMA_VERSION, Integer.toString(target.version()));
    values.put(SchemaMarker.IDENTITY_HASH, target.identityHash());
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
    dialect.recordVersion(connection, target.version());
    return new SchemaMarker(values);
  }

  /**
   * The plan of a database that has the library's metadata table, read without changing it: for a
   * dry run on either engine.
   *
   * @param transactions the database's units of work
   * @param dialect its engine
   * @param schema the code's schema
   * @param target the version to reach
   * @param location the database, for messages
   * @param advice what a message about another schema's database tells the user to do
   * @return the plan from the stored version
   * @throws DatabaseOpenException if the database holds another schema
   */
  public static MigrationPlan storedPlan(
      TransactionManager transactions,
      Dialect dialect,
      SchemaInfo schema,
      SchemaInfo target,
      String location,
      String advice) {
    SchemaMarker marker = transactions.query(scope -> loadMarker(scope.connection()));
    marker.requireSchema(schema, location, advice);
    int stored = marker.schemaVersion();
    List<PlannedStep> steps = plan(transactions, dialect, schema, stored, target.version(), location);
    return new MigrationPlan(
        location, stored, 0, target.version(), steps.stream().map(PlannedStep::step).toList());
  }

  /**
   * Reads the metadata table.
   *
   * @param connection a connection to a database that has it
   * @return what it records
   * @throws SQLException if it cannot be read
   */
  public static SchemaMarker loadMarker(Connection connection) throws SQLException {
    Map<String, String> values = new HashMap<>();
    String select = "SELECT \"key\", \"value\" FROM \"" + SchemaMarker.TABLE + "\"";
    try (PreparedStatement statement = connection.prepareStatement(select);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getString(2));
      }
    }
    return new SchemaMarker(values);
  }

  private void checkName(SchemaMarker marker) {
    marker.requireSchema(
        schema, location, ". Open the file with the code of its own schema, or choose another path.");
  }

  /**
   * Every difference between the live structure and a version of the schema.
   *
   * @param transactions the database's units of work
   * @param dialect its engine
   * @param version the version to compare with
   * @return the differences, empty when the structure matches
   */
  public static List<SchemaDifference> differences(
      TransactionManager transactions, Dialect dialect, SchemaInfo version) {
    return transactions.query(scope -> dialect.differences(scope.connection(), version));
  }

  /**
   * Compares the live structure with the target table by table, unless the structure is the one
   * validated before: the metadata table records SQLite's schema cookie of the last successful
   * validation with the identity hash it was validated against, and any DDL since changes the
   * cookie. A successful validation records the stamp (an UPDATE, which leaves the cookie alone).
   * {@code first} gives the cookie and marker when they are still current (nothing was created,
   * adopted or migrated since the first look); null reads them again.
   */
  private void validate(SchemaInfo target, FirstLook first) {
    String[] stamps =
        first != null
            ? new String[] {
              first.cookie() + ":" + target.identityHash(),
              first.marker().orElseThrow().values().get(MetadataTable.VALIDATED)
            }
            : transactions.query(
                scope -> {
                  Connection connection = scope.connection();
                  String current = dialect.structureCookie(connection) + ":" + target.identityHash();
                  return new String[] {current, loadMarker(connection).values().get(MetadataTable.VALIDATED)};
                });
    if (stamps[0].equals(stamps[1])) {
      return;
    }
    List<SchemaDifference> differences = differences(transactions, dialect, target);
    if (!differences.isEmpty()) {
      throw new SchemaMismatchException(
          location,
          schema.name(),
          target.version(),
          differences,
          " Restore it from a backup or " + dialect.startOverAdvice() + "." + dialect.restoreAdvice());
    }
    if (stampValidation) {
      recordValidated(stamps[0]);
    }
  }

  private void recordValidated(String stamp) {
    String upsert =
        "INSERT INTO "
            + dialect.quote(SchemaMarker.TABLE)
            + " (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\") DO UPDATE SET \"value\" ="
            + " excluded.\"value\"";
    try {
      transactions.write(
          scope -> {
            try (PreparedStatement statement = scope.connection().prepareStatement(upsert)) {
              statement.setString(1, MetadataTable.VALIDATED);
              statement.setString(2, stamp);
              return statement.executeUpdate();
            }
          });
    } catch (MetricsException e) {
      // The structure is valid; a file that cannot be written (read-only) is validated again next time.
    }
  }
}

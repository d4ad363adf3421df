package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.MigrationException;
import dev.gao.metrics.runtime.exception.ValueException;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import dev.gao.metrics.runtime.migration.HistoryTable;
import dev.gao.metrics.runtime.migration.SchemaMarker;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.LiveTable;
import dev.gao.metrics.runtime.schema.SchemaComparator;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.schema.TriggerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings a database created without this library (same tables, no marker) into the form of the
 * schema version its structure matches: every table rebuilt as STRICT from the version's DDL, every
 * time value converted to the canonical fixed-width text, JSON checked; then the marker and an
 * {@code adopt} history row. All in one transaction with foreign-key enforcement off around it.
 */
final class LegacyAdoption {
  private static final Set<String> TIME_TYPES =
      Set.of(
          "java.time.Instant",
          "java.time.OffsetDateTime",
          "java.time.LocalDateTime",
          "java.time.LocalDate");
  private static final Set<String> SQL_TIME_DEFAULTS =
      Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME");
  private static final String SUFFIX = "__gao_adopt";

  /** Reads other programs' time text and writes it back in SQLite's canonical form; no JSON here. */
  private static final SqlValues TIMES = new SqlValues(new SqliteValueCodec(), JsonCodec.withDefaults());

  private final SqliteDialect dialect;
  private final String location;

  LegacyAdoption(SqliteDialect dialect, String location) {
    this.dialect = dialect;
    this.location = location;
  }

  /** The live structure of every table any version of the schema declares. */
  static Map<String, LiveTable> describe(Connection connection, SqliteDialect dialect, SchemaInfo schema)
      throws SQLException {
    Map<String, LiveTable> live = new LinkedHashMap<>();
    List<SchemaInfo> versions = new ArrayList<>(schema.history().versions());
    versions.add(schema);
    for (SchemaInfo version : versions) {
      for (TableInfo table : version.tables()) {
        if (!live.containsKey(table.name())) {
          dialect.describeTable(connection, table.name()).ifPresent(t -> live.put(table.name(), t));
        }
      }
    }
    return live;
  }

  /**
   * The newest version whose structure the live tables match apart from STRICT and the defaults of
   * time columns.
   *
   * @throws DatabaseOpenException naming the closest version's differences if none matches
   */
  SchemaInfo match(SchemaInfo schema, Map<String, LiveTable> live, List<String> tableNames) {
    List<SchemaInfo> versions = new ArrayList<>(schema.history().versions());
    versions.add(schema);
    SchemaInfo closest = null;
    List<SchemaDifference> closestDifferences = null;
    for (int i = versions.size() - 1; i >= 0; i--) {
      SchemaInfo version = versions.get(i);
      List<SchemaDifference> differences = blockingDifferences(version, live);
      if (differences.isEmpty()) {
        return version;
      }
      if (closestDifferences == null || differences.size() < closestDifferences.size()) {
        closest = version;
        closestDifferences = differences;
      }
    }
    StringBuilder report = new StringBuilder();
    for (SchemaDifference difference : closestDifferences) {
      report
          .append("\n  - table ")
          .append(difference.table())
          .append(": ")
          .append(difference.description());
    }
    throw new DatabaseOpenException(
        "Database "
            + location
            + " has tables ("
            + String.join(", ", tableNames)
            + ") but was not created by gao-metrics, and their structure matches no version of"
            + " schema "
            + schema.name()
            + ". The closest is version "
            + closest.version()
            + ", which differs in "
            + closestDifferences.size()
            + (closestDifferences.size() == 1 ? " place:" : " places:")
            + report
            + "\nThe file was left unchanged. Open another file, or move this one away to let"
            + " gao-metrics create a new database.");
  }

  private List<SchemaDifference> blockingDifferences(
      SchemaInfo version, Map<String, LiveTable> live) {
    List<SchemaDifference> blocking = new ArrayList<>();
    for (SchemaDifference difference :
        new SchemaComparator(dialect::normalizeDefault).compare(version, live)) {
      if (!convertible(version, difference, live)) {
        blocking.add(difference);
      }
    }
    return blocking;
  }

  private static boolean convertible(
      SchemaInfo version, SchemaDifference difference, Map<String, LiveTable> live) {
    if (difference.kind() == SchemaDifference.Kind.TABLE_NOT_STRICT) {
      return true;
    }
    if (difference.kind() != SchemaDifference.Kind.COLUMN_DEFAULT) {
      return false;
    }
    ColumnInfo column = version.table(difference.table()).column(difference.subject());
    if (!TIME_TYPES.contains(column.javaType()) || column.defaultSql() == null) {
      return false;
    }
    String actual = difference.actual() == null ? "" : difference.actual();
    return SQL_TIME_DEFAULTS.contains(actual.strip().toUpperCase(Locale.ROOT))
        && column.defaultSql().toLowerCase(Locale.ROOT).contains("now");
  }

  /**
   * Converts the tables to the version's form and records the marker and an adopt row. Runs in
   * one transaction with foreign-key enforcement off around it.
   */
  void adopt(
      TransactionManager transactions,
      SchemaInfo version,
      String schemaName,
      String libraryVersion) {
    transactions.exclusiveWrite(
        true,
        transaction -> {
          Connection connection = transaction.connection();
          if (dialect.tableNames(connection).contains(SchemaMarker.TABLE)) {
            return null; // adopted meanwhile by another process
          }
          long start = System.nanoTime();
          try (Statement statement = connection.createStatement()) {
            for (TableInfo table : version.tables()) {
              checkJson(connection, version, table);
              rebuild(statement, table);
              convertTimes(connection, version, table);
            }
            for (TableInfo table : version.tables()) {
              for (IndexInfo index : table.indexes()) {
                statement.execute(index.createSql());
              }
              for (TriggerInfo trigger : table.triggers()) {
                statement.execute(trigger.createSql());
              }
            }
            checkForeignKeys(statement, version);
            statement.execute(dialect.createMetadataTableSql(SchemaMarker.TABLE));
            HistoryTable.create(connection, dialect);
          } catch (SQLException e) {
            throw failure(version, e.getMessage(), e);
          }
          insertMarker(connection, schemaName, version, libraryVersion);
          HistoryTable.insert(
              connection,
              version.version(),
              version.version(),
              Direction.ADOPT,
              version.identityHash(),
              (System.nanoTime() - start) / 1_000_000,
              libraryVersion,
              null);
          dialect.recordVersion(connection, version.version());
          return null;
        });
  }

  private void checkJson(Connection connection, SchemaInfo version, TableInfo table)
      throws SQLException {
    for (ColumnInfo column : table.columns()) {
      if (!column.json()) {
        continue;
      }
      String sql =
          "SELECT rowid, "
              + dialect.quote(column.name())
              + " FROM "
              + dialect.quote(table.name())
              + " WHERE "
              + dialect.quote(column.name())
              + " IS NOT NULL AND NOT json_valid("
              + dialect.quote(column.name())
              + ") ORDER BY rowid LIMIT 1";
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        if (rs.next()) {
          throw failure(
              version,
              "table "
                  + table.name()
                  + ", column "
                  + column.name()
                  + ", rowid "
                  + rs.getLong(1)
                  + " holds text that is not valid JSON: "
                  + abbreviate(rs.getString(2))
                  + ". Fix or clear that value (for example with the sqlite3 shell) and open the"
                  + " file again",
              null);
        }
      }
    }
  }

  /** Creates the STRICT table under a temporary name, copies, drops the old, renames. */
  private void rebuild(Statement statement, TableInfo table) throws SQLException {
    String quoted = dialect.quote(table.name());
    String temporary = dialect.quote(table.name() + SUFFIX);
    int at = table.createSql().indexOf(quoted);
    if (at < 0) {
      throw new SQLException("the DDL of table " + table.name() + " does not name it as " + quoted);
    }
    statement.execute(
        table.createSql().substring(0, at)
            + temporary
            + table.createSql().substring(at + quoted.length()));
    String columns =
        String.join(
            ", ", table.columns().stream().map(column -> dialect.quote(column.name())).toList());
    try {
      statement.execute(
          "INSERT INTO " + temporary + " (" + columns + ") SELECT " + columns + " FROM " + quoted);
    } catch (SQLException e) {
      throw new SQLException(
          "the rows of table "
              + table.name()
              + " do not fit its STRICT form ("
              + e.getMessage()
              + "); a value has the wrong type or breaks a constraint",
          e);
    }
    Long sequence = table.autoIncrement() ? sequenceOf(statement, table.name()) : null;
    statement.execute("DROP TABLE " + quoted);
    statement.execute("ALTER TABLE " + temporary + " RENAME TO " + quoted);
    if (sequence != null) {
      // Keys the old table handed out before its newest rows were deleted stay used.
      statement.execute(
          "UPDATE sqlite_sequence SET seq = max(seq, "
              + sequence
              + ") WHERE name = '"
              + table.name().replace("'", "''")
              + "'");
    }
  }

  /** The AUTOINCREMENT counter of a table, or null if it has none. */
  private static Long sequenceOf(Statement statement, String table) throws SQLException {
    try (ResultSet exists =
        statement.executeQuery(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'")) {
      if (!exists.next()) {
        return null;
      }
    }
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT seq FROM sqlite_sequence WHERE name = '" + table.replace("'", "''") + "'")) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private void convertTimes(Connection connection, SchemaInfo version, TableInfo table)
      throws SQLException {
    for (ColumnInfo column : table.columns()) {
      if (!TIME_TYPES.contains(column.javaType())) {
        continue;
      }
      String quotedColumn = dialect.quote(column.name());
      String quotedTable = dialect.quote(table.name());
      ColumnRef<?> ref = new ColumnRef<>(table.name(), column.name());
      try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT rowid, "
                      + quotedColumn
                      + " FROM "
                      + quotedTable
                      + " WHERE "
                      + quotedColumn
                      + " IS NOT NULL ORDER BY rowid");
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE " + quotedTable + " SET " + quotedColumn + " = ? WHERE rowid = ?");
          ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long rowid = rs.getLong(1);
          try {
            convert(rs, update, column.javaType(), ref);
          } catch (ValueException e) {
            throw failure(
                version,
                "table "
                    + table.name()
                    + ", column "
                    + column.name()
                    + ", rowid "
                    + rowid
                    + " holds "
                    + abbreviate(rs.getString(2))
                    + ", which is not a "
                    + column.javaType()
                    + " value in a form gao-metrics can read. Fix that value and open the file"
                    + " again",
                e);
          }
          update.setLong(2, rowid);
          update.executeUpdate();
        }
      }
    }
  }

  private static void convert(
      ResultSet rs, PreparedStatement update, String javaType, ColumnRef<?> ref) throws SQLException {
    switch (javaType) {
      case "java.time.Instant" -> TIMES.setInstant(update, 1, TIMES.getInstant(rs, 2, ref), ref);
      case "java.time.OffsetDateTime" ->
          TIMES.setOffsetDateTime(update, 1, TIMES.getOffsetDateTime(rs, 2, ref), ref);
      case "java.time.LocalDateTime" ->
          TIMES.setLocalDateTime(update, 1, TIMES.getLocalDateTime(rs, 2, ref), ref);
      default -> TIMES.setLocalDate(update, 1, TIMES.getLocalDate(rs, 2, ref), ref);
    }
  }

  private void checkForeignKeys(Statement statement, SchemaInfo version) throws SQLException {
    try (ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
      if (rs.next()) {
        throw failure(
            version,
            "table "
                + rs.getString(1)
                + ", rowid "
                + rs.getString(2)
                + " references a row of "
                + rs.getString(3)
                + " that does not exist. Delete or fix that row and open the file again",
            null);
      }
    }
  }

  private void insertMarker(
      Connection connection, String schemaName, SchemaInfo version, String libraryVersion)
      throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(SchemaMarker.SCHEMA_NAME, schemaName);
    values.put(SchemaMarker.SCHEMA_VERSION, Integer.toString(version.version()));
    values.put(SchemaMarker.IDENTITY_HASH, version.identityHash());
    values.put(SchemaMarker.LIBRARY_VERSION, libraryVersion);
    values.put(SchemaMarker.CREATED_AT, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO "
                + dialect.quote(SchemaMarker.TABLE)
                + " (\"key\", \"value\") VALUES (?, ?)")) {
      for (Map.Entry<String, String> entry : values.entrySet()) {
        statement.setString(1, entry.getKey());
        statement.setString(2, entry.getValue());
        statement.executeUpdate();
      }
    }
  }

  private MigrationException failure(SchemaInfo version, String what, Throwable cause) {
    return new MigrationException(
        "Database "
            + location
            + " was created without gao-metrics; its tables match schema "
            + version.name()
            + " version "
            + version.version()
            + ", but converting them failed and was rolled back (the file is unchanged): "
            + what
            + ".",
        0,
        version.version(),
        cause);
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "NULL";
    }
    return "'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'";
  }
}

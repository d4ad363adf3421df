package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Checks a schema's migrations on sample data, for tests of applications: creates a database at
 * version N with the given rows, migrates it to M, validates it, migrates it back to N, validates
 * it again, and checks that every value of every column unchanged between N and M (same table, same
 * column name, same SQL type) survived both ways. A column or table that version M no longer holds
 * (dropped on the way, with the loss the schema acknowledged by {@code @AllowDataLoss}) is not
 * expected back: after the round trip it holds its default.
 *
 * <pre>{@code
 * MigrationTester tester = MigrationTester.of(GaoMetricsSchema.SCHEMA)
 *     .rows("benchmark_runs", List.of(Map.of("run_id", "r1", "timestamp", "2025-05-01T09:30:00.000000000Z",
 *         "project_name", "p", "benchmark_name", "b")));
 * tester.check(tempDir, 1, 2);   // SQLite: a new file in the folder; throws AssertionError listing every lost value
 * tester.check("jdbc:postgresql://localhost:5432/scratch", "gao", password, 1, 2);   // PostgreSQL's own steps
 * tester.check(dataSource, 1, 2);   // any empty database a DataSource reaches, SQLite or PostgreSQL
 * }</pre>
 *
 * <p>Each engine runs its own SQL of the steps, so a schema with PostgreSQL support is checked on
 * both. On PostgreSQL the database (or the URL's {@code currentSchema}) must be empty: the check
 * creates the schema there and leaves it at version N with the sample rows; point it at a scratch
 * database. Sample values are bound as on SQLite; text bound into a column of another PostgreSQL
 * type (a time, {@code jsonb}, a date, a {@code uuid}) is converted by the server, so the same
 * sample rows serve both engines. Rows are matched by primary key; a table without one is read in
 * the order of all its columns there (SQLite's {@code rowid} has no PostgreSQL counterpart), and
 * PostgreSQL's time values are compared as instants, local times and dates.
 */
public final class MigrationTester {
  private final SchemaInfo schema;
  private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();

  private MigrationTester(SchemaInfo schema) {
    this.schema = schema;
  }

  /**
   * A tester for a schema with its history.
   *
   * @param schema the code's schema, usually a generated {@code <Name>Schema.SCHEMA}
   * @return the tester
   */
  public static MigrationTester of(SchemaInfo schema) {
    return new MigrationTester(Objects.requireNonNull(schema, "schema"));
  }

  /**
   * Adds sample rows of a table of version N, inserted in the given order (parents first). Values
   * are bound as JDBC objects: text, numbers, byte arrays, or null; time values as their stored
   * text.
   *
   * @param table the table name at version N
   * @param tableRows the rows, each a map from column name to value
   * @return this tester
   */
  public MigrationTester rows(String table, List<Map<String, Object>> tableRows) {
    List<Map<String, Object>> copies = new ArrayList<>();
    for (Map<String, Object> row : tableRows) {
      copies.add(new LinkedHashMap<>(row));
    }
    rows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(copies);
    return this;
  }

  /**
   * Adds sample rows of several tables of version N, as {@link #rows(String, List)} does for each
   * entry, in the map's iteration order (use a {@link LinkedHashMap} to put parents first).
   *
   * @param rowsByTable the rows of each table
   * @return this tester
   */
  public MigrationTester rows(Map<String, List<Map<String, Object>>> rowsByTable) {
    rowsByTable.forEach(this::rows);
    return this;
  }

  /**
   * Runs the round trip N -> M -> N in a new database file in the folder.
   *
   * @param folder where to create the database file
   * @param from version N
   * @param to version M
   * @throws AssertionError listing every value that did not survive, or the migration or validation
   *     failure
   * @throws IllegalArgumentException if the schema does not know both versions, or a sample row
   *     names a table or column version N lacks
   */
  public void check(Path folder, int from, int to) {
    Objects.requireNonNull(folder, "folder");
    Path file =
        folder.resolve(
            schema.name() + "-migration-" + from + "-" + to + "-" + System.nanoTime() + ".db");
    check(() -> MetricsDatabase.builder(schema).file(file), from, to);
  }

  /**
   * Runs the round trip N -> M -> N in an empty PostgreSQL database, with PostgreSQL's SQL of each
   * step. The database is left at version N with the sample rows.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, optionally with {@code
   *     ?currentSchema=...}; the database or that schema must hold no tables
   * @param user the user, who may create tables there
   * @param password the password
   * @param from version N
   * @param to version M
   * @throws AssertionError listing every value that did not survive, or the migration or validation
   *     failure
   * @throws IllegalArgumentException if the schema does not know both versions, a sample row names
   *     a table or column version N lacks, or the database already held rows of the schema
   */
  public void check(String jdbcUrl, String user, String password, int from, int to) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    check(() -> MetricsDatabase.builder(schema).url(jdbcUrl).user(user).password(password), from, to);
  }

  /**
   * Runs the round trip N -> M -> N in the empty database a data source reaches, SQLite or
   * PostgreSQL, with that engine's SQL of each step. The database is left at version N with the
   * sample rows; the caller closes the data source.
   *
   * @param dataSource the data source of an empty database
   * @param from version N
   * @param to version M
   * @throws AssertionError listing every value that did not survive, or the migration or validation
   *     failure
   * @throws IllegalArgumentException if the schema does not know both versions, a sample row names
   *     a table or column version N lacks, or the database already held rows of the schema
   */
  public void check(DataSource dataSource, int from, int to) {
    Objects.requireNonNull(dataSource, "dataSource");
    check(() -> MetricsDatabase.builder(schema).dataSource(dataSource), from, to);
  }

  private void check(Supplier<MetricsDatabase.Builder> target, int from, int to) {
    SchemaInfo start = version(from);
    SchemaInfo end = version(to);
    Map<String, List<Map<String, Object>>> original;
    String location;
    try (MetricsDatabase database = open(target, from, "create version " + from)) {
      location = database.location();
      requireEmpty(database, start);
      database.runInTransaction(
          transaction -> insert(transaction.connection(), start, transaction.engine()));
      original =
          database.read(
              transaction -> snapshot(transaction.connection(), start, transaction.engine()));
    }
    List<String> lost = new ArrayList<>();
    try (MetricsDatabase database = open(target, to, "migrate " + from + " -> " + to)) {
      Map<String, List<Map<String, Object>>> migrated =
          database.read(transaction -> snapshot(transaction.connection(), end, transaction.engine()));
      compare(start, end, original, migrated, "after migrating " + from + " -> " + to, lost);
    }
    try (MetricsDatabase database = open(target, from, "migrate back " + to + " -> " + from)) {
      Map<String, List<Map<String, Object>>> back =
          database.read(
              transaction -> snapshot(transaction.connection(), start, transaction.engine()));
      // what version M lacks (a column or table dropped on the way, as the schema acknowledged)
      // cannot come back: only what both versions hold must survive the round trip
      compare(start, end, original, back, "after migrating back " + to + " -> " + from, lost);
    }
    if (!lost.isEmpty()) {
      throw new AssertionError(
          "Migration "
              + from
              + " -> "
              + to
              + " -> "
              + from
              + " of schema "
              + schema.name()
              + " did not preserve "
              + lost.size()
              + (lost.size() == 1 ? " value" : " values")
              + " ("
              + location
              + "):\n  "
              + String.join("\n  ", lost));
    }
  }

  private SchemaInfo version(int version) {
    return schema
        .atVersion(version)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "schema " + schema.name() + " has no version " + version));
  }

  /** A database that holds the schema's tables but rows or history already is no place to check. */
  private static void requireEmpty(MetricsDatabase database, SchemaInfo version) {
    List<String> holding = new ArrayList<>();
    for (TableInfo table : version.tables()) {
      long count = database.rowCount(table.name());
      if (count > 0) {
        holding.add(table.name() + " (" + count + " rows)");
      }
    }
    if (!database.history().isEmpty()) {
      holding.add("the history of earlier migrations");
    }
    if (!holding.isEmpty()) {
      throw new IllegalArgumentException(
          "MigrationTester needs an empty database, but "
              + database.location()
              + " holds "
              + String.join(", ", holding)
              + ": point it at a new, empty database");
    }
  }

  private MetricsDatabase open(Supplier<MetricsDatabase.Builder> target, int version, String what) {
    try {
      return target
          .get()
          .targetVersion(version)
          .backupBeforeMigration(false)
          .open();
    } catch (MetricsException e) {
      throw new AssertionError(
          "Could not " + what + " of schema " + schema.name() + ": " + e.getMessage(), e);
    }
  }

  private void insert(Connection connection, SchemaInfo version, Engine engine)
      throws SQLException {
    for (Map.Entry<String, List<Map<String, Object>>> entry : rows.entrySet()) {
      TableInfo table = version.table(entry.getKey());
      for (Map<String, Object> row : entry.getValue()) {
        List<String> columns = new ArrayList<>(row.keySet());
        for (String column : columns) {
          table.column(column);
        }
        String sql =
            "INSERT INTO "
                + quote(table.name())
                + " ("
                + String.join(", ", columns.stream().map(MigrationTester::quote).toList())
                + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList())
                + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          for (int i = 0; i < columns.size(); i++) {
            Object value = row.get(columns.get(i));
            if (engine != Engine.SQLITE && value instanceof String) {
              // Text of unknown type: the server reads it as the column's type (a time, jsonb).
              statement.setObject(i + 1, value, Types.OTHER);
            } else {
              statement.setObject(i + 1, value);
            }
          }
          statement.executeUpdate();
        }
      }
    }
  }

  /**
   * Every row of every table in primary-key order; without a key, in SQLite's rowid order, and in
   * the order of all columns on other engines.
   */
  private static Map<String, List<Map<String, Object>>> snapshot(
      Connection connection, SchemaInfo version, Engine engine) throws SQLException {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    for (TableInfo table : version.tables()) {
      List<String> key = table.primaryKey();
      String order;
      if (!key.isEmpty()) {
        order = String.join(", ", key.stream().map(MigrationTester::quote).toList());
      } else if (engine == Engine.SQLITE) {
        order = "rowid";
      } else {
        order =
            String.join(
                ", ", table.columns().stream().map(c -> quote(c.name())).toList());
      }
      List<Map<String, Object>> list = new ArrayList<>();
      try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT * FROM " + quote(table.name()) + " ORDER BY " + order);
          ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= count; i++) {
            row.put(
                meta.getColumnName(i),
                engine == Engine.SQLITE ? rs.getObject(i) : value(rs, i, meta.getColumnTypeName(i)));
          }
          list.add(row);
        }
      }
      tables.put(table.name(), list);
    }
    return tables;
  }

  /**
   * A value read from a server whose driver gives times as {@code java.sql} types (whose text
   * follows the JVM's time zone) and JSON as driver objects: times as {@code java.time} values,
   * JSON as its text.
   */
  private static Object value(ResultSet rs, int column, String type) throws SQLException {
    Object value =
        switch (type) {
          case "timestamptz" -> {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            yield time == null ? null : time.toInstant();
          }
          case "timestamp" -> rs.getObject(column, LocalDateTime.class);
          case "date" -> rs.getObject(column, LocalDate.class);
          case "json", "jsonb" -> rs.getString(column);
          default -> rs.getObject(column);
        };
    return rs.wasNull() ? null : value;
  }

  private static void compare(
      SchemaInfo before,
      SchemaInfo after,
      Map<String, List<Map<String, Object>>> original,
      Map<String, List<Map<String, Object>>> now,
      String when,
      List<String> lost) {
    for (TableInfo table : before.tables()) {
      if (!after.hasTable(table.name())) {
        continue;
      }
      TableInfo other = after.table(table.name());
      List<String> unchanged = new ArrayList<>();
      for (ColumnInfo column : table.columns()) {
        if (other.columns().stream()
            .anyMatch(
                c -> c.name().equals(column.name()) && c.sqlType().equals(column.sqlType()))) {
          unchanged.add(column.name());
        }
      }
      List<String> key =
          table.primaryKey().isEmpty() || !unchanged.containsAll(table.primaryKey())
              ? unchanged
              : table.primaryKey();
      Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
      for (Map<String, Object> row : now.getOrDefault(table.name(), List.of())) {
        byKey.put(keyOf(row, key), row);
      }
      for (Map<String, Object> row : original.get(table.name())) {
        String rowKey = keyOf(row, key);
        Map<String, Object> found = byKey.get(rowKey);
        if (found == null) {
          lost.add(when + ": table " + table.name() + ", row " + rowKey + " is missing");
          continue;
        }
        for (String column : unchanged) {
          if (!same(row.get(column), found.get(column))) {
            lost.add(
                when
                    + ": table "
                    + table.name()
                    + ", row "
                    + rowKey
                    + ", column "
                    + column
                    + ": was "
                    + show(row.get(column))
                    + ", is "
                    + show(found.get(column)));
          }
        }
      }
    }
  }

  private static String keyOf(Map<String, Object> row, List<String> key) {
    StringBuilder text = new StringBuilder("{");
    for (String column : key) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(column).append('=').append(show(row.get(column)));
    }
    return text.append('}').toString();
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  private static String show(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] bytes) {
      return "x'" + java.util.HexFormat.of().formatHex(bytes) + "'";
    }
    return value instanceof String ? "'" + value + "'" : value.toString();
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}

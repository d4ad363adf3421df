package dev.gao.metrics.processor.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.sql.sqlite.SqliteDialect;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An in-memory SQLite database for migration tests: create, fill, migrate, describe. */
public final class SqliteDatabase implements AutoCloseable {
  /** A CHECK clause with at most one level of nested parentheses. */
  private static final Pattern CHECK = Pattern.compile("CHECK \\((?:[^()]|\\([^()]*\\))*\\)");

  static final SqliteDialect DIALECT = new SqliteDialect();
  static final int ROWS = 6;

  private final Connection connection;

  private SqliteDatabase() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    execute("PRAGMA foreign_keys = ON");
  }

  /** A database with the tables and indexes of {@code schema}. */
  static SqliteDatabase create(SchemaShape schema) throws SQLException {
    SqliteDatabase db = new SqliteDatabase();
    for (TableShape table : schema.tables()) {
      db.execute(DIALECT.createTable(table));
      for (var index : table.indexes()) {
        db.execute(DIALECT.createIndex(table, index));
      }
      for (var trigger : DIALECT.triggers(table)) {
        db.execute(trigger.createSql());
      }
    }
    return db;
  }

  /** An empty database with foreign keys on. */
  public static SqliteDatabase empty() throws SQLException {
    return new SqliteDatabase();
  }

  /** Runs one statement. */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs a step as the runtime does: foreign keys off around it when asked, one transaction. */
  public void run(StepSql step) throws SQLException {
    if (step.foreignKeysOff()) {
      execute("PRAGMA foreign_keys = OFF");
    }
    execute("BEGIN IMMEDIATE");
    try {
      for (String sql : step.statements()) {
        execute(sql);
      }
      for (String sql : step.finalStatements()) {
        execute(sql);
      }
      assertEquals(List.of(), query("PRAGMA foreign_key_check"), "foreign_key_check");
      execute("COMMIT");
    } catch (SQLException | RuntimeException | Error e) {
      execute("ROLLBACK");
      throw e;
    }
    execute("PRAGMA foreign_keys = ON");
    assertEquals(List.of(List.of("ok")), query("PRAGMA integrity_check"));
  }

  /**
   * Inserts {@link #ROWS} rows into each table, parents first: keys 1..n, foreign keys pointing at
   * existing parent rows, distinct values everywhere, NULL in every third row of nullable columns.
   */
  void fill(SchemaShape schema) throws SQLException {
    for (TableShape table : schema.tables()) {
      String columns = String.join(", ", table.columns().stream().map(c -> '"' + c.name() + '"').toList());
      String marks = String.join(", ", table.columns().stream().map(c -> "?").toList());
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO \"" + table.name() + "\" (" + columns + ") VALUES (" + marks + ")")) {
        for (int row = 0; row < ROWS; row++) {
          for (int i = 0; i < table.columns().size(); i++) {
            insert.setObject(i + 1, value(table, table.columns().get(i), row));
          }
          insert.executeUpdate();
        }
      }
    }
  }

  private static Object value(TableShape table, ColumnShape column, int row) {
    if (table.foreignKey(column.name()).isPresent()) {
      return row % 2 == 0 && !column.notNull() ? null : (long) (row % 3) + 1;
    }
    if (!column.inPrimaryKey() && !column.notNull() && row % 3 == 0) {
      return null;
    }
    if (column.json()) {
      return "[\"v" + row + "\"]";
    }
    if (column.enumChecked()) {
      return column.enumNames().get(row % column.enumNames().size());
    }
    if (column.kind() == ValueKind.INSTANT) {
      return String.format("2026-01-%02dT10:%02d:00.123456789Z", row % 28 + 1, row % 60);
    }
    return switch (DIALECT.sqlType(column.kind())) {
      case "INTEGER" -> (long) row + 1;
      case "REAL" -> row + 0.5;
      case "BLOB" -> new byte[] {(byte) row, 7};
      default -> column.name() + "-" + row;
    };
  }

  /** Every row of {@code table}, as lists of the named columns' values, sorted. */
  public List<String> values(String table, List<String> columns) throws SQLException {
    String select =
        columns.isEmpty()
            ? "SELECT 1 FROM \"" + table + "\""
            : "SELECT " + String.join(", ", columns.stream().map(c -> '"' + c + '"').toList()) + " FROM \"" + table + "\"";
    List<String> rows = new ArrayList<>();
    for (List<Object> row : query(select)) {
      rows.add(row.stream().map(v -> v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v)).toList().toString());
    }
    rows.sort(null);
    return rows;
  }

  /**
   * The structure as SQLite reports it: per table, its STRICT flag, {@code table_xinfo}, every
   * index's {@code index_list} entry and columns, {@code foreign_key_list}, the CHECK clauses of its
   * stored SQL (sorted: ADD COLUMN writes them on the column, CREATE TABLE at the end) and its
   * triggers' SQL.
   */
  public Map<String, List<Object>> structure() throws SQLException {
    Map<String, List<Object>> tables = new TreeMap<>();
    for (List<Object> table :
        query("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")) {
      String name = (String) table.get(0);
      List<Object> description = new ArrayList<>();
      description.add("strict=" + table.get(1));
      description.add(query("PRAGMA table_xinfo(\"" + name + "\")"));
      Map<String, Object> indexes = new TreeMap<>();
      for (List<Object> index : query("PRAGMA index_list(\"" + name + "\")")) {
        String indexName = (String) index.get(1);
        String key = indexName.startsWith("sqlite_autoindex_") ? "autoindex-" + index.get(3) : indexName;
        indexes.put(key, List.of(index.get(2), index.get(3), index.get(4), query("PRAGMA index_info(\"" + indexName + "\")")));
      }
      description.add(indexes);
      List<List<Object>> keys = new ArrayList<>();
      for (List<Object> key : query("PRAGMA foreign_key_list(\"" + name + "\")")) {
        keys.add(key.subList(2, 8));
      }
      keys.sort((a, b) -> a.toString().compareTo(b.toString()));
      description.add(keys);
      List<String> checks = new ArrayList<>();
      Matcher check = CHECK.matcher((String) query("SELECT sql FROM sqlite_schema WHERE name = '" + name + "'").get(0).get(0));
      while (check.find()) {
        checks.add(check.group());
      }
      checks.sort(null);
      description.add(checks);
      description.add(query("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = '" + name + "' ORDER BY name"));
      tables.put(name, description);
    }
    return tables;
  }

  public List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /**
   * Migrates a filled database of {@code from} to {@code to} and back, checking after each step that
   * the structure equals a fresh database of that version and that the values of every column that
   * is the same in both versions survived.
   */
  static void assertRoundTrip(SchemaShape from, SchemaShape to, Renames renames) throws SQLException {
    StepPlan up = SchemaDiffer.diff(from, to, renames);
    StepPlan down = SchemaDiffer.diff(to, from, renames.inverse());
    StepSql upSql = DIALECT.migrate(up);
    StepSql downSql = DIALECT.migrate(down);
    try (SqliteDatabase db = create(from);
        SqliteDatabase freshFrom = create(from);
        SqliteDatabase freshTo = create(to)) {
      db.fill(from);
      Map<String, List<String>> before = db.kept(up, true);
      db.run(upSql);
      assertEquals(freshTo.structure(), db.structure(), () -> "after upgrade:\n" + String.join("\n", upSql.statements()));
      assertEquals(before, db.kept(up, false), "values after upgrade");
      db.run(downSql);
      assertEquals(freshFrom.structure(), db.structure(), () -> "after downgrade:\n" + String.join("\n", downSql.statements()));
      assertEquals(before, db.kept(up, true), "values after downgrade");
      assertTrue(upSql.statements().size() + upSql.finalStatements().size() > 0 || up.changes().isEmpty());
    }
  }

  /**
   * The values of the columns unchanged by {@code step} (apart from their names), per table, read by
   * the names before the step ({@code before}) or after it.
   */
  private Map<String, List<String>> kept(StepPlan step, boolean before) throws SQLException {
    Map<String, List<String>> values = new HashMap<>();
    for (TableStep table : step.tables()) {
      if (table.added() || table.dropped()) {
        continue;
      }
      List<String> columns = new ArrayList<>();
      table.columnSources().forEach(
          (now, old) -> {
            ColumnShape a = table.from().column(old).orElseThrow();
            ColumnShape b = table.to().column(now).orElseThrow();
            if (a.named(now).equals(b)) {
              columns.add(before ? old : now);
            }
          });
      values.put(table.from().name(), values(before ? table.from().name() : table.to().name(), columns));
    }
    return values;
  }
}

package dev.gao.metrics.processor.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.sql.postgres.PostgresDialect;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL schema (namespace) of its own on the test server, for migration tests: create, fill,
 * migrate, describe. Instances of one test class share that class's database, each in a schema
 * that closing drops again.
 */
public final class PostgresDatabase implements AutoCloseable {
  static final PostgresDialect DIALECT = new PostgresDialect();
  static final int ROWS = 6;

  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  /** Columns with their type, NOT NULL, default and identity, by name: PostgreSQL cannot reorder them. */
  private static final String COLUMNS =
      "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
          + " pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity"
          + " FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attrelid = %d AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname";

  /** Every constraint: name, kind, definition (key columns, references and actions, checks). */
  private static final String CONSTRAINTS =
      "SELECT conname, contype, pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint"
          + " WHERE conrelid = %d ORDER BY conname";

  /** Indexes that no constraint owns, as {@code pg_indexes} writes them. */
  private static final String INDEXES =
      "SELECT i.relname, pg_catalog.pg_get_indexdef(x.indexrelid) FROM pg_catalog.pg_index x"
          + " JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %d"
          + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid)"
          + " ORDER BY i.relname";

  private static final String TABLES =
      "SELECT c.oid, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname";

  private static final Map<Class<?>, String> URLS = new HashMap<>();

  private final Connection connection;
  private final String schema;

  private PostgresDatabase(Class<?> owner) throws SQLException {
    String url;
    synchronized (URLS) {
      url = URLS.computeIfAbsent(owner, o -> PostgresServer.newDatabase(o.getSimpleName()));
    }
    connection = PostgresServer.connect(url);
    schema = "s" + SCHEMAS.incrementAndGet();
    execute("CREATE SCHEMA " + schema);
    execute("SET search_path TO " + schema);
  }

  /** An empty schema in the database of test class {@code owner}. */
  public static PostgresDatabase empty(Class<?> owner) throws SQLException {
    return new PostgresDatabase(owner);
  }

  /** A schema with the tables and indexes of {@code shape}, created from the dialect's DDL. */
  static PostgresDatabase create(Class<?> owner, SchemaShape shape) throws SQLException {
    PostgresDatabase db = new PostgresDatabase(owner);
    for (TableShape table : shape.tables()) {
      db.execute(DIALECT.createTable(table));
      for (var index : table.indexes()) {
        db.execute(DIALECT.createIndex(table, index));
      }
      assertEquals(List.of(), DIALECT.triggers(table));
    }
    return db;
  }

  /** Runs one statement. */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Runs a step as the runtime does on PostgreSQL: its statements, then its final statements, in
   * one transaction; a failure rolls all of it back.
   */
  public void run(StepSql step) throws SQLException {
    assertFalse(step.foreignKeysOff(), "PostgreSQL never turns foreign keys off");
    connection.setAutoCommit(false);
    try {
      for (String sql : step.statements()) {
        execute(sql);
      }
      for (String sql : step.finalStatements()) {
        execute(sql);
      }
      connection.commit();
    } catch (SQLException | RuntimeException | Error e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Inserts {@link #ROWS} rows into each table, parents first: keys 1..n, each foreign key pointing
   * at the parent row of the same number (NULL in every other row where it may be), values inside
   * each column's range, NULL in every third row of other nullable columns.
   */
  void fill(SchemaShape shape) throws SQLException {
    fill(shape, Map.of());
  }

  /**
   * Fills the tables as {@link #fill(SchemaShape)} does, giving the columns named in {@code
   * newKinds} ({@code table.column}) values that convert to the kind they get: NULL where none does.
   */
  void fill(SchemaShape shape, Map<String, ValueKind> newKinds) throws SQLException {
    for (TableShape table : shape.tables()) {
      fill(shape, table, newKinds);
    }
  }

  /** Inserts {@link #ROWS} rows into {@code table} of {@code shape}, as {@link #fill(SchemaShape)}. */
  void fill(SchemaShape shape, TableShape table) throws SQLException {
    fill(shape, table, Map.of());
  }

  private void fill(SchemaShape shape, TableShape table, Map<String, ValueKind> newKinds) throws SQLException {
    String columns = String.join(", ", table.columns().stream().map(c -> DIALECT.quote(c.name())).toList());
    for (int row = 0; row < ROWS; row++) {
      List<String> values = new ArrayList<>();
      for (ColumnShape column : table.columns()) {
        ValueKind newKind = newKinds.get(table.name() + "." + column.name());
        boolean plain = newKind == null || table.foreignKey(column.name()).isPresent();
        values.add(plain ? literal(shape, table, column, row) : convertible(column, newKind, row));
      }
      execute("INSERT INTO " + DIALECT.quote(table.name()) + " (" + columns + ") VALUES (" + String.join(", ", values) + ")");
    }
  }

  private static String literal(SchemaShape shape, TableShape table, ColumnShape column, int row) {
    var foreignKey = table.foreignKey(column.name());
    if (foreignKey.isPresent()) {
      if (row % 2 == 0 && !column.notNull()) {
        return "NULL";
      }
      TableShape parent = shape.table(foreignKey.get().referencedTable()).orElseThrow();
      return literal(shape, parent, parent.column(foreignKey.get().referencedColumn()).orElseThrow(), row);
    }
    if (!column.inPrimaryKey() && !column.notNull() && row % 3 == 0) {
      return "NULL";
    }
    return value(column, row);
  }

  /**
   * A value of {@code column} that converts to {@code newKind} and back unchanged: 0 or 1 (as text,
   * JSON, number or flag) when it becomes a number, otherwise the usual value; NULL when no value of
   * the column converts (a time to a number, a number to a time), or the usual value when the column
   * is NOT NULL.
   */
  private static String convertible(ColumnShape column, ValueKind newKind, int row) {
    boolean fromNumber = numeric(column.kind()) || column.kind() == ValueKind.BOOLEAN;
    boolean toNumber = numeric(newKind) || newKind == ValueKind.BOOLEAN;
    if (inconvertible(column, newKind)) {
      return column.notNull() ? value(column, row) : "NULL";
    }
    if (toNumber && column.kind() == ValueKind.BOOLEAN) {
      return row % 2 == 0 ? "false" : "true";
    }
    if (toNumber && (fromNumber || column.kind() == ValueKind.STRING || column.kind() == ValueKind.JSON)) {
      return fromNumber ? String.valueOf(row % 2) : "'" + (row % 2) + "'";
    }
    return value(column, row);
  }

  /**
   * Whether no value of {@code column} converts to {@code newKind} (a time to a number, a number to
   * a time): a NOT NULL column of such a pair makes the step fail.
   */
  static boolean inconvertible(ColumnShape column, ValueKind newKind) {
    boolean fromNumber = numeric(column.kind()) || column.kind() == ValueKind.BOOLEAN;
    boolean toNumber = numeric(newKind) || newKind == ValueKind.BOOLEAN;
    return column.kind().isTime() && toNumber || fromNumber && newKind.isTime();
  }

  /** The value of {@code column} in row {@code row} as an SQL literal, within its range. */
  static String value(ColumnShape column, int row) {
    if (column.enumChecked()) {
      return "'" + column.enumNames().get(row % column.enumNames().size()) + "'";
    }
    int day = row + 1;
    return switch (column.kind()) {
      case BOOLEAN -> row % 2 == 0 ? "false" : "true";
      case BYTE, SHORT, INT, LONG -> new BigDecimal(number(column, row)).setScale(0, java.math.RoundingMode.FLOOR).toPlainString();
      case FLOAT, DOUBLE, DECIMAL -> ColumnShape.boundText(number(column, row));
      case STRING, ENUM -> "'" + column.name() + "-" + row + "'";
      case INSTANT, OFFSET_DATE_TIME -> "'2026-01-0" + day + "T10:0" + row + ":00.123456Z'";
      case LOCAL_DATE_TIME -> "'2026-01-0" + day + "T10:0" + row + ":00.654321'";
      case LOCAL_DATE -> "'2026-01-0" + day + "'";
      case UUID -> "'00000000-0000-0000-0000-00000000000" + row + "'";
      case BYTES -> "'\\x0" + row + "07'";
      case JSON -> "'[\"v" + row + "\"]'";
    };
  }

  /** A number inside the column's range: {@code row + 1.5} when it has none. */
  private static double number(ColumnShape column, int row) {
    if (column.hasMin() && column.hasMax()) {
      return column.min() + (column.max() - column.min()) * (row + 1) / (ROWS + 1);
    }
    if (column.hasMax()) {
      return column.max() - row - 1.5;
    }
    return (column.hasMin() ? column.min() : 0) + row + 1.5;
  }

  /** Every row of {@code table}, as lists of the named columns' values in PostgreSQL's text, sorted. */
  public List<String> values(String table, List<String> columns) throws SQLException {
    String select =
        columns.isEmpty()
            ? "SELECT 1 FROM " + DIALECT.quote(table)
            : "SELECT " + String.join(", ", columns.stream().map(DIALECT::quote).toList()) + " FROM " + DIALECT.quote(table);
    List<String> rows = new ArrayList<>();
    for (List<String> row : query(select)) {
      rows.add(row.toString());
    }
    rows.sort(null);
    return rows;
  }

  /**
   * The structure as the catalog describes it, per table: its columns by name (PostgreSQL cannot
   * reorder them, so their order is not compared) with type, NOT NULL, default and identity; every
   * constraint with its kind and definition; every other index with its definition.
   */
  public Map<String, List<Object>> structure() throws SQLException {
    Map<String, List<Object>> tables = new TreeMap<>();
    for (List<String> table : query(TABLES)) {
      long oid = Long.parseLong(table.get(0));
      List<Object> description = new ArrayList<>();
      description.add(query(String.format(COLUMNS, oid)));
      description.add(query(String.format(CONSTRAINTS, oid)));
      description.add(query(String.format(INDEXES, oid)).stream().map(i -> i.get(1).replace(schema + ".", "")).toList());
      tables.put(table.get(1), description);
    }
    return tables;
  }

  /** The rows of {@code sql}, each value as PostgreSQL's text (or {@code null}). */
  public List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The value of a query that returns one. */
  public String scalar(String sql) throws SQLException {
    return query(sql).get(0).get(0);
  }

  @Override
  public void close() throws SQLException {
    try {
      execute("DROP SCHEMA " + schema + " CASCADE");
    } finally {
      connection.close();
    }
  }

  /**
   * Migrates a filled database of {@code from} to {@code to} and back, checking after each step that
   * the catalog describes the same structure as a fresh database of that version and that the values
   * of every column the step leaves as it is survived. When no stored value of a NOT NULL column
   * converts to its new type (a time to a number), the upgrade must fail and leave everything as it
   * was instead.
   *
   * @return whether the step ran (it did not fail as expected)
   */
  static boolean assertRoundTrip(Class<?> owner, SchemaShape from, SchemaShape to, Renames renames) throws SQLException {
    StepPlan up = SchemaDiffer.diff(from, to, renames);
    StepSql upSql = DIALECT.migrate(up);
    StepSql downSql = DIALECT.migrate(SchemaDiffer.diff(to, from, renames.inverse()));
    Map<String, ValueKind> newKinds = new HashMap<>();
    boolean fails = false;
    for (TableStep table : up.tables()) {
      if (table.added() || table.dropped()) {
        continue;
      }
      for (var entry : table.columnSources().entrySet()) {
        ColumnShape old = table.from().column(entry.getValue()).orElseThrow();
        ValueKind kind = table.to().column(entry.getKey()).orElseThrow().kind();
        if (!DIALECT.sqlType(old.kind()).equals(DIALECT.sqlType(kind))) {
          newKinds.put(table.from().name() + "." + old.name(), kind);
          fails |= old.notNull() && inconvertible(old, kind);
        }
      }
    }
    try (PostgresDatabase db = create(owner, from);
        PostgresDatabase freshFrom = create(owner, from);
        PostgresDatabase freshTo = create(owner, to)) {
      db.fill(from, newKinds);
      Map<String, List<String>> before = db.kept(up, true);
      if (fails) {
        assertThrows(SQLException.class, () -> db.run(upSql), "no stored value converts");
        assertEquals(freshFrom.structure(), db.structure(), "after the failed upgrade");
        assertEquals(before, db.kept(up, true), "values after the failed upgrade");
        return false;
      }
      db.run(upSql);
      assertEquals(freshTo.structure(), db.structure(), () -> "after upgrade:\n" + String.join("\n", upSql.statements()));
      assertEquals(before, db.kept(up, false), "values after upgrade");
      db.run(downSql);
      assertEquals(freshFrom.structure(), db.structure(), () -> "after downgrade:\n" + String.join("\n", downSql.statements()));
      assertEquals(before, db.kept(up, true), "values after downgrade");
      return true;
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

  /** Whether {@code kind}'s values are numbers PostgreSQL compares with bounds. */
  static boolean numeric(ValueKind kind) {
    return switch (kind) {
      case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }
}

package dev.gao.metrics.runtime.dao;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.InsertValues;
import dev.gao.metrics.runtime.sql.postgres.PostgresDialect;
import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL a DAO renders from its table's structure. */
class TableStatementsTest {
  private static final String NOW = "(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))";

  private static TableStatements statements(String table, boolean autoIncrement, ColumnInfo... columns) {
    TableInfo info =
        new TableInfo(table, "p.Row", columns, autoIncrement, new IndexInfo[] {}, new ForeignKeyInfo[] {}, "CREATE TABLE");
    SqliteDialect sqlite = new SqliteDialect();
    return new TableStatements(info, sqlite, sqlite.insertValues(null, info));
  }

  private static TableStatements postgres(InsertValues values, String table, boolean autoIncrement, ColumnInfo... columns) {
    TableInfo info =
        new TableInfo(table, "p.Row", columns, autoIncrement, new IndexInfo[] {}, new ForeignKeyInfo[] {}, "CREATE TABLE");
    return new TableStatements(info, new PostgresDialect(), values);
  }

  private static ColumnInfo text(String name, int keyPosition) {
    return new ColumnInfo(name, "TEXT", "java.lang.String", true, null, keyPosition, false);
  }

  @Test
  void autoKeyTableReturnsTheKey() {
    TableStatements sql =
        statements(
            "performance_metrics",
            true,
            new ColumnInfo("id", "INTEGER", "long", false, null, 1, false),
            text("run_id", 0),
            new ColumnInfo("phase_times", "TEXT", "java.util.Map", false, null, 0, true));
    assertEquals(
        "INSERT INTO \"performance_metrics\" (\"id\", \"run_id\", \"phase_times\") VALUES (?, ?, ?) RETURNING \"id\"",
        sql.insert);
    assertEquals(
        "INSERT INTO \"performance_metrics\" (\"id\", \"run_id\", \"phase_times\") VALUES (?, ?, ?)", sql.insertBatch);
    assertEquals(
        "INSERT INTO \"performance_metrics\" (\"id\", \"run_id\", \"phase_times\") VALUES (?, ?, ?) ON CONFLICT (\"id\")"
            + " DO UPDATE SET \"run_id\" = excluded.\"run_id\", \"phase_times\" = excluded.\"phase_times\" RETURNING \"id\"",
        sql.upsert);
    assertEquals(
        "UPDATE \"performance_metrics\" SET \"run_id\" = ?2, \"phase_times\" = ?3 WHERE \"id\" = ?1", sql.update);
    assertEquals(List.of(new ColumnRef<>("performance_metrics", "id")), Arrays.asList(sql.key));
  }

  @Test
  void naturalKeyWithDefaults() {
    TableStatements sql =
        statements(
            "benchmark_runs",
            false,
            text("run_id", 1),
            new ColumnInfo("version", "TEXT", "java.lang.String", true, "'1.0.0'", 0, false),
            new ColumnInfo("created_at", "TEXT", "java.time.Instant", false, NOW, 0, false));
    String all = "SELECT \"run_id\", \"version\", \"created_at\" FROM \"benchmark_runs\"";
    assertEquals(
        "INSERT INTO \"benchmark_runs\" (\"run_id\", \"version\", \"created_at\") VALUES (?, COALESCE(?, '1.0.0'),"
            + " COALESCE(?, (strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))))",
        sql.insert);
    assertEquals(sql.insert, sql.insertBatch);
    assertEquals(
        sql.insert + " ON CONFLICT (\"run_id\") DO UPDATE SET \"version\" = excluded.\"version\","
            + " \"created_at\" = excluded.\"created_at\"",
        sql.upsert);
    assertEquals(
        "UPDATE \"benchmark_runs\" SET \"version\" = ?2, \"created_at\" = ?3 WHERE \"run_id\" = ?1", sql.update);
    assertEquals("DELETE FROM \"benchmark_runs\" WHERE \"run_id\" = ?", sql.deleteByKey);
    assertEquals("SELECT COUNT(*) FROM \"benchmark_runs\"", sql.count);
    assertEquals("SELECT EXISTS (SELECT 1 FROM \"benchmark_runs\" WHERE \"run_id\" = ?)", sql.exists);
    assertEquals(all + " WHERE \"run_id\" = ?", sql.selectByKey);
    assertEquals(all + " WHERE \"version\" = ? ORDER BY \"run_id\"", sql.selectWhere(List.of("version"), true));
    assertEquals(
        all + " WHERE \"version\" = ? AND \"created_at\" = ?",
        sql.selectWhere(List.of("version", "created_at"), false));
    assertEquals(all + " ORDER BY \"run_id\"", sql.selectAllOrdered);
    assertEquals(all + " ORDER BY \"run_id\" LIMIT ? OFFSET ?", sql.selectPage);
    assertEquals(", \"run_id\" LIMIT ? OFFSET ?", sql.orderedPageTail);
    assertEquals(
        all + " ORDER BY \"created_at\" DESC, \"run_id\" LIMIT ? OFFSET ?",
        sql.selectOrderedPage("created_at", SortOrder.DESC));
  }

  @Test
  void compositeKeyInKeyOrderWithParametersNumberedByColumn() {
    TableStatements sql =
        statements("tags", false, text("weight", 0), text("name", 2), text("run_id", 1), text("note", 0));
    assertEquals(
        "UPDATE \"tags\" SET \"weight\" = ?1, \"note\" = ?4 WHERE \"run_id\" = ?3 AND \"name\" = ?2", sql.update);
    assertEquals("DELETE FROM \"tags\" WHERE \"run_id\" = ? AND \"name\" = ?", sql.deleteByKey);
    assertEquals(", \"run_id\", \"name\" LIMIT ? OFFSET ?", sql.orderedPageTail);
    assertEquals(List.of(new ColumnRef<>("tags", "run_id"), new ColumnRef<>("tags", "name")), Arrays.asList(sql.key));
  }

  @Test
  void keyOnlyTables() {
    TableStatements natural = statements("tags", false, text("run_id", 1), text("name", 2));
    assertEquals(
        "INSERT INTO \"tags\" (\"run_id\", \"name\") VALUES (?, ?) ON CONFLICT (\"run_id\", \"name\") DO NOTHING",
        natural.upsert);
    assertEquals(
        "UPDATE \"tags\" SET \"run_id\" = \"run_id\", \"name\" = \"name\" WHERE \"run_id\" = ?1 AND \"name\" = ?2",
        natural.update);
    TableStatements auto = statements("ids", true, new ColumnInfo("id", "INTEGER", "long", false, null, 1, false));
    assertEquals(
        "INSERT INTO \"ids\" (\"id\") VALUES (?) ON CONFLICT (\"id\") DO UPDATE SET \"id\" = excluded.\"id\" RETURNING \"id\"",
        auto.upsert);
  }

  @Test
  void postgresTakesItsInsertParametersAndBindsUpdatesInStatementOrder() {
    TableStatements sql =
        postgres(
            new InsertValues(" OVERRIDING SYSTEM VALUE", List.of("KEY(?)", "?", "COALESCE(?, 'x'::text)", "?")),
            "tags",
            true,
            text("weight", 0),
            new ColumnInfo("id", "INTEGER", "long", false, null, 1, false),
            text("name", 0),
            text("note", 0));
    assertEquals(
        "INSERT INTO \"tags\" (\"weight\", \"id\", \"name\", \"note\") OVERRIDING SYSTEM VALUE"
            + " VALUES (KEY(?), ?, COALESCE(?, 'x'::text), ?) RETURNING \"id\"",
        sql.insert);
    assertEquals(
        "UPDATE \"tags\" SET \"weight\" = ?, \"name\" = ?, \"note\" = ? WHERE \"id\" = ?", sql.update);
    assertArrayEquals(new int[] {1, 4, 2, 3}, sql.updateOrder);
    assertEquals("SELECT EXISTS (SELECT 1 FROM \"tags\" WHERE \"id\" = ?)", sql.exists);

    TableStatements keyOnly =
        postgres(new InsertValues("", List.of("?", "?")), "pairs", false, text("b", 2), text("a", 1));
    assertEquals(
        "UPDATE \"pairs\" SET \"a\" = \"a\", \"b\" = \"b\" WHERE \"a\" = ? AND \"b\" = ?", keyOnly.update);
    assertArrayEquals(new int[] {2, 1}, keyOnly.updateOrder);
    assertEquals(null, statements("pairs", false, text("b", 2), text("a", 1)).updateOrder);
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class, () -> postgres(new InsertValues("", List.of("?")), "pairs", false, text("b", 2), text("a", 1)));
    assertEquals("table pairs has 2 columns, but got 1 INSERT parameters", wrong.getMessage());
  }

  @Test
  void namesAreQuoted() {
    TableStatements sql = statements("odd\"table", false, text("a\"b", 1));
    assertEquals("SELECT COUNT(*) FROM \"odd\"\"table\"", sql.count);
    assertEquals("DELETE FROM \"odd\"\"table\" WHERE \"a\"\"b\" = ?", sql.deleteByKey);
  }

  @Test
  void aTableWithoutKeyHasNoStatements() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> statements("loose", false, text("a", 0)));
    assertEquals("table loose has no primary key", e.getMessage());
  }
}

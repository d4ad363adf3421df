package dev.gao.metrics.processor.sql.sqlite;

import static dev.gao.metrics.processor.model.Models.autoKey;
import static dev.gao.metrics.processor.model.Models.autoTable;
import static dev.gao.metrics.processor.model.Models.column;
import static dev.gao.metrics.processor.model.Models.enumColumn;
import static dev.gao.metrics.processor.model.Models.json;
import static dev.gao.metrics.processor.model.Models.key;
import static dev.gao.metrics.processor.model.Models.table;
import static dev.gao.metrics.processor.model.Models.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.Shapes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteDialectTest {
  private final SqliteDialect dialect = new SqliteDialect();

  @Test
  void sqlTypes() {
    assertEquals("INTEGER", dialect.sqlType(ValueKind.BOOLEAN));
    assertEquals("INTEGER", dialect.sqlType(ValueKind.BYTE));
    assertEquals("INTEGER", dialect.sqlType(ValueKind.LONG));
    assertEquals("REAL", dialect.sqlType(ValueKind.FLOAT));
    assertEquals("REAL", dialect.sqlType(ValueKind.DOUBLE));
    assertEquals("BLOB", dialect.sqlType(ValueKind.BYTES));
    for (ValueKind kind : List.of(ValueKind.STRING, ValueKind.DECIMAL, ValueKind.ENUM, ValueKind.INSTANT,
        ValueKind.OFFSET_DATE_TIME, ValueKind.LOCAL_DATE_TIME, ValueKind.LOCAL_DATE, ValueKind.UUID, ValueKind.JSON)) {
      assertEquals("TEXT", dialect.sqlType(kind), kind.name());
    }
  }

  @Test
  void quotesIdentifiers() {
    assertEquals("\"run_id\"", dialect.quote("run_id"));
    assertEquals("\"a\"\"b\"", dialect.quote("a\"b"));
  }

  @Test
  void currentTimestampDefaultsFollowTheStoredTextForm() {
    assertEquals(
        "(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))",
        dialect.defaultSql(column("c", ClassName.get(Instant.class), ValueKind.INSTANT, false, "CURRENT_TIMESTAMP", 0)));
    assertEquals(
        "(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))",
        dialect.defaultSql(
            column("c", ClassName.get(OffsetDateTime.class), ValueKind.OFFSET_DATE_TIME, false, "current_timestamp", 0)));
    assertEquals(
        "(strftime('%Y-%m-%dT%H:%M:%f000000', 'now'))",
        dialect.defaultSql(
            column("c", ClassName.get(LocalDateTime.class), ValueKind.LOCAL_DATE_TIME, false, " CURRENT_TIMESTAMP ", 0)));
    assertEquals(
        "(date('now'))",
        dialect.defaultSql(column("c", ClassName.get(LocalDate.class), ValueKind.LOCAL_DATE, false, "CURRENT_DATE", 0)));
    assertEquals(
        "(date('now'))",
        dialect.defaultSql(column("c", ClassName.get(LocalDate.class), ValueKind.LOCAL_DATE, false, "CURRENT_TIMESTAMP", 0)));
  }

  @Test
  void otherDefaultsAreVerbatim() {
    assertEquals("'1.0.0'", dialect.defaultSql(column("v", ClassName.get(String.class), ValueKind.STRING, true, "'1.0.0'", 0)));
    assertEquals(
        "'2024-01-01T00:00:00.000000000Z'",
        dialect.defaultSql(
            column("c", ClassName.get(Instant.class), ValueKind.INSTANT, true, "'2024-01-01T00:00:00.000000000Z'", 0)));
    assertEquals(
        "'2024-01-01T00:00:00'",
        dialect.defaultSql(
            column("c", ClassName.get(LocalDateTime.class), ValueKind.LOCAL_DATE_TIME, true, "'2024-01-01T00:00:00'", 0)));
    assertEquals(
        "'2024-01-01'",
        dialect.defaultSql(column("c", ClassName.get(LocalDate.class), ValueKind.LOCAL_DATE, true, "'2024-01-01'", 0)));
    assertEquals(
        "CURRENT_TIMESTAMP",
        dialect.defaultSql(column("c", ClassName.get(String.class), ValueKind.STRING, true, "CURRENT_TIMESTAMP", 0)));
    assertNull(dialect.defaultSql(text("c")));
  }

  @Test
  void autoKeyTableWithForeignKeyAndJson() {
    TableModel table =
        autoTable("performance_metrics", List.of(autoKey(), text("run_id"), json("phase_times")))
            .withRelations(
                List.of(),
                List.of(new ForeignKeyModel("run_id", "benchmark_runs", "run_id", "CASCADE", "NO ACTION")));
    assertEquals(
        "CREATE TABLE \"performance_metrics\" (\n"
            + "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            + "  \"run_id\" TEXT NOT NULL,\n"
            + "  \"phase_times\" TEXT,\n"
            + "  FOREIGN KEY (\"run_id\") REFERENCES \"benchmark_runs\" (\"run_id\") ON DELETE CASCADE,\n"
            + "  CHECK (\"phase_times\" IS NULL OR json_valid(\"phase_times\"))\n"
            + ") STRICT",
        dialect.createTable(table));
    assertFalse(Shapes.of(table).columns().get(0).notNull());
  }

  @Test
  void naturalKeyInlineWithDefaults() {
    TableModel table =
        table(
            "benchmark_runs",
            List.of(
                key("run_id", 1),
                column("version", ClassName.get(String.class), ValueKind.STRING, true, "'1.0.0'", 0),
                column("created_at", ClassName.get(Instant.class), ValueKind.INSTANT, false, "CURRENT_TIMESTAMP", 0)));
    assertEquals(
        "CREATE TABLE \"benchmark_runs\" (\n"
            + "  \"run_id\" TEXT NOT NULL PRIMARY KEY,\n"
            + "  \"version\" TEXT NOT NULL DEFAULT '1.0.0',\n"
            + "  \"created_at\" TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))\n"
            + ") STRICT",
        dialect.createTable(table));
  }

  @Test
  void compositeKeyIsATableConstraintAndActionsAreRendered() {
    TableModel table =
        table("tags", List.of(key("run_id", 1), key("name", 2)))
            .withRelations(List.of(), List.of(new ForeignKeyModel("run_id", "runs", "run_id", "SET NULL", "RESTRICT")));
    assertEquals(
        "CREATE TABLE \"tags\" (\n"
            + "  \"run_id\" TEXT NOT NULL,\n"
            + "  \"name\" TEXT NOT NULL,\n"
            + "  PRIMARY KEY (\"run_id\", \"name\"),\n"
            + "  FOREIGN KEY (\"run_id\") REFERENCES \"runs\" (\"run_id\") ON DELETE SET NULL ON UPDATE RESTRICT\n"
            + ") STRICT",
        dialect.createTable(table));
  }

  @Test
  void keyOnlyAutoTableUpsertStillReturnsTheKey() {
    TableModel table = autoTable("ids", List.of(autoKey()));
    assertEquals("CREATE TABLE \"ids\" (\n  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT\n) STRICT", dialect.createTable(table));
  }

  @Test
  void indexes() {
    TableModel table = table("runs", List.of(key("run_id", 1), text("a"), text("b")));
    assertEquals(
        "CREATE UNIQUE INDEX \"idx_runs_a_b\" ON \"runs\" (\"a\", \"b\")",
        dialect.createIndex(table, new IndexModel("idx_runs_a_b", List.of("a", "b"), true, false)));
    assertEquals(
        "CREATE INDEX \"idx\" ON \"runs\" (\"a\")",
        dialect.createIndex(table, new IndexModel("idx", List.of("a"), false, true)));
  }

  @Test
  void enumColumnsAreCheckedAgainstTheirSortedNamesAndNullPasses() throws SQLException {
    TableModel table =
        table(
            "jobs",
            List.of(
                key("id", 1),
                enumColumn("status", "Status", true, "running", "done", "failed"),
                enumColumn("priority", "Priority", false, "low", "high")));
    String sql = dialect.createTable(table);
    assertEquals(
        "CREATE TABLE \"jobs\" (\n"
            + "  \"id\" TEXT NOT NULL PRIMARY KEY,\n"
            + "  \"status\" TEXT NOT NULL,\n"
            + "  \"priority\" TEXT,\n"
            + "  CONSTRAINT \"ck_jobs_status\" CHECK (\"status\" IN ('done', 'failed', 'running')),\n"
            + "  CONSTRAINT \"ck_jobs_priority\" CHECK (\"priority\" IN ('high', 'low'))\n"
            + ") STRICT",
        sql);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
      statement.execute("INSERT INTO jobs VALUES ('a', 'done', NULL), ('b', 'running', 'high')");
      SQLException bogus =
          assertThrows(SQLException.class, () -> statement.execute("INSERT INTO jobs VALUES ('c', 'bogus', 'low')"));
      assertTrue(bogus.getMessage().contains("CHECK constraint failed: ck_jobs_status"), bogus.getMessage());
      SQLException otherCase =
          assertThrows(SQLException.class, () -> statement.execute("INSERT INTO jobs VALUES ('c', 'done', 'HIGH')"));
      assertTrue(otherCase.getMessage().contains("ck_jobs_priority"), otherCase.getMessage());
    }
  }

  @Test
  void nullableColumnOfPrimitiveTypeNameStaysNotNull() {
    TableModel table =
        table("t", List.of(key("k", 1), column("n", TypeName.INT, ValueKind.INT, true, "0", 0)));
    assertEquals(
        "CREATE TABLE \"t\" (\n  \"k\" TEXT NOT NULL PRIMARY KEY,\n  \"n\" INTEGER NOT NULL DEFAULT 0\n) STRICT",
        dialect.createTable(table));
  }
}

package dev.gao.metrics.processor.sql.postgres;

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
import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.Shapes;
import dev.gao.metrics.processor.structure.TableShape;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostgreSQL DDL as text, and on the test server where the server's answer is what counts. */
class PostgresDialectTest {
  private final PostgresDialect dialect = new PostgresDialect();

  private static final Map<ValueKind, String> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put(ValueKind.BOOLEAN, "boolean");
    TYPES.put(ValueKind.BYTE, "smallint");
    TYPES.put(ValueKind.SHORT, "smallint");
    TYPES.put(ValueKind.INT, "integer");
    TYPES.put(ValueKind.LONG, "bigint");
    TYPES.put(ValueKind.FLOAT, "real");
    TYPES.put(ValueKind.DOUBLE, "double precision");
    TYPES.put(ValueKind.DECIMAL, "numeric");
    TYPES.put(ValueKind.STRING, "text");
    TYPES.put(ValueKind.ENUM, "text");
    TYPES.put(ValueKind.INSTANT, "timestamp with time zone");
    TYPES.put(ValueKind.OFFSET_DATE_TIME, "timestamp with time zone");
    TYPES.put(ValueKind.LOCAL_DATE_TIME, "timestamp without time zone");
    TYPES.put(ValueKind.LOCAL_DATE, "date");
    TYPES.put(ValueKind.UUID, "uuid");
    TYPES.put(ValueKind.BYTES, "bytea");
    TYPES.put(ValueKind.JSON, "jsonb");
  }

  @Test
  void sqlTypesForEveryKind() {
    assertEquals(EnumSet.allOf(ValueKind.class), EnumSet.copyOf(TYPES.keySet()));
    TYPES.forEach((kind, type) -> assertEquals(type, dialect.sqlType(kind), kind.name()));
    assertTrue(dialect.sameStorage(ValueKind.BYTE, ValueKind.SHORT));
    assertTrue(dialect.sameStorage(ValueKind.STRING, ValueKind.ENUM));
    assertFalse(dialect.sameStorage(ValueKind.STRING, ValueKind.JSON), "unlike SQLite, JSON is not text");
    assertFalse(dialect.sameStorage(ValueKind.INT, ValueKind.LONG));
  }

  @Test
  void quotesIdentifiersAndRefusesNamesPostgresWouldCut() {
    assertEquals("\"run_id\"", dialect.quote("run_id"));
    assertEquals("\"a\"\"b\"", dialect.quote("a\"b"));
    String longest = "n".repeat(63);
    assertEquals('"' + longest + '"', dialect.quote(longest));
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> dialect.quote("n".repeat(64)));
    assertTrue(tooLong.getMessage().contains("64 bytes long in UTF-8"), tooLong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> dialect.quote("é".repeat(32)), "64 bytes in UTF-8, 32 characters");
  }

  @Test
  void defaultsInPostgresSpelling() {
    assertEquals("'1.0.0'", dialect.defaultSql(ValueKind.STRING, "'1.0.0'"));
    assertEquals("-1", dialect.defaultSql(ValueKind.INT, "-1"));
    assertEquals("0.05", dialect.defaultSql(ValueKind.DOUBLE, "0.05"));
    assertEquals("'{}'", dialect.defaultSql(ValueKind.JSON, "'{}'"));
    assertEquals("'completed'", dialect.defaultSql(ValueKind.ENUM, "'completed'"));
    assertEquals("false", dialect.defaultSql(ValueKind.BOOLEAN, "0"));
    assertEquals("true", dialect.defaultSql(ValueKind.BOOLEAN, "1"));
    assertEquals("true", dialect.defaultSql(ValueKind.BOOLEAN, "TRUE"));
    assertEquals("false", dialect.defaultSql(ValueKind.BOOLEAN, "False"));
    assertEquals("2", dialect.defaultSql(ValueKind.BOOLEAN, "2"), "not dropped: PostgreSQL refuses it loudly");
    assertEquals("CURRENT_TIMESTAMP", dialect.defaultSql(ValueKind.INSTANT, "CURRENT_TIMESTAMP"));
    assertEquals("CURRENT_TIMESTAMP", dialect.defaultSql(ValueKind.OFFSET_DATE_TIME, "CURRENT_TIMESTAMP"));
    assertEquals("(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')", dialect.defaultSql(ValueKind.LOCAL_DATE_TIME, "CURRENT_TIMESTAMP"));
    assertEquals("CURRENT_DATE", dialect.defaultSql(ValueKind.LOCAL_DATE, "CURRENT_DATE"));
    assertEquals("'2024-01-01T00:00:00Z'", dialect.defaultSql(ValueKind.INSTANT, "'2024-01-01T00:00:00Z'"));
    assertEquals("'\\x00ff'", dialect.defaultSql(ValueKind.BYTES, "X'00FF'"));
    assertEquals("'\\x'", dialect.defaultSql(ValueKind.BYTES, "x''"));
    assertEquals("'\\x01'", dialect.defaultSql(ValueKind.BYTES, "'\\x01'"));
    assertNull(dialect.defaultSql(ValueKind.STRING, null));
  }

  @Test
  void declaredDefaultsGoThroughTheNeutralForm() {
    assertEquals(
        "CURRENT_TIMESTAMP",
        dialect.defaultSql(column("c", ClassName.get(Instant.class), ValueKind.INSTANT, false, " current_timestamp ", 0)));
    assertEquals(
        "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')",
        dialect.defaultSql(column("c", ClassName.get(LocalDateTime.class), ValueKind.LOCAL_DATE_TIME, false, "CURRENT_TIMESTAMP", 0)));
    assertEquals(
        "CURRENT_DATE",
        dialect.defaultSql(column("c", ClassName.get(LocalDate.class), ValueKind.LOCAL_DATE, false, "CURRENT_TIMESTAMP", 0)));
    assertEquals(
        "CURRENT_TIMESTAMP",
        dialect.defaultSql(column("c", ClassName.get(OffsetDateTime.class), ValueKind.OFFSET_DATE_TIME, false, "Current_Timestamp", 0)));
  }

  @Test
  void resultColumnTypesReadableAsKinds() {
    assertTrue(dialect.readableAs("bigint", ValueKind.LONG));
    assertTrue(dialect.readableAs("int8", ValueKind.LONG));
    assertTrue(dialect.readableAs("int4", ValueKind.DOUBLE), "an integer reads as any number");
    assertTrue(dialect.readableAs("float4", ValueKind.DOUBLE));
    assertTrue(dialect.readableAs("timestamptz", ValueKind.INSTANT));
    assertTrue(dialect.readableAs("varchar", ValueKind.STRING));
    assertTrue(dialect.readableAs("BOOL", ValueKind.BOOLEAN));
    assertFalse(dialect.readableAs("double precision", ValueKind.LONG));
    assertFalse(dialect.readableAs("text", ValueKind.INSTANT));
    assertFalse(dialect.readableAs("jsonb", ValueKind.STRING));
  }

  @Test
  void autoKeyTableWithForeignKeyAndJson() {
    TableModel table =
        autoTable("performance_metrics", List.of(autoKey(), text("run_id"), json("phase_times")))
            .withRelations(
                List.of(), List.of(new ForeignKeyModel("run_id", "benchmark_runs", "run_id", "CASCADE", "NO ACTION")));
    assertEquals(
        "CREATE TABLE \"performance_metrics\" (\n"
            + "  \"id\" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
            + "  \"run_id\" text NOT NULL,\n"
            + "  \"phase_times\" jsonb,\n"
            + "  CONSTRAINT \"fk_performance_metrics_run_id\" FOREIGN KEY (\"run_id\") REFERENCES \"benchmark_runs\" (\"run_id\")"
            + " ON DELETE CASCADE\n"
            + ")",
        dialect.createTable(table));
    assertEquals(dialect.createTable(table), dialect.createTable(Shapes.of(table)));
  }

  @Test
  void intAutoKeyIsAnIntegerIdentity() {
    TableModel table = autoTable("ids", List.of(column("id", TypeName.INT, ValueKind.INT, true, null, 1)));
    assertEquals("CREATE TABLE \"ids\" (\n  \"id\" integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY\n)", dialect.createTable(table));
  }

  @Test
  void naturalKeyInlineWithDefaults() {
    TableModel table =
        table(
            "benchmark_runs",
            List.of(
                key("run_id", 1),
                column("version", ClassName.get(String.class), ValueKind.STRING, true, "'1.0.0'", 0),
                column("passed", TypeName.BOOLEAN, ValueKind.BOOLEAN, true, "1", 0),
                column("created_at", ClassName.get(Instant.class), ValueKind.INSTANT, false, "CURRENT_TIMESTAMP", 0)));
    assertEquals(
        "CREATE TABLE \"benchmark_runs\" (\n"
            + "  \"run_id\" text NOT NULL PRIMARY KEY,\n"
            + "  \"version\" text NOT NULL DEFAULT '1.0.0',\n"
            + "  \"passed\" boolean NOT NULL DEFAULT true,\n"
            + "  \"created_at\" timestamp with time zone DEFAULT CURRENT_TIMESTAMP\n"
            + ")",
        dialect.createTable(table));
  }

  @Test
  void compositeKeyIsATableConstraintAndBothActionsAreRendered() {
    TableModel table =
        table("tags", List.of(key("run_id", 1), key("name", 2)))
            .withRelations(List.of(), List.of(new ForeignKeyModel("run_id", "runs", "run_id", "SET NULL", "RESTRICT")));
    assertEquals(
        "CREATE TABLE \"tags\" (\n"
            + "  \"run_id\" text NOT NULL,\n"
            + "  \"name\" text NOT NULL,\n"
            + "  PRIMARY KEY (\"run_id\", \"name\"),\n"
            + "  CONSTRAINT \"fk_tags_run_id\" FOREIGN KEY (\"run_id\") REFERENCES \"runs\" (\"run_id\") ON DELETE SET NULL"
            + " ON UPDATE RESTRICT\n"
            + ")",
        dialect.createTable(table));
  }

  @Test
  void rangesAreNamedChecksAndJsonHasNone() {
    TableShape table =
        new TableShape(
            "quality",
            "p.Quality",
            List.of(
                new ColumnShape("id", ValueKind.LONG, "long", true, null, 1),
                new ColumnShape("coverage", ValueKind.DOUBLE, "double", true, null, 0, 0, 100),
                new ColumnShape("errors", ValueKind.INT, "int", true, null, 0, 0, Double.POSITIVE_INFINITY),
                new ColumnShape("loss", ValueKind.FLOAT, "float", true, null, 0, Double.NEGATIVE_INFINITY, 0.25),
                new ColumnShape("cost", ValueKind.DECIMAL, "java.math.BigDecimal", false, null, 0, -1.5, 1e20),
                new ColumnShape("tags", ValueKind.JSON, "java.util.List<java.lang.String>", false, null, 0)),
            false,
            List.of(),
            List.of());
    assertEquals(
        "CREATE TABLE \"quality\" (\n"
            + "  \"id\" bigint NOT NULL PRIMARY KEY,\n"
            + "  \"coverage\" double precision NOT NULL,\n"
            + "  \"errors\" integer NOT NULL,\n"
            + "  \"loss\" real NOT NULL,\n"
            + "  \"cost\" numeric,\n"
            + "  \"tags\" jsonb,\n"
            + "  CONSTRAINT \"ck_quality_coverage\" CHECK (\"coverage\" BETWEEN 0 AND 100),\n"
            + "  CONSTRAINT \"ck_quality_errors\" CHECK (\"errors\" >= 0),\n"
            + "  CONSTRAINT \"ck_quality_loss\" CHECK (\"loss\" <= 0.25),\n"
            + "  CONSTRAINT \"ck_quality_cost\" CHECK (\"cost\" BETWEEN -1.5 AND 100000000000000000000)\n"
            + ")",
        dialect.createTable(table));
  }

  /**
   * Enum columns get a named check of their sorted constant names, which the server enforces: a
   * name the enum lacks (or in another case) is refused, NULL passes the nullable column.
   */
  @Test
  void enumColumnsAreNamedChecksOfTheirSortedNames() throws SQLException {
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
            + "  \"id\" text NOT NULL PRIMARY KEY,\n"
            + "  \"status\" text NOT NULL,\n"
            + "  \"priority\" text,\n"
            + "  CONSTRAINT \"ck_jobs_status\" CHECK (\"status\" IN ('done', 'failed', 'running')),\n"
            + "  CONSTRAINT \"ck_jobs_priority\" CHECK (\"priority\" IN ('high', 'low'))\n"
            + ")",
        sql);
    try (Connection connection = PostgresServer.connect(PostgresServer.newDatabase("enum_checks"));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
      statement.execute("INSERT INTO jobs VALUES ('a', 'done', NULL), ('b', 'running', 'high')");
      SQLException bogus =
          assertThrows(SQLException.class, () -> statement.execute("INSERT INTO jobs VALUES ('c', 'bogus', 'low')"));
      assertEquals("23514", bogus.getSQLState());
      assertTrue(bogus.getMessage().contains("ck_jobs_status"), bogus.getMessage());
      SQLException otherCase =
          assertThrows(SQLException.class, () -> statement.execute("INSERT INTO jobs VALUES ('c', 'done', 'HIGH')"));
      assertTrue(otherCase.getMessage().contains("ck_jobs_priority"), otherCase.getMessage());
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM jobs")) {
        rs.next();
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void indexesAndNoTriggers() {
    TableModel table = table("runs", List.of(key("run_id", 1), text("a"), text("b")));
    assertEquals(
        "CREATE UNIQUE INDEX \"idx_runs_a_b\" ON \"runs\" (\"a\", \"b\")",
        dialect.createIndex(table, new IndexModel("idx_runs_a_b", List.of("a", "b"), true, false)));
    assertEquals(
        "CREATE INDEX \"idx\" ON \"runs\" (\"a\")", dialect.createIndex(table, new IndexModel("idx", List.of("a"), false, true)));
    TableShape withTime =
        new TableShape(
            "t",
            "p.T",
            List.of(
                new ColumnShape("id", ValueKind.LONG, "long", true, null, 1),
                new ColumnShape("at", ValueKind.INSTANT, "java.time.Instant", true, null, 0, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, false, true)),
            false,
            List.of(),
            List.of());
    assertEquals(List.of(), dialect.triggers(withTime), "timestamptz holds instants, not text to normalize");
  }

  @Test
  void anEmptyStepHasNoStatementsAndForeignKeysStayOn() {
    var sql = dialect.migrate(new StepPlan(1, 2, List.of()));
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of(), sql.finalStatements());
    assertFalse(sql.foreignKeysOff());
  }

  /**
   * Every kind, with every form of default, created on the server: the catalog reports each type as
   * the dialect writes it (the runtime compares the two as text), and a row inserted without values
   * gets the defaults.
   */
  @Test
  void everyTypeAndDefaultOnTheServer() throws SQLException {
    List<ColumnShape> columns = new ArrayList<>();
    columns.add(new ColumnShape("id", ValueKind.LONG, "long", false, null, 1));
    TYPES.keySet().forEach(kind -> columns.add(new ColumnShape(kind.name().toLowerCase(), kind, "x", false, null, 0)));
    columns.add(new ColumnShape("flag_on", ValueKind.BOOLEAN, "boolean", true, "1", 0));
    columns.add(new ColumnShape("flag_off", ValueKind.BOOLEAN, "boolean", true, "0", 0));
    columns.add(new ColumnShape("version", ValueKind.STRING, "java.lang.String", true, "'1.0.0'", 0));
    columns.add(new ColumnShape("retries", ValueKind.INT, "int", true, "-1", 0));
    columns.add(new ColumnShape("ratio", ValueKind.DOUBLE, "double", true, "0.05", 0));
    columns.add(new ColumnShape("created", ValueKind.INSTANT, "java.time.Instant", true, "CURRENT_TIMESTAMP", 0));
    columns.add(new ColumnShape("local", ValueKind.LOCAL_DATE_TIME, "java.time.LocalDateTime", true, "CURRENT_TIMESTAMP", 0));
    columns.add(new ColumnShape("day", ValueKind.LOCAL_DATE, "java.time.LocalDate", true, "CURRENT_DATE", 0));
    columns.add(new ColumnShape("meta", ValueKind.JSON, "java.util.Map<java.lang.String, java.lang.Object>", true, "'{}'", 0));
    columns.add(new ColumnShape("raw", ValueKind.BYTES, "byte[]", true, "X'00ff'", 0));
    TableShape table = new TableShape("every_kind", "p.EveryKind", columns, true, List.of(), List.of());
    try (Connection connection = PostgresServer.connect(PostgresServer.newDatabase(getClass().getSimpleName()));
        Statement statement = connection.createStatement()) {
      statement.execute(dialect.createTable(table));
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'every_kind'::regclass"
                  + " AND attnum > 0 ORDER BY attnum")) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
      for (ColumnShape column : columns) {
        assertEquals(dialect.sqlType(column.kind()), types.get(column.name()), column.name());
      }
      statement.execute("INSERT INTO every_kind DEFAULT VALUES");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT id, flag_on, flag_off, version, retries, ratio, meta::text, encode(raw, 'hex'),"
                  + " created > now() - interval '1 minute', abs(extract(epoch FROM local - (now() AT TIME ZONE 'UTC'))) < 60,"
                  + " day = (now() AT TIME ZONE 'UTC')::date FROM every_kind")) {
        assertTrue(rs.next());
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
          row.add(rs.getString(i));
        }
        assertEquals(List.of("1", "t", "f", "1.0.0", "-1", "0.05", "{}", "00ff", "t", "t", "t"), row);
      }
    }
  }
}

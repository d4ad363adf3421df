package dev.gao.metrics.processor.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.migration.PostgresDatabase;
import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.migration.SchemaDiffer;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Type changes on the server: each converts the values the new type holds exactly, as the DAOs
 * would read them, and fails the step (leaving the column as it was) on a value it would change.
 */
class TypeConversionTest {
  private static final PostgresDialect DIALECT = new PostgresDialect();

  private static SchemaShape schema(int version, ValueKind kind) {
    ColumnShape key = new ColumnShape("id", ValueKind.LONG, "long", true, null, 1);
    ColumnShape value = new ColumnShape("v", kind, kind.name(), false, null, 0);
    return new SchemaShape("Db", version, List.of(new TableShape("t", "p.T", List.of(key, value), false, List.of(), List.of())));
  }

  private static StepSql step(ValueKind from, ValueKind to) {
    return DIALECT.migrate(SchemaDiffer.diff(schema(1, from), schema(2, to), Renames.NONE));
  }

  /** Stores {@code literal} as {@code from}, changes the column to {@code to} and reads it back. */
  private static String convert(ValueKind from, ValueKind to, String literal) throws SQLException {
    try (PostgresDatabase db = PostgresDatabase.empty(TypeConversionTest.class)) {
      db.execute(DIALECT.createTable(schema(1, from).tables().get(0)));
      db.execute("INSERT INTO t VALUES (1, " + literal + ")");
      db.run(step(from, to));
      return db.scalar("SELECT v FROM t");
    }
  }

  private static void converts(ValueKind from, ValueKind to, String literal, String expected) throws SQLException {
    assertEquals(expected, convert(from, to, literal), from + " " + literal + " -> " + to);
  }

  /** The step fails on {@code literal} and leaves it as it was. */
  private static void refuses(ValueKind from, ValueKind to, String literal, String message) throws SQLException {
    try (PostgresDatabase db = PostgresDatabase.empty(TypeConversionTest.class)) {
      db.execute(DIALECT.createTable(schema(1, from).tables().get(0)));
      db.execute("INSERT INTO t VALUES (1, " + literal + ")");
      String before = db.scalar("SELECT v::text FROM t");
      SQLException refused = assertThrows(SQLException.class, () -> db.run(step(from, to)), from + " " + literal + " -> " + to);
      assertTrue(refused.getMessage().contains(message), refused.getMessage());
      assertEquals(before, db.scalar("SELECT v::text FROM t"));
      assertEquals(DIALECT.sqlType(from), db.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'v'"));
    }
  }

  private static final String INEXACT = "cannot hold exactly";

  @Test
  void integers() throws SQLException {
    converts(ValueKind.INT, ValueKind.LONG, "2147483647", "2147483647");
    converts(ValueKind.LONG, ValueKind.INT, "-5", "-5");
    refuses(ValueKind.LONG, ValueKind.INT, "3000000000", "out of range");
    converts(ValueKind.SHORT, ValueKind.FLOAT, "-32768", "-32768");
    converts(ValueKind.INT, ValueKind.DOUBLE, "2147483647", "2147483647");
    refuses(ValueKind.INT, ValueKind.FLOAT, "16777217", INEXACT);
    converts(ValueKind.INT, ValueKind.FLOAT, "16777216", "1.6777216e+07");
    refuses(ValueKind.LONG, ValueKind.DOUBLE, "9007199254740993", INEXACT);
    converts(ValueKind.LONG, ValueKind.DOUBLE, "9007199254740992", "9.007199254740992e+15");
    converts(ValueKind.LONG, ValueKind.DECIMAL, "9223372036854775807", "9223372036854775807");
  }

  @Test
  void floatingPointAndDecimals() throws SQLException {
    converts(ValueKind.DOUBLE, ValueKind.LONG, "42.0", "42");
    refuses(ValueKind.DOUBLE, ValueKind.LONG, "2.5", INEXACT);
    refuses(ValueKind.DOUBLE, ValueKind.LONG, "'NaN'", "out of range");
    converts(ValueKind.FLOAT, ValueKind.DOUBLE, "0.5", "0.5");
    converts(ValueKind.DOUBLE, ValueKind.FLOAT, "0.5", "0.5");
    refuses(ValueKind.DOUBLE, ValueKind.FLOAT, "0.1", INEXACT);
    converts(ValueKind.DOUBLE, ValueKind.DECIMAL, "0.1", "0.1");
    converts(ValueKind.FLOAT, ValueKind.DECIMAL, "0.1", "0.1");
    converts(ValueKind.DECIMAL, ValueKind.DOUBLE, "0.1", "0.1");
    refuses(ValueKind.DECIMAL, ValueKind.DOUBLE, "0.12345678901234567890", INEXACT);
    converts(ValueKind.DECIMAL, ValueKind.INT, "12.000", "12");
    refuses(ValueKind.DECIMAL, ValueKind.LONG, "12.5", INEXACT);
  }

  @Test
  void flags() throws SQLException {
    converts(ValueKind.BOOLEAN, ValueKind.INT, "true", "1");
    converts(ValueKind.BOOLEAN, ValueKind.DOUBLE, "false", "0");
    converts(ValueKind.INT, ValueKind.BOOLEAN, "1", "t");
    converts(ValueKind.DOUBLE, ValueKind.BOOLEAN, "0", "f");
    refuses(ValueKind.LONG, ValueKind.BOOLEAN, "2", INEXACT);
    converts(ValueKind.BOOLEAN, ValueKind.STRING, "true", "1");
    converts(ValueKind.STRING, ValueKind.BOOLEAN, "'0'", "f");
    converts(ValueKind.STRING, ValueKind.BOOLEAN, "'true'", "t");
    refuses(ValueKind.STRING, ValueKind.BOOLEAN, "'maybe'", "invalid input syntax for type boolean");
  }

  @Test
  void textAndNumbers() throws SQLException {
    converts(ValueKind.STRING, ValueKind.LONG, "' 42'", "42");
    refuses(ValueKind.STRING, ValueKind.LONG, "'42x'", "invalid input syntax for type bigint");
    refuses(ValueKind.STRING, ValueKind.INT, "'2.5'", "invalid input syntax for type integer");
    converts(ValueKind.LONG, ValueKind.STRING, "42", "42");
    converts(ValueKind.DOUBLE, ValueKind.STRING, "0.1", "0.1");
    converts(ValueKind.STRING, ValueKind.DOUBLE, "'0.1'", "0.1");
    converts(ValueKind.STRING, ValueKind.DECIMAL, "'1.50'", "1.50");
    converts(ValueKind.DECIMAL, ValueKind.STRING, "1.50", "1.50");
    converts(ValueKind.ENUM, ValueKind.STRING, "'RUNNING'", "RUNNING");
  }

  @Test
  void time() throws SQLException {
    converts(ValueKind.STRING, ValueKind.INSTANT, "'2026-01-15T10:00:00.123456Z'", "2026-01-15 10:00:00.123456+00");
    converts(ValueKind.STRING, ValueKind.INSTANT, "'2026-01-15T12:00:00.123456000+02:00'", "2026-01-15 10:00:00.123456+00");
    refuses(ValueKind.STRING, ValueKind.INSTANT, "'2026-01-15T10:00:00.123456789Z'", INEXACT);
    refuses(ValueKind.STRING, ValueKind.INSTANT, "'soon'", "invalid input syntax for type timestamp with time zone");
    converts(ValueKind.INSTANT, ValueKind.STRING, "'2026-01-15T12:00:00.5+02:00'", "2026-01-15T10:00:00.500000000Z");
    converts(ValueKind.STRING, ValueKind.LOCAL_DATE_TIME, "'2026-01-15T10:00:00'", "2026-01-15 10:00:00");
    refuses(ValueKind.STRING, ValueKind.LOCAL_DATE_TIME, "'2026-01-15T10:00:00+02:00'", INEXACT);
    converts(ValueKind.LOCAL_DATE_TIME, ValueKind.STRING, "'2026-01-15T10:00:00'", "2026-01-15T10:00:00.000000000");
    converts(ValueKind.INSTANT, ValueKind.LOCAL_DATE_TIME, "'2026-01-15T10:00:00+02:00'", "2026-01-15 08:00:00");
    converts(ValueKind.LOCAL_DATE_TIME, ValueKind.OFFSET_DATE_TIME, "'2026-01-15T08:00:00'", "2026-01-15 08:00:00+00");
    converts(ValueKind.INSTANT, ValueKind.LOCAL_DATE, "'2026-01-15T00:00:00Z'", "2026-01-15");
    refuses(ValueKind.INSTANT, ValueKind.LOCAL_DATE, "'2026-01-15T10:00:00Z'", INEXACT);
    refuses(ValueKind.LOCAL_DATE_TIME, ValueKind.LOCAL_DATE, "'2026-01-15T10:00:00'", INEXACT);
    converts(ValueKind.LOCAL_DATE, ValueKind.INSTANT, "'2026-01-15'", "2026-01-15 00:00:00+00");
    converts(ValueKind.LOCAL_DATE, ValueKind.LOCAL_DATE_TIME, "'2026-01-15'", "2026-01-15 00:00:00");
    converts(ValueKind.STRING, ValueKind.LOCAL_DATE, "'2026-01-15'", "2026-01-15");
    refuses(ValueKind.STRING, ValueKind.LOCAL_DATE, "'2026-01-15 10:00'", INEXACT);
    converts(ValueKind.LOCAL_DATE, ValueKind.STRING, "'2026-01-15'", "2026-01-15");
    refuses(ValueKind.LONG, ValueKind.INSTANT, "5", "invalid input syntax for type timestamp with time zone");
    refuses(ValueKind.INSTANT, ValueKind.LONG, "'2026-01-15T10:00:00Z'", "invalid input syntax for type bigint");
  }

  @Test
  void otherTypes() throws SQLException {
    converts(ValueKind.STRING, ValueKind.UUID, "'0E984725-C51C-4BF4-9960-E1C80E27ABA0'", "0e984725-c51c-4bf4-9960-e1c80e27aba0");
    converts(ValueKind.UUID, ValueKind.STRING, "'0e984725-c51c-4bf4-9960-e1c80e27aba0'", "0e984725-c51c-4bf4-9960-e1c80e27aba0");
    converts(ValueKind.STRING, ValueKind.JSON, "'{\"a\":1}'", "{\"a\": 1}");
    refuses(ValueKind.STRING, ValueKind.JSON, "'nope'", "invalid input syntax for type json");
    converts(ValueKind.JSON, ValueKind.STRING, "'[1, \"x\"]'", "[1, \"x\"]");
    converts(ValueKind.JSON, ValueKind.LONG, "'5'", "5");
    converts(ValueKind.LONG, ValueKind.JSON, "5", "5");
    converts(ValueKind.STRING, ValueKind.BYTES, "'hé'", "\\x68c3a9");
    converts(ValueKind.BYTES, ValueKind.STRING, "'\\x6869'", "hi");
    refuses(ValueKind.BYTES, ValueKind.STRING, "'\\xff'", "invalid byte sequence");
    converts(ValueKind.BYTES, ValueKind.UUID, "convert_to('0e984725-c51c-4bf4-9960-e1c80e27aba0', 'UTF8')", "0e984725-c51c-4bf4-9960-e1c80e27aba0");
  }

  @Test
  void kindsStoredAlikeNeedNoStatement() {
    for (ValueKind[] pair :
        new ValueKind[][] {
          {ValueKind.BYTE, ValueKind.SHORT}, {ValueKind.STRING, ValueKind.ENUM}, {ValueKind.INSTANT, ValueKind.OFFSET_DATE_TIME}
        }) {
      StepSql sql = step(pair[0], pair[1]);
      assertEquals(List.of(), sql.statements(), pair[0] + " -> " + pair[1]);
    }
  }

  @Test
  void aDefaultOfTheOldTypeIsReplacedByTheNewOne() throws SQLException {
    ColumnShape key = new ColumnShape("id", ValueKind.LONG, "long", true, null, 1);
    SchemaShape before =
        new SchemaShape("Db", 1, List.of(new TableShape("t", "p.T", List.of(key, new ColumnShape("v", ValueKind.STRING, "java.lang.String", true, "'z'", 0)), false, List.of(), List.of())));
    SchemaShape after =
        new SchemaShape("Db", 2, List.of(new TableShape("t", "p.T", List.of(key, new ColumnShape("v", ValueKind.LONG, "long", true, "7", 0)), false, List.of(), List.of())));
    StepSql sql = DIALECT.migrate(SchemaDiffer.diff(before, after, Renames.NONE));
    assertEquals(
        List.of(
            "ALTER TABLE \"t\" ALTER COLUMN \"v\" DROP DEFAULT",
            "ALTER TABLE \"t\" ALTER COLUMN \"v\" TYPE bigint USING \"v\"::bigint",
            "ALTER TABLE \"t\" ALTER COLUMN \"v\" SET DEFAULT 7"),
        sql.statements());
    try (PostgresDatabase db = PostgresDatabase.empty(getClass())) {
      db.execute(DIALECT.createTable(before.tables().get(0)));
      db.execute("INSERT INTO t VALUES (1, '12')");
      db.run(sql);
      db.execute("INSERT INTO t (id) VALUES (2)");
      assertEquals(List.of("[1, 12]", "[2, 7]"), db.values("t", List.of("id", "v")));
    }
  }
}

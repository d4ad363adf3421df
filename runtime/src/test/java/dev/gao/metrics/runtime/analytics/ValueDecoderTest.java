package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.fixture.Values;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import dev.gao.metrics.runtime.sql.postgres.PostgresValueCodec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values written with the DAO codecs read back with the same Java types, on every engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ValueDecoderTest {
  private static final ColumnRef<?> REF = new ColumnRef<>("t", "c");
  /** PostgreSQL's types of the selected values, in the order the test binds them. */
  private static final List<String> POSTGRES_TYPES =
      List.of(
          "bigint", "integer", "smallint", "smallint", "double precision", "real", "boolean",
          "numeric", "timestamp with time zone", "timestamp with time zone",
          "timestamp without time zone", "date", "uuid", "bytea", "text", "bigint", "jsonb");

  @Parameter Engine engine;

  @Test
  void decodesEveryColumnTypeTheDaosWrite() throws Exception {
    boolean sqlite = engine == Engine.SQLITE;
    // PostgreSQL keeps microseconds
    Instant instant = Instant.parse(sqlite ? "2026-03-04T05:06:07.123456789Z" : "2026-03-04T05:06:07.123456Z");
    SqlValues values = sqlite ? Values.SQLITE : new SqlValues(new PostgresValueCodec(), JsonCodec.withDefaults());
    String select =
        sqlite
            ? "SELECT " + Sql.placeholders(POSTGRES_TYPES.size())
            : "SELECT "
                + String.join(", ", POSTGRES_TYPES.stream().map(type -> "CAST(? AS " + type + ")").toList());
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    List<String> javaTypes =
        List.of(
            "long",
            "int",
            "java.lang.Short",
            "byte",
            "double",
            "float",
            "boolean",
            "java.math.BigDecimal",
            "java.time.Instant",
            "java.time.OffsetDateTime",
            "java.time.LocalDateTime",
            "java.time.LocalDate",
            "java.util.UUID",
            "byte[]",
            "com.example.Status",
            "java.lang.Long");
    List<ColumnInfo> columns = new ArrayList<>();
    for (int i = 0; i < javaTypes.size(); i++) {
      columns.add(new ColumnInfo("c" + i, "TEXT", javaTypes.get(i), false, null, 0, false));
    }
    columns.add(new ColumnInfo("j", "TEXT", "java.util.Map", false, null, 0, true));
    TableInfo table =
        new TableInfo("t", "test.T", columns, false, List.of(), List.of(), "CREATE TABLE t (c)");
    assertEquals(POSTGRES_TYPES.size(), columns.size());
    try (Connection connection =
            sqlite
                ? DriverManager.getConnection("jdbc:sqlite::memory:")
                : PostgresServer.connect(PostgresServer.newDatabase("value_decoder"));
        PreparedStatement statement = connection.prepareStatement(select)) {
      int i = 1;
      values.setLong(statement, i++, 7L, REF);
      values.setInteger(statement, i++, 8, REF);
      values.setInteger(statement, i++, (short) 9, REF);
      values.setInteger(statement, i++, (byte) 10, REF);
      values.setDouble(statement, i++, 1.25, REF);
      values.setReal(statement, i++, 2.5f, REF);
      values.setBoolean(statement, i++, true, REF);
      values.setDecimal(statement, i++, new BigDecimal("12.50"), REF);
      values.setInstant(statement, i++, instant, REF);
      values.setOffsetDateTime(statement, i++, instant.atOffset(ZoneOffset.ofHours(2)), REF);
      values.setLocalDateTime(statement, i++, LocalDateTime.of(2026, 1, 2, 3, 4, 5), REF);
      values.setLocalDate(statement, i++, LocalDate.of(2026, 1, 2), REF);
      values.setUuid(statement, i++, uuid, REF);
      values.setBytes(statement, i++, new byte[] {1, 2}, REF);
      values.setText(statement, i++, "DONE", REF);
      values.setLong(statement, i++, 11L, REF);
      values.setText(statement, i, "{\"a\":[1,\"x\"]}", REF);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        Map<String, Object> read = new ValueDecoder(table, values).read(rs);
        assertEquals(7L, read.get("c0"));
        assertEquals(8, read.get("c1"));
        assertEquals((short) 9, read.get("c2"));
        assertEquals((byte) 10, read.get("c3"));
        assertEquals(1.25, read.get("c4"));
        assertEquals(2.5f, read.get("c5"));
        assertEquals(true, read.get("c6"));
        assertEquals(new BigDecimal("12.50"), read.get("c7"));
        assertEquals(instant, read.get("c8"));
        assertEquals(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), read.get("c9"));
        assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 5), read.get("c10"));
        assertEquals(LocalDate.of(2026, 1, 2), read.get("c11"));
        assertEquals(uuid, read.get("c12"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) read.get("c13"));
        assertEquals("DONE", read.get("c14"));
        assertEquals(11L, read.get("c15"));
        assertEquals(Map.of("a", List.of(1, "x")), read.get("j"));
      }
    }
  }
}

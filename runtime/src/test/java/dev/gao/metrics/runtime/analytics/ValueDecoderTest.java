package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.fixture.Values;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
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

/** Values written with the DAO codecs read back with the same Java types. */
class ValueDecoderTest {
  private static final ColumnRef<?> REF = new ColumnRef<>("t", "c");

  @Test
  void decodesEveryColumnTypeTheDaosWrite() throws Exception {
    Instant instant = Instant.parse("2026-03-04T05:06:07.123456789Z");
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
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        PreparedStatement statement =
            connection.prepareStatement("SELECT " + Sql.placeholders(columns.size()))) {
      int i = 1;
      Values.SQLITE.setLong(statement, i++, 7L, REF);
      Values.SQLITE.setInteger(statement, i++, 8, REF);
      Values.SQLITE.setInteger(statement, i++, (short) 9, REF);
      Values.SQLITE.setInteger(statement, i++, (byte) 10, REF);
      Values.SQLITE.setDouble(statement, i++, 1.25, REF);
      Values.SQLITE.setReal(statement, i++, 2.5f, REF);
      Values.SQLITE.setBoolean(statement, i++, true, REF);
      Values.SQLITE.setDecimal(statement, i++, new BigDecimal("12.50"), REF);
      Values.SQLITE.setInstant(statement, i++, instant, REF);
      Values.SQLITE.setOffsetDateTime(statement, i++, instant.atOffset(ZoneOffset.ofHours(2)), REF);
      Values.SQLITE.setLocalDateTime(statement, i++, LocalDateTime.of(2026, 1, 2, 3, 4, 5), REF);
      Values.SQLITE.setLocalDate(statement, i++, LocalDate.of(2026, 1, 2), REF);
      Values.SQLITE.setUuid(statement, i++, uuid, REF);
      Values.SQLITE.setBytes(statement, i++, new byte[] {1, 2}, REF);
      Values.SQLITE.setText(statement, i++, "DONE", REF);
      Values.SQLITE.setLong(statement, i++, 11L, REF);
      Values.SQLITE.setText(statement, i, "{\"a\":[1,\"x\"]}", REF);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        Map<String, Object> values = new ValueDecoder(table, Values.SQLITE).read(rs);
        assertEquals(7L, values.get("c0"));
        assertEquals(8, values.get("c1"));
        assertEquals((short) 9, values.get("c2"));
        assertEquals((byte) 10, values.get("c3"));
        assertEquals(1.25, values.get("c4"));
        assertEquals(2.5f, values.get("c5"));
        assertEquals(true, values.get("c6"));
        assertEquals(new BigDecimal("12.50"), values.get("c7"));
        assertEquals(instant, values.get("c8"));
        assertEquals(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), values.get("c9"));
        assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 5), values.get("c10"));
        assertEquals(LocalDate.of(2026, 1, 2), values.get("c11"));
        assertEquals(uuid, values.get("c12"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) values.get("c13"));
        assertEquals("DONE", values.get("c14"));
        assertEquals(11L, values.get("c15"));
        assertEquals(Map.of("a", List.of(1, "x")), values.get("j"));
      }
    }
  }
}

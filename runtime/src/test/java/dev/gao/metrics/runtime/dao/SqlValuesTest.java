package dev.gao.metrics.runtime.dao;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MappingException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.json.JsonType;
import dev.gao.metrics.runtime.sql.sqlite.SqliteValueCodec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlValuesTest {
  private static final ColumnRef<?> COLUMN = new ColumnRef<>("samples", "value");
  private static final JsonCodec CODEC = JsonCodec.withDefaults();
  private static final SqlValues VALUES = new SqlValues(new SqliteValueCodec(), CODEC);

  @TempDir Path temp;
  private Connection connection;

  enum Color {
    RED,
    GREEN
  }

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet resultSet) throws SQLException;
  }

  @BeforeEach
  void open() throws SQLException {
    connection = Databases.connect(temp.resolve("values.db"));
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE samples (t TEXT, i INTEGER, r REAL, b BLOB, a ANY) STRICT");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /** Writes through a binder into the column, reads back through a reader. */
  private Object roundTrip(String column, Binder binder, Reader<?> reader) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM samples");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO samples (" + column + ") VALUES (?)")) {
      binder.bind(insert);
      insert.executeUpdate();
    }
    try (PreparedStatement select =
            connection.prepareStatement("SELECT " + column + " FROM samples");
        ResultSet rs = select.executeQuery()) {
      assertTrue(rs.next());
      return reader.read(rs);
    }
  }

  private String stored(String column) throws SQLException {
    return Databases.query(connection, "SELECT " + column + " FROM samples").get(0).get(0);
  }

  @Test
  void textBooleansAndIntegers() throws SQLException {
    assertEquals(
        "héllo",
        roundTrip(
            "t",
            s -> VALUES.setText(s, 1, "héllo", COLUMN),
            r -> VALUES.getText(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "t", s -> VALUES.setText(s, 1, null, COLUMN), r -> VALUES.getText(r, 1, COLUMN)));

    assertEquals(
        true,
        roundTrip(
            "i",
            s -> VALUES.setBoolean(s, 1, true, COLUMN),
            r -> VALUES.getBoolean(r, 1, COLUMN)));
    assertEquals("1", stored("i"));
    assertEquals(
        false,
        roundTrip(
            "i",
            s -> VALUES.setBoolean(s, 1, false, COLUMN),
            r -> VALUES.getBoolean(r, 1, COLUMN)));
    assertEquals(
        Boolean.TRUE,
        roundTrip(
            "i",
            s -> VALUES.setBooleanObject(s, 1, true, COLUMN),
            r -> VALUES.getBooleanObject(r, 1, COLUMN)));
    assertEquals(
        Boolean.FALSE,
        roundTrip(
            "i",
            s -> VALUES.setBooleanObject(s, 1, false, COLUMN),
            r -> VALUES.getBooleanObject(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "i",
            s -> VALUES.setBooleanObject(s, 1, null, COLUMN),
            r -> VALUES.getBooleanObject(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () -> roundTrip("i", s -> s.setNull(1, 0), r -> VALUES.getBoolean(r, 1, COLUMN)));

    assertEquals(
        Long.MIN_VALUE,
        roundTrip(
            "i",
            s -> VALUES.setLong(s, 1, Long.MIN_VALUE, COLUMN),
            r -> VALUES.getLong(r, 1, COLUMN)));
    assertEquals(
        0L,
        roundTrip(
            "i", s -> VALUES.setLong(s, 1, 0, COLUMN), r -> VALUES.getLong(r, 1, COLUMN)));
    assertEquals(
        -5,
        roundTrip(
            "i", s -> VALUES.setLong(s, 1, -5, COLUMN), r -> VALUES.getInt(r, 1, COLUMN)));
    assertEquals(
        (short) 300,
        roundTrip(
            "i", s -> VALUES.setLong(s, 1, 300, COLUMN), r -> VALUES.getShort(r, 1, COLUMN)));
    assertEquals(
        (byte) -7,
        roundTrip(
            "i", s -> VALUES.setLong(s, 1, -7, COLUMN), r -> VALUES.getByte(r, 1, COLUMN)));
    MappingException range =
        assertThrows(
            MappingException.class,
            () ->
                roundTrip(
                    "i",
                    s -> VALUES.setLong(s, 1, 1L << 40, COLUMN),
                    r -> VALUES.getInt(r, 1, COLUMN)));
    assertTrue(range.getMessage().contains("samples.value"), range.getMessage());
    assertTrue(range.getMessage().contains(Long.toString(1L << 40)), range.getMessage());
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "i",
                s -> VALUES.setLong(s, 1, 40000, COLUMN),
                r -> VALUES.getShort(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "i",
                s -> VALUES.setLong(s, 1, 200, COLUMN),
                r -> VALUES.getByte(r, 1, COLUMN)));
    MappingException nullLong =
        assertThrows(
            MappingException.class,
            () -> roundTrip("i", s -> s.setNull(1, 0), r -> VALUES.getLong(r, 1, COLUMN)));
    assertTrue(
        nullLong.getMessage().contains("NULL cannot be read as long"), nullLong.getMessage());

    assertEquals(
        42L,
        roundTrip(
            "i",
            s -> VALUES.setInteger(s, 1, 42L, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
    assertEquals(
        42,
        roundTrip(
            "i",
            s -> VALUES.setInteger(s, 1, 42, COLUMN),
            r -> VALUES.getIntObject(r, 1, COLUMN)));
    assertEquals(
        (short) 42,
        roundTrip(
            "i",
            s -> VALUES.setInteger(s, 1, (short) 42, COLUMN),
            r -> VALUES.getShortObject(r, 1, COLUMN)));
    assertEquals(
        (byte) 42,
        roundTrip(
            "i",
            s -> VALUES.setInteger(s, 1, (byte) 42, COLUMN),
            r -> VALUES.getByteObject(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "i",
            s -> VALUES.setInteger(s, 1, null, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
    assertNull(roundTrip("i", s -> s.setNull(1, 0), r -> VALUES.getIntObject(r, 1, COLUMN)));
    assertNull(roundTrip("i", s -> s.setNull(1, 0), r -> VALUES.getShortObject(r, 1, COLUMN)));
    assertNull(roundTrip("i", s -> s.setNull(1, 0), r -> VALUES.getByteObject(r, 1, COLUMN)));
    assertThrows(InvalidValueException.class, () -> VALUES.setInteger(null, 1, 1.5, COLUMN));
  }

  @Test
  void realsAndDecimals() throws SQLException {
    assertEquals(
        1.25,
        roundTrip(
            "r",
            s -> VALUES.setDouble(s, 1, 1.25, COLUMN),
            r -> VALUES.getDouble(r, 1, COLUMN)));
    assertEquals(
        Double.POSITIVE_INFINITY,
        roundTrip(
            "r",
            s -> VALUES.setDouble(s, 1, Double.POSITIVE_INFINITY, COLUMN),
            r -> VALUES.getDouble(r, 1, COLUMN)));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        roundTrip(
            "r",
            s -> VALUES.setReal(s, 1, Double.NEGATIVE_INFINITY, COLUMN),
            r -> VALUES.getDoubleObject(r, 1, COLUMN)));
    assertEquals(
        0.0,
        roundTrip(
            "r",
            s -> VALUES.setDouble(s, 1, 0, COLUMN),
            r -> VALUES.getDouble(r, 1, COLUMN)));
    assertEquals(
        2.5f,
        roundTrip(
            "r",
            s -> VALUES.setReal(s, 1, 2.5f, COLUMN),
            r -> VALUES.getFloat(r, 1, COLUMN)));
    assertEquals(
        2.5f,
        roundTrip(
            "r",
            s -> VALUES.setReal(s, 1, 2.5f, COLUMN),
            r -> VALUES.getFloatObject(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "r",
            s -> VALUES.setReal(s, 1, null, COLUMN),
            r -> VALUES.getDoubleObject(r, 1, COLUMN)));
    assertNull(roundTrip("r", s -> s.setNull(1, 0), r -> VALUES.getFloatObject(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () -> roundTrip("r", s -> s.setNull(1, 0), r -> VALUES.getDouble(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () -> roundTrip("r", s -> s.setNull(1, 0), r -> VALUES.getFloat(r, 1, COLUMN)));
    InvalidValueException nan =
        assertThrows(
            InvalidValueException.class, () -> VALUES.setDouble(null, 1, Double.NaN, COLUMN));
    assertEquals("samples", nan.table());
    assertEquals("value", nan.column());
    assertTrue(Double.isNaN((Double) nan.value()));
    assertThrows(InvalidValueException.class, () -> VALUES.setReal(null, 1, Float.NaN, COLUMN));

    BigDecimal exact = new BigDecimal("12345678901234567890.000000000000000001");
    assertEquals(
        exact,
        roundTrip(
            "t",
            s -> VALUES.setDecimal(s, 1, exact, COLUMN),
            r -> VALUES.getDecimal(r, 1, COLUMN)));
    assertEquals("1E+3", new BigDecimal("1E+3").toString());
    roundTrip("t", s -> VALUES.setDecimal(s, 1, new BigDecimal("1E+3"), COLUMN), r -> null);
    assertEquals("1000", stored("t"));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setDecimal(s, 1, null, COLUMN),
            r -> VALUES.getDecimal(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () -> roundTrip("t", s -> s.setString(1, "ten"), r -> VALUES.getDecimal(r, 1, COLUMN)));
  }

  @Test
  void enumsUuidsBytesAndGeneratedKeys() throws SQLException {
    assertEquals(
        Color.GREEN,
        roundTrip(
            "t",
            s -> VALUES.setEnum(s, 1, Color.GREEN, COLUMN),
            r -> VALUES.getEnum(r, 1, Color.class, COLUMN)));
    assertEquals("GREEN", stored("t"));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setEnum(s, 1, null, COLUMN),
            r -> VALUES.getEnum(r, 1, Color.class, COLUMN)));
    MappingException badEnum =
        assertThrows(
            MappingException.class,
            () ->
                roundTrip(
                    "t",
                    s -> s.setString(1, "BLUE"),
                    r -> VALUES.getEnum(r, 1, Color.class, COLUMN)));
    assertTrue(badEnum.getMessage().contains("[RED, GREEN]"), badEnum.getMessage());
    assertTrue(badEnum.getMessage().contains("'BLUE'"), badEnum.getMessage());

    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertEquals(
        uuid,
        roundTrip(
            "t", s -> VALUES.setUuid(s, 1, uuid, COLUMN), r -> VALUES.getUuid(r, 1, COLUMN)));
    assertEquals("123e4567-e89b-12d3-a456-426614174000", stored("t"));
    assertEquals(
        uuid,
        roundTrip(
            "t",
            s -> s.setString(1, "123E4567-E89B-12D3-A456-426614174000"),
            r -> VALUES.getUuid(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "t", s -> VALUES.setUuid(s, 1, null, COLUMN), r -> VALUES.getUuid(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip("t", s -> s.setString(1, "1-2-3-4-5"), r -> VALUES.getUuid(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "t", s -> s.setString(1, "not a uuid"), r -> VALUES.getUuid(r, 1, COLUMN)));

    byte[] bytes = {0, 1, 2, (byte) 255};
    assertArrayEquals(
        bytes,
        (byte[])
            roundTrip(
                "b",
                s -> VALUES.setBytes(s, 1, bytes, COLUMN),
                r -> VALUES.getBytes(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "b",
            s -> VALUES.setBytes(s, 1, null, COLUMN),
            r -> VALUES.getBytes(r, 1, COLUMN)));

    assertNull(
        roundTrip(
            "i",
            s -> VALUES.setGeneratedKey(s, 1, 0, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
    assertEquals(
        7L,
        roundTrip(
            "i",
            s -> VALUES.setGeneratedKey(s, 1, 7, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "i",
            s -> VALUES.setGeneratedKeyObject(s, 1, null, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
    assertNull(
        roundTrip(
            "i",
            s -> VALUES.setGeneratedKeyObject(s, 1, 0, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
    assertEquals(
        9L,
        roundTrip(
            "i",
            s -> VALUES.setGeneratedKeyObject(s, 1, 9L, COLUMN),
            r -> VALUES.getLongObject(r, 1, COLUMN)));
  }

  @Test
  void timeValuesUseFixedWidthUtcText() throws SQLException {
    Instant instant = Instant.parse("2025-03-04T05:06:07.000000089Z");
    assertEquals(
        instant,
        roundTrip(
            "t",
            s -> VALUES.setInstant(s, 1, instant, COLUMN),
            r -> VALUES.getInstant(r, 1, COLUMN)));
    assertEquals("2025-03-04T05:06:07.000000089Z", stored("t"));
    roundTrip(
        "t",
        s -> VALUES.setInstant(s, 1, Instant.parse("0001-01-01T00:00:00Z"), COLUMN),
        r -> null);
    assertEquals("0001-01-01T00:00:00.000000000Z", stored("t"));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setInstant(s, 1, null, COLUMN),
            r -> VALUES.getInstant(r, 1, COLUMN)));

    OffsetDateTime offset = OffsetDateTime.parse("2025-03-04T07:06:07.5+02:00");
    OffsetDateTime utc =
        (OffsetDateTime)
            roundTrip(
                "t",
                s -> VALUES.setOffsetDateTime(s, 1, offset, COLUMN),
                r -> VALUES.getOffsetDateTime(r, 1, COLUMN));
    assertEquals(offset.toInstant(), utc.toInstant());
    assertEquals(ZoneOffset.UTC, utc.getOffset());
    assertEquals("2025-03-04T05:06:07.500000000Z", stored("t"));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setOffsetDateTime(s, 1, null, COLUMN),
            r -> VALUES.getOffsetDateTime(r, 1, COLUMN)));

    LocalDateTime local = LocalDateTime.parse("1999-12-31T23:59:59.123");
    assertEquals(
        local,
        roundTrip(
            "t",
            s -> VALUES.setLocalDateTime(s, 1, local, COLUMN),
            r -> VALUES.getLocalDateTime(r, 1, COLUMN)));
    assertEquals("1999-12-31T23:59:59.123000000", stored("t"));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setLocalDateTime(s, 1, null, COLUMN),
            r -> VALUES.getLocalDateTime(r, 1, COLUMN)));

    LocalDate date = LocalDate.parse("0800-02-29");
    assertEquals(
        date,
        roundTrip(
            "t",
            s -> VALUES.setLocalDate(s, 1, date, COLUMN),
            r -> VALUES.getLocalDate(r, 1, COLUMN)));
    assertEquals("0800-02-29", stored("t"));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setLocalDate(s, 1, null, COLUMN),
            r -> VALUES.getLocalDate(r, 1, COLUMN)));
  }

  @Test
  void yearsOutsideTheSortableRangeAreRefused() {
    Instant late = Instant.parse("+10000-01-01T00:00:00Z");
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class, () -> VALUES.setInstant(null, 1, late, COLUMN));
    assertTrue(e.getMessage().contains("samples.value"), e.getMessage());
    assertTrue(e.getMessage().contains("+10000-01-01T00:00:00Z"), e.getMessage());
    assertThrows(
        InvalidValueException.class,
        () -> VALUES.setInstant(null, 1, Instant.parse("-0001-12-31T23:59:59Z"), COLUMN));
    assertThrows(
        InvalidValueException.class, () -> VALUES.setInstant(null, 1, Instant.MAX, COLUMN));
    assertThrows(
        InvalidValueException.class,
        () -> VALUES.setOffsetDateTime(null, 1, OffsetDateTime.MAX, COLUMN));
    assertThrows(
        InvalidValueException.class,
        () -> VALUES.setLocalDateTime(null, 1, LocalDateTime.MIN, COLUMN));
    assertThrows(
        InvalidValueException.class,
        () -> VALUES.setLocalDate(null, 1, LocalDate.of(10000, 1, 1), COLUMN));
  }

  @Test
  void timeReadersAreLenient() throws SQLException {
    Instant expected = Instant.parse("2025-03-04T05:06:07Z");
    for (String legacy :
        List.of(
            "2025-03-04 05:06:07",
            "2025-03-04T05:06:07Z",
            "2025-03-04T05:06:07.000Z",
            "2025-03-04T07:06:07+02:00",
            "2025-03-04T00:06:07-05:00",
            "2025-03-04T05:06:07")) {
      assertEquals(
          expected,
          roundTrip("t", s -> s.setString(1, legacy), r -> VALUES.getInstant(r, 1, COLUMN)),
          legacy);
    }
    LocalDateTime local = LocalDateTime.parse("2025-03-04T05:06:07");
    for (String legacy :
        List.of("2025-03-04 05:06:07", "2025-03-04T05:06:07.0", "2025-03-04T07:06:07+02:00")) {
      assertEquals(
          local,
          roundTrip(
              "t", s -> s.setString(1, legacy), r -> VALUES.getLocalDateTime(r, 1, COLUMN)),
          legacy);
    }
    for (String legacy :
        List.of("2025-03-04", "2025-03-04 05:06:07", "2025-03-04T05:06:07.000000000Z")) {
      assertEquals(
          LocalDate.parse("2025-03-04"),
          roundTrip("t", s -> s.setString(1, legacy), r -> VALUES.getLocalDate(r, 1, COLUMN)),
          legacy);
    }
    MappingException garbage =
        assertThrows(
            MappingException.class,
            () ->
                roundTrip(
                    "t",
                    s -> s.setString(1, "yesterday"),
                    r -> VALUES.getInstant(r, 1, COLUMN)));
    assertTrue(garbage.getMessage().contains("'yesterday'"), garbage.getMessage());
    assertTrue(garbage.getMessage().contains("ISO-8601"), garbage.getMessage());
    // Canonical in shape but not a real date: the fast path refuses it too.
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "t",
                s -> s.setString(1, "2025-02-30T00:00:00.000000000Z"),
                r -> VALUES.getInstant(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "t",
                s -> s.setString(1, "2025-02-30T00:00:00.000000000"),
                r -> VALUES.getLocalDateTime(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "t",
                s -> s.setString(1, "someday"),
                r -> VALUES.getLocalDateTime(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "t", s -> s.setString(1, "2025-13-01"), r -> VALUES.getLocalDate(r, 1, COLUMN)));
    assertThrows(
        MappingException.class,
        () ->
            roundTrip(
                "t",
                s -> s.setString(1, "2025-01-01Tab:cd:ef.000000000Z"),
                r -> VALUES.getInstant(r, 1, COLUMN)));
  }

  @Test
  void jsonValues() throws SQLException {
    JsonType<Map<String, List<Long>>> type = new JsonType<Map<String, List<Long>>>() {};
    Map<String, List<Long>> value = Map.of("a", List.of(1L, 2L));
    assertEquals(
        value,
        roundTrip(
            "t",
            s -> VALUES.setJson(s, 1, value, type, COLUMN),
            r -> VALUES.getJson(r, 1, type, COLUMN)));
    assertNull(
        roundTrip(
            "t",
            s -> VALUES.setJson(s, 1, null, type, COLUMN),
            r -> VALUES.getJson(r, 1, type, COLUMN)));
    MappingException bad =
        assertThrows(
            MappingException.class,
            () ->
                roundTrip(
                    "t",
                    s -> s.setString(1, "{\"a\": \"x\"}"),
                    r -> VALUES.getJson(r, 1, type, COLUMN)));
    assertTrue(bad.getMessage().contains("samples.value"), bad.getMessage());
    JsonType<Object> any = new JsonType<Object>() {};
    InvalidValueException unwritable =
        assertThrows(
            InvalidValueException.class,
            () -> VALUES.setJson(null, 1, new Object(), any, COLUMN));
    assertTrue(unwritable.getMessage().contains("samples.value"), unwritable.getMessage());
  }

  private static Object boundBy(StatementBinder binder) throws SQLException {
    return BoundValues.capture(binder).get(1);
  }

  @Test
  void setValueBindsEachKindAsItsTypedBinder() throws SQLException {
    Instant instant = Instant.parse("2025-03-01T12:00:00.5Z");
    OffsetDateTime offset = OffsetDateTime.of(2025, 3, 1, 14, 0, 0, 0, ZoneOffset.ofHours(2));
    LocalDateTime local = LocalDateTime.of(2025, 3, 1, 12, 0, 1, 2);
    LocalDate day = LocalDate.of(2025, 3, 1);
    UUID uuid = UUID.fromString("00000000-0000-0000-0000-00000000002a");
    BigDecimal decimal = new BigDecimal("12.3400");
    byte[] bytes = {1, 2};
    Map<Object, StatementBinder> typed = new java.util.LinkedHashMap<>();
    typed.put("text", s -> VALUES.setText(s, 1, "text", COLUMN));
    typed.put(7L, s -> VALUES.setLong(s, 1, 7L, COLUMN));
    typed.put(8, s -> VALUES.setLong(s, 1, 8, COLUMN));
    typed.put((short) 9, s -> VALUES.setInteger(s, 1, (short) 9, COLUMN));
    typed.put((byte) 10, s -> VALUES.setInteger(s, 1, (byte) 10, COLUMN));
    typed.put(1.5, s -> VALUES.setDouble(s, 1, 1.5, COLUMN));
    typed.put(2.5f, s -> VALUES.setDouble(s, 1, 2.5f, COLUMN));
    typed.put(true, s -> VALUES.setBoolean(s, 1, true, COLUMN));
    typed.put(decimal, s -> VALUES.setDecimal(s, 1, decimal, COLUMN));
    typed.put(Color.GREEN, s -> VALUES.setEnum(s, 1, Color.GREEN, COLUMN));
    typed.put(instant, s -> VALUES.setInstant(s, 1, instant, COLUMN));
    typed.put(offset, s -> VALUES.setOffsetDateTime(s, 1, offset, COLUMN));
    typed.put(local, s -> VALUES.setLocalDateTime(s, 1, local, COLUMN));
    typed.put(day, s -> VALUES.setLocalDate(s, 1, day, COLUMN));
    typed.put(uuid, s -> VALUES.setUuid(s, 1, uuid, COLUMN));
    for (Map.Entry<Object, StatementBinder> entry : typed.entrySet()) {
      Object value = entry.getKey();
      assertEquals(boundBy(entry.getValue()), boundBy(s -> VALUES.setValue(s, 1, value, COLUMN)), value.toString());
    }
    assertArrayEquals(bytes, (byte[]) boundBy(s -> VALUES.setValue(s, 1, bytes, COLUMN)));
    assertNull(boundBy(s -> VALUES.setValue(s, 1, null, COLUMN)));

    InvalidValueException nan =
        assertThrows(InvalidValueException.class, () -> boundBy(s -> VALUES.setValue(s, 1, Double.NaN, COLUMN)));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    InvalidValueException year =
        assertThrows(
            InvalidValueException.class,
            () -> boundBy(s -> VALUES.setValue(s, 1, LocalDate.of(10_000, 1, 1), COLUMN)));
    assertEquals("value", year.column());
    InvalidValueException other =
        assertThrows(InvalidValueException.class, () -> boundBy(s -> VALUES.setValue(s, 1, List.of(1), COLUMN)));
    assertTrue(other.getMessage().contains("is no column value"), other.getMessage());
  }

  @Test
  void jsonTextIsWhatSetJsonBinds() throws SQLException {
    JsonType<Map<String, Long>> type = new JsonType<Map<String, Long>>() {};
    Map<String, Long> value = Map.of("a", 1L);
    assertEquals("{\"a\":1}", VALUES.jsonText(value, type, COLUMN));
    assertEquals(
        boundBy(s -> VALUES.setJson(s, 1, value, type, COLUMN)),
        boundBy(s -> VALUES.setValue(s, 1, VALUES.jsonText(value, type, COLUMN), COLUMN)));
    assertNull(VALUES.jsonText(null, type, COLUMN));
    JsonType<Object> any = new JsonType<Object>() {};
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> VALUES.jsonText(new Object(), any, COLUMN));
    assertEquals("samples", e.table());
  }
}

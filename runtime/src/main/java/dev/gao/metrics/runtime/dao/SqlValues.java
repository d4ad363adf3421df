package dev.gao.metrics.runtime.dao;

import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MappingException;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.json.JsonType;
import dev.gao.metrics.runtime.sql.ValueCodec;
import dev.gao.metrics.runtime.sql.ValueProblem;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Converts between Java values and their stored SQL form, for one database: generated DAOs and
 * queries reach it through {@code values()}. Every binder is {@code setX(statement, index, value,
 * column)} and every reader {@code getX(resultSet, index, column)}; {@code null} binds SQL NULL and a
 * NULL column reads as {@code null}, except where a method says otherwise.
 *
 * <p>What a value may be is decided here, alike for every engine, so that every engine accepts the
 * same values and refuses the others with the same message: text must be valid Unicode, real numbers
 * must not be NaN, time values must fall in the years 0000 to 9999, JSON must be writable by the
 * database's JSON codec, and narrowing reads must fit their type. How a value is stored is the
 * engine's {@link ValueCodec}'s, and so are the few values one engine cannot take: on SQLite time
 * values are fixed-width UTC text with nine fraction digits, so that text order is chronological
 * order; PostgreSQL keeps them in its time types, to the microsecond, so that it refuses a value
 * with nanoseconds, and it cannot store the NUL character U+0000 in text or JSON.
 *
 * <p>A value that cannot be written throws {@link InvalidValueException}; a stored value that
 * cannot be read throws {@link MappingException}. Both name table, column and value.
 */
public final class SqlValues {
  /** 0000-01-01T00:00:00Z. */
  private static final long MIN_EPOCH_SECOND = -62_167_219_200L;

  /** 10000-01-01T00:00:00Z, exclusive. */
  private static final long END_EPOCH_SECOND = 253_402_300_800L;

  private final ValueCodec codec;
  private final JsonCodec json;
  private final String nulRefusal;

  /**
   * The conversions of one database.
   *
   * @param codec how its engine stores the values whose storage differs between engines
   * @param json the codec of its JSON columns
   */
  public SqlValues(ValueCodec codec, JsonCodec json) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.json = Objects.requireNonNull(json, "json");
    this.nulRefusal = codec.nulRefusal();
  }

  /**
   * The JSON text of a value of a JSON column, as {@link #setValue} binds it: for passing JSON values
   * where values are bound by {@code setValue}, as DAOs pass the values of their lookups.
   *
   * @param text the JSON text
   */
  public record JsonText(String text) {
    /**
     * Checks the text.
     *
     * @param text the JSON text
     */
    public JsonText {
      Objects.requireNonNull(text, "text");
    }
  }

  // ---------------------------------------------------------------- binders

  /**
   * Binds text.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the text is not valid Unicode, or holds the NUL character where
   *     the engine cannot store it
   */
  public void setText(PreparedStatement ps, int index, String value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      checkText(value, column);
      ps.setString(index, value);
    }
  }

  /**
   * Refuses text the database cannot keep as given: text that is not valid Unicode (a lone UTF-16
   * surrogate, which a driver would store as {@code ?}, so that two different values became one and a
   * stored value differed from the one given), and, on an engine that cannot store it (PostgreSQL),
   * text with the NUL character U+0000. One pass over the characters; nothing is allocated for valid
   * text.
   *
   * @param value the text
   * @param column the column it is written to or compared with, for the message
   * @throws InvalidValueException naming table, column, value and the character's position
   */
  public void checkText(String value, ColumnRef<?> column) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0 && nulRefusal != null) {
        throw invalid(column, value, "it holds the NUL character U+0000 at index " + i + ", " + nulRefusal);
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw invalid(
              column,
              value,
              String.format(
                  "it is not valid Unicode: a lone surrogate \\u%04X at index %d (a character"
                      + " cut in half, or a JSON escape of half a character)",
                  (int) c,
                  i));
        }
        i++;
      }
    }
  }

  /**
   * Binds a boolean: 0 or 1 on SQLite, a {@code boolean} on PostgreSQL.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setBoolean(PreparedStatement ps, int index, boolean value, ColumnRef<?> column)
      throws SQLException {
    codec.setBoolean(ps, index, value);
  }

  /**
   * Binds a boxed boolean, or NULL.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setBooleanObject(PreparedStatement ps, int index, Boolean value, ColumnRef<?> column)
      throws SQLException {
    codec.setBoolean(ps, index, value);
  }

  /**
   * Binds an integer; byte, short and int widen to it.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setLong(PreparedStatement ps, int index, long value, ColumnRef<?> column)
      throws SQLException {
    ps.setLong(index, value);
  }

  /**
   * Binds a boxed Byte, Short, Integer or Long.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the value is not an integral box
   */
  public void setInteger(PreparedStatement ps, int index, Number value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      ps.setLong(index, value.longValue());
    } else {
      throw invalid(column, value, "expected a Byte, Short, Integer or Long");
    }
  }

  /**
   * Binds a real number; float widens to it. Infinities are stored, NaN is refused.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the value is NaN
   */
  public void setDouble(PreparedStatement ps, int index, double value, ColumnRef<?> column)
      throws SQLException {
    if (Double.isNaN(value)) {
      throw invalid(column, value, "NaN cannot be stored; SQLite would turn it into NULL");
    }
    ps.setDouble(index, value);
  }

  /**
   * Binds a boxed Float or Double.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the value is NaN
   */
  public void setReal(PreparedStatement ps, int index, Number value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.REAL);
    } else {
      setDouble(ps, index, value.doubleValue(), column);
    }
  }

  /**
   * Binds a decimal exactly: as its plain text on SQLite, as {@code numeric} on PostgreSQL.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setDecimal(PreparedStatement ps, int index, BigDecimal value, ColumnRef<?> column)
      throws SQLException {
    codec.setDecimal(ps, index, value);
  }

  /**
   * Binds an enum constant by name.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setEnum(PreparedStatement ps, int index, Enum<?> value, ColumnRef<?> column)
      throws SQLException {
    setText(ps, index, value == null ? null : value.name(), column);
  }

  /**
   * Binds an instant: on SQLite as fixed-width UTC text with nine fraction digits.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the year is outside 0000 to 9999, or the engine cannot keep
   *     the value exactly (PostgreSQL: nanoseconds)
   */
  public void setInstant(PreparedStatement ps, int index, Instant value, ColumnRef<?> column)
      throws SQLException {
    if (value != null && !inRange(value)) {
      throw invalid(column, value, yearRangeProblem());
    }
    try {
      codec.setInstant(ps, index, value);
    } catch (ValueProblem e) {
      throw invalid(column, value, e);
    }
  }

  /**
   * Binds an offset date-time as its instant.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the UTC year is outside 0000 to 9999, or the engine cannot
   *     keep the value exactly
   */
  public void setOffsetDateTime(
      PreparedStatement ps, int index, OffsetDateTime value, ColumnRef<?> column) throws SQLException {
    Instant instant = value == null ? null : value.toInstant();
    if (instant != null && !inRange(instant)) {
      throw invalid(column, value, yearRangeProblem());
    }
    try {
      codec.setInstant(ps, index, instant);
    } catch (ValueProblem e) {
      throw invalid(column, value, e);
    }
  }

  /**
   * Binds a local date-time: on SQLite as fixed-width text with nine fraction digits.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the year is outside 0000 to 9999, or the engine cannot keep
   *     the value exactly
   */
  public void setLocalDateTime(
      PreparedStatement ps, int index, LocalDateTime value, ColumnRef<?> column) throws SQLException {
    if (value != null && !inRange(value.getYear())) {
      throw invalid(column, value, yearRangeProblem());
    }
    try {
      codec.setLocalDateTime(ps, index, value);
    } catch (ValueProblem e) {
      throw invalid(column, value, e);
    }
  }

  /**
   * Binds a local date: on SQLite as {@code uuuu-MM-dd}.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the year is outside 0000 to 9999
   */
  public void setLocalDate(PreparedStatement ps, int index, LocalDate value, ColumnRef<?> column)
      throws SQLException {
    if (value != null && !inRange(value.getYear())) {
      throw invalid(column, value, yearRangeProblem());
    }
    codec.setLocalDate(ps, index, value);
  }

  /**
   * Binds a UUID: on SQLite in its canonical lower-case form.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setUuid(PreparedStatement ps, int index, UUID value, ColumnRef<?> column)
      throws SQLException {
    codec.setUuid(ps, index, value);
  }

  /**
   * Binds bytes.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setBytes(PreparedStatement ps, int index, byte[] value, ColumnRef<?> column)
      throws SQLException {
    codec.setBytes(ps, index, value);
  }

  /**
   * Binds a database-assigned key: 0 binds NULL, so that the database chooses the key.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the key, or 0
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setGeneratedKey(PreparedStatement ps, int index, long value, ColumnRef<?> column)
      throws SQLException {
    if (value == 0) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, value);
    }
  }

  /**
   * Binds a boxed database-assigned key: null or 0 binds NULL, so that the database chooses.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the key, 0 or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public void setGeneratedKeyObject(PreparedStatement ps, int index, Number value, ColumnRef<?> column)
      throws SQLException {
    setGeneratedKey(ps, index, value == null ? 0 : value.longValue(), column);
  }

  /**
   * Binds a value as JSON, written by the database's JSON codec: as text on SQLite, as {@code jsonb}
   * on PostgreSQL.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param type the value's type token
   * @param column the column, for messages
   * @param <T> the value's type
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the JSON codec cannot write the value, or its text is not
   *     valid Unicode, or holds the NUL character where the engine cannot store it
   */
  public <T> void setJson(PreparedStatement ps, int index, T value, JsonType<T> type, ColumnRef<?> column)
      throws SQLException {
    codec.setJson(ps, index, jsonText(value, type, column));
  }

  /**
   * The JSON text {@link #setJson} binds.
   *
   * @param value the value, or null
   * @param type the value's type token
   * @param column the column, for messages
   * @param <T> the value's type
   * @return the JSON text, or null for null
   * @throws InvalidValueException if the JSON codec cannot write the value, or its text is not
   *     valid Unicode, or holds the NUL character where the engine cannot store it
   */
  public <T> String jsonText(T value, JsonType<T> type, ColumnRef<?> column) {
    if (value == null) {
      return null;
    }
    String text;
    try {
      text = json.write(value, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(column.table(), column.column(), value, e.getMessage(), e);
    }
    checkText(text, column);
    if (nulRefusal != null) {
      checkJsonEscapes(text, column);
    }
    return text;
  }

  /**
   * A value of a JSON column as {@link #setValue} binds it, exactly as {@link #setJson} does: how
   * DAOs pass a JSON value to their lookups.
   *
   * @param value the value, or null
   * @param type the value's type token
   * @param column the column, for messages
   * @param <T> the value's type
   * @return its JSON text, or null for null
   * @throws InvalidValueException as {@link #jsonText} does
   */
  public <T> JsonText jsonValue(T value, JsonType<T> type, ColumnRef<?> column) {
    String text = jsonText(value, type, column);
    return text == null ? null : new JsonText(text);
  }

  /**
   * Binds a value of any kind, chosen by its class, exactly as the binder of that kind does: a
   * {@code Long}, {@code Integer}, {@code Short} or {@code Byte} as {@link #setInteger}, a {@code
   * Double} or {@code Float} as {@link #setReal}, a {@link JsonText} as {@link #setJson}, and so on;
   * null binds SQL NULL. DAOs bind their key and lookup values with it.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the value is of no column kind, or the kind refuses it
   */
  public void setValue(PreparedStatement ps, int index, Object value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
    } else if (value instanceof String text) {
      setText(ps, index, text, column);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      setInteger(ps, index, (Number) value, column);
    } else if (value instanceof Double || value instanceof Float) {
      setReal(ps, index, (Number) value, column);
    } else if (value instanceof Boolean bool) {
      setBooleanObject(ps, index, bool, column);
    } else if (value instanceof BigDecimal decimal) {
      setDecimal(ps, index, decimal, column);
    } else if (value instanceof Enum<?> constant) {
      setEnum(ps, index, constant, column);
    } else if (value instanceof Instant instant) {
      setInstant(ps, index, instant, column);
    } else if (value instanceof OffsetDateTime time) {
      setOffsetDateTime(ps, index, time, column);
    } else if (value instanceof LocalDateTime time) {
      setLocalDateTime(ps, index, time, column);
    } else if (value instanceof LocalDate date) {
      setLocalDate(ps, index, date, column);
    } else if (value instanceof UUID uuid) {
      setUuid(ps, index, uuid, column);
    } else if (value instanceof byte[] bytes) {
      setBytes(ps, index, bytes, column);
    } else if (value instanceof JsonText text) {
      codec.setJson(ps, index, text.text());
    } else {
      throw invalid(
          column,
          value,
          "a " + value.getClass().getName() + " is no column value; bind JSON values as their jsonValue");
    }
  }

  // ---------------------------------------------------------------- readers

  /**
   * Reads text.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the text, or null
   * @throws SQLException if the driver fails
   */
  public String getText(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return rs.getString(index);
  }

  /**
   * Reads a boolean (on SQLite an integer, non-zero is true).
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL
   */
  public boolean getBoolean(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    Boolean value = codec.getBoolean(rs, index);
    if (value == null) {
      throw nullForPrimitive(column, "boolean");
    }
    return value;
  }

  /**
   * Reads a boolean, or null.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   */
  public Boolean getBooleanObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return codec.getBoolean(rs, index);
  }

  /**
   * Reads a long.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL
   */
  public long getLong(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    long value = rs.getLong(index);
    if (value == 0 && rs.wasNull()) {
      throw nullForPrimitive(column, "long");
    }
    return value;
  }

  /**
   * Reads an int, checking its range.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL or out of range
   */
  public int getInt(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return (int)
        checkRange(column, getLong(rs, index, column), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
  }

  /**
   * Reads a short, checking its range.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL or out of range
   */
  public short getShort(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return (short)
        checkRange(column, getLong(rs, index, column), Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  /**
   * Reads a byte, checking its range.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL or out of range
   */
  public byte getByte(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return (byte)
        checkRange(column, getLong(rs, index, column), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  /**
   * Reads a Long, or null.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   */
  public Long getLongObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    long value = rs.getLong(index);
    if (value == 0 && rs.wasNull()) {
      return null;
    }
    return value;
  }

  /**
   * Reads an Integer, or null, checking its range.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the value is out of range
   */
  public Integer getIntObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    Long value = getLongObject(rs, index, column);
    return value == null
        ? null
        : (int) checkRange(column, value, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
  }

  /**
   * Reads a Short, or null, checking its range.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the value is out of range
   */
  public Short getShortObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    Long value = getLongObject(rs, index, column);
    return value == null
        ? null
        : (short) checkRange(column, value, Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  /**
   * Reads a Byte, or null, checking its range.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the value is out of range
   */
  public Byte getByteObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    Long value = getLongObject(rs, index, column);
    return value == null
        ? null
        : (byte) checkRange(column, value, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  /**
   * Reads a double.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL
   */
  public double getDouble(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    double value = rs.getDouble(index);
    if (value == 0 && rs.wasNull()) {
      throw nullForPrimitive(column, "double");
    }
    return value;
  }

  /**
   * Reads a float.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL
   */
  public float getFloat(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    double value = rs.getDouble(index);
    if (value == 0 && rs.wasNull()) {
      throw nullForPrimitive(column, "float");
    }
    return (float) value;
  }

  /**
   * Reads a Double, or null.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   */
  public Double getDoubleObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    double value = rs.getDouble(index);
    if (value == 0 && rs.wasNull()) {
      return null;
    }
    return value;
  }

  /**
   * Reads a Float, or null.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   */
  public Float getFloatObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    double value = rs.getDouble(index);
    if (value == 0 && rs.wasNull()) {
      return null;
    }
    return (float) value;
  }

  /**
   * Reads a decimal.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the stored value is not a number
   */
  public BigDecimal getDecimal(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    try {
      return codec.getDecimal(rs, index);
    } catch (ValueProblem e) {
      throw unreadable(column, e);
    }
  }

  /**
   * Reads an enum constant stored by name.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param type the enum type
   * @param column the column, for messages
   * @param <E> the enum type
   * @return the constant, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the name is not a constant of the enum
   */
  public <E extends Enum<E>> E getEnum(ResultSet rs, int index, Class<E> type, ColumnRef<?> column)
      throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new MappingException(
          column.table(),
          column.column(),
          text,
          "not a constant of "
              + type.getName()
              + "; expected one of "
              + Arrays.toString(type.getEnumConstants()),
          e);
    }
  }

  /**
   * Reads an instant.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the stored value is not a date-time
   */
  public Instant getInstant(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    try {
      return codec.getInstant(rs, index);
    } catch (ValueProblem e) {
      throw unreadable(column, e);
    }
  }

  /**
   * Reads an offset date-time, at UTC.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the stored value is not a date-time
   */
  public OffsetDateTime getOffsetDateTime(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    Instant instant = getInstant(rs, index, column);
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * Reads a local date-time.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the stored value is not a date-time
   */
  public LocalDateTime getLocalDateTime(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    try {
      return codec.getLocalDateTime(rs, index);
    } catch (ValueProblem e) {
      throw unreadable(column, e);
    }
  }

  /**
   * Reads a local date.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the stored value is not a date
   */
  public LocalDate getLocalDate(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    try {
      return codec.getLocalDate(rs, index);
    } catch (ValueProblem e) {
      throw unreadable(column, e);
    }
  }

  /**
   * Reads a UUID; on SQLite upper-case text is accepted.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the stored value is not a UUID
   */
  public UUID getUuid(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    try {
      return codec.getUuid(rs, index);
    } catch (ValueProblem e) {
      throw unreadable(column, e);
    }
  }

  /**
   * Reads bytes.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the bytes, or null
   * @throws SQLException if the driver fails
   */
  public byte[] getBytes(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return codec.getBytes(rs, index);
  }

  /**
   * Reads JSON as a value, with the database's JSON codec.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param type the value's type token
   * @param column the column, for messages
   * @param <T> the value's type
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the text is not JSON of that type
   */
  public <T> T getJson(ResultSet rs, int index, JsonType<T> type, ColumnRef<?> column)
      throws SQLException {
    String text = codec.getJson(rs, index);
    if (text == null) {
      return null;
    }
    try {
      return json.read(text, type);
    } catch (IllegalArgumentException e) {
      throw new MappingException(column.table(), column.column(), text, e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- support

  /** Whether the instant falls in the years 0000 to 9999. */
  private static boolean inRange(Instant instant) {
    long second = instant.getEpochSecond();
    return second >= MIN_EPOCH_SECOND && second < END_EPOCH_SECOND;
  }

  /** Whether the year is 0000 to 9999. */
  private static boolean inRange(int year) {
    return year >= 0 && year <= 9999;
  }

  /**
   * Refuses JSON text with an escaped NUL character (a backslash, {@code u} and four zeros), which
   * JSON writers write for U+0000 in a string; an escaped backslash followed by {@code u0000} is no
   * such escape.
   */
  private void checkJsonEscapes(String text, ColumnRef<?> column) {
    for (int i = text.indexOf('\\'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\\', i)) {
      if (text.startsWith("u0000", i + 1)) {
        throw invalid(
            column, text, "it holds the NUL character U+0000, escaped at index " + i + " of its JSON, " + nulRefusal);
      }
      i += 2;
    }
  }

  private static long checkRange(ColumnRef<?> column, long value, long min, long max, String type) {
    if (value < min || value > max) {
      throw new MappingException(
          column.table(), column.column(), value, "out of range for " + type);
    }
    return value;
  }

  private static MappingException nullForPrimitive(ColumnRef<?> column, String type) {
    return new MappingException(
        column.table(), column.column(), null, "NULL cannot be read as " + type);
  }

  private static MappingException unreadable(ColumnRef<?> column, ValueProblem problem) {
    return new MappingException(
        column.table(), column.column(), problem.stored(), problem.getMessage(), problem.getCause());
  }

  private static InvalidValueException invalid(ColumnRef<?> column, Object value, String problem) {
    return new InvalidValueException(column.table(), column.column(), value, problem);
  }

  private static InvalidValueException invalid(ColumnRef<?> column, Object value, ValueProblem problem) {
    return new InvalidValueException(column.table(), column.column(), value, problem.getMessage(), problem);
  }

  private static String yearRangeProblem() {
    return "years outside 0000 to 9999 are refused, because their text would not sort"
        + " chronologically";
  }
}

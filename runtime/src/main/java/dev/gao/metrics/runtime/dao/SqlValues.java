package dev.gao.metrics.runtime.dao;

import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MappingException;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.json.JsonType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * Converts between Java values and their stored SQL form. Every binder is {@code setX(statement,
 * index, value, column)} and every reader {@code getX(resultSet, index, column)}; {@code null}
 * binds SQL NULL and a NULL column reads as {@code null}, except where a method says otherwise.
 *
 * <p>Time values are stored as fixed-width UTC text with nine fraction digits, so that text order
 * is chronological order; years outside 0000 to 9999 are therefore refused. Readers also accept
 * ISO-8601 with offsets, fewer fraction digits, and SQLite's {@code YYYY-MM-DD HH:MM:SS}.
 *
 * <p>A value that cannot be written throws {@link InvalidValueException}; a stored value that
 * cannot be read throws {@link MappingException}. Both name table, column and value.
 */
public final class SqlValues {
  private SqlValues() {}

  // ---------------------------------------------------------------- binders

  /**
   * Binds text.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public static void setText(PreparedStatement ps, int index, String value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      checkText(value, column);
      ps.setString(index, value);
    }
  }

  /**
   * Refuses text that is not valid Unicode: a lone UTF-16 surrogate, which the driver would store as
   * {@code ?}, so that two different values became one and a stored value differed from the one
   * given. One pass over the characters; nothing is allocated for valid text.
   *
   * @param value the text
   * @param column the column it is written to or compared with, for the message
   * @throws InvalidValueException naming table, column, value and the surrogate's position
   */
  public static void checkText(String value, ColumnRef<?> column) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw new InvalidValueException(
              column.table(),
              column.column(),
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
   * Binds a boolean as 0 or 1.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public static void setBoolean(PreparedStatement ps, int index, boolean value, ColumnRef<?> column)
      throws SQLException {
    ps.setInt(index, value ? 1 : 0);
  }

  /**
   * Binds a boxed boolean as 0, 1 or NULL.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public static void setBooleanObject(
      PreparedStatement ps, int index, Boolean value, ColumnRef<?> column) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value ? 1 : 0);
    }
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
  public static void setLong(PreparedStatement ps, int index, long value, ColumnRef<?> column)
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
  public static void setInteger(PreparedStatement ps, int index, Number value, ColumnRef<?> column)
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
  public static void setDouble(PreparedStatement ps, int index, double value, ColumnRef<?> column)
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
  public static void setReal(PreparedStatement ps, int index, Number value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.REAL);
    } else {
      setDouble(ps, index, value.doubleValue(), column);
    }
  }

  /**
   * Binds a decimal exactly, as its plain text.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public static void setDecimal(PreparedStatement ps, int index, BigDecimal value, ColumnRef<?> column)
      throws SQLException {
    setText(ps, index, value == null ? null : value.toPlainString(), column);
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
  public static void setEnum(PreparedStatement ps, int index, Enum<?> value, ColumnRef<?> column)
      throws SQLException {
    setText(ps, index, value == null ? null : value.name(), column);
  }

  /**
   * Binds an instant as fixed-width UTC text with nine fraction digits.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the year is outside 0000 to 9999
   */
  public static void setInstant(PreparedStatement ps, int index, Instant value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
      return;
    }
    if (!TimeText.inRange(value)) {
      throw invalid(column, value, yearRangeProblem());
    }
    ps.setString(index, TimeText.formatInstant(value));
  }

  /**
   * Binds an offset date-time as the UTC text of its instant.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the UTC year is outside 0000 to 9999
   */
  public static void setOffsetDateTime(
      PreparedStatement ps, int index, OffsetDateTime value, ColumnRef<?> column) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
      return;
    }
    Instant instant = value.toInstant();
    if (!TimeText.inRange(instant)) {
      throw invalid(column, value, yearRangeProblem());
    }
    ps.setString(index, TimeText.formatInstant(instant));
  }

  /**
   * Binds a local date-time as fixed-width text with nine fraction digits.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the year is outside 0000 to 9999
   */
  public static void setLocalDateTime(
      PreparedStatement ps, int index, LocalDateTime value, ColumnRef<?> column) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
      return;
    }
    if (!TimeText.inRange(value.getYear())) {
      throw invalid(column, value, yearRangeProblem());
    }
    ps.setString(index, TimeText.formatLocalDateTime(value));
  }

  /**
   * Binds a local date as {@code uuuu-MM-dd}.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the year is outside 0000 to 9999
   */
  public static void setLocalDate(
      PreparedStatement ps, int index, LocalDate value, ColumnRef<?> column) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
      return;
    }
    if (!TimeText.inRange(value.getYear())) {
      throw invalid(column, value, yearRangeProblem());
    }
    ps.setString(index, TimeText.formatLocalDate(value));
  }

  /**
   * Binds a UUID in its canonical lower-case form.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public static void setUuid(PreparedStatement ps, int index, UUID value, ColumnRef<?> column)
      throws SQLException {
    setText(ps, index, value == null ? null : value.toString(), column);
  }

  /**
   * Binds bytes as a BLOB.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   */
  public static void setBytes(PreparedStatement ps, int index, byte[] value, ColumnRef<?> column)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BLOB);
    } else {
      ps.setBytes(index, value);
    }
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
  public static void setGeneratedKey(PreparedStatement ps, int index, long value, ColumnRef<?> column)
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
  public static void setGeneratedKeyObject(
      PreparedStatement ps, int index, Number value, ColumnRef<?> column) throws SQLException {
    setGeneratedKey(ps, index, value == null ? 0 : value.longValue(), column);
  }

  /**
   * Binds a value as JSON text.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param type the value's type token
   * @param codec the codec that writes it
   * @param column the column, for messages
   * @param <T> the value's type
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if Jackson cannot write the value
   */
  public static <T> void setJson(
      PreparedStatement ps, int index, T value, JsonType<T> type, JsonCodec codec, ColumnRef<?> column)
      throws SQLException {
    setText(ps, index, jsonText(value, type, codec, column), column);
  }

  /**
   * The JSON text {@link #setJson} binds, for passing a JSON value where values are bound by
   * {@link #setValue}.
   *
   * @param value the value, or null
   * @param type the value's type token
   * @param codec the codec that writes it
   * @param column the column, for messages
   * @param <T> the value's type
   * @return the JSON text, or null for null
   * @throws InvalidValueException if Jackson cannot write the value
   */
  public static <T> String jsonText(T value, JsonType<T> type, JsonCodec codec, ColumnRef<?> column) {
    if (value == null) {
      return null;
    }
    try {
      return codec.write(value, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(column.table(), column.column(), value, e.getMessage(), e);
    }
  }

  /**
   * Binds a value of any kind but JSON, chosen by its class, exactly as the binder of that kind
   * does: a {@code Long}, {@code Integer}, {@code Short} or {@code Byte} as {@link #setInteger}, a
   * {@code Double} or {@code Float} as {@link #setReal}, and so on; null binds SQL NULL. A JSON
   * value is bound as its {@link #jsonText}. DAOs bind their key and lookup values with it.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @param column the column, for messages
   * @throws SQLException if the driver refuses the value
   * @throws InvalidValueException if the value is of no column kind, or the kind refuses it
   */
  public static void setValue(PreparedStatement ps, int index, Object value, ColumnRef<?> column)
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
    } else {
      throw invalid(
          column,
          value,
          "a " + value.getClass().getName() + " is no column value; bind JSON values as their jsonText");
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
  public static String getText(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return rs.getString(index);
  }

  /**
   * Reads a boolean stored as an integer (non-zero is true).
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value
   * @throws SQLException if the driver fails
   * @throws MappingException if the column is NULL
   */
  public static boolean getBoolean(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    long value = rs.getLong(index);
    if (value == 0 && rs.wasNull()) {
      throw nullForPrimitive(column, "boolean");
    }
    return value != 0;
  }

  /**
   * Reads a boolean stored as an integer, or null.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   */
  public static Boolean getBooleanObject(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    long value = rs.getLong(index);
    if (value == 0 && rs.wasNull()) {
      return null;
    }
    return value != 0;
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
  public static long getLong(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static int getInt(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static short getShort(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static byte getByte(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static Long getLongObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static Integer getIntObject(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
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
  public static Short getShortObject(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
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
  public static Byte getByteObject(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static double getDouble(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static float getFloat(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
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
  public static Double getDoubleObject(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
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
  public static Float getFloatObject(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    double value = rs.getDouble(index);
    if (value == 0 && rs.wasNull()) {
      return null;
    }
    return (float) value;
  }

  /**
   * Reads a decimal stored as text.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the text is not a number
   */
  public static BigDecimal getDecimal(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new MappingException(column.table(), column.column(), text, "not a decimal number", e);
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
  public static <E extends Enum<E>> E getEnum(
      ResultSet rs, int index, Class<E> type, ColumnRef<?> column) throws SQLException {
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
   * @throws MappingException if the text is not a date-time
   */
  public static Instant getInstant(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return TimeText.parseInstant(text);
    } catch (DateTimeException e) {
      throw new MappingException(column.table(), column.column(), text, TimeText.problem(e), e);
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
   * @throws MappingException if the text is not a date-time
   */
  public static OffsetDateTime getOffsetDateTime(ResultSet rs, int index, ColumnRef<?> column)
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
   * @throws MappingException if the text is not a date-time
   */
  public static LocalDateTime getLocalDateTime(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return TimeText.parseLocalDateTime(text);
    } catch (DateTimeException e) {
      throw new MappingException(column.table(), column.column(), text, TimeText.problem(e), e);
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
   * @throws MappingException if the text is not a date
   */
  public static LocalDate getLocalDate(ResultSet rs, int index, ColumnRef<?> column)
      throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return TimeText.parseLocalDate(text);
    } catch (DateTimeException e) {
      throw new MappingException(column.table(), column.column(), text, TimeText.problem(e), e);
    }
  }

  /**
   * Reads a UUID; upper-case text is accepted.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param column the column, for messages
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the text is not a UUID
   */
  public static UUID getUuid(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      UUID value = UUID.fromString(text.trim());
      if (!value.toString().equalsIgnoreCase(text.trim())) {
        throw new IllegalArgumentException("not canonical");
      }
      return value;
    } catch (IllegalArgumentException e) {
      throw new MappingException(
          column.table(),
          column.column(),
          text,
          "not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
          e);
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
  public static byte[] getBytes(ResultSet rs, int index, ColumnRef<?> column) throws SQLException {
    return rs.getBytes(index);
  }

  /**
   * Reads JSON text as a value.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @param type the value's type token
   * @param codec the codec that reads it
   * @param column the column, for messages
   * @param <T> the value's type
   * @return the value, or null
   * @throws SQLException if the driver fails
   * @throws MappingException if the text is not JSON of that type
   */
  public static <T> T getJson(
      ResultSet rs, int index, JsonType<T> type, JsonCodec codec, ColumnRef<?> column)
      throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return codec.read(text, type);
    } catch (IllegalArgumentException e) {
      throw new MappingException(column.table(), column.column(), text, e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- support

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

  private static InvalidValueException invalid(ColumnRef<?> column, Object value, String problem) {
    return new InvalidValueException(column.table(), column.column(), value, problem);
  }

  private static String yearRangeProblem() {
    return "years outside 0000 to 9999 are refused, because their text would not sort"
        + " chronologically";
  }
}

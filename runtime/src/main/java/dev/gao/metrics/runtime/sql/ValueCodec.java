package dev.gao.metrics.runtime.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * How one engine stores the kinds of values whose storage differs between engines: booleans, time
 * values, UUIDs, decimals, JSON and bytes. Text and numbers are bound and read alike everywhere and
 * have no methods here.
 *
 * <p>The rules every engine shares (which values are refused, how a failure names its table, column
 * and value) are {@code SqlValues}'. A codec is given only values that passed them; it binds {@code
 * null} as SQL NULL of the kind's type and reads SQL NULL as {@code null}. A value this engine cannot
 * store as given, or a stored value that is not of the kind, is reported with a {@link
 * ValueProblem}, which the caller words with the table and column.
 */
public interface ValueCodec {
  /**
   * Why this engine cannot store text (or JSON) holding the NUL character U+0000, as a phrase that
   * follows "it holds the NUL character U+0000 at index 3"; null if it can.
   *
   * @return the reason, or null
   */
  String nulRefusal();

  /**
   * Binds a boolean.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   */
  void setBoolean(PreparedStatement ps, int index, Boolean value) throws SQLException;

  /**
   * Reads a boolean.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the value, or null for SQL NULL
   * @throws SQLException if the driver fails
   */
  Boolean getBoolean(ResultSet rs, int index) throws SQLException;

  /**
   * Binds an instant whose year is 0000 to 9999.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   * @throws ValueProblem if the engine cannot keep the value exactly
   */
  void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException;

  /**
   * Reads an instant.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the value, or null for SQL NULL
   * @throws SQLException if the driver fails
   * @throws ValueProblem if the stored value is not an instant
   */
  Instant getInstant(ResultSet rs, int index) throws SQLException;

  /**
   * Binds a local date-time whose year is 0000 to 9999.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   * @throws ValueProblem if the engine cannot keep the value exactly
   */
  void setLocalDateTime(PreparedStatement ps, int index, LocalDateTime value) throws SQLException;

  /**
   * Reads a local date-time.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the value, or null for SQL NULL
   * @throws SQLException if the driver fails
   * @throws ValueProblem if the stored value is not a date-time
   */
  LocalDateTime getLocalDateTime(ResultSet rs, int index) throws SQLException;

  /**
   * Binds a local date whose year is 0000 to 9999.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   */
  void setLocalDate(PreparedStatement ps, int index, LocalDate value) throws SQLException;

  /**
   * Reads a local date.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the value, or null for SQL NULL
   * @throws SQLException if the driver fails
   * @throws ValueProblem if the stored value is not a date
   */
  LocalDate getLocalDate(ResultSet rs, int index) throws SQLException;

  /**
   * Binds a UUID.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   */
  void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException;

  /**
   * Reads a UUID.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the value, or null for SQL NULL
   * @throws SQLException if the driver fails
   * @throws ValueProblem if the stored value is not a UUID
   */
  UUID getUuid(ResultSet rs, int index) throws SQLException;

  /**
   * Binds a decimal exactly.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   */
  void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException;

  /**
   * Reads a decimal.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the value, or null for SQL NULL
   * @throws SQLException if the driver fails
   * @throws ValueProblem if the stored value is not a decimal number
   */
  BigDecimal getDecimal(ResultSet rs, int index) throws SQLException;

  /**
   * Binds JSON text, which the caller wrote and checked.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param json the JSON text, or null
   * @throws SQLException if the driver refuses the value
   */
  void setJson(PreparedStatement ps, int index, String json) throws SQLException;

  /**
   * Reads JSON text.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the JSON text, or null for SQL NULL
   * @throws SQLException if the driver fails
   */
  default String getJson(ResultSet rs, int index) throws SQLException {
    return rs.getString(index);
  }

  /**
   * Binds bytes.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param value the value, or null
   * @throws SQLException if the driver refuses the value
   */
  void setBytes(PreparedStatement ps, int index, byte[] value) throws SQLException;

  /**
   * Reads bytes.
   *
   * @param rs the result set on a row
   * @param index the 1-based column index
   * @return the bytes, or null for SQL NULL
   * @throws SQLException if the driver fails
   */
  default byte[] getBytes(ResultSet rs, int index) throws SQLException {
    return rs.getBytes(index);
  }
}

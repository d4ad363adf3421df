package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.sql.ValueCodec;
import dev.gao.metrics.runtime.sql.ValueProblem;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * SQLite's storage of the values whose storage differs between engines, in columns of a STRICT
 * table: booleans as 0 and 1; time values as fixed-width UTC text with nine fraction digits, so that
 * text order is chronological order (readers also accept ISO-8601 with offsets, fewer fraction
 * digits, and SQLite's {@code YYYY-MM-DD HH:MM:SS}); UUIDs in canonical lower case, decimals as their
 * plain text and JSON as text; bytes as a BLOB.
 */
public final class SqliteValueCodec implements ValueCodec {
  /** Creates the codec; it holds no state and may be shared. */
  public SqliteValueCodec() {}

  /** SQLite stores it, although its SQL functions, such as {@code length()}, stop at it. */
  @Override
  public String nulRefusal() {
    return null;
  }

  @Override
  public void setBoolean(PreparedStatement ps, int index, Boolean value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value ? 1 : 0);
    }
  }

  @Override
  public Boolean getBoolean(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    if (value == 0 && rs.wasNull()) {
      return null;
    }
    return value != 0;
  }

  @Override
  public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, TimeText.formatInstant(value));
    }
  }

  @Override
  public Instant getInstant(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return TimeText.parseInstant(text);
    } catch (DateTimeException e) {
      throw new ValueProblem(text, TimeText.problem(e), e);
    }
  }

  @Override
  public void setLocalDateTime(PreparedStatement ps, int index, LocalDateTime value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, TimeText.formatLocalDateTime(value));
    }
  }

  @Override
  public LocalDateTime getLocalDateTime(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return TimeText.parseLocalDateTime(text);
    } catch (DateTimeException e) {
      throw new ValueProblem(text, TimeText.problem(e), e);
    }
  }

  @Override
  public void setLocalDate(PreparedStatement ps, int index, LocalDate value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, TimeText.formatLocalDate(value));
    }
  }

  @Override
  public LocalDate getLocalDate(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return TimeText.parseLocalDate(text);
    } catch (DateTimeException e) {
      throw new ValueProblem(text, TimeText.problem(e), e);
    }
  }

  @Override
  public void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
    setText(ps, index, value == null ? null : value.toString());
  }

  /** Upper-case text is accepted; anything but the 8-4-4-4-12 hex form is not. */
  @Override
  public UUID getUuid(ResultSet rs, int index) throws SQLException {
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
      throw new ValueProblem(text, "not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", e);
    }
  }

  @Override
  public void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
    setText(ps, index, value == null ? null : value.toPlainString());
  }

  @Override
  public BigDecimal getDecimal(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new ValueProblem(text, "not a decimal number", e);
    }
  }

  @Override
  public void setJson(PreparedStatement ps, int index, String json) throws SQLException {
    setText(ps, index, json);
  }

  @Override
  public void setBytes(PreparedStatement ps, int index, byte[] value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BLOB);
    } else {
      ps.setBytes(index, value);
    }
  }

  private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}

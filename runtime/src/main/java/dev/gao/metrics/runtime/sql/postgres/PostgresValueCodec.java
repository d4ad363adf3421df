package dev.gao.metrics.runtime.sql.postgres;

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
import java.util.UUID;
import org.postgresql.util.PGobject;

/**
 * PostgreSQL's storage of the values whose storage differs between engines, in its own types:
 * {@code boolean}; {@code timestamp with time zone} for instants (bound and read as an {@code
 * OffsetDateTime} at UTC), {@code timestamp} for local date-times, {@code date}; {@code uuid}; {@code
 * numeric}; {@code jsonb}; {@code bytea}.
 *
 * <p>PostgreSQL keeps time to the microsecond, and would round a value with nanoseconds: such a
 * value is refused, so that no value reads back different from the one written. Its {@code
 * infinity} times are no Java time values and are refused when read.
 */
public final class PostgresValueCodec implements ValueCodec {
  private static final int NANOS_PER_MICRO = 1000;

  /** Creates the codec; it holds no state and may be shared. */
  public PostgresValueCodec() {}

  @Override
  public String nulRefusal() {
    return "which PostgreSQL cannot store in text or JSON";
  }

  @Override
  public void setBoolean(PreparedStatement ps, int index, Boolean value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BOOLEAN);
    } else {
      ps.setBoolean(index, value);
    }
  }

  @Override
  public Boolean getBoolean(ResultSet rs, int index) throws SQLException {
    boolean value = rs.getBoolean(index);
    if (!value && rs.wasNull()) {
      return null;
    }
    return value;
  }

  @Override
  public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      return;
    }
    requireMicroseconds(value.getNano());
    ps.setObject(index, value.atOffset(ZoneOffset.UTC));
  }

  @Override
  public Instant getInstant(ResultSet rs, int index) throws SQLException {
    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
    if (value == null) {
      return null;
    }
    if (value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN)) {
      throw infinity(rs, index);
    }
    return value.toInstant();
  }

  @Override
  public void setLocalDateTime(PreparedStatement ps, int index, LocalDateTime value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP);
      return;
    }
    requireMicroseconds(value.getNano());
    ps.setObject(index, value);
  }

  @Override
  public LocalDateTime getLocalDateTime(ResultSet rs, int index) throws SQLException {
    LocalDateTime value = rs.getObject(index, LocalDateTime.class);
    if (value != null && (value.equals(LocalDateTime.MAX) || value.equals(LocalDateTime.MIN))) {
      throw infinity(rs, index);
    }
    return value;
  }

  @Override
  public void setLocalDate(PreparedStatement ps, int index, LocalDate value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DATE);
    } else {
      ps.setObject(index, value);
    }
  }

  @Override
  public LocalDate getLocalDate(ResultSet rs, int index) throws SQLException {
    LocalDate value = rs.getObject(index, LocalDate.class);
    if (value != null && (value.equals(LocalDate.MAX) || value.equals(LocalDate.MIN))) {
      throw infinity(rs, index);
    }
    return value;
  }

  @Override
  public void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.OTHER);
    } else {
      ps.setObject(index, value);
    }
  }

  @Override
  public UUID getUuid(ResultSet rs, int index) throws SQLException {
    return rs.getObject(index, UUID.class);
  }

  @Override
  public void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NUMERIC);
    } else {
      ps.setBigDecimal(index, value);
    }
  }

  /** {@code numeric} may also hold {@code NaN} and the infinities, which no BigDecimal is. */
  @Override
  public BigDecimal getDecimal(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new ValueProblem(text, "not a decimal number", e);
    }
  }

  @Override
  public void setJson(PreparedStatement ps, int index, String json) throws SQLException {
    if (json == null) {
      ps.setNull(index, Types.OTHER);
      return;
    }
    // Typed as jsonb, so that it is taken as JSON wherever it goes (a column, COALESCE, a
    // comparison), by server-side prepared statements and in batches alike, without casts in the SQL.
    PGobject value = new PGobject();
    value.setType("jsonb");
    value.setValue(json);
    ps.setObject(index, value);
  }

  @Override
  public void setBytes(PreparedStatement ps, int index, byte[] value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BINARY);
    } else {
      ps.setBytes(index, value);
    }
  }

  private static void requireMicroseconds(int nanos) {
    if (nanos % NANOS_PER_MICRO != 0) {
      throw new ValueProblem(
          null,
          "PostgreSQL keeps time to the microsecond and would round away its last "
              + (nanos % NANOS_PER_MICRO)
              + " nanoseconds; truncate it first, for example with truncatedTo(ChronoUnit.MICROS)",
          null);
    }
  }

  private static ValueProblem infinity(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    return new ValueProblem(text, "PostgreSQL's " + text + " is no Java time value", null);
  }
}

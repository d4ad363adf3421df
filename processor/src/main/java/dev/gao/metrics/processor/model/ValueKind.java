package dev.gao.metrics.processor.model;

/** How a Java value is stored in a column; the SQL type follows from it per dialect. */
public enum ValueKind {
  /** {@code String}. */
  STRING(false),
  /** {@code boolean} or {@code Boolean}. */
  BOOLEAN(false),
  /** {@code byte} or {@code Byte}. */
  BYTE(false),
  /** {@code short} or {@code Short}. */
  SHORT(false),
  /** {@code int} or {@code Integer}. */
  INT(false),
  /** {@code long} or {@code Long}. */
  LONG(false),
  /** {@code float} or {@code Float}. */
  FLOAT(false),
  /** {@code double} or {@code Double}. */
  DOUBLE(false),
  /** {@code BigDecimal}. */
  DECIMAL(false),
  /** Any enum, stored by name. */
  ENUM(false),
  /** {@code Instant}. */
  INSTANT(true),
  /** {@code OffsetDateTime}. */
  OFFSET_DATE_TIME(true),
  /** {@code LocalDateTime}. */
  LOCAL_DATE_TIME(true),
  /** {@code LocalDate}. */
  LOCAL_DATE(true),
  /** {@code UUID}. */
  UUID(false),
  /** {@code byte[]}. */
  BYTES(false),
  /** Any type annotated with {@code @Json}. */
  JSON(false);

  private final boolean time;

  ValueKind(boolean time) {
    this.time = time;
  }

  /** Whether the kind holds a point or day in time. */
  public boolean isTime() {
    return time;
  }

  /** Whether the kind is stored as a UTC instant in the canonical time text. */
  public boolean instant() {
    return this == INSTANT || this == OFFSET_DATE_TIME;
  }

  /** Whether the kind can be a database-assigned key. */
  public boolean isIntegerKey() {
    return this == INT || this == LONG;
  }
}

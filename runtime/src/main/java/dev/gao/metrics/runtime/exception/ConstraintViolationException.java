package dev.gao.metrics.runtime.exception;

/**
 * A row broke a constraint of its table. The subclasses say which kind; the message names the table
 * and column, and the offending value where it is known.
 */
public class ConstraintViolationException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /** The table, or null if unknown. */
  private final String table;

  /** The column, or null if unknown. */
  private final String column;

  /** The offending value; not serialized. */
  private final transient Object value;

  /**
   * Creates an exception.
   *
   * @param message the full message
   * @param table the table, or {@code null} if unknown
   * @param column the column (several as {@code a, b}), or {@code null} if unknown
   * @param value the offending value, or {@code null} if unknown
   * @param cause the driver's exception
   */
  public ConstraintViolationException(
      String message, String table, String column, Object value, Throwable cause) {
    super(message, cause);
    this.table = table;
    this.column = column;
    this.value = value;
  }

  /**
   * The table whose constraint failed.
   *
   * @return the table name, or {@code null} if unknown
   */
  public String table() {
    return table;
  }

  /**
   * The column (several joined with {@code ", "}) whose constraint failed.
   *
   * @return the column, or {@code null} if unknown
   */
  public String column() {
    return column;
  }

  /**
   * The offending value.
   *
   * @return the value, or {@code null} if unknown or SQL NULL
   */
  public Object value() {
    return value;
  }
}

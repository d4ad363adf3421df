package dev.gao.metrics.runtime.exception;

/**
 * A row broke a constraint of its table. The subclasses say which kind; the message names the table
 * and column, and the offending value where it is known.
 */
public class ConstraintViolationException extends ColumnValueException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

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
    super(message, table, column, value, cause);
  }
}

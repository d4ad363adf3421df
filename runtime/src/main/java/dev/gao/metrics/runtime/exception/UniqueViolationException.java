package dev.gao.metrics.runtime.exception;

/** A value (or combination of values) that must be unique already exists. */
public class UniqueViolationException extends ConstraintViolationException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the full message, naming table and column
   * @param table the table, or {@code null} if unknown
   * @param column the column, or {@code null} if unknown
   * @param value the offending value, or {@code null} if unknown
   * @param cause the driver's exception
   */
  public UniqueViolationException(
      String message, String table, String column, Object value, Throwable cause) {
    super(message, table, column, value, cause);
  }
}

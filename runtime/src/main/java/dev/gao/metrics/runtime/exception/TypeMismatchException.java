package dev.gao.metrics.runtime.exception;

/** A STRICT table refused a value of the wrong type. */
public class TypeMismatchException extends ConstraintViolationException {
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
  public TypeMismatchException(
      String message, String table, String column, Object value, Throwable cause) {
    super(message, table, column, value, cause);
  }
}

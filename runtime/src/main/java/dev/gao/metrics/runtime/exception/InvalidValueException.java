package dev.gao.metrics.runtime.exception;

/** A Java value cannot be written to its column, for example NaN or an Instant after year 9999. */
public class InvalidValueException extends ValueException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param table the table
   * @param column the column
   * @param value the offending value
   * @param problem why the value is not accepted
   */
  public InvalidValueException(String table, String column, Object value, String problem) {
    super("write", table, column, value, problem, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param table the table
   * @param column the column
   * @param value the offending value
   * @param problem why the value is not accepted
   * @param cause the underlying exception
   */
  public InvalidValueException(
      String table, String column, Object value, String problem, Throwable cause) {
    super("write", table, column, value, problem, cause);
  }
}

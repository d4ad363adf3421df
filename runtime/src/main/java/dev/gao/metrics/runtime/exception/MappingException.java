package dev.gao.metrics.runtime.exception;

/** A stored value cannot be read as the column's Java type. */
public class MappingException extends ValueException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param table the table
   * @param column the column
   * @param value the stored value
   * @param problem why it cannot be read
   */
  public MappingException(String table, String column, Object value, String problem) {
    super("read", table, column, value, problem, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param table the table
   * @param column the column
   * @param value the stored value
   * @param problem why it cannot be read
   * @param cause the underlying exception
   */
  public MappingException(
      String table, String column, Object value, String problem, Throwable cause) {
    super("read", table, column, value, problem, cause);
  }
}

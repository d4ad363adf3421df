package dev.gao.metrics.runtime.exception;

/**
 * A problem with a value of one column: the exception names the table, the column and the value.
 * Constraint violations and value conversion failures share this shape.
 */
public abstract class ColumnValueException extends MetricsException {
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
   * @param cause the underlying exception, or {@code null}
   */
  protected ColumnValueException(
      String message, String table, String column, Object value, Throwable cause) {
    super(message, cause);
    this.table = table;
    this.column = column;
    this.value = value;
  }

  /**
   * The table of the column.
   *
   * @return the table name, or {@code null} if unknown
   */
  public String table() {
    return table;
  }

  /**
   * The column (several joined with {@code ", "}).
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

package dev.gao.metrics.runtime.exception;

/** A value of one column that could not be converted; the message names table, column and value. */
public abstract class ValueException extends ColumnValueException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param verb what was being done, for example {@code "write"}
   * @param table the table
   * @param column the column
   * @param value the offending value
   * @param problem why the value is not accepted
   * @param cause the underlying exception, or {@code null}
   */
  protected ValueException(
      String verb, String table, String column, Object value, String problem, Throwable cause) {
    super(
        "Cannot "
            + verb
            + " value "
            + ValueText.of(value)
            + " in column "
            + table
            + "."
            + column
            + ": "
            + problem,
        table,
        column,
        value,
        cause);
  }
}

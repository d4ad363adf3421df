package dev.gao.metrics.runtime.exception;

/** A value of one column that could not be converted; the message names table, column and value. */
public abstract class ValueException extends MetricsException {
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
        cause);
    this.table = table;
    this.column = column;
    this.value = value;
  }

  /**
   * The table of the column.
   *
   * @return the table name
   */
  public String table() {
    return table;
  }

  /**
   * The column.
   *
   * @return the column name
   */
  public String column() {
    return column;
  }

  /**
   * The offending value.
   *
   * @return the value
   */
  public Object value() {
    return value;
  }
}

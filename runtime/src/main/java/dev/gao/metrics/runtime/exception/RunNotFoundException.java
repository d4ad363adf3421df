package dev.gao.metrics.runtime.exception;

/** A run id names no run: the run table has no row with that id. */
public class RunNotFoundException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;
  private final transient Object value;

  /**
   * Creates an exception.
   *
   * @param table the run table
   * @param column the run id column
   * @param value the run id that was not found
   */
  public RunNotFoundException(String table, String column, Object value) {
    super(
        "no run with "
            + table
            + "."
            + column
            + " = "
            + ValueText.of(value)
            + "; check the run id (list runs to see the stored ones)");
    this.table = table;
    this.column = column;
    this.value = value;
  }

  /**
   * The run table.
   *
   * @return the table name
   */
  public String table() {
    return table;
  }

  /**
   * The run id column.
   *
   * @return the column name
   */
  public String column() {
    return column;
  }

  /**
   * The run id that was not found.
   *
   * @return the value
   */
  public Object value() {
    return value;
  }
}

package dev.gao.metrics.runtime.sql;

/**
 * A value a {@link ValueCodec} cannot store as given, or a stored value it cannot read as its kind.
 * The codec knows neither table nor column; {@code SqlValues} turns this into an exception that names
 * them.
 */
public final class ValueProblem extends RuntimeException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /** The stored value that could not be read, as the driver gave it; not serialized. */
  private final transient Object stored;

  /**
   * Creates the problem.
   *
   * @param stored the stored value that could not be read, or null when a value to write was refused
   * @param problem why, as a phrase that follows the value in a message
   * @param cause the underlying exception, or null
   */
  public ValueProblem(Object stored, String problem, Throwable cause) {
    super(problem, cause);
    this.stored = stored;
  }

  /**
   * The stored value that could not be read.
   *
   * @return the value as the driver gave it, or null when a value to write was refused
   */
  public Object stored() {
    return stored;
  }
}

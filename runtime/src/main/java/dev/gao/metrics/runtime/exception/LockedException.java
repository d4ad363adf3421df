package dev.gao.metrics.runtime.exception;

/** A table was locked (SQLITE_LOCKED) by another statement on the same connection. */
public class LockedException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was attempted and what to do
   * @param cause the driver's exception
   */
  public LockedException(String message, Throwable cause) {
    super(message, cause);
  }
}

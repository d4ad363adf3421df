package dev.gao.metrics.runtime.exception;

/**
 * The database stayed busy (SQLITE_BUSY): another process held the write lock longer than the busy
 * timeout.
 */
public class BusyException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was attempted and what to do
   * @param cause the driver's exception
   */
  public BusyException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.gao.metrics.runtime.exception;

/**
 * The database stayed busy, so the statement could not go on now; running it again later succeeds.
 * SQLite: another process held the write lock longer than the busy timeout (SQLITE_BUSY).
 * PostgreSQL: the transaction conflicted with another one (a serialization failure or a deadlock,
 * SQLState 40001 and 40P01) or a lock was not available (55P03), and was rolled back; or every
 * pooled connection stayed in use for the whole wait for one (more threads than connections).
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

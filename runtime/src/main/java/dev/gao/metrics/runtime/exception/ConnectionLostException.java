package dev.gao.metrics.runtime.exception;

/**
 * The database server ended the connection or could not be reached: it shut down or restarted
 * (PostgreSQL SQLState 57P01, 57P02, 57P03), or the network failed (class 08). A transaction that
 * was open on the connection was rolled back by the server; nothing of it was stored.
 */
public class ConnectionLostException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the database, what happened and what to do
   * @param cause the driver's exception
   */
  public ConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.gao.metrics.runtime.exception;

/**
 * The database server could not be reached, or ended the connection: it is down, shutting down,
 * starting up or restarting (PostgreSQL SQLState 57P01, 57P02, 57P03), or the network failed
 * (class 08). A transaction that was open on the connection was rolled back by the server and
 * nothing of it was stored, unless the connection was lost while it committed: then the subclass
 * {@link CommitOutcomeUnknownException} says so. The runtime does not run the work again itself.
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

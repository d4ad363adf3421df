package dev.gao.metrics.runtime.exception;

/**
 * The connection to the database server was lost while it was committing a transaction, so whether
 * the transaction was stored is unknown: the server stored all of it or none of it, never a part.
 * The runtime does not run such a unit of work again, since a transaction that did commit would
 * then be stored twice. Once the server is reachable, find out whether the work is stored before
 * running it again, or run it in a form that does nothing when it is (an insert that checks for
 * its key first).
 */
public class CommitOutcomeUnknownException extends ConnectionLostException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the database, what happened and what to do
   * @param cause the driver's exception
   */
  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.gao.metrics.runtime.exception;

/**
 * Wraps a checked exception thrown by the work of a transaction; the transaction was rolled back.
 */
public class TransactionException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Wraps the checked exception.
   *
   * @param cause the exception thrown by the work
   */
  public TransactionException(Exception cause) {
    super("Transaction rolled back because its work threw " + cause, cause);
  }

  /**
   * A transaction rolled back for a reason its message gives.
   *
   * @param message what happened and what was kept
   * @param cause the failure behind it
   */
  public TransactionException(String message, Throwable cause) {
    super(message, cause);
  }
}

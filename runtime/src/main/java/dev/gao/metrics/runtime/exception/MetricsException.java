package dev.gao.metrics.runtime.exception;

/** Base of every exception the gao-metrics runtime throws for a database problem. */
public class MetricsException extends RuntimeException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and, where possible, what to do
   */
  public MetricsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what went wrong and, where possible, what to do
   * @param cause the underlying exception
   */
  public MetricsException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.gao.metrics.runtime.exception;

/**
 * A database could not be opened: the path is a folder, the file is not a SQLite database, was not
 * created by gao-metrics, or cannot be created. The message names the file and what to do.
 */
public class DatabaseOpenException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message names the file, the problem and what to do
   */
  public DatabaseOpenException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message names the file, the problem and what to do
   * @param cause the underlying exception
   */
  public DatabaseOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}

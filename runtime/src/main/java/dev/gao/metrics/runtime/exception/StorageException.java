package dev.gao.metrics.runtime.exception;

/**
 * The database file could not be written or read: the disk is full, a file-size limit ({@code
 * ulimit -f}, {@code PRAGMA max_page_count}) was reached, or the storage failed (SQLITE_FULL,
 * SQLITE_IOERR). The statement that hit it wrote nothing; a transaction it ran in is rolled back.
 */
public class StorageException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the database file, what failed and what to do
   * @param cause the driver's exception
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

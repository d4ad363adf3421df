package dev.gao.metrics.runtime.exception;

/**
 * A migration step (or the adoption of a database created without this library) failed. The step
 * was rolled back: the database is still at the version it had before the step, with every row
 * intact. The message names the file, both versions and what failed (the statement, the data
 * migration, or the table and row that broke a foreign key).
 */
public class MigrationException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /** The version the failed step started from. */
  private final int fromVersion;

  /** The version the failed step led to. */
  private final int toVersion;

  /**
   * Creates an exception.
   *
   * @param message names the file, the versions and what failed
   * @param fromVersion the version the failed step started from
   * @param toVersion the version the failed step led to
   * @param cause the underlying exception, or null
   */
  public MigrationException(String message, int fromVersion, int toVersion, Throwable cause) {
    super(message, cause);
    this.fromVersion = fromVersion;
    this.toVersion = toVersion;
  }

  /**
   * The version the failed step started from; the database is still at this version.
   *
   * @return the version
   */
  public int fromVersion() {
    return fromVersion;
  }

  /**
   * The version the failed step led to.
   *
   * @return the version
   */
  public int toVersion() {
    return toVersion;
  }
}

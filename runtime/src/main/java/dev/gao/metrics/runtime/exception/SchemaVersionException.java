package dev.gao.metrics.runtime.exception;

/** The database records a different schema version than the code expects. */
public class SchemaVersionException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /** The version recorded in the database. */
  private final int storedVersion;

  /** The version the code expects. */
  private final int codeVersion;

  /**
   * Creates an exception with a message of its own, which must name both versions and what to do.
   *
   * @param message names the file, both versions and what to do
   * @param storedVersion the version recorded in the database
   * @param codeVersion the version the code expects
   */
  public SchemaVersionException(String message, int storedVersion, int codeVersion) {
    super(message);
    this.storedVersion = storedVersion;
    this.codeVersion = codeVersion;
  }

  /**
   * The version recorded in the database.
   *
   * @return the stored version
   */
  public int storedVersion() {
    return storedVersion;
  }

  /**
   * The version the code expects.
   *
   * @return the code version
   */
  public int codeVersion() {
    return codeVersion;
  }
}

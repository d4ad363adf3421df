package dev.gao.metrics.runtime.schema;

/** The database engines a schema's SQL is generated for. */
public enum Engine {
  /** SQLite: a database in one file, for one machine. */
  SQLITE("SQLite"),
  /** PostgreSQL: a server that a team shares (also the protocol of Citus and YugabyteDB). */
  POSTGRESQL("PostgreSQL");

  private final String displayName;

  Engine(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The engine's name as people write it.
   *
   * @return for example {@code PostgreSQL}
   */
  public String displayName() {
    return displayName;
  }
}

package dev.gao.metrics.runtime;

/**
 * The engine behind a {@link MetricsDatabase}, as its driver reports it, and the database's size.
 *
 * @param product the engine's name: {@code SQLite} or {@code PostgreSQL}
 * @param version the engine's version, for example {@code 3.50.3} or {@code 17.2}
 * @param bytes the space the database takes: the file's pages on SQLite, {@code
 *     pg_database_size} on PostgreSQL
 */
public record EngineInfo(String product, String version, long bytes) {

  /**
   * The product and its version, as {@code status} prints them.
   *
   * @return for example {@code PostgreSQL 17.2}
   */
  @Override
  public String toString() {
    return product + " " + version;
  }
}

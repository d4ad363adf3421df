package dev.gao.metrics.runtime.migration;

/**
 * The library's key/value table in every database it manages, and its keys. The schema version is
 * also kept in SQLite's {@code user_version} header field, where SQLite's own tools show it.
 */
public final class MetadataTable {
  /** The table name. */
  public static final String TABLE = "gao_metrics_schema";

  /** Key of the schema name. */
  public static final String SCHEMA_NAME = "schema_name";

  /** Key of the schema version. */
  public static final String SCHEMA_VERSION = "schema_version";

  /** Key of the identity hash of the schema version. */
  public static final String IDENTITY_HASH = "identity_hash";

  /** Key of the version of the library that created the database. */
  public static final String LIBRARY_VERSION = "library_version";

  /** Key of the time the database was created. */
  public static final String CREATED_AT = "created_at";

  /**
   * Key of the structure last validated: SQLite's schema cookie ({@code PRAGMA schema_version},
   * changed by every DDL statement) and the identity hash it was validated against, as {@code
   * cookie:hash}. While both still match, opening skips the table-by-table comparison.
   */
  public static final String VALIDATED = "validated_structure";

  private MetadataTable() {}
}

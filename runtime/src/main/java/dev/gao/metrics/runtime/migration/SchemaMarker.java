package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.util.Map;

/**
 * What the library's metadata table records about the schema a database was created with.
 *
 * @param values the recorded keys and values
 */
public record SchemaMarker(Map<String, String> values) {
  /** See {@link MetadataTable}. */
  public static final String TABLE = MetadataTable.TABLE;
  /** See {@link MetadataTable}. */
  public static final String SCHEMA_NAME = MetadataTable.SCHEMA_NAME;
  /** See {@link MetadataTable}. */
  public static final String SCHEMA_VERSION = MetadataTable.SCHEMA_VERSION;
  /** See {@link MetadataTable}. */
  public static final String IDENTITY_HASH = MetadataTable.IDENTITY_HASH;
  /** See {@link MetadataTable}. */
  public static final String LIBRARY_VERSION = MetadataTable.LIBRARY_VERSION;
  /** See {@link MetadataTable}. */
  public static final String CREATED_AT = MetadataTable.CREATED_AT;

  /** Copies the values. */
  public SchemaMarker {
    values = Map.copyOf(values);
  }

  /**
   * The recorded schema name.
   *
   * @return the name, empty when missing
   */
  public String schemaName() {
    return values.getOrDefault(SCHEMA_NAME, "");
  }

  /**
   * The recorded version.
   *
   * @return the version, or -1 if the value is missing or not a number
   */
  public int schemaVersion() {
    try {
      return Integer.parseInt(values.getOrDefault(SCHEMA_VERSION, "-1").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Refuses a database that records another schema than the code's.
   *
   * @param schema the code's schema
   * @param location the database, for the message
   * @param advice what to do, appended to the message (starting with its own punctuation)
   * @throws DatabaseOpenException if the names differ
   */
  public void requireSchema(SchemaInfo schema, String location, String advice) {
    if (!schemaName().equals(schema.name())) {
      throw new DatabaseOpenException(
          "Database "
              + location
              + " holds schema '"
              + schemaName()
              + "', not '"
              + schema.name()
              + "'"
              + advice);
    }
  }
}

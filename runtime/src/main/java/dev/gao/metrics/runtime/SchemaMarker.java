package dev.gao.metrics.runtime;

import dev.gao.metrics.runtime.migration.MetadataTable;
import java.util.Map;

/**
 * What the library's metadata table records about the schema a database was created with.
 *
 * @param values the recorded keys and values
 */
record SchemaMarker(Map<String, String> values) {
  static final String TABLE = MetadataTable.TABLE;
  static final String SCHEMA_NAME = MetadataTable.SCHEMA_NAME;
  static final String SCHEMA_VERSION = MetadataTable.SCHEMA_VERSION;
  static final String IDENTITY_HASH = MetadataTable.IDENTITY_HASH;
  static final String LIBRARY_VERSION = MetadataTable.LIBRARY_VERSION;
  static final String CREATED_AT = MetadataTable.CREATED_AT;

  SchemaMarker {
    values = Map.copyOf(values);
  }

  String schemaName() {
    return values.getOrDefault(SCHEMA_NAME, "");
  }

  /** The recorded version, or -1 if the value is missing or not a number. */
  int schemaVersion() {
    try {
      return Integer.parseInt(values.getOrDefault(SCHEMA_VERSION, "-1").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

package dev.gao.metrics.runtime;

import java.util.Map;

/**
 * What the library's metadata table records about the schema a database was created with.
 *
 * @param values the recorded keys and values
 */
record SchemaMarker(Map<String, String> values) {
  static final String TABLE = "gao_metrics_schema";
  static final String SCHEMA_NAME = "schema_name";
  static final String SCHEMA_VERSION = "schema_version";
  static final String IDENTITY_HASH = "identity_hash";
  static final String LIBRARY_VERSION = "library_version";
  static final String CREATED_AT = "created_at";

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

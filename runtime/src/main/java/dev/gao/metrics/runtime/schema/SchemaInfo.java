package dev.gao.metrics.runtime.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A versioned schema: the tables a metrics database holds, in creation order.
 *
 * @param name the schema name, the simple name of the type annotated with {@code @MetricsSchema}
 * @param version the schema version, at least 1
 * @param identityHash a stable hash of the normalized schema
 * @param tables the tables in creation order (referenced tables first)
 */
public record SchemaInfo(String name, int version, String identityHash, List<TableInfo> tables) {

  /**
   * Validates the arguments and copies the table list.
   *
   * @param name the schema name, the simple name of the type annotated with {@code @MetricsSchema}
   * @param version the schema version, at least 1
   * @param identityHash a stable hash of the normalized schema
   * @param tables the tables in creation order (referenced tables first)
   */
  public SchemaInfo {
    Checks.requireName(name, "schema name");
    if (version < 1) {
      throw new IllegalArgumentException(
          "version of schema " + name + " must be >= 1 but was " + version);
    }
    Objects.requireNonNull(identityHash, "identityHash of schema " + name);
    tables = Checks.copy(tables, "tables of schema " + name);
    Set<String> names = new HashSet<>();
    for (TableInfo table : tables) {
      if (!names.add(table.name())) {
        throw new IllegalArgumentException(
            "schema " + name + " declares table " + table.name() + " twice");
      }
    }
  }

  /**
   * The table with the given SQL name.
   *
   * @param name the SQL table name
   * @return the table
   * @throws IllegalArgumentException if the schema has no such table
   */
  public TableInfo table(String name) {
    for (TableInfo table : tables) {
      if (table.name().equals(name)) {
        return table;
      }
    }
    throw new IllegalArgumentException("schema " + this.name + " has no table " + name);
  }

  /**
   * Whether the schema has a table with the given SQL name.
   *
   * @param name the SQL table name
   * @return true if the table is part of this schema
   */
  public boolean hasTable(String name) {
    for (TableInfo table : tables) {
      if (table.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}

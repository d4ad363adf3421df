package dev.gao.metrics.runtime.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned schema: the tables a metrics database holds, in creation order.
 *
 * @param name the schema name, the simple name of the type annotated with {@code @MetricsSchema}
 * @param version the schema version, at least 1
 * @param identityHash a stable hash of the normalized schema
 * @param tables the tables in creation order (referenced tables first)
 * @param history the earlier versions of the schema and the migration steps between versions;
 *     {@link SchemaHistory#NONE} for a schema without earlier versions
 */
public record SchemaInfo(
    String name, int version, String identityHash, List<TableInfo> tables, SchemaHistory history) {

  /**
   * Validates the arguments and copies the table list.
   *
   * @param name the schema name, the simple name of the type annotated with {@code @MetricsSchema}
   * @param version the schema version, at least 1
   * @param identityHash a stable hash of the normalized schema
   * @param tables the tables in creation order (referenced tables first)
   * @param history the earlier versions of the schema and the migration steps between versions
   * @throws IllegalArgumentException if a table appears twice, or the history holds another
   *     schema, a version not below this one, or a step leading outside versions 1 to this one
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
    Objects.requireNonNull(history, "history of schema " + name);
    for (SchemaInfo earlier : history.versions()) {
      if (!earlier.name().equals(name) || earlier.version() >= version) {
        throw new IllegalArgumentException(
            "the history of schema "
                + name
                + " version "
                + version
                + " holds "
                + earlier.name()
                + " version "
                + earlier.version()
                + "; it may hold only earlier versions of the same schema");
      }
    }
    for (MigrationStep step : history.steps()) {
      if (Math.max(step.fromVersion(), step.toVersion()) > version) {
        throw new IllegalArgumentException(
            "the history of schema "
                + name
                + " version "
                + version
                + " holds the step "
                + step.fromVersion()
                + " -> "
                + step.toVersion()
                + ", which leads beyond version "
                + version);
      }
    }
  }

  /**
   * A schema without earlier versions ({@link SchemaHistory#NONE}).
   *
   * @param name the schema name, the simple name of the type annotated with {@code @MetricsSchema}
   * @param version the schema version, at least 1
   * @param identityHash a stable hash of the normalized schema
   * @param tables the tables in creation order (referenced tables first)
   */
  public SchemaInfo(String name, int version, String identityHash, List<TableInfo> tables) {
    this(name, version, identityHash, tables, SchemaHistory.NONE);
  }

  /**
   * The structure of the given version of this schema: this schema itself for its own version, an
   * entry of the history for an earlier one.
   *
   * @param version the version
   * @return the schema at that version, empty if the history does not hold it
   */
  public Optional<SchemaInfo> atVersion(int version) {
    if (version == this.version) {
      return Optional.of(this);
    }
    for (SchemaInfo earlier : history.versions()) {
      if (earlier.version() == version) {
        return Optional.of(earlier);
      }
    }
    return Optional.empty();
  }

  /**
   * The migration step between two consecutive versions.
   *
   * @param from the version the step starts from
   * @param to the version the step leads to
   * @return the step, empty if the history does not hold it
   */
  public Optional<MigrationStep> step(int from, int to) {
    for (MigrationStep step : history.steps()) {
      if (step.fromVersion() == from && step.toVersion() == to) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
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

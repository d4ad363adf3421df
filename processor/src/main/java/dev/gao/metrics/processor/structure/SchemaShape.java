package dev.gao.metrics.processor.structure;

import java.util.List;
import java.util.Optional;

/**
 * One version of a schema as stored.
 *
 * @param name the schema name
 * @param version the version
 * @param tables the tables in creation order
 */
public record SchemaShape(String name, int version, List<TableShape> tables) {
  /** Copies the table list. */
  public SchemaShape {
    tables = List.copyOf(tables);
  }

  /** The table with this exact name, if any. */
  public Optional<TableShape> table(String tableName) {
    return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
  }
}

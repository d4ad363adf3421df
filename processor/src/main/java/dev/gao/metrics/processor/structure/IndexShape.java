package dev.gao.metrics.processor.structure;

import java.util.List;

/**
 * An index as stored.
 *
 * @param name the SQL index name
 * @param columns the column names in index order
 * @param unique whether values must be unique
 * @param automatic whether it was added for a foreign key that had no index
 */
public record IndexShape(String name, List<String> columns, boolean unique, boolean automatic) {
  /** Copies the column list. */
  public IndexShape {
    columns = List.copyOf(columns);
  }

  /** Whether the two indexes index the same columns the same way (names and origin aside). */
  public boolean sameDefinition(IndexShape other) {
    return columns.equals(other.columns) && unique == other.unique;
  }
}

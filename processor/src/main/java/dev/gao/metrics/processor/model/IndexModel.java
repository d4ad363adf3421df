package dev.gao.metrics.processor.model;

import java.util.List;

/**
 * One index of a table.
 *
 * @param name the SQL index name
 * @param columns the SQL column names in index order
 * @param unique whether values must be unique
 * @param automatic whether the index was added for a foreign key that had none
 */
public record IndexModel(String name, List<String> columns, boolean unique, boolean automatic) {
  /** Copies the column list. */
  public IndexModel {
    columns = List.copyOf(columns);
  }
}

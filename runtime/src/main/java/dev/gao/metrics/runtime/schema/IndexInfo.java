package dev.gao.metrics.runtime.schema;

import java.util.List;
import java.util.Objects;

/**
 * One index of a table.
 *
 * @param name the index name
 * @param columns the indexed column names, in index order
 * @param unique whether the index enforces unique values
 * @param automatic whether the index was added for a foreign-key column that had no index
 * @param createSql the {@code CREATE INDEX} statement
 */
public record IndexInfo(
    String name, List<String> columns, boolean unique, boolean automatic, String createSql) {

  /**
   * Validates the arguments and copies the column list.
   *
   * @param name the index name
   * @param columns the indexed column names, in index order
   * @param unique whether the index enforces unique values
   * @param automatic whether the index was added for a foreign-key column that had no index
   * @param createSql the {@code CREATE INDEX} statement
   */
  public IndexInfo {
    Checks.requireName(name, "index name");
    columns = Checks.copy(columns, "columns of index " + name);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " must have at least one column");
    }
    Objects.requireNonNull(createSql, "createSql of index " + name);
  }

  /**
   * The same index from an array of column names, the form generated code uses.
   *
   * @param name the index name
   * @param columns the indexed column names, in index order
   * @param unique whether the index enforces unique values
   * @param automatic whether the index was added for a foreign-key column that had no index
   * @param createSql the {@code CREATE INDEX} statement
   */
  public IndexInfo(String name, String[] columns, boolean unique, boolean automatic, String createSql) {
    this(name, Checks.list(columns, "columns of index " + name), unique, automatic, createSql);
  }
}

package dev.gao.metrics.processor.structure;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table as stored: everything its DDL and metadata are rendered from.
 *
 * @param name the SQL table name
 * @param javaType the qualified name of the row type
 * @param columns the columns in table order
 * @param autoIncrement whether the single key column is assigned by the database
 * @param indexes the indexes
 * @param foreignKeys the foreign keys
 */
public record TableShape(
    String name,
    String javaType,
    List<ColumnShape> columns,
    boolean autoIncrement,
    List<IndexShape> indexes,
    List<ForeignKeyShape> foreignKeys) {

  /** Copies the lists. */
  public TableShape {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /** The column with this exact name, if any. */
  public Optional<ColumnShape> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The foreign key of this column, if any. */
  public Optional<ForeignKeyShape> foreignKey(String columnName) {
    return foreignKeys.stream().filter(f -> f.column().equals(columnName)).findFirst();
  }

  /** The primary-key columns in key order. */
  public List<ColumnShape> keyColumns() {
    return columns.stream()
        .filter(ColumnShape::inPrimaryKey)
        .sorted(Comparator.comparingInt(ColumnShape::primaryKeyPosition))
        .toList();
  }

  /** A copy with another name. */
  public TableShape named(String newName) {
    return new TableShape(newName, javaType, columns, autoIncrement, indexes, foreignKeys);
  }
}

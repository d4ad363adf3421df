package dev.gao.metrics.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One table: its columns in declaration order, key, indexes and foreign keys.
 *
 * @param rowType the record or class of one row
 * @param name the SQL table name
 * @param columns the columns in declaration order
 * @param autoIncrement whether the single key column is assigned by the database
 * @param indexes declared indexes in declaration order, then automatic ones in column order
 * @param foreignKeys foreign keys in column order
 * @param record whether the row type is a record
 * @param publicType whether the row type is public (the DAO then is too)
 */
public record TableModel(
    ClassName rowType,
    String name,
    List<ColumnModel> columns,
    boolean autoIncrement,
    List<IndexModel> indexes,
    List<ForeignKeyModel> foreignKeys,
    boolean record,
    boolean publicType) {

  /** Copies the lists. */
  public TableModel {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /** The canonical name of the row type, for example {@code p.Outer.Inner}. */
  public String qualifiedName() {
    return rowType.canonicalName();
  }

  /** The column with the given SQL name, if any (names compare ignoring case, as in SQL). */
  public Optional<ColumnModel> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  /** The primary-key columns in key order. */
  public List<ColumnModel> keyColumns() {
    return columns.stream()
        .filter(ColumnModel::inPrimaryKey)
        .sorted(Comparator.comparingInt(ColumnModel::primaryKeyPosition))
        .toList();
  }

  /** The columns that are not part of the primary key, in table order. */
  public List<ColumnModel> nonKeyColumns() {
    return columns.stream().filter(c -> !c.inPrimaryKey()).toList();
  }

  /** The primary-key column names in key order. */
  public List<String> primaryKey() {
    return keyColumns().stream().map(ColumnModel::name).toList();
  }

  /** A copy with other indexes and foreign keys. */
  public TableModel withRelations(List<IndexModel> newIndexes, List<ForeignKeyModel> newForeignKeys) {
    return new TableModel(rowType, name, columns, autoIncrement, newIndexes, newForeignKeys, record, publicType);
  }
}

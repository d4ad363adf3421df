package dev.gao.metrics.processor.structure;

import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;

/**
 * Turns the parsed model into its stored form: engine-neutral, so that every dialect renders its SQL
 * from the same structure.
 */
public final class Shapes {
  private Shapes() {}

  /** The stored form of {@code schema}. */
  public static SchemaShape of(SchemaModel schema) {
    return new SchemaShape(schema.name(), schema.version(), schema.tables().stream().map(Shapes::of).toList());
  }

  /** The stored form of {@code table}. */
  public static TableShape of(TableModel table) {
    return new TableShape(
        table.name(),
        table.qualifiedName(),
        table.columns().stream().map(c -> column(table, c)).toList(),
        table.autoIncrement(),
        table.indexes().stream().map(Shapes::index).toList(),
        table.foreignKeys().stream().map(Shapes::foreignKey).toList());
  }

  private static ColumnShape column(TableModel table, ColumnModel column) {
    // A key the database assigns is not declared NOT NULL: its key constraint covers it.
    boolean notNull = column.notNull() && !(table.autoIncrement() && column.inPrimaryKey());
    return new ColumnShape(
        column.name(),
        column.kind(),
        column.javaTypeText(),
        notNull,
        NeutralDefaults.of(column.kind(), column.declaredDefault()),
        column.primaryKeyPosition(),
        column.metric() == null ? Double.NEGATIVE_INFINITY : column.metric().min(),
        column.metric() == null ? Double.POSITIVE_INFINITY : column.metric().max(),
        column.json() && !notNull,
        column.kind().instant(),
        column.enumNames());
  }

  private static IndexShape index(IndexModel index) {
    return new IndexShape(index.name(), index.columns(), index.unique(), index.automatic());
  }

  private static ForeignKeyShape foreignKey(ForeignKeyModel key) {
    return new ForeignKeyShape(
        key.column(), key.referencedTable(), key.referencedColumn(), key.onDelete(), key.onUpdate());
  }
}

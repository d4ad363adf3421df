package dev.gao.metrics.processor.structure;

import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;

/** Turns the parsed model into its stored form, with types and defaults rendered by a dialect. */
public final class Shapes {
  private Shapes() {}

  /** The stored form of {@code schema}. */
  public static SchemaShape of(SchemaModel schema, SqlDialect dialect) {
    return new SchemaShape(
        schema.name(), schema.version(), schema.tables().stream().map(t -> of(t, dialect)).toList());
  }

  /** The stored form of {@code table}. */
  public static TableShape of(TableModel table, SqlDialect dialect) {
    return new TableShape(
        table.name(),
        table.qualifiedName(),
        table.columns().stream().map(c -> column(table, c, dialect)).toList(),
        table.autoIncrement(),
        table.indexes().stream().map(Shapes::index).toList(),
        table.foreignKeys().stream().map(Shapes::foreignKey).toList());
  }

  private static ColumnShape column(TableModel table, ColumnModel column, SqlDialect dialect) {
    boolean notNull = dialect.notNullInDdl(table, column);
    return new ColumnShape(
        column.name(),
        dialect.sqlType(column.kind()),
        column.javaTypeText(),
        notNull,
        dialect.defaultSql(column),
        column.primaryKeyPosition(),
        column.json(),
        column.metric() == null ? Double.NEGATIVE_INFINITY : column.metric().min(),
        column.metric() == null ? Double.POSITIVE_INFINITY : column.metric().max(),
        column.json() && !notNull,
        column.kind().instant());
  }

  private static IndexShape index(IndexModel index) {
    return new IndexShape(index.name(), index.columns(), index.unique(), index.automatic());
  }

  private static ForeignKeyShape foreignKey(ForeignKeyModel key) {
    return new ForeignKeyShape(
        key.column(), key.referencedTable(), key.referencedColumn(), key.onDelete(), key.onUpdate());
  }
}

package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.history.FormatOne;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builders of stored schema shapes for tests. */
final class Shapes {
  private Shapes() {}

  /**
   * A column described as SQLite stores it (its type and its default as SQLite renders it), in the
   * engine-neutral form, converted as a format-1 snapshot is read.
   */
  static ColumnShape col(String name, String sqlType, String javaType, boolean notNull, String defaultSql, int pk) {
    ValueKind kind = FormatOne.kind("test", name, false, javaType, sqlType);
    return new ColumnShape(name, kind, javaType, notNull, FormatOne.neutralDefault(kind, defaultSql), pk);
  }

  static ColumnShape key(String name) {
    return col(name, "INTEGER", "long", true, null, 1);
  }

  static ColumnShape text(String name, boolean notNull) {
    return col(name, "TEXT", "java.lang.String", notNull, null, 0);
  }

  static ColumnShape integer(String name, boolean notNull) {
    return col(name, "INTEGER", notNull ? "long" : "java.lang.Long", notNull, null, 0);
  }

  static ColumnShape json(String name) {
    return new ColumnShape(name, ValueKind.JSON, "java.util.List<java.lang.String>", false, null, 0);
  }

  static TableShape table(String name, List<ColumnShape> columns, List<IndexShape> indexes, List<ForeignKeyShape> keys) {
    return new TableShape(name, "p." + name, columns, false, indexes, keys);
  }

  static TableShape table(String name, ColumnShape... columns) {
    return table(name, List.of(columns), List.of(), List.of());
  }

  static IndexShape index(String name, boolean unique, String... columns) {
    return new IndexShape(name, List.of(columns), unique, false);
  }

  static ForeignKeyShape fk(String column, String table, String onDelete) {
    return new ForeignKeyShape(column, table, "id", onDelete, "NO ACTION");
  }

  static SchemaShape schema(int version, TableShape... tables) {
    return new SchemaShape("Db", version, List.of(tables));
  }

  static TableShape withColumns(TableShape table, UnaryOperator<List<ColumnShape>> change) {
    List<ColumnShape> columns = change.apply(new ArrayList<>(table.columns()));
    return new TableShape(table.name(), table.javaType(), columns, table.autoIncrement(), table.indexes(), table.foreignKeys());
  }

  static TableShape withIndexes(TableShape table, List<IndexShape> indexes) {
    return new TableShape(table.name(), table.javaType(), table.columns(), table.autoIncrement(), indexes, table.foreignKeys());
  }

  static TableShape withForeignKeys(TableShape table, List<ForeignKeyShape> keys) {
    return new TableShape(table.name(), table.javaType(), table.columns(), table.autoIncrement(), table.indexes(), keys);
  }
}

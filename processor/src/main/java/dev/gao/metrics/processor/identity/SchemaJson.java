package dev.gao.metrics.processor.identity;

import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.Shapes;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.Comparator;
import java.util.List;

/**
 * The normalized JSON form of a schema's structure, in engine-neutral terms: each column's value
 * {@code kind} and its declared {@code default} (see {@code NeutralDefaults}), never one engine's
 * SQL type or rendering of it. Tables keep schema order and columns table order (both are
 * meaningful); indexes are sorted by name and foreign keys by column, so declaring them in another
 * order does not change the text. Java row types and the schema's name and version are left out of
 * the structure, so renaming a record or raising the version keeps the identity. The finite bounds of
 * a {@code @Metric} column ({@code min}, {@code max}, as text that parses back to the same double)
 * are written only when present; unit and direction are not structure. So are {@code
 * nullSafeJsonCheck} and {@code normalizedTime}, written only when true, and the sorted constant
 * names an enum column is checked against ({@code enumNames}), written only when there are any.
 */
public final class SchemaJson {
  /** The version of this JSON layout, written into snapshots. */
  public static final int FORMAT_VERSION = 2;

  /** Writes the members of a column that come before those every format shares. */
  @FunctionalInterface
  public interface ColumnMembers {
    /** Writes the leading members of {@code column} into the open column object. */
    void write(JsonText json, ColumnShape column);
  }

  private SchemaJson() {}

  /** The structure of the schema's tables: the text the identity hash is computed from. */
  public static String structure(SchemaModel schema) {
    return structure(Shapes.of(schema));
  }

  /** The structure of stored tables: the text the identity hash is computed from. */
  public static String structure(SchemaShape schema) {
    return structure(schema, SchemaJson::neutralColumn);
  }

  /** The structure of stored tables with columns written by {@code columns}. */
  public static String structure(SchemaShape schema, ColumnMembers columns) {
    JsonText json = new JsonText().beginObject();
    tables(json, schema.tables(), false, columns);
    return json.endObject().text();
  }

  /** The identity hash of stored tables. */
  public static String identityHash(SchemaShape schema) {
    return IdentityHash.of(structure(schema));
  }

  /**
   * Writes member {@code tables}. With {@code complete}, each table also carries its row type and
   * each index whether it is automatic, as snapshots need to render the metadata of their version.
   */
  public static void tables(JsonText json, List<TableShape> tables, boolean complete) {
    tables(json, tables, complete, SchemaJson::neutralColumn);
  }

  /** Writes member {@code tables} with columns written by {@code columns}. */
  public static void tables(JsonText json, List<TableShape> tables, boolean complete, ColumnMembers columns) {
    json.name("tables").beginArray();
    for (TableShape table : tables) {
      table(json, table, complete, columns);
    }
    json.endArray();
  }

  private static void neutralColumn(JsonText json, ColumnShape column) {
    json.name("name")
        .value(column.name())
        .name("kind")
        .value(column.kind().name())
        .name("javaType")
        .value(column.javaType())
        .name("notNull")
        .value(column.notNull())
        .name("default")
        .value(column.defaultValue())
        .name("primaryKeyPosition")
        .value(column.primaryKeyPosition());
  }

  private static void table(JsonText json, TableShape table, boolean complete, ColumnMembers columns) {
    json.beginObject().name("name").value(table.name());
    if (complete) {
      json.name("javaType").value(table.javaType());
    }
    json.name("columns").beginArray();
    for (ColumnShape column : table.columns()) {
      json.beginObject();
      columns.write(json, column);
      // Only ranged columns carry bounds, so schemas without @Metric keep their text and hash.
      if (column.hasMin()) {
        json.name("min").value(ColumnShape.boundText(column.min()));
      }
      if (column.hasMax()) {
        json.name("max").value(ColumnShape.boundText(column.max()));
      }
      // Written only when true, so snapshots from before these rules keep their text and hash.
      if (column.nullSafeJsonCheck()) {
        json.name("nullSafeJsonCheck").value(true);
      }
      if (column.normalizedTime()) {
        json.name("normalizedTime").value(true);
      }
      if (column.enumChecked()) {
        json.name("enumNames").stringArray(column.enumNames());
      }
      json.endObject();
    }
    json.endArray().name("autoIncrement").value(table.autoIncrement()).name("indexes").beginArray();
    for (IndexShape index : table.indexes().stream().sorted(Comparator.comparing(IndexShape::name)).toList()) {
      json.beginObject()
          .name("name")
          .value(index.name())
          .name("columns")
          .stringArray(index.columns())
          .name("unique")
          .value(index.unique());
      if (complete) {
        json.name("automatic").value(index.automatic());
      }
      json.endObject();
    }
    json.endArray().name("foreignKeys").beginArray();
    for (ForeignKeyShape foreignKey :
        table.foreignKeys().stream().sorted(Comparator.comparing(ForeignKeyShape::column)).toList()) {
      json.beginObject()
          .name("column")
          .value(foreignKey.column())
          .name("referencedTable")
          .value(foreignKey.referencedTable())
          .name("referencedColumn")
          .value(foreignKey.referencedColumn())
          .name("onDelete")
          .value(foreignKey.onDelete())
          .name("onUpdate")
          .value(foreignKey.onUpdate())
          .endObject();
    }
    json.endArray().endObject();
  }
}

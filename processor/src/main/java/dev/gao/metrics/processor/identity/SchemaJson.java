package dev.gao.metrics.processor.identity;

import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.util.Comparator;
import java.util.List;

/**
 * The normalized JSON form of a schema's structure. Tables keep schema order and columns table
 * order (both are meaningful); indexes are sorted by name and foreign keys by column, so declaring
 * them in another order does not change the text. Java row types and the schema's name and version
 * are left out of the structure, so renaming a record or raising the version keeps the identity.
 */
public final class SchemaJson {
  /** The version of this JSON layout, written into snapshots. */
  public static final int FORMAT_VERSION = 1;

  private final SqlDialect dialect;

  /** A writer rendering types and defaults with {@code dialect}. */
  public SchemaJson(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** The structure of the schema's tables: the text the identity hash is computed from. */
  public String structure(SchemaModel schema) {
    JsonText json = new JsonText().beginObject();
    tables(json, schema.tables());
    return json.endObject().text();
  }

  /** A snapshot of one schema version: name, version, identity hash and structure. */
  public String snapshot(SchemaModel schema, String identityHash) {
    JsonText json =
        new JsonText()
            .beginObject()
            .name("formatVersion")
            .value(FORMAT_VERSION)
            .name("schema")
            .value(schema.name())
            .name("version")
            .value(schema.version())
            .name("identityHash")
            .value(identityHash);
    tables(json, schema.tables());
    return json.endObject().text();
  }

  private void tables(JsonText json, List<TableModel> tables) {
    json.name("tables").beginArray();
    for (TableModel table : tables) {
      table(json, table);
    }
    json.endArray();
  }

  private void table(JsonText json, TableModel table) {
    json.beginObject().name("name").value(table.name()).name("columns").beginArray();
    for (ColumnModel column : table.columns()) {
      json.beginObject()
          .name("name")
          .value(column.name())
          .name("sqlType")
          .value(dialect.sqlType(column.kind()))
          .name("javaType")
          .value(column.javaTypeText())
          .name("notNull")
          .value(dialect.notNullInDdl(table, column))
          .name("default")
          .value(dialect.defaultSql(column))
          .name("primaryKeyPosition")
          .value(column.primaryKeyPosition())
          .name("json")
          .value(column.json())
          .endObject();
    }
    json.endArray().name("autoIncrement").value(table.autoIncrement()).name("indexes").beginArray();
    for (IndexModel index :
        table.indexes().stream().sorted(Comparator.comparing(IndexModel::name)).toList()) {
      json.beginObject()
          .name("name")
          .value(index.name())
          .name("columns")
          .stringArray(index.columns())
          .name("unique")
          .value(index.unique())
          .endObject();
    }
    json.endArray().name("foreignKeys").beginArray();
    for (ForeignKeyModel foreignKey :
        table.foreignKeys().stream().sorted(Comparator.comparing(ForeignKeyModel::column)).toList()) {
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

package dev.gao.metrics.processor.migration;

import static dev.gao.metrics.processor.migration.Shapes.col;
import static dev.gao.metrics.processor.migration.Shapes.fk;
import static dev.gao.metrics.processor.migration.Shapes.index;
import static dev.gao.metrics.processor.migration.Shapes.integer;
import static dev.gao.metrics.processor.migration.Shapes.json;
import static dev.gao.metrics.processor.migration.Shapes.key;
import static dev.gao.metrics.processor.migration.Shapes.schema;
import static dev.gao.metrics.processor.migration.Shapes.table;
import static dev.gao.metrics.processor.migration.Shapes.text;
import static dev.gao.metrics.processor.migration.Shapes.withColumns;
import static dev.gao.metrics.processor.migration.Shapes.withForeignKeys;
import static dev.gao.metrics.processor.migration.Shapes.withIndexes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every change kind, rendered for SQLite and run up and down on a populated in-memory database: the
 * structure must equal a fresh database of the target version and kept values must survive.
 */
class MigrationSqlTest {
  private static final TableShape PARENT =
      table(
          "parent",
          List.of(key("id"), text("name", true), text("note", false), integer("score", false)),
          List.of(index("idx_parent_name", false, "name")),
          List.of());
  private static final TableShape CHILD =
      table(
          "child",
          List.of(key("id"), integer("parent_id", true), text("label", false)),
          List.of(new dev.gao.metrics.processor.structure.IndexShape("idx_child_parent_id", List.of("parent_id"), false, true)),
          List.of(fk("parent_id", "parent", "CASCADE")));
  private static final SchemaShape V1 = schema(1, PARENT, CHILD);

  private static SchemaShape v2(TableShape parent, TableShape child) {
    return child == null ? schema(2, parent) : schema(2, parent, child);
  }

  private static TableShape parent(UnaryOperator<List<ColumnShape>> change) {
    return withColumns(PARENT, change);
  }

  private static StepSql up(SchemaShape to, Renames renames) throws SQLException {
    SqliteDatabase.assertRoundTrip(V1, to, renames);
    return SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(V1, to, renames));
  }

  private static StepSql up(SchemaShape to) throws SQLException {
    return up(to, Renames.NONE);
  }

  private static StepSql down(SchemaShape to, Renames renames) {
    return SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(to, V1, renames.inverse()));
  }

  @Test
  void addTable() throws SQLException {
    TableShape extra = table("extra", List.of(key("id"), text("body", false)), List.of(index("idx_extra_body", true, "body")), List.of());
    StepSql sql = up(schema(2, PARENT, CHILD, extra));
    assertEquals(
        List.of(
            "CREATE TABLE \"extra\" (\n  \"id\" INTEGER NOT NULL PRIMARY KEY,\n  \"body\" TEXT\n) STRICT",
            "CREATE UNIQUE INDEX \"idx_extra_body\" ON \"extra\" (\"body\")"),
        sql.statements());
    assertFalse(sql.foreignKeysOff());
    assertEquals(List.of("DROP TABLE \"extra\""), down(schema(2, PARENT, CHILD, extra), Renames.NONE).finalStatements());
  }

  @Test
  void dropTable() throws SQLException {
    StepSql sql = up(v2(PARENT, null));
    assertEquals(List.of("DROP INDEX \"idx_child_parent_id\""), sql.statements());
    assertEquals(List.of("DROP TABLE \"child\""), sql.finalStatements());
    assertTrue(sql.foreignKeysOff());
  }

  @Test
  void renameTableUpdatesForeignKeys() throws SQLException {
    TableShape owner = PARENT.named("owner");
    TableShape child = withForeignKeys(CHILD, List.of(fk("parent_id", "owner", "CASCADE")));
    Renames renames = new Renames(List.of(new Renames.TableRename("parent", "owner")), List.of());
    StepSql sql = up(v2(owner, child), renames);
    assertEquals(List.of("ALTER TABLE \"parent\" RENAME TO \"owner\""), sql.statements());
    assertEquals(List.of("ALTER TABLE \"owner\" RENAME TO \"parent\""), down(v2(owner, child), renames).statements());
  }

  @Test
  void addNullableColumnNatively() throws SQLException {
    StepSql sql = up(v2(parent(c -> add(c, text("extra", false))), CHILD));
    assertEquals(List.of("ALTER TABLE \"parent\" ADD COLUMN \"extra\" TEXT"), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"extra\""), down(v2(parent(c -> add(c, text("extra", false))), CHILD), Renames.NONE).finalStatements());
  }

  @Test
  void addNotNullColumnWithConstantDefaultNatively() throws SQLException {
    StepSql sql = up(v2(parent(c -> add(c, col("level", "INTEGER", "int", true, "3", 0))), CHILD));
    assertEquals(List.of("ALTER TABLE \"parent\" ADD COLUMN \"level\" INTEGER NOT NULL DEFAULT 3"), sql.statements());
  }

  @Test
  void addNotNullColumnWithoutDefaultRebuildsWithZeroValues() throws SQLException {
    StepSql sql = up(v2(parent(c -> add(c, col("at", "TEXT", "java.time.Instant", true, null, 0))), CHILD));
    assertTrue(sql.foreignKeysOff());
    assertEquals(
        "INSERT INTO \"parent__new\" (\"id\", \"name\", \"note\", \"score\", \"at\") SELECT \"id\", \"name\", \"note\","
            + " \"score\", '1970-01-01T00:00:00.000000000Z' FROM \"parent\"",
        sql.statements().get(1));
  }

  @Test
  void addColumnWithExpressionDefaultRebuilds() throws SQLException {
    ColumnShape created = col("created", "TEXT", "java.time.Instant", true, "(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))", 0);
    StepSql sql = up(v2(parent(c -> add(c, created)), CHILD));
    assertEquals("DROP TABLE \"parent\"", sql.statements().get(2));
    assertEquals("ALTER TABLE \"parent__new\" RENAME TO \"parent\"", sql.statements().get(3));
    assertEquals("CREATE INDEX \"idx_parent_name\" ON \"parent\" (\"name\")", sql.statements().get(4));
  }

  @Test
  void addColumnInTheMiddleRebuilds() throws SQLException {
    StepSql sql = up(v2(parent(c -> {
      c.add(1, text("first", false));
      return c;
    }), CHILD));
    assertTrue(sql.foreignKeysOff());
  }

  @Test
  void addJsonAndForeignKeyColumnsNatively() throws SQLException {
    TableShape child =
        withForeignKeys(
            withColumns(CHILD, c -> add(add(c, json("tags")), integer("other_id", false))),
            List.of(fk("parent_id", "parent", "CASCADE"), fk("other_id", "parent", "SET NULL")));
    StepSql sql = up(v2(PARENT, child));
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" ADD COLUMN \"tags\" TEXT CHECK (json_valid(\"tags\"))",
            "ALTER TABLE \"child\" ADD COLUMN \"other_id\" INTEGER REFERENCES \"parent\" (\"id\") ON DELETE SET NULL"),
        sql.statements());
    assertTrue(down(v2(PARENT, child), Renames.NONE).foreignKeysOff());
  }

  @Test
  void dropColumnNativelyAfterDataMigrations() throws SQLException {
    StepSql sql = up(v2(parent(c -> remove(c, "note")), CHILD));
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"note\""), sql.finalStatements());
  }

  @Test
  void dropIndexedColumnDropsItsIndexFirst() throws SQLException {
    TableShape parent = withIndexes(parent(c -> remove(c, "name")), List.of());
    StepSql sql = up(v2(parent, CHILD));
    assertEquals(List.of("DROP INDEX \"idx_parent_name\""), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"name\""), sql.finalStatements());
  }

  @Test
  void dropJsonColumnRebuilds() throws SQLException {
    SchemaShape withJson = schema(1, withColumns(PARENT, c -> add(c, json("tags"))), CHILD);
    SqliteDatabase.assertRoundTrip(withJson, schema(2, PARENT, CHILD), Renames.NONE);
  }

  @Test
  void rebuildKeepsDroppedColumnsForDataMigrations() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(remove(c, "note"), "name", text("name", false))), CHILD));
    assertTrue(sql.statements().get(0).endsWith("\"note\" TEXT\n) STRICT"), sql.statements().get(0));
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"note\""), sql.finalStatements());
  }

  @Test
  void renameColumn() throws SQLException {
    Renames renames = new Renames(List.of(), List.of(new Renames.ColumnRename("parent", "note", "remark")));
    SchemaShape to = v2(parent(c -> replace(c, "note", c.get(2).named("remark"))), CHILD);
    StepSql sql = up(to, renames);
    assertEquals(List.of("ALTER TABLE \"parent\" RENAME COLUMN \"note\" TO \"remark\""), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" RENAME COLUMN \"remark\" TO \"note\""), down(to, renames).statements());
  }

  @Test
  void renameIndexedColumnRecreatesItsRenamedIndex() throws SQLException {
    Renames renames = new Renames(List.of(), List.of(new Renames.ColumnRename("parent", "name", "title")));
    TableShape parent =
        withIndexes(parent(c -> replace(c, "name", c.get(1).named("title"))), List.of(index("idx_parent_title", false, "title")));
    up(v2(parent, CHILD), renames);
  }

  @Test
  void renameTableAndColumnTogether() throws SQLException {
    Renames renames =
        new Renames(
            List.of(new Renames.TableRename("parent", "owner")), List.of(new Renames.ColumnRename("owner", "score", "points")));
    TableShape owner = withColumns(PARENT.named("owner"), c -> replace(c, "score", c.get(3).named("points")));
    up(v2(owner, withForeignKeys(CHILD, List.of(fk("parent_id", "owner", "CASCADE")))), renames);
  }

  @Test
  void wideningTypeChangeCasts() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "score", col("score", "REAL", "java.lang.Double", false, null, 0))), CHILD));
    assertTrue(sql.statements().get(1).contains("CAST(\"score\" AS REAL)"), sql.statements().get(1));
  }

  @Test
  void narrowingTypeChangeCasts() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "note", integer("note", false))), CHILD));
    assertTrue(sql.statements().get(1).contains("CAST(\"note\" AS INTEGER)"));
  }

  @Test
  void columnMadeNotNullWithDefaultCoalesces() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "note", col("note", "TEXT", "java.lang.String", true, "'none'", 0))), CHILD));
    assertTrue(sql.statements().get(1).contains("COALESCE(\"note\", 'none')"), sql.statements().get(1));
  }

  @Test
  void columnMadeNotNullWithoutDefaultGetsZeroValues() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "score", integer("score", true))), CHILD));
    assertTrue(sql.statements().get(1).contains("COALESCE(\"score\", 0)"), sql.statements().get(1));
  }

  @Test
  void columnMadeNullable() throws SQLException {
    up(v2(parent(c -> replace(c, "name", text("name", false))), CHILD));
  }

  @Test
  void defaultChanged() throws SQLException {
    up(v2(parent(c -> replace(c, "note", col("note", "TEXT", "java.lang.String", false, "'n/a'", 0))), CHILD));
  }

  @Test
  void primaryKeyChanged() throws SQLException {
    TableShape child =
        withColumns(CHILD, c -> replace(c, "parent_id", col("parent_id", "INTEGER", "long", true, null, 2)));
    StepSql sql = up(v2(PARENT, child));
    assertTrue(sql.statements().get(0).contains("PRIMARY KEY (\"id\", \"parent_id\")"), sql.statements().get(0));
  }

  @Test
  void automaticKeyChanged() throws SQLException {
    TableShape parent = new TableShape("parent", "p.parent", PARENT.columns().stream()
        .map(c -> c.inPrimaryKey() ? new ColumnShape("id", ValueKind.LONG, "long", false, null, 1) : c).toList(),
        true, PARENT.indexes(), List.of());
    StepSql sql = up(v2(parent, CHILD));
    assertTrue(sql.statements().get(0).contains("PRIMARY KEY AUTOINCREMENT"));
  }

  @Test
  void indexesAddedAndDropped() throws SQLException {
    TableShape parent = withIndexes(PARENT, List.of(index("idx_parent_score", true, "score"), index("idx_parent_name_note", false, "name", "note")));
    StepSql sql = up(v2(parent, CHILD));
    assertEquals(
        List.of(
            "DROP INDEX \"idx_parent_name\"",
            "CREATE UNIQUE INDEX \"idx_parent_score\" ON \"parent\" (\"score\")",
            "CREATE INDEX \"idx_parent_name_note\" ON \"parent\" (\"name\", \"note\")"),
        sql.statements());
    assertFalse(sql.foreignKeysOff());
  }

  @Test
  void indexMadeUnique() throws SQLException {
    up(v2(withIndexes(PARENT, List.of(index("idx_parent_name", true, "name"))), CHILD));
  }

  @Test
  void foreignKeyAddedToExistingColumn() throws SQLException {
    SchemaShape from = schema(1, PARENT, withColumns(CHILD, c -> add(c, integer("other_id", false))));
    TableShape child = withForeignKeys(from.tables().get(1), List.of(fk("parent_id", "parent", "CASCADE"), fk("other_id", "parent", "NO ACTION")));
    SqliteDatabase.assertRoundTrip(from, schema(2, PARENT, child), Renames.NONE);
    assertTrue(SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(from, schema(2, PARENT, child), Renames.NONE)).foreignKeysOff());
  }

  @Test
  void foreignKeyDropped() throws SQLException {
    StepSql sql = up(v2(PARENT, withForeignKeys(CHILD, List.of())));
    assertTrue(sql.foreignKeysOff());
  }

  @Test
  void foreignKeyActionChanged() throws SQLException {
    StepSql sql = up(v2(PARENT, withForeignKeys(CHILD, List.of(fk("parent_id", "parent", "RESTRICT")))));
    assertTrue(sql.statements().get(0).contains("ON DELETE RESTRICT"));
    assertEquals(
        List.of(ChangeKind.CHANGE_FOREIGN_KEY_ACTION),
        SchemaDiffer.diff(V1, v2(PARENT, withForeignKeys(CHILD, List.of(fk("parent_id", "parent", "RESTRICT")))), Renames.NONE)
            .changes().stream().map(Change::kind).toList());
  }

  @Test
  void unchangedSchemaHasNoStatements() throws SQLException {
    StepSql sql = up(v2(PARENT, CHILD));
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of(), sql.finalStatements());
    assertFalse(sql.foreignKeysOff());
  }

  @Test
  void columnsSwappedRebuild() throws SQLException {
    StepSql sql = up(v2(parent(c -> {
      ColumnShape note = c.remove(2);
      c.add(note);
      return c;
    }), CHILD));
    assertTrue(sql.foreignKeysOff());
  }

  static List<ColumnShape> add(List<ColumnShape> columns, ColumnShape column) {
    columns.add(column);
    return columns;
  }

  static List<ColumnShape> remove(List<ColumnShape> columns, String name) {
    columns.removeIf(c -> c.name().equals(name));
    return columns;
  }

  static List<ColumnShape> replace(List<ColumnShape> columns, String name, ColumnShape column) {
    columns.replaceAll(c -> c.name().equals(name) ? column : c);
    return columns;
  }
}

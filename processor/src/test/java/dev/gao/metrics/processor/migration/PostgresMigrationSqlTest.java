package dev.gao.metrics.processor.migration;

import static dev.gao.metrics.processor.migration.MigrationSqlTest.add;
import static dev.gao.metrics.processor.migration.MigrationSqlTest.remove;
import static dev.gao.metrics.processor.migration.MigrationSqlTest.replace;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every change kind rendered for PostgreSQL, and run up and down on a populated schema of the test
 * server: the catalog must describe the structure of a freshly created schema of the target
 * version, and kept values must survive. The tables are those of {@link MigrationSqlTest}.
 */
class PostgresMigrationSqlTest {
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
          List.of(new IndexShape("idx_child_parent_id", List.of("parent_id"), false, true)),
          List.of(fk("parent_id", "parent", "CASCADE")));
  private static final SchemaShape V1 = schema(1, PARENT, CHILD);

  private static final Set<ChangeKind> COVERED = EnumSet.noneOf(ChangeKind.class);

  private static SchemaShape v2(TableShape parent, TableShape child) {
    return child == null ? schema(2, parent) : schema(2, parent, child);
  }

  private static TableShape parent(UnaryOperator<List<ColumnShape>> change) {
    return withColumns(PARENT, change);
  }

  private static StepSql up(SchemaShape from, SchemaShape to, Renames renames) throws SQLException {
    StepPlan plan = SchemaDiffer.diff(from, to, renames);
    plan.changes().forEach(c -> COVERED.add(c.kind()));
    assertTrue(PostgresDatabase.assertRoundTrip(PostgresMigrationSqlTest.class, from, to, renames), "the step ran");
    return PostgresDatabase.DIALECT.migrate(plan);
  }

  private static StepSql up(SchemaShape to, Renames renames) throws SQLException {
    return up(V1, to, renames);
  }

  private static StepSql up(SchemaShape to) throws SQLException {
    return up(to, Renames.NONE);
  }

  private static StepSql down(SchemaShape to, Renames renames) {
    return PostgresDatabase.DIALECT.migrate(SchemaDiffer.diff(to, V1, renames.inverse()));
  }

  private static StepSql step(SchemaShape from, SchemaShape to) {
    return PostgresDatabase.DIALECT.migrate(SchemaDiffer.diff(from, to, Renames.NONE));
  }

  @AfterAll
  static void everyChangeKindRanOnTheServer() {
    assertEquals(EnumSet.allOf(ChangeKind.class), COVERED);
  }

  @Test
  void addTable() throws SQLException {
    TableShape extra = table("extra", List.of(key("id"), text("body", false)), List.of(index("idx_extra_body", true, "body")), List.of());
    StepSql sql = up(schema(2, PARENT, CHILD, extra));
    assertEquals(
        List.of(
            "CREATE TABLE \"extra\" (\n  \"id\" bigint NOT NULL PRIMARY KEY,\n  \"body\" text\n)",
            "CREATE UNIQUE INDEX \"idx_extra_body\" ON \"extra\" (\"body\")"),
        sql.statements());
    assertEquals(List.of("DROP INDEX \"idx_extra_body\""), down(schema(2, PARENT, CHILD, extra), Renames.NONE).statements());
    assertEquals(List.of("DROP TABLE \"extra\""), down(schema(2, PARENT, CHILD, extra), Renames.NONE).finalStatements());
  }

  @Test
  void addedTablesReferringToEachOtherGetTheirForeignKeysOnceBothExist() throws SQLException {
    TableShape first = table("first", List.of(key("id"), integer("second_id", false)), List.of(), List.of(fk("second_id", "second", "SET NULL")));
    TableShape second = table("second", List.of(key("id"), integer("first_id", false)), List.of(), List.of(fk("first_id", "first", "CASCADE")));
    SchemaShape to = schema(2, PARENT, CHILD, first, second);
    StepSql sql = step(V1, to);
    assertEquals(
        List.of(
            "CREATE TABLE \"first\" (\n  \"id\" bigint NOT NULL PRIMARY KEY,\n  \"second_id\" bigint\n)",
            "CREATE TABLE \"second\" (\n  \"id\" bigint NOT NULL PRIMARY KEY,\n  \"first_id\" bigint,\n"
                + "  CONSTRAINT \"fk_second_first_id\" FOREIGN KEY (\"first_id\") REFERENCES \"first\" (\"id\") ON DELETE CASCADE\n)",
            "ALTER TABLE \"first\" ADD CONSTRAINT \"fk_first_second_id\" FOREIGN KEY (\"second_id\") REFERENCES \"second\" (\"id\")"
                + " ON DELETE SET NULL"),
        sql.statements());
    StepSql down = step(to, V1);
    assertEquals(
        List.of(
            "ALTER TABLE \"second\" DROP CONSTRAINT \"fk_second_first_id\"",
            "DROP TABLE \"first\"",
            "DROP TABLE \"second\""),
        down.finalStatements());
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), V1);
        PostgresDatabase fresh = PostgresDatabase.create(getClass(), V1)) {
      db.fill(V1);
      db.run(sql);
      db.execute("INSERT INTO \"first\" VALUES (1, NULL)");
      db.execute("INSERT INTO \"second\" VALUES (1, 1)");
      db.execute("UPDATE \"first\" SET \"second_id\" = 1");
      assertEquals(
          List.of(
              List.of("fk_first_second_id", "FOREIGN KEY (second_id) REFERENCES second(id) ON DELETE SET NULL"),
              List.of("fk_second_first_id", "FOREIGN KEY (first_id) REFERENCES first(id) ON DELETE CASCADE")),
          db.query("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'"
              + " AND connamespace = current_schema()::regnamespace AND conrelid::regclass::text IN ('first', 'second')"
              + " ORDER BY conname"));
      db.run(down);
      assertEquals(fresh.structure(), db.structure());
    }
  }

  @Test
  void dropTableAfterTheTablesThatReferToIt() throws SQLException {
    StepSql sql = up(V1, schema(2), Renames.NONE);
    assertEquals(List.of("DROP INDEX \"idx_parent_name\"", "DROP INDEX \"idx_child_parent_id\""), sql.statements());
    assertEquals(List.of("DROP TABLE \"child\"", "DROP TABLE \"parent\""), sql.finalStatements());
    assertFalse(sql.foreignKeysOff());
  }

  @Test
  void renameTableRenamesItsConstraints() throws SQLException {
    TableShape owner = PARENT.named("owner");
    TableShape child = withForeignKeys(CHILD, List.of(fk("parent_id", "owner", "CASCADE")));
    Renames renames = new Renames(List.of(new Renames.TableRename("parent", "owner")), List.of());
    StepSql sql = up(v2(owner, child), renames);
    assertEquals(
        List.of(
            "ALTER TABLE \"parent\" RENAME TO \"owner\"",
            "ALTER TABLE \"owner\" RENAME CONSTRAINT \"parent_pkey\" TO \"owner_pkey\""),
        sql.statements());
    assertEquals(
        List.of(
            "ALTER TABLE \"owner\" RENAME TO \"parent\"",
            "ALTER TABLE \"parent\" RENAME CONSTRAINT \"owner_pkey\" TO \"parent_pkey\""),
        down(v2(owner, child), renames).statements());
  }

  @Test
  void renameReferringTableRenamesItsForeignKey() throws SQLException {
    TableShape kid = CHILD.named("kid");
    Renames renames = new Renames(List.of(new Renames.TableRename("child", "kid")), List.of());
    StepSql sql = up(v2(PARENT, kid), renames);
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" RENAME TO \"kid\"",
            "ALTER TABLE \"kid\" RENAME CONSTRAINT \"child_pkey\" TO \"kid_pkey\"",
            "ALTER TABLE \"kid\" RENAME CONSTRAINT \"fk_child_parent_id\" TO \"fk_kid_parent_id\""),
        sql.statements());
  }

  @Test
  void addNullableColumn() throws SQLException {
    SchemaShape to = v2(parent(c -> add(c, text("extra", false))), CHILD);
    StepSql sql = up(to);
    assertEquals(List.of("ALTER TABLE \"parent\" ADD COLUMN \"extra\" text"), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"extra\""), down(to, Renames.NONE).finalStatements());
  }

  @Test
  void addNotNullColumnWithConstantDefault() throws SQLException {
    StepSql sql = up(v2(parent(c -> add(c, col("level", "INTEGER", "int", true, "3", 0))), CHILD));
    assertEquals(List.of("ALTER TABLE \"parent\" ADD COLUMN \"level\" integer NOT NULL DEFAULT 3"), sql.statements());
  }

  @Test
  void addNotNullColumnWithoutDefaultGivesStoredRowsTheZeroValue() throws SQLException {
    SchemaShape to = v2(parent(c -> add(c, col("at", "TEXT", "java.time.Instant", true, null, 0))), CHILD);
    StepSql sql = up(to);
    assertEquals(
        List.of(
            "ALTER TABLE \"parent\" ADD COLUMN \"at\" timestamp with time zone NOT NULL DEFAULT '1970-01-01T00:00:00Z'",
            "ALTER TABLE \"parent\" ALTER COLUMN \"at\" DROP DEFAULT"),
        sql.statements());
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), V1)) {
      db.fill(V1);
      db.run(sql);
      assertEquals(List.of("1970-01-01 00:00:00+00"), db.query("SELECT DISTINCT \"at\" FROM \"parent\"").get(0));
    }
  }

  @Test
  void addNotNullColumnsOfEveryKindWithoutDefault() throws SQLException {
    List<ColumnShape> added = new ArrayList<>();
    for (ValueKind kind : ValueKind.values()) {
      added.add(new ColumnShape("z_" + kind.name().toLowerCase(Locale.ROOT), kind, kind.name(), true, null, 0));
    }
    SchemaShape to = v2(parent(c -> {
      c.addAll(added);
      return c;
    }), CHILD);
    StepSql sql = up(to);
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), V1)) {
      db.fill(V1);
      db.run(sql);
      List<String> zeros = db.query("SELECT DISTINCT " + String.join(", ", added.stream().map(c -> c.name()).toList()) + " FROM parent").get(0);
      assertEquals(
          List.of(
              "", "f", "0", "0", "0", "0", "0", "0", "0", "", "1970-01-01 00:00:00+00", "1970-01-01 00:00:00+00",
              "1970-01-01 00:00:00", "1970-01-01", "00000000-0000-0000-0000-000000000000", "\\x", "null"),
          zeros);
    }
  }

  @Test
  void addColumnWithTheCurrentTimeAsDefault() throws SQLException {
    ColumnShape created = new ColumnShape("created", ValueKind.INSTANT, "java.time.Instant", true, "CURRENT_TIMESTAMP", 0);
    ColumnShape local = new ColumnShape("local", ValueKind.LOCAL_DATE_TIME, "java.time.LocalDateTime", false, "CURRENT_TIMESTAMP", 0);
    StepSql sql = up(v2(parent(c -> add(add(c, created), local)), CHILD));
    assertEquals(
        List.of(
            "ALTER TABLE \"parent\" ADD COLUMN \"created\" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP",
            "ALTER TABLE \"parent\" ADD COLUMN \"local\" timestamp without time zone DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC')"),
        sql.statements());
  }

  @Test
  void addColumnInTheMiddleAppendsIt() throws SQLException {
    StepSql sql = up(v2(parent(c -> {
      c.add(1, text("first", false));
      return c;
    }), CHILD));
    assertEquals(List.of("ALTER TABLE \"parent\" ADD COLUMN \"first\" text"), sql.statements());
  }

  @Test
  void addJsonAndForeignKeyColumns() throws SQLException {
    TableShape child =
        withForeignKeys(
            withColumns(CHILD, c -> add(add(c, json("tags")), integer("other_id", false))),
            List.of(fk("parent_id", "parent", "CASCADE"), fk("other_id", "parent", "SET NULL")));
    SchemaShape to = v2(PARENT, child);
    StepSql sql = up(to);
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" ADD COLUMN \"tags\" jsonb",
            "ALTER TABLE \"child\" ADD COLUMN \"other_id\" bigint",
            "ALTER TABLE \"child\" ADD CONSTRAINT \"fk_child_other_id\" FOREIGN KEY (\"other_id\") REFERENCES \"parent\" (\"id\")"
                + " ON DELETE SET NULL"),
        sql.statements());
    StepSql down = down(to, Renames.NONE);
    assertEquals(List.of("ALTER TABLE \"child\" DROP CONSTRAINT \"fk_child_other_id\""), down.statements());
    assertEquals(
        List.of("ALTER TABLE \"child\" DROP COLUMN \"tags\"", "ALTER TABLE \"child\" DROP COLUMN \"other_id\""),
        down.finalStatements());
  }

  @Test
  void dropColumnAfterDataMigrations() throws SQLException {
    StepSql sql = up(v2(parent(c -> remove(c, "note")), CHILD));
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"note\""), sql.finalStatements());
  }

  @Test
  void droppedNotNullColumnTakesNullUntilItIsDropped() throws SQLException {
    TableShape parent = withIndexes(parent(c -> remove(c, "name")), List.of());
    StepSql sql = up(v2(parent, CHILD));
    assertEquals(
        List.of("DROP INDEX \"idx_parent_name\"", "ALTER TABLE \"parent\" ALTER COLUMN \"name\" DROP NOT NULL"),
        sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" DROP COLUMN \"name\""), sql.finalStatements());
  }

  @Test
  void dropJsonColumn() throws SQLException {
    up(schema(1, withColumns(PARENT, c -> add(c, json("tags"))), CHILD), V1, Renames.NONE);
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
  void renameForeignKeyColumnRenamesItsConstraint() throws SQLException {
    Renames renames = new Renames(List.of(), List.of(new Renames.ColumnRename("child", "parent_id", "owner_id")));
    TableShape child =
        new TableShape(
            "child",
            "p.child",
            List.of(key("id"), integer("owner_id", true), text("label", false)),
            false,
            CHILD.indexes().stream().map(i -> new IndexShape(i.name(), List.of("owner_id"), i.unique(), i.automatic())).toList(),
            List.of(fk("owner_id", "parent", "CASCADE")));
    StepSql sql = up(v2(PARENT, child), renames);
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" RENAME COLUMN \"parent_id\" TO \"owner_id\"",
            "ALTER TABLE \"child\" RENAME CONSTRAINT \"fk_child_parent_id\" TO \"fk_child_owner_id\""),
        sql.statements());
  }

  @Test
  void renameIndexedColumnRecreatesItsRenamedIndex() throws SQLException {
    Renames renames = new Renames(List.of(), List.of(new Renames.ColumnRename("parent", "name", "title")));
    TableShape parent =
        withIndexes(parent(c -> replace(c, "name", c.get(1).named("title"))), List.of(index("idx_parent_title", false, "title")));
    StepSql sql = up(v2(parent, CHILD), renames);
    assertEquals(
        List.of(
            "DROP INDEX \"idx_parent_name\"",
            "ALTER TABLE \"parent\" RENAME COLUMN \"name\" TO \"title\"",
            "CREATE INDEX \"idx_parent_title\" ON \"parent\" (\"title\")"),
        sql.statements());
  }

  @Test
  void renameTableAndColumnTogether() throws SQLException {
    Renames renames =
        new Renames(
            List.of(new Renames.TableRename("parent", "owner")), List.of(new Renames.ColumnRename("owner", "score", "points")));
    TableShape owner = withColumns(PARENT.named("owner"), c -> replace(c, "score", c.get(3).named("points")));
    StepSql sql = up(v2(owner, withForeignKeys(CHILD, List.of(fk("parent_id", "owner", "CASCADE")))), renames);
    assertEquals(
        List.of(
            "ALTER TABLE \"parent\" RENAME TO \"owner\"",
            "ALTER TABLE \"owner\" RENAME COLUMN \"score\" TO \"points\"",
            "ALTER TABLE \"owner\" RENAME CONSTRAINT \"parent_pkey\" TO \"owner_pkey\""),
        sql.statements());
  }

  @Test
  void wideningTypeChangeChecksThatEveryValueIsKept() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "score", col("score", "REAL", "java.lang.Double", false, null, 0))), CHILD));
    assertEquals(
        List.of(
            "DO $$BEGIN IF EXISTS (SELECT 1 FROM \"parent\" WHERE \"score\"::double precision::bigint <> \"score\") THEN RAISE"
                + " EXCEPTION 'column parent.score holds values that type double precision cannot hold exactly' USING ERRCODE ="
                + " 'data_exception'; END IF; END$$",
            "ALTER TABLE \"parent\" ALTER COLUMN \"score\" TYPE double precision USING \"score\"::double precision"),
        sql.statements());
  }

  @Test
  void textBecomesNumbersWhenEveryValueIsOne() throws SQLException {
    SchemaShape to = v2(parent(c -> replace(c, "note", integer("note", false))), CHILD);
    StepSql sql = step(V1, to);
    assertEquals(List.of("ALTER TABLE \"parent\" ALTER COLUMN \"note\" TYPE bigint USING \"note\"::bigint"), sql.statements());
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), V1)) {
      db.fill(V1);
      var structure = db.structure();
      List<String> values = db.values("parent", List.of("id", "note"));
      SQLException refused = assertThrows(SQLException.class, () -> db.run(sql));
      assertTrue(refused.getMessage().contains("invalid input syntax for type bigint"), refused.getMessage());
      assertEquals(structure, db.structure(), "the failed step left the table as it was");
      assertEquals(values, db.values("parent", List.of("id", "note")));
      db.execute("UPDATE \"parent\" SET \"note\" = (\"id\" * 10)::text WHERE \"note\" IS NOT NULL");
      db.run(sql);
      assertEquals(List.of("[1, null]", "[2, 20]", "[3, 30]", "[4, null]", "[5, 50]", "[6, 60]"), db.values("parent", List.of("id", "note")));
      db.run(step(to, V1));
      assertEquals(List.of("[1, null]", "[2, 20]", "[3, 30]", "[4, null]", "[5, 50]", "[6, 60]"), db.values("parent", List.of("id", "note")));
    }
  }

  @Test
  void columnMadeNotNullWithDefaultFillsNulls() throws SQLException {
    SchemaShape to = v2(parent(c -> replace(c, "note", col("note", "TEXT", "java.lang.String", true, "'none'", 0))), CHILD);
    StepSql sql = up(to);
    assertEquals(
        List.of(
            "ALTER TABLE \"parent\" ALTER COLUMN \"note\" SET DEFAULT 'none'",
            "UPDATE \"parent\" SET \"note\" = 'none' WHERE \"note\" IS NULL",
            "ALTER TABLE \"parent\" ALTER COLUMN \"note\" SET NOT NULL"),
        sql.statements());
    assertEquals(
        List.of("ALTER TABLE \"parent\" ALTER COLUMN \"note\" DROP DEFAULT", "ALTER TABLE \"parent\" ALTER COLUMN \"note\" DROP NOT NULL"),
        down(to, Renames.NONE).statements());
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), V1)) {
      db.fill(V1);
      db.run(sql);
      assertEquals(
          List.of("[1, none]", "[2, note-1]", "[3, note-2]", "[4, none]", "[5, note-4]", "[6, note-5]"),
          db.values("parent", List.of("id", "note")));
    }
  }

  @Test
  void columnMadeNotNullWithoutDefaultGetsZeroValues() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "score", integer("score", true))), CHILD));
    assertEquals(
        List.of(
            "UPDATE \"parent\" SET \"score\" = 0 WHERE \"score\" IS NULL",
            "ALTER TABLE \"parent\" ALTER COLUMN \"score\" SET NOT NULL"),
        sql.statements());
  }

  @Test
  void columnMadeNullable() throws SQLException {
    StepSql sql = up(v2(parent(c -> replace(c, "name", text("name", false))), CHILD));
    assertEquals(List.of("ALTER TABLE \"parent\" ALTER COLUMN \"name\" DROP NOT NULL"), sql.statements());
  }

  @Test
  void defaultChanged() throws SQLException {
    SchemaShape to = v2(parent(c -> replace(c, "note", col("note", "TEXT", "java.lang.String", false, "'n/a'", 0))), CHILD);
    StepSql sql = up(to);
    assertEquals(List.of("ALTER TABLE \"parent\" ALTER COLUMN \"note\" SET DEFAULT 'n/a'"), sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" ALTER COLUMN \"note\" DROP DEFAULT"), down(to, Renames.NONE).statements());
  }

  @Test
  void primaryKeyChanged() throws SQLException {
    TableShape child =
        withColumns(CHILD, c -> replace(c, "parent_id", col("parent_id", "INTEGER", "long", true, null, 2)));
    StepSql sql = up(v2(PARENT, child));
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" DROP CONSTRAINT \"child_pkey\"",
            "ALTER TABLE \"child\" ADD PRIMARY KEY (\"id\", \"parent_id\")"),
        sql.statements());
  }

  @Test
  void primaryKeyOfAReferencedTableChangesAroundItsForeignKeys() throws SQLException {
    ColumnShape code = text("code", true);
    TableShape parent = new TableShape("parent", "p.parent", List.of(key("id"), code), false, List.of(), List.of());
    TableShape child = table("child", List.of(key("id"), integer("parent_id", true)), List.of(), List.of(fk("parent_id", "parent", "CASCADE")));
    TableShape parentByCode =
        new TableShape("parent", "p.parent", List.of(integer("id", true), col("code", "TEXT", "java.lang.String", true, null, 1)), false, List.of(), List.of());
    TableShape childByCode =
        table("child", List.of(key("id"), text("parent_id", true)), List.of(), List.of(new ForeignKeyShape("parent_id", "parent", "code", "CASCADE", "NO ACTION")));
    StepSql sql = step(schema(1, parent, child), schema(2, parentByCode, childByCode));
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" DROP CONSTRAINT \"fk_child_parent_id\"",
            "ALTER TABLE \"parent\" DROP CONSTRAINT \"parent_pkey\"",
            "ALTER TABLE \"parent\" ADD PRIMARY KEY (\"code\")",
            "ALTER TABLE \"child\" ALTER COLUMN \"parent_id\" TYPE text USING \"parent_id\"::text",
            "ALTER TABLE \"child\" ADD CONSTRAINT \"fk_child_parent_id\" FOREIGN KEY (\"parent_id\") REFERENCES \"parent\" (\"code\")"
                + " ON DELETE CASCADE"),
        sql.statements());
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), schema(1, parent, child));
        PostgresDatabase fresh = PostgresDatabase.create(getClass(), schema(2, parentByCode, childByCode))) {
      db.execute("INSERT INTO \"parent\" VALUES (1, '1'), (2, '2')");
      db.execute("INSERT INTO \"child\" VALUES (10, 1), (20, 2), (30, 2)");
      db.run(sql);
      assertEquals(fresh.structure(), db.structure());
      assertEquals(List.of("[10, 1]", "[20, 2]", "[30, 2]"), db.values("child", List.of("id", "parent_id")));
    }
  }

  @Test
  void automaticKeyTurnedOnAndOff() throws SQLException {
    TableShape parent = new TableShape("parent", "p.parent", PARENT.columns().stream()
        .map(c -> c.inPrimaryKey() ? new ColumnShape("id", ValueKind.LONG, "long", false, null, 1) : c).toList(),
        true, PARENT.indexes(), List.of());
    SchemaShape to = v2(parent, CHILD);
    StepSql sql = up(to);
    assertEquals(
        List.of(
            "ALTER TABLE \"parent\" ALTER COLUMN \"id\" ADD GENERATED BY DEFAULT AS IDENTITY",
            "DO $$BEGIN PERFORM setval(pg_get_serial_sequence('\"parent\"', 'id'), COALESCE(MAX(\"id\"), 0) + 1, false) FROM"
                + " \"parent\"; END$$"),
        sql.statements());
    assertEquals(List.of("ALTER TABLE \"parent\" ALTER COLUMN \"id\" DROP IDENTITY"), down(to, Renames.NONE).statements());
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), V1)) {
      db.fill(V1);
      db.run(sql);
      db.execute("INSERT INTO \"parent\" (\"name\") VALUES ('new')");
      assertEquals("7", db.scalar("SELECT \"id\" FROM \"parent\" WHERE \"name\" = 'new'"), "keys continue after the stored ones");
    }
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
  }

  @Test
  void indexMadeUnique() throws SQLException {
    up(v2(withIndexes(PARENT, List.of(index("idx_parent_name", true, "name"))), CHILD));
  }

  @Test
  void foreignKeyAddedToExistingColumn() throws SQLException {
    SchemaShape from = schema(1, PARENT, withColumns(CHILD, c -> add(c, integer("other_id", false))));
    TableShape child = withForeignKeys(from.tables().get(1), List.of(fk("parent_id", "parent", "CASCADE"), fk("other_id", "parent", "NO ACTION")));
    StepSql sql = up(from, schema(2, PARENT, child), Renames.NONE);
    assertEquals(
        List.of("ALTER TABLE \"child\" ADD CONSTRAINT \"fk_child_other_id\" FOREIGN KEY (\"other_id\") REFERENCES \"parent\" (\"id\")"),
        sql.statements());
  }

  @Test
  void foreignKeyDropped() throws SQLException {
    StepSql sql = up(v2(PARENT, withForeignKeys(CHILD, List.of())));
    assertEquals(List.of("ALTER TABLE \"child\" DROP CONSTRAINT \"fk_child_parent_id\""), sql.statements());
  }

  @Test
  void foreignKeyActionChanged() throws SQLException {
    StepSql sql = up(v2(PARENT, withForeignKeys(CHILD, List.of(fk("parent_id", "parent", "RESTRICT")))));
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" DROP CONSTRAINT \"fk_child_parent_id\"",
            "ALTER TABLE \"child\" ADD CONSTRAINT \"fk_child_parent_id\" FOREIGN KEY (\"parent_id\") REFERENCES \"parent\" (\"id\")"
                + " ON DELETE RESTRICT"),
        sql.statements());
  }

  @Test
  void foreignKeyColumnsChangeTypeWithTheKeyTheyReferTo() throws SQLException {
    TableShape parent = withColumns(PARENT, c -> replace(c, "id", col("id", "TEXT", "java.lang.String", true, null, 1)));
    TableShape child = withColumns(CHILD, c -> replace(c, "parent_id", text("parent_id", true)));
    StepSql sql = up(v2(parent, child));
    assertEquals(
        List.of(
            "ALTER TABLE \"child\" DROP CONSTRAINT \"fk_child_parent_id\"",
            "ALTER TABLE \"parent\" ALTER COLUMN \"id\" TYPE text USING \"id\"::text",
            "ALTER TABLE \"child\" ALTER COLUMN \"parent_id\" TYPE text USING \"parent_id\"::text",
            "ALTER TABLE \"child\" ADD CONSTRAINT \"fk_child_parent_id\" FOREIGN KEY (\"parent_id\") REFERENCES \"parent\" (\"id\")"
                + " ON DELETE CASCADE"),
        sql.statements());
  }

  @Test
  void unchangedSchemaHasNoStatements() throws SQLException {
    StepSql sql = up(v2(PARENT, CHILD));
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of(), sql.finalStatements());
  }

  @Test
  void reorderedColumnsKeepTheirPlace() throws SQLException {
    SchemaShape to = v2(parent(c -> {
      ColumnShape note = c.remove(2);
      c.add(note);
      return c;
    }), CHILD);
    assertEquals(List.of(ChangeKind.REORDER_COLUMNS), SchemaDiffer.diff(V1, to, Renames.NONE).changes().stream().map(Change::kind).toList());
    StepSql sql = up(to);
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of(), sql.finalStatements());
  }

  @Test
  void nullSafeJsonCheckAndTimeTriggersNeedNothing() throws SQLException {
    ColumnShape labels = new ColumnShape("labels", ValueKind.JSON, "java.util.List<java.lang.String>", false, null, 0);
    ColumnShape started = new ColumnShape("started", ValueKind.INSTANT, "java.time.Instant", true, null, 0);
    SchemaShape before = schema(1, table("run", key("id"), started, labels));
    SchemaShape after =
        schema(
            2,
            table(
                "run",
                key("id"),
                new ColumnShape("started", ValueKind.INSTANT, "java.time.Instant", true, null, 0, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, false, true),
                new ColumnShape("labels", ValueKind.JSON, "java.util.List<java.lang.String>", false, null, 0,
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true, false)));
    assertEquals(
        List.of(ChangeKind.CHANGE_TIME_NORMALIZATION, ChangeKind.CHANGE_JSON_CHECK),
        SchemaDiffer.diff(before, after, Renames.NONE).changes().stream().map(Change::kind).toList());
    StepSql sql = up(before, after, Renames.NONE);
    assertEquals(List.of(), sql.statements());
    assertEquals(List.of(), sql.finalStatements());
  }

  private static ColumnShape coverage(double min, double max) {
    return new ColumnShape("coverage", ValueKind.DOUBLE, "double", true, null, 0, min, max);
  }

  private static SchemaShape quality(int version, String name, ColumnShape coverage) {
    return schema(version, table(name, key("id"), text("run", true), coverage));
  }

  @Test
  void rangeAddedChangedAndRemoved() throws SQLException {
    SchemaShape plain = quality(1, "quality", coverage(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    SchemaShape percent = quality(2, "quality", coverage(0, 100));
    SchemaShape atLeastZero = quality(3, "quality", coverage(0, Double.POSITIVE_INFINITY));
    assertEquals(
        List.of("ALTER TABLE \"quality\" ADD CONSTRAINT \"ck_quality_coverage\" CHECK (\"coverage\" BETWEEN 0 AND 100)"),
        up(plain, percent, Renames.NONE).statements());
    assertEquals(
        List.of(
            "ALTER TABLE \"quality\" DROP CONSTRAINT \"ck_quality_coverage\"",
            "ALTER TABLE \"quality\" ADD CONSTRAINT \"ck_quality_coverage\" CHECK (\"coverage\" >= 0)"),
        up(percent, atLeastZero, Renames.NONE).statements());
    assertEquals(
        List.of("ALTER TABLE \"quality\" DROP CONSTRAINT \"ck_quality_coverage\""),
        up(atLeastZero, plain, Renames.NONE).statements());
  }

  @Test
  void tighteningARangeThatRowsViolateFailsAndKeepsThePreviousVersion() throws SQLException {
    SchemaShape wide = quality(1, "quality", coverage(0, 1000));
    SchemaShape narrow = quality(2, "quality", coverage(0, 3));
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), wide)) {
      db.fill(wide);
      var structure = db.structure();
      List<String> values = db.values("quality", List.of("id", "run", "coverage"));
      SQLException failure = assertThrows(SQLException.class, () -> db.run(step(wide, narrow)));
      assertTrue(failure.getMessage().contains("ck_quality_coverage"), failure.getMessage());
      assertEquals(structure, db.structure());
      assertEquals(values, db.values("quality", List.of("id", "run", "coverage")));
    }
  }

  @Test
  void renamingATableRenamesItsRangeConstraint() throws SQLException {
    Renames renames = new Renames(List.of(new Renames.TableRename("quality", "quality_metrics")), List.of());
    StepSql sql = up(quality(1, "quality", coverage(0, 100)), quality(2, "quality_metrics", coverage(0, 100)), renames);
    assertEquals(
        List.of(
            "ALTER TABLE \"quality\" RENAME TO \"quality_metrics\"",
            "ALTER TABLE \"quality_metrics\" RENAME CONSTRAINT \"quality_pkey\" TO \"quality_metrics_pkey\"",
            "ALTER TABLE \"quality_metrics\" RENAME CONSTRAINT \"ck_quality_coverage\" TO \"ck_quality_metrics_coverage\""),
        sql.statements());
  }

  @Test
  void aRangedColumnChangingTypeGetsItsRangeAgain() throws SQLException {
    ColumnShape count = new ColumnShape("coverage", ValueKind.INT, "int", true, null, 0, 0, 100);
    StepSql sql = up(quality(1, "quality", count), quality(2, "quality", coverage(0, 100)), Renames.NONE);
    assertEquals(
        List.of(
            "ALTER TABLE \"quality\" DROP CONSTRAINT \"ck_quality_coverage\"",
            "ALTER TABLE \"quality\" ALTER COLUMN \"coverage\" TYPE double precision USING \"coverage\"::double precision",
            "ALTER TABLE \"quality\" ADD CONSTRAINT \"ck_quality_coverage\" CHECK (\"coverage\" BETWEEN 0 AND 100)"),
        sql.statements());
  }

  private static final String INSERT_JOBS =
      "INSERT INTO \"jobs\" VALUES (1, 'done', 'high'), (2, 'running', NULL), (3, 'failed', 'low'), (4, 'done', NULL)";

  @Test
  void enumNamesAddedWidenedAndDropped() throws SQLException {
    SchemaShape unchecked = EnumNamesMigrationTest.jobs(1, EnumNamesMigrationTest.status());
    SchemaShape three = EnumNamesMigrationTest.jobs(2, EnumNamesMigrationTest.status("running", "done", "failed"));
    SchemaShape four = EnumNamesMigrationTest.jobs(3, EnumNamesMigrationTest.status("done", "failed", "queued", "running"));
    assertEquals(
        List.of(
            "ALTER TABLE \"jobs\" DROP CONSTRAINT \"ck_jobs_status\"",
            "ALTER TABLE \"jobs\" ADD CONSTRAINT \"ck_jobs_status\" CHECK (\"status\" IN ('done', 'failed', 'queued', 'running'))"),
        up(three, four, Renames.NONE).statements(),
        "a name added: nothing stored can fail, no guard");
    assertEquals(
        List.of("ALTER TABLE \"jobs\" DROP CONSTRAINT \"ck_jobs_status\""),
        step(three, unchecked).statements());
    StepSql added = step(unchecked, three);
    assertEquals(2, added.statements().size(), added.statements().toString());
    assertTrue(added.statements().get(0).startsWith("DO $guard$DECLARE v text; BEGIN SELECT \"status\" INTO v FROM \"jobs\""),
        added.statements().get(0));
    assertEquals(
        "ALTER TABLE \"jobs\" ADD CONSTRAINT \"ck_jobs_status\" CHECK (\"status\" IN ('done', 'failed', 'running'))",
        added.statements().get(1));
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), unchecked)) {
      db.execute(INSERT_JOBS);
      List<String> values = db.values("jobs", List.of("id", "status", "priority"));
      db.run(added);
      assertEquals(values, db.values("jobs", List.of("id", "status", "priority")));
      SQLException refused = assertThrows(SQLException.class, () -> db.execute("INSERT INTO \"jobs\" VALUES (9, 'queued', NULL)"));
      assertEquals("23514", refused.getSQLState());
      try (PostgresDatabase fresh = PostgresDatabase.create(getClass(), three)) {
        assertEquals(fresh.structure(), db.structure(), "as created at the version with the check");
      }
      db.run(step(three, four));
      db.execute("INSERT INTO \"jobs\" VALUES (9, 'queued', NULL)");
      db.run(step(four, unchecked));
      db.execute("INSERT INTO \"jobs\" VALUES (10, 'anything', NULL)");
      assertEquals(6, db.values("jobs", List.of("id")).size());
    }
  }

  @Test
  void removingANameThatRowsHoldFailsNamingTableColumnAndValueAndKeepsThePreviousVersion() throws SQLException {
    SchemaShape four = EnumNamesMigrationTest.jobs(3, EnumNamesMigrationTest.status("done", "failed", "queued", "running"));
    SchemaShape two = EnumNamesMigrationTest.jobs(4, EnumNamesMigrationTest.status("done", "running"));
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), four)) {
      db.execute(INSERT_JOBS);
      var structure = db.structure();
      List<String> values = db.values("jobs", List.of("id", "status", "priority"));
      SQLException failure = assertThrows(SQLException.class, () -> db.run(step(four, two)));
      assertEquals("23514", failure.getSQLState());
      assertTrue(
          failure.getMessage().contains(
              "column jobs.status holds 'failed', which is not one of the names version 4 allows (done, running);"
                  + " change or delete those rows, then migrate again"),
          failure.getMessage());
      assertEquals(structure, db.structure(), "the previous version is intact");
      assertEquals(values, db.values("jobs", List.of("id", "status", "priority")));
      db.execute("DELETE FROM \"jobs\" WHERE \"status\" = 'failed'");
      List<String> kept = db.values("jobs", List.of("id", "status", "priority"));
      db.run(step(four, two));
      assertEquals(kept, db.values("jobs", List.of("id", "status", "priority")), "NULLs and kept names survive");
      try (PostgresDatabase fresh = PostgresDatabase.create(getClass(), two)) {
        assertEquals(fresh.structure(), db.structure());
      }
    }
  }

  @Test
  void renamingATableRenamesItsEnumCheck() throws SQLException {
    ColumnShape status = EnumNamesMigrationTest.status("done", "running");
    Renames renames = new Renames(List.of(new Renames.TableRename("jobs", "tasks")), List.of());
    StepSql sql =
        up(
            schema(1, table("jobs", key("id"), status)),
            schema(2, table("tasks", key("id"), status)),
            renames);
    assertTrue(
        sql.statements().contains("ALTER TABLE \"tasks\" RENAME CONSTRAINT \"ck_jobs_status\" TO \"ck_tasks_status\""),
        sql.statements().toString());
  }
}

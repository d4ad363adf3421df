package dev.gao.metrics.processor.migration;

import static dev.gao.metrics.processor.migration.Shapes.key;
import static dev.gao.metrics.processor.migration.Shapes.schema;
import static dev.gao.metrics.processor.migration.Shapes.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names of enum columns through migrations on SQLite: adding the check, adding and removing a
 * constant rebuild the table of a populated database, up and down, keeping every value; removing a
 * name that stored rows hold fails the step with a message naming table, column and value, and
 * leaves the previous version as it was.
 */
class EnumNamesMigrationTest {
  private static final List<String> COLUMNS = List.of("id", "status", "priority");

  /** A column of enum {@code p.Status}, checked against {@code names} (none: unchecked). */
  static ColumnShape status(String... names) {
    return enumColumn("status", "p.Status", true, names);
  }

  static ColumnShape enumColumn(String name, String javaType, boolean notNull, String... names) {
    return new ColumnShape(
        name, ValueKind.ENUM, javaType, notNull, null, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, false,
        List.of(names));
  }

  static SchemaShape jobs(int version, ColumnShape status) {
    return schema(version, table("jobs", key("id"), status, enumColumn("priority", "p.Priority", false, "high", "low")));
  }

  private static final SchemaShape UNCHECKED = jobs(1, status());
  private static final SchemaShape THREE = jobs(2, status("running", "done", "failed"));
  private static final SchemaShape FOUR = jobs(3, status("done", "failed", "queued", "running"));
  private static final SchemaShape TWO = jobs(4, status("done", "running"));

  private static final String INSERTS =
      "INSERT INTO \"jobs\" VALUES (1, 'done', 'high'), (2, 'running', NULL), (3, 'failed', 'low'), (4, 'done', NULL)";

  @Test
  void everyChangeOfTheNamesIsOneChangeThatRebuildsTheTableAndNeedsNoAcknowledgement() {
    for (SchemaShape[] pair :
        new SchemaShape[][] {{UNCHECKED, THREE}, {THREE, FOUR}, {FOUR, TWO}, {TWO, THREE}, {THREE, UNCHECKED}}) {
      StepPlan plan = SchemaDiffer.diff(pair[0], pair[1], Renames.NONE);
      assertEquals(List.of(ChangeKind.CHANGE_ENUM_NAMES), plan.changes().stream().map(Change::kind).toList());
      assertEquals(List.of(), StepGuards.check(plan, List.of(), SqliteDatabase.DIALECT), "it fails rather than lose rows");
      assertTrue(SqliteDatabase.DIALECT.migrate(plan).foreignKeysOff(), "a check change rebuilds the table");
    }
    assertEquals(
        "column jobs.status: enum names [done, failed, queued, running] -> [done, running]",
        SchemaDiffer.diff(FOUR, TWO, Renames.NONE).changes().get(0).description());
    assertEquals(
        "column jobs.status: enum names unchecked -> [done, failed, running]",
        SchemaDiffer.diff(UNCHECKED, THREE, Renames.NONE).changes().get(0).description());
    assertEquals(
        List.of(),
        SchemaDiffer.diff(THREE, jobs(3, status("failed", "done", "running")), Renames.NONE).changes(),
        "reordered constants are the same names");
  }

  @Test
  void onlyAStepThatCanMeetAnUnknownNameIsGuarded() {
    assertTrue(guarded(UNCHECKED, THREE), "a new check meets whatever the column held");
    assertFalse(guarded(THREE, FOUR), "every stored name is still allowed");
    assertTrue(guarded(FOUR, TWO), "names were removed");
    assertFalse(guarded(THREE, UNCHECKED), "no check, nothing to meet");
  }

  private static boolean guarded(SchemaShape from, SchemaShape to) {
    return String.join("\n", SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(from, to, Renames.NONE)).statements())
        .contains("CREATE TEMP TRIGGER \"gao_guard_jobs_status\"");
  }

  @Test
  void addingTheCheckAndAConstantKeepsEveryValueUpAndDown() throws SQLException {
    SqliteDatabase.assertRoundTrip(THREE, FOUR, Renames.NONE);
    try (SqliteDatabase db = SqliteDatabase.create(UNCHECKED)) {
      db.execute(INSERTS);
      List<String> before = db.values("jobs", COLUMNS);
      db.run(step(UNCHECKED, THREE));
      assertEquals(before, db.values("jobs", COLUMNS));
      assertTrue(
          tableSql(db).contains("CONSTRAINT \"ck_jobs_status\" CHECK (\"status\" IN ('done', 'failed', 'running'))"),
          tableSql(db));
      SQLException refused =
          assertThrows(SQLException.class, () -> db.execute("INSERT INTO \"jobs\" VALUES (9, 'queued', NULL)"));
      assertTrue(refused.getMessage().contains("CHECK constraint failed: ck_jobs_status"), refused.getMessage());
      db.run(step(THREE, FOUR));
      db.execute("INSERT INTO \"jobs\" VALUES (9, 'queued', NULL)");
      db.execute("DELETE FROM \"jobs\" WHERE \"id\" = 9");
      db.run(step(FOUR, THREE));
      db.run(step(THREE, UNCHECKED));
      assertFalse(tableSql(db).contains("ck_jobs_status"), tableSql(db));
      assertEquals(before, db.values("jobs", COLUMNS));
      assertNoGuardLeft(db);
    }
  }

  @Test
  void removingANameThatRowsHoldFailsNamingTableColumnAndValueAndKeepsThePreviousVersion() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.create(FOUR)) {
      db.execute(INSERTS);
      String sqlBefore = tableSql(db);
      List<String> before = db.values("jobs", COLUMNS);
      SQLException failure = assertThrows(SQLException.class, () -> db.run(step(FOUR, TWO)));
      assertTrue(
          failure.getMessage().contains(
              "column jobs.status holds 'failed', which is not one of the names version 4 allows (done, running);"
                  + " change or delete those rows, then migrate again"),
          failure.getMessage());
      assertEquals(sqlBefore, tableSql(db), "the previous table is intact");
      assertEquals(before, db.values("jobs", COLUMNS), "no row was dropped or changed");
      assertEquals(List.of(), db.query("SELECT name FROM sqlite_schema WHERE name = 'jobs__new'"));
      assertNoGuardLeft(db);

      db.execute("DELETE FROM \"jobs\" WHERE \"status\" = 'failed'");
      List<String> kept = db.values("jobs", COLUMNS);
      db.run(step(FOUR, TWO));
      assertEquals(kept, db.values("jobs", COLUMNS), "NULL priorities and kept names survive");
      assertTrue(tableSql(db).contains("CHECK (\"status\" IN ('done', 'running'))"), tableSql(db));
      assertNoGuardLeft(db);
      db.run(step(TWO, FOUR));
      assertEquals(kept, db.values("jobs", COLUMNS));
    }
  }

  @Test
  void anUncheckedColumnHoldingANonNameCannotGetTheCheck() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.create(UNCHECKED)) {
      db.execute(INSERTS);
      db.execute("UPDATE \"jobs\" SET \"status\" = 'it''s done' WHERE \"id\" = 4");
      SQLException failure = assertThrows(SQLException.class, () -> db.run(step(UNCHECKED, THREE)));
      assertTrue(failure.getMessage().contains("column jobs.status holds 'it''s done', which is not one of the names version 2"),
          failure.getMessage());
      assertFalse(tableSql(db).contains("ck_jobs_status"), tableSql(db));
    }
  }

  private static StepSql step(SchemaShape from, SchemaShape to) {
    return SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(from, to, Renames.NONE));
  }

  private static String tableSql(SqliteDatabase db) throws SQLException {
    return (String) db.query("SELECT sql FROM sqlite_schema WHERE name = 'jobs'").get(0).get(0);
  }

  private static void assertNoGuardLeft(SqliteDatabase db) throws SQLException {
    assertEquals(List.of(), db.query("SELECT name FROM sqlite_temp_schema WHERE type = 'trigger'"));
  }
}

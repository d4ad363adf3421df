package dev.gao.metrics.processor.migration;

import static dev.gao.metrics.processor.migration.Shapes.key;
import static dev.gao.metrics.processor.migration.Shapes.schema;
import static dev.gao.metrics.processor.migration.Shapes.table;
import static dev.gao.metrics.processor.migration.Shapes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ranges of {@code @Metric} columns through migrations: adding, changing and removing one rebuilds
 * the table on a populated database, up and down; a tighter range that stored rows violate fails
 * the step and leaves the previous version intact.
 */
class MetricRangeMigrationTest {
  private static final double NONE_MIN = Double.NEGATIVE_INFINITY;
  private static final double NONE_MAX = Double.POSITIVE_INFINITY;

  private static ColumnShape coverage(double min, double max) {
    return new ColumnShape("coverage", ValueKind.DOUBLE, "double", true, null, 0, min, max);
  }

  private static SchemaShape version(int version, ColumnShape coverage) {
    TableShape quality = table("quality", key("id"), text("run", true), coverage);
    return schema(version, quality);
  }

  private static final String CHECK_0_100 =
      "CONSTRAINT \"ck_quality_coverage\" CHECK (\"coverage\" BETWEEN 0 AND 100)";

  @Test
  void addChangeAndRemoveARangeUpAndDown() throws SQLException {
    SchemaShape plain = version(1, coverage(NONE_MIN, NONE_MAX));
    SchemaShape percent = version(2, coverage(0, 100));
    SchemaShape atLeastZero = version(3, coverage(0, NONE_MAX));
    for (SchemaShape[] pair :
        new SchemaShape[][] {{plain, percent}, {percent, atLeastZero}, {atLeastZero, plain}, {percent, plain}}) {
      StepPlan plan = SchemaDiffer.diff(pair[0], pair[1], Renames.NONE);
      assertEquals(List.of(ChangeKind.CHANGE_RANGE), plan.changes().stream().map(Change::kind).toList());
      assertTrue(SqliteDatabase.DIALECT.migrate(plan).foreignKeysOff(), "a range change rebuilds the table");
      SqliteDatabase.assertRoundTrip(pair[0], pair[1], Renames.NONE);
    }
    try (SqliteDatabase db = SqliteDatabase.create(plain)) {
      db.fill(plain);
      List<String> before = db.values("quality", List.of("id", "run", "coverage"));
      db.run(step(plain, percent));
      assertEquals(before, db.values("quality", List.of("id", "run", "coverage")));
      assertTrue(tableSql(db).contains(CHECK_0_100), tableSql(db));
      assertThrows(SQLException.class, () -> db.execute("INSERT INTO \"quality\" VALUES (99, 'r', 100.5)"));
      db.run(step(percent, atLeastZero));
      assertTrue(tableSql(db).contains("CONSTRAINT \"ck_quality_coverage\" CHECK (\"coverage\" >= 0)"), tableSql(db));
      db.run(step(atLeastZero, plain));
      assertFalse(tableSql(db).contains("CONSTRAINT"), tableSql(db));
      db.execute("INSERT INTO \"quality\" VALUES (99, 'r', -1)");
      assertEquals(before.size() + 1, db.values("quality", List.of("id")).size());
    }
  }

  @Test
  void tighteningARangeThatRowsViolateFailsAndKeepsThePreviousVersion() throws SQLException {
    SchemaShape wide = version(1, coverage(0, 1000));
    SchemaShape narrow = version(2, coverage(0, 3));
    StepPlan plan = SchemaDiffer.diff(wide, narrow, Renames.NONE);
    assertEquals(List.of(), StepGuards.check(plan, List.of(), SqliteDatabase.DIALECT), "tightening needs no @AllowDataLoss: it fails rather than drop rows");
    try (SqliteDatabase db = SqliteDatabase.create(wide)) {
      db.fill(wide);
      String sqlBefore = tableSql(db);
      List<String> before = db.values("quality", List.of("id", "run", "coverage"));
      SQLException failure = assertThrows(SQLException.class, () -> db.run(step(wide, narrow)));
      assertTrue(failure.getMessage().contains("CHECK constraint failed: ck_quality_coverage"), failure.getMessage());
      assertEquals(sqlBefore, tableSql(db), "the previous table is intact");
      assertEquals(before, db.values("quality", List.of("id", "run", "coverage")), "no row was dropped");
      assertEquals(List.of(), db.query("SELECT name FROM sqlite_schema WHERE name = 'quality__new'"));
    }
  }

  @Test
  void renamingATableWithARangeRebuildsItSoTheConstraintKeepsItsName() throws SQLException {
    SchemaShape before = version(1, coverage(0, 100));
    TableShape renamed = table("quality_metrics", key("id"), text("run", true), coverage(0, 100));
    SchemaShape after = schema(2, renamed);
    Renames renames = new Renames(List.of(new Renames.TableRename("quality", "quality_metrics")), List.of());
    StepSql sql = SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(before, after, renames));
    assertTrue(sql.foreignKeysOff());
    assertTrue(
        String.join("\n", sql.statements()).contains("CONSTRAINT \"ck_quality_metrics_coverage\""),
        String.join("\n", sql.statements()));
    SqliteDatabase.assertRoundTrip(before, after, renames);
  }

  @Test
  void indexChangesOnARangedTableStayNative() {
    SchemaShape before = version(1, coverage(0, 100));
    TableShape indexed =
        Shapes.withIndexes(before.tables().get(0), List.of(Shapes.index("idx_quality_run", false, "run")));
    StepSql sql = SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(before, schema(2, indexed), Renames.NONE));
    assertFalse(sql.foreignKeysOff());
    assertEquals(List.of("CREATE INDEX \"idx_quality_run\" ON \"quality\" (\"run\")"), sql.statements());
  }

  private static StepSql step(SchemaShape from, SchemaShape to) {
    return SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(from, to, Renames.NONE));
  }

  private static String tableSql(SqliteDatabase db) throws SQLException {
    return (String) db.query("SELECT sql FROM sqlite_schema WHERE name = 'quality'").get(0).get(0);
  }
}

package dev.gao.metrics.processor.migration;

import static dev.gao.metrics.processor.migration.Shapes.key;
import static dev.gao.metrics.processor.migration.Shapes.schema;
import static dev.gao.metrics.processor.migration.Shapes.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.history.Snapshot;
import dev.gao.metrics.processor.history.SnapshotReader;
import dev.gao.metrics.processor.history.SnapshotWriter;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema described by snapshots from before the null-safe JSON check and the time triggers
 * migrates to one that has them, and back: the nullable JSON table is rebuilt, the triggers are
 * created and dropped, and the triggers convert what other programs write.
 */
class CurrentRulesMigrationTest {
  private static final String INSTANT = "java.time.Instant";

  private static ColumnShape json(boolean current) {
    return new ColumnShape(
        "labels", ValueKind.JSON, "java.util.List<java.lang.String>", false, null, 0, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, current, false);
  }

  private static ColumnShape time(String name, boolean notNull, boolean current) {
    return new ColumnShape(
        name, ValueKind.INSTANT, INSTANT, notNull, null, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false,
        current);
  }

  private static SchemaShape version(int version, boolean current) {
    return schema(
        version,
        table("run", key("id"), time("started_at", true, current), time("finished_at", false, current), json(current)));
  }

  @Test
  void theStepRebuildsTheJsonTableAndCreatesTheTriggers() {
    StepPlan plan = SchemaDiffer.diff(version(1, false), version(2, true), Renames.NONE);
    assertEquals(
        List.of(ChangeKind.CHANGE_TIME_NORMALIZATION, ChangeKind.CHANGE_TIME_NORMALIZATION, ChangeKind.CHANGE_JSON_CHECK),
        plan.changes().stream().map(Change::kind).toList());
    var sql = SqliteDatabase.DIALECT.migrate(plan);
    assertTrue(sql.foreignKeysOff(), "a CHECK cannot be altered: the table is rebuilt");
    String all = String.join("\n", sql.statements());
    assertTrue(all.contains("CHECK (\"labels\" IS NULL OR json_valid(\"labels\"))"), all);
    assertTrue(all.contains("CREATE TRIGGER \"tr_run_time_insert\" AFTER INSERT ON \"run\""), all);
    assertTrue(all.contains("CREATE TRIGGER \"tr_run_time_update\" AFTER UPDATE OF \"started_at\", \"finished_at\" ON \"run\""), all);
    assertTrue(StepGuards.check(plan, List.of(), SqliteDatabase.DIALECT).isEmpty(), "nothing is lost: no acknowledgement needed");
  }

  @Test
  void onlyTheTriggersChangeWhenNoNullableJsonColumnIsInvolved() {
    SchemaShape before = schema(1, table("run", key("id"), time("started_at", true, false)));
    SchemaShape after = schema(2, table("run", key("id"), time("started_at", true, true)));
    var up = SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(before, after, Renames.NONE));
    assertFalse(up.foreignKeysOff(), "no rebuild");
    assertEquals(2, up.statements().size(), String.join("\n", up.statements()));
    var down = SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(after, before, Renames.NONE));
    assertEquals(
        List.of("DROP TRIGGER IF EXISTS \"tr_run_time_insert\"", "DROP TRIGGER IF EXISTS \"tr_run_time_update\""),
        down.statements());
  }

  @Test
  void upAndDownKeepEveryValueAndTheStructureOfAFreshDatabase() throws SQLException {
    SqliteDatabase.assertRoundTrip(version(1, false), version(2, true), Renames.NONE);
  }

  @Test
  void afterTheStepTheDatabaseConvertsOtherProgramsTimeTextAndKeepsNullJson() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.create(version(1, false))) {
      db.run(SqliteDatabase.DIALECT.migrate(SchemaDiffer.diff(version(1, false), version(2, true), Renames.NONE)));
      db.execute(
          "INSERT INTO \"run\" (\"id\", \"started_at\", \"finished_at\", \"labels\") VALUES"
              + " (1, '2025-01-15T12:00:00.123456+02:00', NULL, NULL),"
              + " (2, '2025-01-15 09:30:00', '2025-01-15T10:00:00Z', '[]'),"
              + " (3, '2025-01-15T10:00:00.123456789Z', '2025-01-16', NULL),"
              + " (4, '2025-01-15T10:00:00.1234567891234-05:30', '2025-01-15T24:00:00', NULL)");
      db.execute("UPDATE \"run\" SET \"finished_at\" = '2025-01-15T13:00:00-01:00' WHERE \"id\" = 1");
      assertEquals(
          List.of(
              "[1, 2025-01-15T10:00:00.123456000Z, 2025-01-15T14:00:00.000000000Z, null]",
              "[2, 2025-01-15T09:30:00.000000000Z, 2025-01-15T10:00:00.000000000Z, []]",
              "[3, 2025-01-15T10:00:00.123456789Z, 2025-01-16T00:00:00.000000000Z, null]",
              "[4, 2025-01-15T15:30:00.123456789Z, 2025-01-16T00:00:00.000000000Z, null]"),
          db.values("run", List.of("id", "started_at", "finished_at", "labels")));
      for (String bad : List.of("yesterday", "2025-02-30T10:00:00Z", "2025-01-15T10:00:00+0200", "12345")) {
        SQLException refused =
            assertThrows(
                SQLException.class,
                () -> db.execute("INSERT INTO \"run\" (\"id\", \"started_at\") VALUES (9, '" + bad + "')"),
                bad);
        assertTrue(refused.getMessage().contains("run.started_at: not an ISO-8601 time"), refused.getMessage());
      }
      assertEquals(4, db.values("run", List.of("id")).size(), "refused rows are not stored");
    }
  }

  private static SchemaShape roundTrip(SchemaShape schema) {
    String text =
        SnapshotWriter.write(new Snapshot(schema, SchemaJson.identityHash(schema), null, Renames.NONE, List.of()));
    return SnapshotReader.read(text).schema();
  }

  @Test
  void snapshotsFromBeforeTheRulesReadAsWithoutThemAndNewOnesKeepThem() {
    assertEquals(version(1, false), roundTrip(version(1, false)));
    assertEquals(version(1, true), roundTrip(version(1, true)));
    assertFalse(SchemaJson.structure(version(1, false)).contains("normalizedTime"), "old snapshots keep their text");
    assertTrue(
        !SchemaJson.identityHash(version(1, false)).equals(SchemaJson.identityHash(version(1, true))),
        "the rules are structure: a model compiled with them differs from its old snapshot");
  }
}

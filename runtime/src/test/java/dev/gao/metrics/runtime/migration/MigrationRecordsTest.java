package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaHistory;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migration records (steps, histories, history entries, plans) and the planner, without a
 * database; where a record has a form per engine (a step's SQL, the downgrade a history row
 * stores), each engine's form is checked.
 */
class MigrationRecordsTest {
  private static final MigrationStep UP = MigrationStep.of(1, 2, List.of("A"), List.of(), false);

  @Test
  void stepsJoinConsecutiveVersionsAndCarryAStableChecksum() {
    assertTrue(UP.upgrade());
    assertFalse(MigrationStep.of(2, 1, List.of(), List.of(), false).upgrade());
    assertEquals(64, UP.checksum().length());
    assertEquals(UP.checksum(), MigrationStep.checksum(List.of("A"), List.of()));
    assertNotEquals(UP.checksum(), MigrationStep.checksum(List.of(), List.of("A")));
    assertNotEquals(UP.checksum(), MigrationStep.checksum(List.of("A", "B"), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> MigrationStep.of(1, 3, List.of(), List.of(), false));
    assertThrows(
        IllegalArgumentException.class, () -> MigrationStep.of(0, 1, List.of(), List.of(), false));
    assertThrows(
        IllegalArgumentException.class, () -> MigrationStep.of(2, 2, List.of(), List.of(), false));
    assertThrows(
        NullPointerException.class,
        () -> MigrationStep.of(1, 2, Arrays.asList("A", null), List.of(), false));
    assertThrows(
        NullPointerException.class,
        () -> new MigrationStep(1, 2, List.of(), List.of(), false, null, List.of()));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void eachEngineRunsItsOwnSqlOfAStep(Engine engine) {
    MigrationStep rebuild = Versions.schema(4).step(3, 4).orElseThrow();
    MigrationStep run = rebuild.forEngine(engine);
    assertEquals(3, run.fromVersion());
    assertEquals(4, run.toVersion());
    assertEquals(rebuild.dataMigrations(), run.dataMigrations());
    assertEquals(MigrationStep.checksum(run.statements(), run.finalStatements()), run.checksum());
    // Only SQLite switches foreign keys off, for its table rebuild; PostgreSQL alters the table.
    assertEquals(engine == Engine.SQLITE, run.foreignKeysOff());
    assertEquals(
        engine == Engine.SQLITE,
        run.statements().stream().anyMatch(sql -> sql.contains("\"runs__new\"")),
        run.statements().toString());
    assertEquals(Map.of(), run.otherEngines());
    if (engine != Engine.SQLITE) {
      assertNotEquals(rebuild.checksum(), run.checksum());
      // A step generated without this engine's SQL is refused, naming the step and the engine.
      MigrationStep sqliteOnly = MigrationStep.of(1, 2, List.of("A"), List.of(), false);
      IllegalStateException missing =
          assertThrows(IllegalStateException.class, () -> sqliteOnly.forEngine(engine));
      assertTrue(missing.getMessage().contains("1 -> 2"), missing.getMessage());
      assertTrue(missing.getMessage().contains(engine.displayName()), missing.getMessage());
    } else {
      assertSame(UP, UP.forEngine(engine));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> UP.on(Engine.SQLITE, List.of("B"), List.of()));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aHistoryRowKeepsTheDowngradeOfItsEngine(Engine engine) {
    MigrationStep down = Versions.schema(4).step(4, 3).orElseThrow().forEngine(engine);
    String json = HistoryTable.stepToJson(down, Versions.hash(3));
    HistoryEntry entry =
        new HistoryEntry(
            3, 3, 4, Direction.UPGRADE, "c", Instant.EPOCH, 5, "1.0", json);
    MigrationStep read = entry.downgrade().orElseThrow();
    assertEquals(down.statements(), read.statements());
    assertEquals(down.finalStatements(), read.finalStatements());
    assertEquals(down.foreignKeysOff(), read.foreignKeysOff());
    assertEquals(down.checksum(), read.checksum());
  }

  @Test
  void aSchemaFindsItsVersionsAndSteps() {
    SchemaInfo schema = Versions.schema(4);
    assertSame(schema, schema.atVersion(4).orElseThrow());
    assertEquals(2, schema.atVersion(2).orElseThrow().version());
    assertEquals(Optional.empty(), schema.atVersion(5));
    assertEquals(4, schema.step(3, 4).orElseThrow().toVersion());
    assertEquals(Optional.empty(), schema.step(1, 3));
    assertTrue(Versions.bare(1).history().isEmpty());
    assertSame(SchemaHistory.NONE, Versions.bare(2).history());
    assertFalse(schema.history().isEmpty());
  }

  @Test
  void historiesAreChecked() {
    SchemaInfo v1 = Versions.bare(1);
    SchemaInfo v2 = Versions.bare(2);
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaHistory(List.of(v2, v1), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaHistory(List.of(v1, v1), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SchemaHistory(List.of(Versions.schema(2)), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaHistory(List.of(), List.of(UP, UP)));
    // Another schema's version, a version not below the schema's, a step beyond it.
    SchemaInfo other = new SchemaInfo("Other", 1, "h", Versions.tables(1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SchemaInfo(
                Versions.NAME, 2, "h", Versions.tables(2), new SchemaHistory(List.of(other), List.of())));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SchemaInfo(
                Versions.NAME, 2, "h", Versions.tables(2), new SchemaHistory(List.of(v2), List.of())));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SchemaInfo(
                Versions.NAME,
                1,
                "h",
                Versions.tables(1),
                new SchemaHistory(List.of(), List.of(UP))));
    assertThrows(
        NullPointerException.class,
        () -> new SchemaInfo(Versions.NAME, 1, "h", Versions.tables(1), null));
  }

  @Test
  void historyEntriesReadTheirStoredStep() {
    MigrationStep down = MigrationStep.of(2, 1, List.of("X"), List.of("Y"), true);
    HistoryEntry entry =
        new HistoryEntry(
            1,
            1,
            2,
            Direction.UPGRADE,
            UP.checksum(),
            Instant.EPOCH,
            5,
            "1.0",
            HistoryTable.stepToJson(down, "h1"));
    MigrationStep read = entry.downgrade().orElseThrow();
    assertEquals(down, read);
    assertEquals(Direction.ADOPT, Direction.ofSql("adopt"));
    assertEquals("downgrade", Direction.DOWNGRADE.sql());
    HistoryEntry damaged =
        new HistoryEntry(2, 1, 2, Direction.UPGRADE, "c", Instant.EPOCH, 5, "1.0", "{\"statements\":7}");
    assertThrows(IllegalStateException.class, damaged::downgrade);
    MigrationStep noChecksum =
        HistoryTable.stepFromJson("{\"statements\":[\"X\"],\"finalStatements\":[]}", 2, 1);
    assertEquals(MigrationStep.checksum(List.of("X"), List.of()), noChecksum.checksum());
    assertThrows(
        IllegalStateException.class,
        () -> HistoryTable.stepFromJson("{\"statements\":[1],\"finalStatements\":[]}", 2, 1));
    assertThrows(IllegalStateException.class, () -> HistoryTable.stepFromJson("not json", 2, 1));
  }

  @Test
  void thePlannerUsesStoredStepsOnlyWhereTheCodeLacksThem() {
    SchemaInfo code = Versions.schema(2);
    MigrationStep stored43 = MigrationStep.of(4, 3, List.of("S43"), List.of(), false);
    MigrationStep stored32 = MigrationStep.of(3, 2, List.of("S32"), List.of(), true);
    List<PlannedStep> steps =
        MigrationPlanner.plan(
            code,
            4,
            1,
            from ->
                switch (from) {
                  case 4 -> Optional.of(new PlannedStep(stored43, "h3", true));
                  case 3 -> Optional.of(new PlannedStep(stored32, "h2-stored", true));
                  default -> Optional.empty();
                },
            "db",
            "");
    assertEquals(3, steps.size());
    assertEquals(stored43, steps.get(0).step());
    assertEquals("h3", steps.get(0).targetIdentityHash());
    assertEquals(Versions.hash(2), steps.get(1).targetIdentityHash(), "the code's hash wins");
    assertTrue(steps.get(1).stored());
    assertFalse(steps.get(2).stored());
    assertEquals(code.step(2, 1).orElseThrow(), steps.get(2).step());
    SchemaVersionException missing =
        assertThrows(
            SchemaVersionException.class,
            () -> MigrationPlanner.plan(code, 1, 3, from -> Optional.empty(), "db", ""));
    assertTrue(missing.getMessage().contains("no upgrade step 2 -> 3"), missing.getMessage());
    assertThrows(NullPointerException.class, () -> new PlannedStep(UP, null, false));
  }

  @Test
  void plansDescribeDowngradesAndLegacyFiles() {
    MigrationPlan plan =
        new MigrationPlan(
            "f.db",
            0,
            1,
            2,
            List.of(
                new MigrationStep(
                    1, 2, List.of("S"), List.of("F"), false, "c", List.of(tx -> {}))));
    String text = plan.describe();
    assertFalse(plan.createsSchema());
    assertTrue(text.contains("created without gao-metrics"), text);
    assertTrue(text.contains("-- step 1 -> 2 (upgrade), checksum c\nS;\n-- then 1 data migration(s)"), text);
    assertTrue(text.endsWith("F;\n"), text);
  }
}

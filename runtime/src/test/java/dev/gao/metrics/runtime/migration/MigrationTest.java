package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MigrationException;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Sample;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migrations of {@link Versions}' schema on populated databases, on every engine: each step up and
 * down (add, drop and rename columns, create and drop tables and indexes, a new default, a data
 * migration; on SQLite a table rebuild), every value compared after each move, failures leaving the
 * previous version intact, the history and the refusals. SQLite's own parts (backups, dry runs of a
 * file, foreign keys switched off around a rebuild) are in {@code sql/sqlite/SqliteMigrationTest}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MigrationTest {
  private static final int RUNS = 40;

  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private final AtomicInteger names = new AtomicInteger();

  @BeforeEach
  void target() {
    target = Target.of(engine, temp, "migration");
  }

  @AfterEach
  void drop() {
    target.drop();
  }

  /** A new database at version {@code version} written by code of that version, with the sample. */
  private String databaseAt(int version) throws Exception {
    String name = "v" + version + "_" + names.incrementAndGet();
    target.open(Versions.schema(1), name).close();
    try (Connection connection = target.connect(name)) {
      Sample.populateV1(connection, RUNS);
    }
    if (version > 1) {
      open(Versions.schema(version), name).close();
    }
    return name;
  }

  private MetricsDatabase open(SchemaInfo schema, String name) {
    return builder(schema, name).open();
  }

  private MetricsDatabase.Builder builder(SchemaInfo schema, String name) {
    return target.builder(schema, name).backupBeforeMigration(false);
  }

  private List<List<String>> query(String name, String sql) throws SQLException {
    try (Connection connection = target.connect(name)) {
      return Databases.query(connection, sql);
    }
  }

  private List<String> column(String name, String sql) throws SQLException {
    return query(name, sql).stream().map(row -> row.get(0)).toList();
  }

  private void execute(String name, String... statements) throws SQLException {
    try (Connection connection = target.connect(name);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Every row of every table of the version, compared value by value, and no broken reference. */
  private void assertRows(String name, int version) throws SQLException {
    Map<String, List<List<Object>>> expected = Sample.expected(engine, version, RUNS);
    Map<String, List<List<Object>>> actual;
    try (Connection connection = target.connect(name)) {
      actual = Sample.actual(connection, version);
    }
    for (String table : expected.keySet()) {
      assertEquals(expected.get(table), actual.get(table), "rows of table " + table);
    }
    assertEquals(expected.keySet(), actual.keySet());
    assertEquals(
        List.of("0"),
        column(
            name,
            "SELECT count(*) FROM metrics m WHERE NOT EXISTS"
                + " (SELECT 1 FROM runs r WHERE r.run_id = m.run_id)"));
    assertEquals(
        List.of(Integer.toString(version)),
        column(name, "SELECT value FROM gao_metrics_schema WHERE key = 'schema_version'"));
    if (target.sqlite()) {
      assertEquals(List.of(List.of("ok")), query(name, "PRAGMA integrity_check"));
      assertEquals(List.of(), query(name, "PRAGMA foreign_key_check"));
      assertEquals(List.of(Integer.toString(version)), column(name, "PRAGMA user_version"));
    }
  }

  /** The step with a statement added at the end of its SQL on every engine. */
  private static MigrationStep appended(MigrationStep step, String sqlite, String postgres) {
    MigrationStep onPostgres = step.forEngine(Engine.POSTGRESQL);
    return new MigrationStep(
            step.fromVersion(),
            step.toVersion(),
            append(step.statements(), sqlite),
            step.finalStatements(),
            step.foreignKeysOff(),
            MigrationStep.checksum(append(step.statements(), sqlite), step.finalStatements()),
            step.dataMigrations())
        .on(
            Engine.POSTGRESQL,
            append(onPostgres.statements(), postgres),
            onPostgres.finalStatements());
  }

  private static UnaryOperator<MigrationStep> editing(
      int from, int to, UnaryOperator<MigrationStep> edit) {
    return step -> step.fromVersion() == from && step.toVersion() == to ? edit.apply(step) : step;
  }

  @Test
  void upgradesOverSeveralStepsKeepingEveryValue() throws Exception {
    String name = databaseAt(1);
    assertRows(name, 1);
    try (MetricsDatabase db = open(Versions.schema(4), name)) {
      assertEquals(4, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(List.of(), db.pendingSteps());
      List<HistoryEntry> history = db.history();
      assertEquals(3, history.size());
      for (int i = 0; i < 3; i++) {
        HistoryEntry entry = history.get(i);
        assertEquals(i + 1, entry.fromVersion());
        assertEquals(i + 2, entry.toVersion());
        assertEquals(Direction.UPGRADE, entry.direction());
        assertEquals(
            Versions.schema(4).step(i + 1, i + 2).orElseThrow().forEngine(engine).checksum(),
            entry.checksum());
        assertTrue(entry.durationMs() >= 0);
        assertFalse(entry.libraryVersion().isBlank());
        MigrationStep down = entry.downgrade().orElseThrow();
        assertEquals(i + 2, down.fromVersion());
        assertEquals(i + 1, down.toVersion());
        assertEquals(
            Versions.schema(4).step(i + 2, i + 1).orElseThrow().forEngine(engine).statements(),
            down.statements());
      }
      assertEquals(target.sqlite(), history.get(2).downgrade().orElseThrow().foreignKeysOff());
    }
    assertRows(name, 4);
    assertEquals(
        List.of("migration-metrics-v4"),
        column(name, "SELECT value FROM gao_metrics_schema WHERE key = 'identity_hash'"));
  }

  @Test
  void everyStepDownAndUpAgainKeepsEveryValue() throws Exception {
    String name = databaseAt(5);
    assertRows(name, 5);
    for (int version = 4; version >= 1; version--) {
      try (MetricsDatabase db = builder(Versions.schema(5), name).targetVersion(version).open()) {
        assertEquals(version, db.storedVersion());
        assertEquals(List.of(), db.validate());
      }
      assertRows(name, version);
    }
    for (int version = 2; version <= 5; version++) {
      try (MetricsDatabase db = builder(Versions.schema(5), name).targetVersion(version).open()) {
        assertEquals(version, db.storedVersion());
        assertEquals(List.of(), db.validate());
      }
      assertRows(name, version);
    }
    try (MetricsDatabase db = open(Versions.schema(5), name)) {
      List<Direction> directions = db.history().stream().map(HistoryEntry::direction).toList();
      List<Direction> expected = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        expected.add(0, Direction.UPGRADE);
        expected.add(Direction.DOWNGRADE);
      }
      for (int i = 0; i < 4; i++) {
        expected.add(Direction.UPGRADE);
      }
      assertEquals(expected, directions);
    }
  }

  @Test
  void aTableRenameTypeChangeNotNullForeignKeyActionAndRangeTakeEffect() throws Exception {
    String name = databaseAt(5);
    assertRows(name, 5);
    try (MetricsDatabase db = open(Versions.schema(5), name)) {
      assertEquals(List.of(), db.validate());
      assertEquals(Long.parseLong(column(name, "SELECT count(*) FROM run_tags").get(0)),
          db.rowCount("run_tags"));
      // ON DELETE RESTRICT: a run with metrics can no longer be deleted.
      assertThrows(
          TransactionException.class,
          () ->
              db.runInTransaction(
                  tx -> {
                    try (Statement s = tx.connection().createStatement()) {
                      s.execute("DELETE FROM runs WHERE run_id = '" + Sample.runId(3) + "'");
                    }
                  }));
      // The range and NOT NULL hold for new rows; a fraction fits tokens now.
      for (String insert :
          List.of(
              "INSERT INTO metrics (run_id, total_seconds, tokens, day) VALUES ('"
                  + Sample.runId(3)
                  + "', -1, 1, '2025-01-01')",
              "INSERT INTO metrics (run_id, total_seconds, tokens) VALUES ('"
                  + Sample.runId(3)
                  + "', 1, 1)")) {
        assertThrows(
            TransactionException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      try (Statement s = tx.connection().createStatement()) {
                        s.execute(insert);
                      }
                    }),
            insert);
      }
    }
    assertRows(name, 5);
  }

  @Test
  void aDowngradeThatCannotKeepAValueExactlyFailsAndLeavesTheNewerVersionIntact() throws Exception {
    String name = databaseAt(5);
    execute(name, "UPDATE metrics SET tokens = 2.5 WHERE id = 1");
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> builder(Versions.schema(5), name).targetVersion(4).open());
    assertEquals(5, e.fromVersion());
    assertEquals(4, e.toVersion());
    assertTrue(e.getMessage().contains("still at version 5"), e.getMessage());
    assertEquals(List.of("2.5"), column(name, "SELECT tokens FROM metrics WHERE id = 1"));
    execute(name, "UPDATE metrics SET tokens = 0 WHERE id = 1");
    assertRows(name, 5);
    try (MetricsDatabase db = open(Versions.schema(5), name)) {
      assertEquals(List.of(), db.validate());
    }
  }

  @Test
  void aRebuiltOrAlteredParentTableKeepsItsChildrenAndItsForeignKeys() throws Exception {
    String name = databaseAt(3);
    long metrics = Long.parseLong(column(name, "SELECT count(*) FROM metrics").get(0));
    long tags = Long.parseLong(column(name, "SELECT count(*) FROM tags").get(0));
    assertTrue(metrics > 0 && tags > 0);
    try (MetricsDatabase db = open(Versions.schema(4), name)) {
      assertEquals(metrics, db.rowCount("metrics"));
      assertEquals(tags, db.rowCount("tags"));
      // Enforcement holds on every pooled connection after the step.
      for (int i = 0; i < 6; i++) {
        TransactionException e =
            assertThrows(
                TransactionException.class,
                () ->
                    db.runInTransaction(
                        tx -> {
                          try (Statement s = tx.connection().createStatement()) {
                            s.execute(
                                "INSERT INTO metrics (run_id, total_seconds) VALUES ('nope', 1)");
                          }
                        }));
        String message = e.getCause().getMessage();
        assertTrue(
            message.contains(target.sqlite() ? "FOREIGN KEY" : "fk_metrics_run_id"), message);
      }
      db.runInTransaction(
          tx -> {
            try (Statement s = tx.connection().createStatement()) {
              s.execute("DELETE FROM runs WHERE run_id = '" + Sample.runId(2) + "'");
            }
          });
      assertEquals(metrics - Sample.METRICS_PER_RUN, db.rowCount("metrics"));
    }
  }

  @Test
  void downgradesOnlyWhenAsked() throws Exception {
    String name = databaseAt(4);
    SchemaVersionException refused =
        assertThrows(SchemaVersionException.class, () -> open(Versions.schema(2), name));
    assertEquals(4, refused.storedVersion());
    assertEquals(2, refused.codeVersion());
    assertTrue(refused.getMessage().contains("targetVersion(2)"), refused.getMessage());
    assertRows(name, 4);

    try (MetricsDatabase db = builder(Versions.schema(4), name).targetVersion(2).open()) {
      assertEquals(2, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(2, db.pendingSteps().size());
      List<HistoryEntry> history = db.history();
      assertEquals(Direction.DOWNGRADE, history.get(history.size() - 1).direction());
      assertEquals(3, history.get(history.size() - 1).fromVersion());
      assertEquals(2, history.get(history.size() - 1).toVersion());
      assertNull(history.get(history.size() - 1).downgradeSql());
    }
    assertRows(name, 2);
    open(Versions.schema(2), name).close();
    open(Versions.schema(4), name).close();
    assertRows(name, 4);
  }

  @Test
  void aNewerDatabaseWithoutStoredStepsIsRefusedNamingBothVersions() throws Exception {
    String name = "new3";
    open(Versions.schema(3), name).close();
    SchemaVersionException e =
        assertThrows(SchemaVersionException.class, () -> open(Versions.schema(2), name));
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertTrue(e.getMessage().contains("records no steps down"), e.getMessage());
    SchemaVersionException asked =
        assertThrows(
            SchemaVersionException.class,
            () -> builder(Versions.schema(2), name).targetVersion(2).open());
    assertTrue(asked.getMessage().contains("downgrade step 3 -> 2"), asked.getMessage());
    assertEquals(
        List.of("3"),
        column(name, "SELECT value FROM gao_metrics_schema WHERE key = 'schema_version'"));
  }

  @Test
  void olderCodeRollsBackWithTheStoredDowngradeSql() throws Exception {
    String name = databaseAt(4); // migrated 1 -> 4 by "newer" code, which stored the steps down
    try (MetricsDatabase db = builder(Versions.schema(2), name).targetVersion(2).open()) {
      assertEquals(2, db.storedVersion());
      assertEquals(List.of(), db.validate());
    }
    assertEquals(
        List.of("migration-metrics-v2"),
        column(name, "SELECT value FROM gao_metrics_schema WHERE key = 'identity_hash'"));
    assertRows(name, 2);
  }

  @Test
  void aFailingStatementLeavesThePreviousVersionIntact() throws Exception {
    String name = databaseAt(2);
    SchemaInfo broken =
        Versions.schema(
            4,
            editing(
                3,
                4,
                step ->
                    appended(
                        step,
                        "ALTER TABLE \"runs\" ADD COLUMN \"x\" NOPE NOPE",
                        "ALTER TABLE \"runs\" ADD COLUMN \"x\" NOPE NOPE")));
    MigrationException e = assertThrows(MigrationException.class, () -> open(broken, name));
    assertEquals(3, e.fromVersion());
    assertEquals(4, e.toVersion());
    assertTrue(e.getMessage().contains("NOPE NOPE"), e.getMessage());
    assertTrue(e.getMessage().contains(target.location(name)), e.getMessage());
    // Step 2 -> 3 committed; 3 -> 4 left nothing behind, not even its first statements.
    assertRows(name, 3);
    try (MetricsDatabase db = open(Versions.schema(3), name)) {
      assertEquals(List.of(), db.validate());
      assertEquals(2, db.history().size());
    }
  }

  @Test
  void aFailingDataMigrationLeavesThePreviousVersionIntact() throws Exception {
    String name = databaseAt(2);
    SchemaInfo broken =
        Versions.schema(
            3,
            editing(
                2,
                3,
                step ->
                    new MigrationStep(
                            2,
                            3,
                            step.statements(),
                            List.of("DROP TABLE \"tags\""),
                            false,
                            step.checksum(),
                            List.of(
                                Versions.FILL_TAGS,
                                tx -> {
                                  throw new IllegalStateException("tag 't3' cannot be converted");
                                }))
                        .on(
                            Engine.POSTGRESQL,
                            step.forEngine(Engine.POSTGRESQL).statements(),
                            List.of("DROP TABLE \"tags\""))));
    MigrationException e = assertThrows(MigrationException.class, () -> open(broken, name));
    assertTrue(e.getMessage().contains("tag 't3' cannot be converted"), e.getMessage());
    assertTrue(e.getMessage().contains("still at version 2"), e.getMessage());
    assertRows(name, 2);
    try (MetricsDatabase db = open(Versions.schema(2), name)) {
      assertEquals(1, db.history().size());
      assertEquals(List.of(), db.validate());
    }
  }

  @Test
  void rowsOutsideATighterRangeFailTheStepNamingTheConstraint() throws Exception {
    String name = databaseAt(2);
    SchemaInfo tighter =
        Versions.schema(
            3,
            editing(
                2,
                3,
                step -> {
                  MigrationStep onPostgres = step.forEngine(Engine.POSTGRESQL);
                  List<String> sqlite = new ArrayList<>(step.statements());
                  sqlite.add(
                      "CREATE TABLE \"scores\" (\"v\" REAL, CONSTRAINT \"ck_scores_v\" CHECK"
                          + " (\"v\" <= 1)) STRICT");
                  sqlite.add("INSERT INTO \"scores\" (\"v\") VALUES (2)");
                  List<String> postgres = new ArrayList<>(onPostgres.statements());
                  postgres.add(
                      "CREATE TABLE \"scores\" (\"v\" double precision, CONSTRAINT \"ck_scores_v\""
                          + " CHECK (\"v\" <= 1))");
                  postgres.add("INSERT INTO \"scores\" (\"v\") VALUES (2)");
                  return new MigrationStep(
                          2,
                          3,
                          sqlite,
                          step.finalStatements(),
                          true,
                          step.checksum(),
                          step.dataMigrations())
                      .on(Engine.POSTGRESQL, postgres, onPostgres.finalStatements());
                }));
    MigrationException e = assertThrows(MigrationException.class, () -> open(tighter, name));
    assertTrue(e.getMessage().contains("still at version 2"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("Stored rows violate range constraint ck_scores_v that version 3 declares"),
        e.getMessage());
    assertRows(name, 2);
  }

  @Test
  void aStepThatBreaksAForeignKeyIsRolledBackNamingTheTable() throws Exception {
    String name = databaseAt(3);
    // SQLite runs this step with foreign keys off: the delete leaves orphans that the check before
    // the commit finds. PostgreSQL keeps them on: an orphan is refused by the statement itself.
    SchemaInfo broken =
        Versions.schema(
            4,
            editing(
                3,
                4,
                step ->
                    appended(
                        step,
                        "DELETE FROM \"runs\" WHERE \"run_id\" = '" + Sample.runId(7) + "'",
                        "INSERT INTO \"metrics\" (\"run_id\", \"total_seconds\") VALUES"
                            + " ('no-such-run', 1)")));
    MigrationException e = assertThrows(MigrationException.class, () -> open(broken, name));
    assertTrue(e.getMessage().contains("still at version 3"), e.getMessage());
    if (target.sqlite()) {
      assertTrue(e.getMessage().contains("table metrics rowid"), e.getMessage());
      assertTrue(e.getMessage().contains("foreign keys are broken"), e.getMessage());
    } else {
      assertTrue(e.getMessage().contains("metrics"), e.getMessage());
      assertTrue(e.getMessage().contains("run_id"), e.getMessage());
      assertTrue(e.getMessage().contains("no-such-run"), e.getMessage());
    }
    assertRows(name, 3);
  }

  @Test
  void aNewDatabaseIsCreatedAtTheRequestedVersionAndReportsPendingSteps() throws Exception {
    try (MetricsDatabase db = builder(Versions.schema(4), "at2").targetVersion(2).open()) {
      assertEquals(2, db.storedVersion());
      assertEquals(List.of(), db.validate());
      assertEquals(
          List.of(2, 3), db.pendingSteps().stream().map(MigrationStep::fromVersion).toList());
      assertEquals(List.of(), db.history());
    }
    assertEquals(
        List.of("status"),
        column(
            "at2",
            target.sqlite()
                ? "SELECT name FROM pragma_table_info('runs') WHERE name = 'status'"
                : "SELECT column_name FROM information_schema.columns WHERE table_name = 'runs'"
                    + " AND column_name = 'status'"));
    assertThrows(
        IllegalArgumentException.class,
        () -> MetricsDatabase.builder(Versions.schema(4)).targetVersion(5));
  }

  @Test
  void validateListsDifferencesOfTheLiveSchema() throws Exception {
    String name = databaseAt(2);
    try (MetricsDatabase db = open(Versions.schema(2), name)) {
      assertEquals(List.of(), db.validate());
      db.runInTransaction(
          tx -> {
            try (Statement s = tx.connection().createStatement()) {
              s.execute("DROP INDEX \"idx_runs_project\"");
            }
          });
      List<SchemaDifference> differences = db.validate();
      assertEquals(1, differences.size(), differences.toString());
      assertEquals(SchemaDifference.Kind.MISSING_INDEX, differences.get(0).kind());
    }
    assertThrows(SchemaMismatchException.class, () -> open(Versions.schema(2), name));
  }

  @Test
  void aStepThatLeavesTheWrongStructureFailsValidationAfterMigrating() throws Exception {
    String name = databaseAt(1);
    SchemaInfo broken =
        Versions.schema(
            2,
            editing(
                1,
                2,
                step ->
                    MigrationStep.of(1, 2, step.statements().subList(0, 1), List.of(), false)
                        .on(
                            Engine.POSTGRESQL,
                            step.forEngine(Engine.POSTGRESQL).statements().subList(0, 1),
                            List.of())));
    SchemaMismatchException e =
        assertThrows(SchemaMismatchException.class, () -> open(broken, name));
    assertTrue(e.getMessage().contains("idx_runs_project"), e.getMessage());
  }

  @Test
  void aDatabaseWrittenBeforeTheHistoryTableExistedGetsItOnItsFirstMigration() throws Exception {
    String name = databaseAt(1);
    execute(name, "DROP TABLE gao_metrics_history");
    try (MetricsDatabase db = open(Versions.schema(1), name)) {
      assertEquals(List.of(), db.history());
    }
    try (MetricsDatabase db = open(Versions.schema(2), name)) {
      assertEquals(1, db.history().size());
      assertEquals(List.of(), db.validate());
    }
    assertRows(name, 2);
  }

  @Test
  void databasesOpeningAnOldDatabaseAtOnceMigrateItOnce() throws Exception {
    String name = databaseAt(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> opened = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opened.add(
            pool.submit(
                () -> {
                  try (MetricsDatabase db = open(Versions.schema(4), name)) {
                    return db.storedVersion();
                  }
                }));
      }
      for (Future<Integer> future : opened) {
        assertEquals(4, future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (MetricsDatabase db = open(Versions.schema(4), name)) {
      assertEquals(3, db.history().size());
    }
    assertRows(name, 4);
  }

  private static List<String> append(List<String> statements, String statement) {
    List<String> all = new ArrayList<>(statements);
    all.add(statement);
    return all;
  }
}

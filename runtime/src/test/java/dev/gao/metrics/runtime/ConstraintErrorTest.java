package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.dao.TableDao;
import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.NotNullViolationException;
import dev.gao.metrics.runtime.exception.TypeMismatchException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Constraint violations and refused values name table, column and value, on every engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ConstraintErrorTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private MetricsDatabase db;
  private RunDao runs;
  private MetricDao metrics;

  @BeforeEach
  void open() {
    target = Target.of(engine, temp, "constraints");
    // A short wait for SQLite's write lock, which one test holds from another connection; on
    // PostgreSQL the same setting bounds the wait for a pooled connection, whose first opening
    // takes longer than that on a loaded machine.
    Duration busy = target.sqlite() ? Duration.ofMillis(100) : Duration.ofSeconds(10);
    db = target.builder(TestSchema.SCHEMA).busyTimeout(busy).open();
    runs = new RunDao(db);
    metrics = new MetricDao(db);
    runs.insert(Run.of("r1", Instant.EPOCH, "p1"));
  }

  @AfterEach
  void close() {
    assertEquals(0, db.transactions().activeConnections());
    db.close();
  }

  @Test
  void aMissingParentNamesTableColumnAndValue() {
    ForeignKeyViolationException e =
        assertThrows(
            ForeignKeyViolationException.class, () -> metrics.insert(Metric.of("ghost", 1, 1)));
    assertEquals("performance_metrics", e.table());
    assertEquals("run_id", e.column());
    assertEquals("ghost", e.value());
    assertTrue(e.getMessage().contains("performance_metrics.run_id"), e.getMessage());
    assertTrue(e.getMessage().contains("'ghost'"), e.getMessage());
    assertTrue(e.getMessage().contains("benchmark_runs"), e.getMessage());
  }

  @Test
  void aMissingParentInABatchIsFound() {
    List<Metric> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(Metric.of(i == 7 ? "ghost" : "r1", i, i));
    }
    ForeignKeyViolationException batch =
        assertThrows(ForeignKeyViolationException.class, () -> metrics.insertBatch(rows));
    assertEquals("ghost", batch.value());
    ForeignKeyViolationException keys =
        assertThrows(ForeignKeyViolationException.class, () -> metrics.insertAll(rows));
    assertEquals("ghost", keys.value());
    assertEquals(0, metrics.count(), "a failed multi-row insert writes nothing");
  }

  @Test
  void aForeignKeyFailureWithoutProbeNamesTheForeignKeyColumns() {
    assumeTrue(target.sqlite(), "SQLite names no foreign key; PostgreSQL's translation always does");
    NoProbeMetricDao dao = new NoProbeMetricDao(db);
    ForeignKeyViolationException e =
        assertThrows(
            ForeignKeyViolationException.class, () -> dao.insert(Metric.of("ghost", 1, 1)));
    assertEquals("performance_metrics", e.table());
    assertEquals("run_id", e.column());
    assertNull(e.value());
    assertTrue(e.getMessage().contains("run_id -> benchmark_runs.run_id"), e.getMessage());
  }

  @Test
  void aRestrictedDeleteNamesTheTable() throws Exception {
    if (target.sqlite()) {
      rebuildMetricsWithoutUpdateAction();
    }
    // Renaming a referenced key violates the NO ACTION update rule.
    new MetricDao(db).insert(Metric.of("r1", 1, 1));
    ForeignKeyViolationException e =
        assertThrows(
            ForeignKeyViolationException.class,
            () ->
                new RawRunDao(db)
                    .update(
                        "UPDATE benchmark_runs SET run_id = 'renamed' WHERE run_id = 'r1'",
                        StatementBinder.NONE));
    assertEquals("benchmark_runs", e.table());
    assertTrue(e.getMessage().contains("benchmark_runs"), e.getMessage());
  }

  private void rebuildMetricsWithoutUpdateAction() throws Exception {
    Path file = db.file().orElseThrow();
    db.close();
    Databases.execute(
        file,
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE m2 AS SELECT * FROM performance_metrics",
        "DROP TABLE performance_metrics",
        "CREATE TABLE \"performance_metrics\" (\n"
            + "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            + "  \"run_id\" TEXT NOT NULL REFERENCES \"benchmark_runs\" (\"run_id\")"
            + " ON DELETE CASCADE ON UPDATE NO ACTION,\n"
            + "  \"total_time_seconds\" REAL NOT NULL,\n"
            + "  \"phase_times\" TEXT CHECK (json_valid(\"phase_times\")),\n"
            + "  \"tokens\" INTEGER NOT NULL DEFAULT 0\n"
            + ") STRICT",
        "DROP TABLE m2",
        "CREATE INDEX \"idx_performance_run_id\" ON \"performance_metrics\" (\"run_id\")");
    db = MetricsDatabase.open(TestSchema.SCHEMA, file);
    runs = new RunDao(db);
  }

  @Test
  void aDuplicateKeyNamesTableColumnAndValue() {
    UniqueViolationException e =
        assertThrows(
            UniqueViolationException.class, () -> runs.insert(Run.of("r1", Instant.EPOCH, "p9")));
    assertEquals("benchmark_runs", e.table());
    assertEquals("run_id", e.column());
    assertEquals("r1", e.value());
    assertTrue(e.getMessage().contains("benchmark_runs.run_id"), e.getMessage());
    assertTrue(e.getMessage().contains("'r1'"), e.getMessage());
  }

  @Test
  void aDuplicateInAUniqueIndexNamesItsColumns() {
    UniqueViolationException e =
        assertThrows(
            UniqueViolationException.class, () -> runs.insert(Run.of("r2", Instant.EPOCH, "p1")));
    assertEquals("benchmark_runs", e.table());
    assertEquals("project_name, benchmark_name", e.column());
    assertEquals(List.of("p1", "bench"), e.value());
    assertTrue(e.getMessage().endsWith("values ('p1', 'bench') already exist"), e.getMessage());
    assertTrue(
        e.getMessage().contains("benchmark_runs.(project_name, benchmark_name)"), e.getMessage());
  }

  @Test
  void aMissingValueNamesTableAndColumn() {
    NotNullViolationException e =
        assertThrows(
            NotNullViolationException.class,
            () -> runs.insert(new Run("r2", Instant.EPOCH, null, "b", null, null, null)));
    assertEquals("benchmark_runs", e.table());
    assertEquals("project_name", e.column());
    assertTrue(e.getMessage().contains("benchmark_runs.project_name"), e.getMessage());
  }

  @Test
  void invalidJsonNamesTableAndColumn() {
    assumeTrue(target.sqlite(), "json_valid() guards SQLite's JSON text; PostgreSQL's jsonb parses it");
    CheckViolationException e =
        assertThrows(
            CheckViolationException.class,
            () ->
                new RawRunDao(db)
                    .update(
                        "UPDATE benchmark_runs SET metadata = ? WHERE run_id = 'r1'",
                        s -> s.setString(1, "{not json")));
    assertEquals("benchmark_runs", e.table());
    assertEquals("metadata", e.column());
    assertTrue(e.getMessage().contains("benchmark_runs.metadata"), e.getMessage());
    assertTrue(e.getMessage().contains("json_valid"), e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeNamesTableColumnAndValue() {
    assumeTrue(target.sqlite(), "STRICT tables' type errors");
    metrics.insert(Metric.of("r1", 1, 1));
    TypeMismatchException e =
        assertThrows(
            TypeMismatchException.class,
            () ->
                new RawRunDao(db)
                    .update(
                        "UPDATE performance_metrics SET tokens = ?", s -> s.setString(1, "many")));
    assertEquals("performance_metrics", e.table());
    assertEquals("tokens", e.column());
    assertTrue(
        e.getMessage().contains("cannot store TEXT value in INTEGER column"), e.getMessage());
    assertTrue(e.getMessage().contains("performance_metrics.tokens"), e.getMessage());

    TypeMismatchException insert =
        assertThrows(
            TypeMismatchException.class,
            () -> new WrongTypeMetricDao(db).insert(Metric.of("r1", 1, 1)));
    assertEquals("tokens", insert.column());
    assertEquals("lots", insert.value());
    assertTrue(insert.getMessage().contains("'lots'"), insert.getMessage());
  }

  @Test
  void invalidValuesAreRefusedBeforeSql() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class, () -> metrics.insert(Metric.of("r1", Double.NaN, 1)));
    assertEquals("performance_metrics", e.table());
    assertEquals("total_time_seconds", e.column());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void anotherProcessHoldingTheWriteLockGivesBusy() throws Exception {
    assumeTrue(target.sqlite(), "SQLite's file write lock");
    try (Connection other = Databases.connect(db.file().orElseThrow());
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      BusyException e =
          assertThrows(BusyException.class, () -> runs.insert(Run.of("r2", Instant.EPOCH, "p2")));
      assertTrue(e.getMessage().contains("busy"), e.getMessage());
      assertTrue(e.getMessage().contains("m.db"), e.getMessage());
      statement.execute("ROLLBACK");
    }
    runs.insert(Run.of("r2", Instant.EPOCH, "p2"));
    assertEquals(2, runs.count());
  }

  @Test
  void badSqlIsAMetricsExceptionNamingTheTable() {
    MetricsException e =
        assertThrows(
            MetricsException.class,
            () -> new RawRunDao(db).update("UPDATE no_such_table SET x = 1", StatementBinder.NONE));
    assertTrue(e.getMessage().contains("on table benchmark_runs"), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
  }

  /** Runs arbitrary update statements with the run table's error context. */
  static final class RawRunDao extends TableDao<Run> {
    RawRunDao(MetricsDatabase database) {
      super(database, RunDao.TABLE);
    }

    int update(String sql, StatementBinder binder) {
      return executeUpdate(sql, binder);
    }

    @Override
    protected void bindRow(PreparedStatement statement, Run row) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected Run readRow(ResultSet resultSet) {
      throw new UnsupportedOperationException();
    }
  }

  /** Inserts metrics without telling the runtime the foreign-key values. */
  static final class NoProbeMetricDao extends TableDao<Metric> {
    NoProbeMetricDao(MetricsDatabase database) {
      super(database, MetricDao.TABLE);
    }

    void insert(Metric row) {
      insertRow(
          "INSERT INTO performance_metrics (id, run_id, total_time_seconds, phase_times, tokens)"
              + " VALUES (?, ?, ?, ?, ?)",
          row);
    }

    @Override
    protected void bindRow(PreparedStatement statement, Metric row) throws SQLException {
      values().setGeneratedKey(statement, 1, row.id(), null);
      statement.setString(2, row.runId());
      statement.setDouble(3, row.totalTimeSeconds());
      statement.setNull(4, java.sql.Types.VARCHAR);
      statement.setLong(5, row.tokens());
    }

    @Override
    protected Metric readRow(ResultSet resultSet) {
      throw new UnsupportedOperationException();
    }
  }

  /** Binds text into the INTEGER column, as a buggy hand-written DAO would. */
  static final class WrongTypeMetricDao extends TableDao<Metric> {
    WrongTypeMetricDao(MetricsDatabase database) {
      super(database, MetricDao.TABLE);
    }

    void insert(Metric row) {
      insertRow(
          "INSERT INTO performance_metrics (id, run_id, total_time_seconds, phase_times, tokens)"
              + " VALUES (?, ?, ?, ?, ?)",
          row);
    }

    @Override
    protected void bindRow(PreparedStatement statement, Metric row) throws SQLException {
      statement.setNull(1, java.sql.Types.INTEGER);
      statement.setString(2, row.runId());
      statement.setDouble(3, row.totalTimeSeconds());
      statement.setNull(4, java.sql.Types.VARCHAR);
      statement.setString(5, "lots");
    }

    @Override
    protected Metric readRow(ResultSet resultSet) {
      throw new UnsupportedOperationException();
    }
  }
}

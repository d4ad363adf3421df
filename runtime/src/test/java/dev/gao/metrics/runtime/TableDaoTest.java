package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SortOrder;
import dev.gao.metrics.runtime.dao.TableDao;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MappingException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Tag;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated DAOs' operations, on every engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class TableDaoTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private MetricsDatabase db;
  private RunDao runs;
  private MetricDao metrics;

  @BeforeEach
  void open() {
    target = Target.of(engine, temp, "dao");
    db = target.open(TestSchema.SCHEMA);
    runs = new RunDao(db);
    metrics = new MetricDao(db);
  }

  @AfterEach
  void close() {
    assertEquals(0, db.transactions().activeConnections());
    db.close();
  }

  private static Run run(String id, String project) {
    return Run.of(id, Instant.parse("2025-03-01T12:00:00.5Z"), project);
  }

  @Test
  void insertFindUpdateDelete() {
    Run row =
        new Run(
            "r1",
            target.exact(Instant.parse("2025-03-01T12:00:00.123456789Z")),
            "gao",
            "bench",
            "2.1.0",
            Map.of("tags", List.of(new Tag("fast", 3, Instant.parse("2025-01-01T00:00:00Z")))),
            Instant.parse("2025-03-01T12:00:01Z"));
    runs.insert(row);
    assertEquals(row, runs.findById("r1").orElseThrow());
    assertTrue(runs.exists("r1"));
    assertFalse(runs.exists("r2"));
    assertTrue(runs.findById("r2").isEmpty());

    Run changed = new Run("r1", row.timestamp(), "gao", "other", "2.2.0", null, row.createdAt());
    assertTrue(runs.update(changed));
    assertEquals(changed, runs.findById("r1").orElseThrow());
    assertFalse(runs.update(new Run("nope", row.timestamp(), "x", "y", "1", null, null)));

    assertTrue(runs.deleteById("r1"));
    assertFalse(runs.deleteById("r1"));
    assertEquals(0, runs.count());
  }

  @Test
  void nullsInColumnsWithDefaultsStoreTheDefault() {
    Instant before = Instant.now().minusSeconds(1);
    runs.insert(run("r1", "p"));
    Run stored = runs.findById("r1").orElseThrow();
    assertEquals("1.0.0", stored.version());
    assertNotNull(stored.createdAt());
    assertTrue(stored.createdAt().isAfter(before), stored.createdAt().toString());
    assertTrue(stored.createdAt().isBefore(Instant.now().plusSeconds(1)));
  }

  @Test
  void insertReturnsTheGeneratedKeyAndUpsertReplaces() {
    runs.insert(run("r1", "p"));
    long first = metrics.insert(Metric.of("r1", 1.5, 10));
    long second = metrics.insert(Metric.of("r1", 2.5, 20));
    assertEquals(first + 1, second);
    long explicit = metrics.insert(new Metric(100, "r1", 3, Map.of("build", 5L), 30));
    assertEquals(100, explicit);

    long upserted = metrics.upsert(new Metric(100, "r1", 4, Map.of("build", 6L), 40));
    assertEquals(100, upserted);
    assertEquals(
        new Metric(100, "r1", 4, Map.of("build", 6L), 40), metrics.findById(100).orElseThrow());
    long fresh = metrics.upsert(Metric.of("r1", 5, 50));
    assertEquals(101, fresh);

    runs.upsert(new Run("r1", Instant.EPOCH, "p", "b2", "9.9.9", null, Instant.EPOCH));
    assertEquals("9.9.9", runs.findById("r1").orElseThrow().version());
    assertEquals(1, runs.count());
  }

  @Test
  void batchesInsertEveryRowInOneTransaction() {
    List<Run> many = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(run(String.format("r%05d", i), "p" + i));
    }
    assertEquals(2500, runs.insertAll(many));
    assertEquals(2500, runs.count());

    List<Metric> children = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      children.add(Metric.of("r00001", i, i));
    }
    long[] keys = metrics.insertAll(children);
    assertEquals(40, keys.length);
    for (int i = 1; i < keys.length; i++) {
      assertEquals(keys[i - 1] + 1, keys[i]);
    }
    assertEquals(40, metrics.insertBatch(children));
    assertEquals(80, metrics.count());
    assertArrayEquals(new long[0], metrics.insertAll(List.of()));
    assertEquals(0, runs.insertAll(List.of()));
  }

  @Test
  void keysGivenByRowsMoveTheAssignedKeysPastThem() {
    runs.insert(run("r1", "p"));
    assertEquals(1, metrics.insert(Metric.of("r1", 1, 1)));
    // Within a batch too: the row after the one keyed 500 gets 501.
    assertEquals(3, metrics.insertBatch(List.of(Metric.of("r1", 2, 2), new Metric(500, "r1", 3, null, 3), Metric.of("r1", 4, 4))));
    assertEquals(502, metrics.insert(Metric.of("r1", 5, 5)));
    assertEquals(1, metrics.insertBatch(List.of(new Metric(7, "r1", 6, null, 6))));
    assertEquals(503, metrics.insert(Metric.of("r1", 7, 7)), "a key below the assigned ones moves nothing");
    assertArrayEquals(new long[] {900, 901}, metrics.insertAll(List.of(new Metric(900, "r1", 8, null, 8), Metric.of("r1", 9, 9))));
    assertEquals(
        List.of(1L, 2L, 7L, 500L, 501L, 502L, 503L, 900L, 901L),
        metrics.findByRunId("r1").stream().map(Metric::id).toList());
  }

  @Test
  void aDuplicateInABatchRollsBackTheWholeBatch() {
    List<Run> rows = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      rows.add(run("r" + (i == 1100 ? 5 : i), "p" + i));
    }
    UniqueViolationException e =
        assertThrows(UniqueViolationException.class, () -> runs.insertAll(rows));
    assertEquals("run_id", e.column());
    assertEquals(0, runs.count());
  }

  @Test
  void aRowThatCannotBeBoundLeavesNoBatchBehind() {
    runs.insert(run("r1", "p"));
    List<Metric> rows = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      rows.add(Metric.of("r1", i == 1200 ? Double.NaN : i, i));
    }
    assertThrows(InvalidValueException.class, () -> metrics.insertBatch(rows));
    assertEquals(0, metrics.count());
    assertEquals(1, metrics.insertBatch(List.of(Metric.of("r1", 1, 1))));
    assertEquals(1, metrics.count());
  }

  @Test
  void queriesListOrderAndStream() {
    runs.insert(Run.of("b", Instant.parse("2025-01-02T00:00:00Z"), "p1"));
    runs.insert(Run.of("a", Instant.parse("2025-01-03T00:00:00Z"), "p2"));
    runs.insert(Run.of("c", Instant.parse("2025-01-01T00:00:00Z"), "p1").withBenchmark("x"));

    assertEquals(List.of("b", "c"), ids(runs.findByProjectName("p1")));
    assertEquals(List.of("a", "b"), ids(runs.list(2, 0)));
    assertEquals(List.of("c"), ids(runs.list(2, 2)));
    assertEquals(
        List.of("c", "b", "a"), ids(runs.list(RunDao.COL_TIMESTAMP, SortOrder.ASC, 10, 0)));
    assertEquals(
        List.of("a", "b", "c"), ids(runs.list(RunDao.COL_TIMESTAMP, SortOrder.DESC, 10, 0)));

    try (Stream<Run> stream = runs.stream()) {
      assertEquals(List.of("a", "b", "c"), stream.map(Run::runId).toList());
    }
    try (Stream<Run> stream = runs.stream()) {
      Iterator<Run> it = stream.iterator();
      assertEquals("a", it.next().runId());
      assertEquals(1, db.transactions().activeConnections());
    }
  }

  @Test
  void aStreamReadsItsRowsAsTheyAreAskedFor() throws Exception {
    List<Run> many = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(run(String.format("r%05d", i), "p" + i));
    }
    runs.insertAll(many);
    try (Stream<Run> stream = runs.stream()) {
      Iterator<Run> it = stream.iterator();
      assertEquals("r00000", it.next().runId());
      if (!target.sqlite()) {
        // pgjdbc reads a page at a time only in a transaction: the stream's connection holds one.
        assertEquals(List.of("1"), openTransactions());
      }
      int read = 1;
      while (it.hasNext()) {
        it.next();
        read++;
      }
      assertEquals(2500, read);
    }
    assertEquals(0, db.transactions().activeConnections());
    if (!target.sqlite()) {
      assertEquals(List.of("0"), openTransactions());
      db.runInTransaction(
          tx -> {
            try (Stream<Run> stream = runs.stream()) {
              assertEquals(2500, stream.count());
            }
            runs.insert(run("after", "stream"));
          });
      assertEquals(List.of("0"), openTransactions());
      assertTrue(runs.exists("after"));
    }
  }

  /** How many connections to the test's PostgreSQL database are idle inside a transaction. */
  private List<String> openTransactions() throws SQLException {
    return target.column(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND state = 'idle in transaction'");
  }

  @Test
  void aStreamInsideAUnitUsesItsConnection() {
    runs.insert(run("r1", "p1"));
    runs.insert(run("r2", "p2"));
    db.runInTransaction(
        tx -> {
          runs.insert(run("r3", "p3"));
          try (Stream<Run> stream = runs.stream()) {
            assertEquals(3, stream.count());
          }
          assertEquals(1, db.transactions().activeConnections());
        });
  }

  @Test
  void readingABrokenRowInAStreamFailsClearly() throws Exception {
    runs.insert(run("r1", "p1"));
    // No instant in Java: text that is no time on SQLite, a time at infinity on PostgreSQL.
    String broken = target.sqlite() ? "yesterday" : "infinity";
    new RawDao(db).update("UPDATE benchmark_runs SET timestamp = '" + broken + "'");
    try (Stream<Run> stream = runs.stream()) {
      MappingException e = assertThrows(MappingException.class, stream::toList);
      assertEquals("timestamp", e.column());
      assertEquals(broken, e.value());
    }
    assertThrows(MappingException.class, () -> runs.findById("r1"));
  }

  @Test
  void aStreamWithBadSqlFailsAndLeaksNothing() {
    RawDao raw = new RawDao(db);
    MetricsException outside =
        assertThrows(MetricsException.class, () -> raw.stream("SELECT x FROM nowhere"));
    assertTrue(outside.getMessage().contains("nowhere"), outside.getMessage());
    db.runInTransaction(
        tx -> assertThrows(MetricsException.class, () -> raw.stream("SELECT x FROM nowhere")));
  }

  @Test
  void lookupsByIndexColumnsBindTheirValuesByType() {
    runs.insert(new Run("r1", Instant.EPOCH, "gao", "bench", "1", null, null));
    runs.insert(new Run("r2", Instant.EPOCH, "gao", "other", "1", null, null));
    runs.insert(new Run("r3", Instant.EPOCH, "x", "bench", "1", null, null));
    assertEquals(List.of("r1", "r2"), ids(runs.findByProjectName("gao")));
    assertEquals(List.of("r1", "r2"), ids(runs.findByProjectName("gao")));
    assertEquals(List.of(), runs.findByProjectName("none"));
    assertEquals("r2", runs.findByProjectNameAndBenchmarkName("gao", "other").orElseThrow().runId());
    assertTrue(runs.findByProjectNameAndBenchmarkName("x", "other").isEmpty());

    runs.insert(run("r4", "p"));
    long id = metrics.insert(Metric.of("r4", 1, 2));
    assertEquals(List.of(id), metrics.findByRunId("r4").stream().map(Metric::id).toList());
    assertTrue(metrics.findById(id).isPresent());
  }

  @Test
  void keyAndLookupValuesMustMatchTheirColumns() {
    RawDao raw = new RawDao(db);
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> raw.byKey("r1", "extra"));
    assertEquals(
        "expected 1 values, for [benchmark_runs.run_id], but got 2", count.getMessage());
    IllegalArgumentException column =
        assertThrows(IllegalArgumentException.class, () -> raw.where("no_such_column", "x"));
    assertTrue(column.getMessage().contains("no_such_column"), column.getMessage());
    InvalidValueException type = assertThrows(InvalidValueException.class, () -> raw.byKey(new Object()));
    assertEquals("run_id", type.column());
    assertTrue(type.getMessage().contains("no column value"), type.getMessage());
  }

  @Test
  void orderingNeedsAColumnOfTheTable() {
    RawDao raw = new RawDao(db);
    runs.insert(run("r1", "p"));
    ColumnRef<Run> createdAt = new ColumnRef<>("benchmark_runs", "created_at");
    assertEquals(List.of("r1"), ids(raw.list(createdAt, SortOrder.ASC, 10, 0)));
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () -> raw.list(new ColumnRef<>("performance_metrics", "run_id"), SortOrder.ASC, 10, 0));
    assertEquals(
        "column performance_metrics.run_id is not a column of table benchmark_runs", other.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> raw.list(new ColumnRef<>("benchmark_runs", "no_such_column"), SortOrder.ASC, 10, 0));
    assertEquals("table benchmark_runs has no column no_such_column", missing.getMessage());
    NullPointerException column =
        assertThrows(NullPointerException.class, () -> raw.list(null, SortOrder.ASC, 10, 0));
    assertEquals("orderBy", column.getMessage());
    NullPointerException order =
        assertThrows(NullPointerException.class, () -> raw.list(createdAt, null, 10, 0));
    assertEquals("order", order.getMessage());
  }

  @Test
  void anAutomaticKeyOfZeroNamesNoRowToUpdate() {
    runs.insert(run("r1", "p"));
    long id = metrics.insert(Metric.of("r1", 1, 2));
    assertFalse(metrics.update(new Metric(0, "r1", 9, null, 9)));
    assertTrue(metrics.update(new Metric(id, "r1", 9, null, 9)));
    assertEquals(new Metric(id, "r1", 9, null, 9), metrics.findById(id).orElseThrow());
  }

  /** More constants than benchmark_runs has columns. */
  @Test
  void queryOneRefusesSeveralRows() {
    runs.insert(run("r1", "p1"));
    runs.insert(run("r2", "p2"));
    RawDao raw = new RawDao(db);
    MetricsException e = assertThrows(MetricsException.class, raw::any);
    assertTrue(e.getMessage().contains("at most one row"), e.getMessage());
    assertEquals(0, raw.longValue(target.sqlite() ? "SELECT NULL WHERE 0" : "SELECT NULL WHERE false"));
    assertEquals(2, raw.longValue("SELECT count(*) FROM benchmark_runs"));
  }

  @Test
  void aDaoNeedsItsTableInTheDatabasesSchema() {
    SchemaInfo runsOnly = new SchemaInfo("TestMetrics", 1, "x", List.of(TestSchema.RUNS));
    try (MetricsDatabase other = target.open(runsOnly, "runs-only")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new MetricDao(other));
      assertTrue(e.getMessage().contains("performance_metrics"), e.getMessage());
      RunDao dao = new RunDao(other);
      assertSame(other, dao.database());
      assertSame(RunDao.TABLE, dao.table());
    }
  }

  private static List<String> ids(List<Run> rows) {
    return rows.stream().map(Run::runId).toList();
  }

  /** Runs arbitrary SQL against benchmark_runs. */
  static final class RawDao extends TableDao<Run> {
    private final RunDao reader;

    RawDao(MetricsDatabase database) {
      super(database, RunDao.TABLE);
      reader = new RunDao(database);
    }

    void update(String sql) {
      executeUpdate(sql, StatementBinder.NONE);
    }

    Stream<Run> stream(String sql) {
      return queryStream(sql, StatementBinder.NONE);
    }

    java.util.Optional<Run> any() {
      return queryOne(
          "SELECT run_id, timestamp, project_name, benchmark_name, version, metadata, created_at"
              + " FROM benchmark_runs",
          StatementBinder.NONE);
    }

    long longValue(String sql) {
      return queryLong(sql, StatementBinder.NONE);
    }

    java.util.Optional<Run> byKey(Object... key) {
      return findOneByKey(key);
    }

    List<Run> where(String column, Object value) {
      return findAllWhere(new String[] {column}, value);
    }

    @Override
    protected void bindRow(PreparedStatement statement, Run row) throws SQLException {
      throw new UnsupportedOperationException();
    }

    @Override
    protected Run readRow(ResultSet resultSet) throws SQLException {
      return reader.readRow(resultSet);
    }

    TableInfo info() {
      return table();
    }
  }
}

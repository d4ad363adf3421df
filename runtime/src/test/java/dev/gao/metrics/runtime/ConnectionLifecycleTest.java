package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.PooledSettings;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pool's connections over a database's life, on every engine: closing, no leaks after failures
 * and streams, every connection prepared for its engine, cascades through the runtime. SQLite's
 * pragmas are checked in {@code sql/sqlite/SqliteConnectionTest}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ConnectionLifecycleTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;

  @BeforeEach
  void target() {
    target = Target.of(engine, temp, "lifecycle");
  }

  @AfterEach
  void drop() {
    target.drop();
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClearly() {
    MetricsDatabase db = target.open(TestSchema.SCHEMA);
    RunDao runs = new RunDao(db);
    db.close();
    db.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, runs::count);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertTrue(e.getMessage().contains(target.location("m")), e.getMessage());
    assertThrows(IllegalStateException.class, () -> db.runInTransaction(tx -> {}));
    assertThrows(IllegalStateException.class, () -> db.read(tx -> null));
    assertThrows(IllegalStateException.class, () -> db.rowCount("benchmark_runs"));
    assertThrows(IllegalStateException.class, db::storedVersion);
    assertThrows(IllegalStateException.class, () -> runs.insert(Run.of("r", Instant.EPOCH, "p")));
    assertThrows(IllegalStateException.class, runs::stream);
    assertTrue(db.transactions().isClosed());
  }

  @Test
  void noConnectionLeaksAfterUnitsFailuresAndStreams() {
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      RunDao runs = new RunDao(db);
      MetricDao metrics = new MetricDao(db);
      for (int i = 0; i < 20; i++) {
        runs.insert(Run.of("r" + i, Instant.EPOCH, "p" + i));
      }
      assertThrows(
          ForeignKeyViolationException.class, () -> metrics.insert(Metric.of("none", 1, 1)));
      assertThrows(
          IllegalStateException.class,
          () ->
              db.runInTransaction(
                  tx -> {
                    throw new IllegalStateException();
                  }));
      db.read(tx -> runs.list(5, 0));
      try (Stream<Run> stream = runs.stream()) {
        assertEquals(1, db.transactions().activeConnections());
        assertEquals("r0", stream.findFirst().orElseThrow().runId());
      }
      try (Stream<Run> stream = runs.stream()) {
        assertEquals(20, stream.count());
        // Read to its end, the stream already gave its connection back.
        assertEquals(0, db.transactions().activeConnections());
      }
      db.runInTransaction(
          tx -> {
            Stream<Run> leftOpen = runs.stream();
            assertEquals("r0", leftOpen.iterator().next().runId());
          });
      assertEquals(0, db.transactions().activeConnections());
      assertEquals(20, db.rowCount("benchmark_runs"));
      assertThrows(IllegalArgumentException.class, () -> db.rowCount("no_such_table"));
    }
  }

  @Test
  void everyPooledConnectionIsPreparedForItsEngine() throws Exception {
    int poolSize = 4;
    try (MetricsDatabase db = target.builder(TestSchema.SCHEMA).poolSize(poolSize).open()) {
      List<List<String>> settings =
          PooledSettings.ofEachConnection(
              db,
              poolSize,
              target.sqlite()
                  ? List.of("PRAGMA foreign_keys", "PRAGMA journal_mode", "PRAGMA query_only")
                  : List.of("SHOW TimeZone", "SHOW transaction_isolation", "SHOW transaction_read_only"));
      for (List<String> connection : settings) {
        assertEquals(
            target.sqlite() ? List.of("1", "wal", "0") : List.of("UTC", "repeatable read", "on"),
            connection);
      }
    }
  }

  @Test
  void closingWithAnOpenStreamDoesNotWait() {
    MetricsDatabase db = target.open(TestSchema.SCHEMA);
    RunDao runs = new RunDao(db);
    runs.insert(Run.of("r1", Instant.EPOCH, "p1"));
    runs.insert(Run.of("r2", Instant.EPOCH, "p2"));
    Stream<Run> open = runs.stream();
    assertEquals("r1", open.iterator().next().runId());
    long start = System.nanoTime();
    db.close();
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000);
    open.close();
  }

  @Test
  void cascadeDeleteWorksThroughTheRuntime() throws Exception {
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      RunDao runs = new RunDao(db);
      MetricDao metrics = new MetricDao(db);
      runs.insert(Run.of("r1", Instant.EPOCH, "p1"));
      runs.insert(Run.of("r2", Instant.EPOCH, "p2"));
      metrics.insertAll(
          List.of(Metric.of("r1", 1, 1), Metric.of("r1", 2, 2), Metric.of("r2", 3, 3)));
      assertTrue(runs.deleteById("r1"));
      assertEquals(List.of("r2"), metrics.findByRunId("r2").stream().map(Metric::runId).toList());
      assertEquals(1, metrics.count());
      assertEquals(List.of(), metrics.findByRunId("r1"));
    }
  }
}

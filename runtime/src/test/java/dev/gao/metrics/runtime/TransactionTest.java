package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.dao.TableDao;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Units of work, nested units and DAO calls inside them, on every engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class TransactionTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private MetricsDatabase db;
  private RunDao runs;
  private MetricDao metrics;

  @BeforeEach
  void open() {
    target = Target.of(engine, temp, "transactions");
    db = target.open(TestSchema.SCHEMA);
    runs = new RunDao(db);
    metrics = new MetricDao(db);
  }

  @AfterEach
  void close() {
    assertEquals(0, db.transactions().activeConnections(), "a connection leaked");
    db.close();
  }

  private static Run run(String id) {
    return Run.of(id, Instant.parse("2025-06-01T10:00:00Z"), "project-" + id);
  }

  @Test
  void commitsAndReturnsTheResult() {
    long key =
        db.inTransaction(
            tx -> {
              assertFalse(tx.readOnly());
              runs.insert(run("r1"));
              return metrics.insert(Metric.of("r1", 1.5, 10));
            });
    assertTrue(key > 0);
    assertEquals(1, runs.count());
    assertEquals(1, metrics.count());
  }

  @Test
  void rollsBackOnAnUncheckedExceptionAndRethrowsItAsIs() {
    IllegalStateException failure = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      runs.insert(run("r1"));
                      throw failure;
                    }));
    assertSame(failure, thrown);
    assertEquals(0, runs.count());
  }

  @Test
  void rollsBackOnACheckedExceptionAndWrapsIt() {
    IOException failure = new IOException("disk");
    TransactionException thrown =
        assertThrows(
            TransactionException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      runs.insert(run("r1"));
                      throw failure;
                    }));
    assertSame(failure, thrown.getCause());
    assertTrue(thrown.getMessage().contains("disk"));
    assertEquals(0, runs.count());
  }

  @Test
  void rollsBackOnAnError() {
    assertThrows(
        AssertionError.class,
        () ->
            db.runInTransaction(
                tx -> {
                  runs.insert(run("r1"));
                  throw new AssertionError("error");
                }));
    assertEquals(0, runs.count());
  }

  @Test
  void aFailedNestedUnitIsUndoneAloneAndTheOuterWorkCommits() {
    db.runInTransaction(
        tx -> {
          runs.insert(run("outer"));
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  db.runInTransaction(
                      inner -> {
                        assertSame(tx.connection(), inner.connection());
                        runs.insert(run("inner"));
                        throw new IllegalArgumentException("undo inner");
                      }));
          assertFalse(runs.exists("inner"));
          String nested =
              db.inTransaction(
                  inner -> {
                    runs.insert(run("kept"));
                    return "ok";
                  });
          assertEquals("ok", nested);
        });
    assertEquals(List.of("kept", "outer"), runs.list(10, 0).stream().map(Run::runId).toList());
  }

  @Test
  void aWholeTransactionCommitsItsBatchesWithoutSavepoints() {
    int written =
        db.inWholeTransaction(
            tx -> {
              runs.insert(run("first"));
              return runs.insertBatch(List.of(run("second"), run("third")));
            });
    assertEquals(2, written);
    assertEquals(List.of("first", "second", "third"), runs.list(10, 0).stream().map(Run::runId).toList());
  }

  @Test
  void aWholeTransactionWhoseWorkCatchesAFailedWriteStoresNothing() {
    runs.insert(run("before"));
    // Inside another transaction it runs as inTransaction does there: the batch takes a savepoint
    // and is undone alone, and the rest commits.
    db.runInTransaction(
        ignored ->
            db.inWholeTransaction(
                tx -> {
                  runs.insert(run("a"));
                  assertThrows(
                      UniqueViolationException.class,
                      () -> runs.insertBatch(List.of(run("b"), run("before"))));
                  runs.insert(run("c"));
                  return null;
                }));
    assertEquals(List.of("a", "before", "c"), runs.list(10, 0).stream().map(Run::runId).toList());

    TransactionException topLevel =
        assertThrows(
            TransactionException.class,
            () ->
                db.inWholeTransaction(
                    tx -> {
                      runs.insert(run("d"));
                      // The batch writes "e", then fails on the duplicate "before".
                      assertThrows(
                          UniqueViolationException.class,
                          () -> runs.insertBatch(List.of(run("e"), run("before"))));
                      runs.insert(run("f"));
                      return null;
                    }));
    assertTrue(
        topLevel.getMessage().startsWith(
            "A write failed inside a transaction without savepoints and the work went on: the whole"
                + " transaction was rolled back and nothing of it was stored."),
        topLevel.getMessage());
    assertTrue(topLevel.getCause() instanceof UniqueViolationException, String.valueOf(topLevel.getCause()));
    assertEquals(List.of("a", "before", "c"), runs.list(10, 0).stream().map(Run::runId).toList());
  }

  @Test
  void aFailedWriteLeavingAWholeTransactionRollsItBackWithItsOwnError() {
    assertThrows(
        UniqueViolationException.class,
        () ->
            db.inWholeTransaction(
                tx -> {
                  runs.insert(run("a"));
                  return runs.insertBatch(List.of(run("b"), run("a")));
                }));
    assertEquals(0, runs.count());
    // The connection is usable afterwards.
    db.inWholeTransaction(tx -> runs.insertBatch(List.of(run("x"))));
    assertEquals(List.of("x"), runs.list(10, 0).stream().map(Run::runId).toList());
  }

  @Test
  void aFailedDaoCallInsideAUnitIsUndoneAloneAndTheUnitGoesOn() {
    runs.insert(run("before"));
    Raw raw = new Raw(db);
    db.runInTransaction(
        tx -> {
          runs.insert(run("r1"));
          assertThrows(UniqueViolationException.class, () -> runs.insert(run("before")));
          assertThrows(ForeignKeyViolationException.class, () -> metrics.insert(Metric.of("ghost", 1, 1)));
          assertThrows(
              ForeignKeyViolationException.class,
              () -> metrics.insertAll(List.of(Metric.of("r1", 1, 1), Metric.of("ghost", 2, 2))));
          assertThrows(MetricsException.class, () -> raw.longValue("SELECT x FROM nowhere"));
          assertEquals(0, metrics.count());
          runs.insert(run("r2"));
          metrics.insert(Metric.of("r2", 1, 1));
        });
    assertEquals(List.of("before", "r1", "r2"), runs.list(10, 0).stream().map(Run::runId).toList());
    assertEquals(1, metrics.count());
    // A read unit goes on after a failed query too.
    long seen =
        db.read(
            tx -> {
              assertThrows(MetricsException.class, () -> raw.longValue("SELECT x FROM nowhere"));
              return runs.count();
            });
    assertEquals(3, seen);
  }

  @Test
  void aStatementThatFailsOnTheUnitsOwnConnection() {
    TransactionWork<Void> work =
        tx -> {
          runs.insert(run("r1"));
          try (Statement statement = tx.connection().createStatement()) {
            statement.execute("SELECT x FROM nowhere");
          } catch (SQLException expected) {
            // caught and ignored by the work
          }
          return null;
        };
    if (target.sqlite()) {
      // SQLite undoes the failed statement alone.
      db.inTransaction(work);
      assertEquals(1, runs.count());
      return;
    }
    // PostgreSQL ended the transaction: its commit is refused rather than a silent rollback.
    TransactionException e = assertThrows(TransactionException.class, () -> db.inTransaction(work));
    assertTrue(
        e.getMessage().startsWith("A statement failed inside the transaction and the database ended the transaction"),
        e.getMessage());
    assertEquals(0, runs.count());
    // In a unit without savepoints, later statements are refused at once with the failure that
    // ended it.
    TransactionException whole =
        assertThrows(
            TransactionException.class,
            () ->
                db.inWholeTransaction(
                    tx -> {
                      assertThrows(UniqueViolationException.class, () -> runs.insertBatch(List.of(run("a"), run("a"))));
                      runs.insert(run("b"));
                      return null;
                    }));
    assertTrue(whole.getCause() instanceof UniqueViolationException, String.valueOf(whole.getCause()));
    assertEquals(0, runs.count());
  }

  /** Runs raw queries with the run table's error context. */
  static final class Raw extends TableDao<Run> {
    Raw(MetricsDatabase database) {
      super(database, RunDao.TABLE);
    }

    long longValue(String sql) {
      return queryLong(sql, StatementBinder.NONE);
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

  @Test
  void daoCallsJoinTheCallersTransaction() throws Exception {
    assertThrows(
        IllegalStateException.class,
        () ->
            db.runInTransaction(
                tx -> {
                  runs.insert(run("r1"));
                  metrics.insertAll(List.of(Metric.of("r1", 1, 1), Metric.of("r1", 2, 2)));
                  // Visible inside the unit, through the unit's connection ...
                  assertEquals(2, metrics.count());
                  assertEquals(
                      List.of("1"),
                      Databases.query(tx.connection(), "SELECT count(*) FROM benchmark_runs")
                          .get(0));
                  // ... and not outside it.
                  assertEquals(List.of("0"), target.column("SELECT count(*) FROM benchmark_runs"));
                  throw new IllegalStateException("roll back everything");
                }));
    assertEquals(0, runs.count());
    assertEquals(0, metrics.count());
  }

  @Test
  void aReadUnitSeesASnapshotAndRefusesWrites() throws Exception {
    runs.insert(run("r1"));
    CountDownLatch readStarted = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> write =
          writer.submit(
              () -> {
                readStarted.await(10, TimeUnit.SECONDS);
                runs.insert(run("r2"));
                written.countDown();
                return null;
              });
      long seen =
          db.read(
              tx -> {
                assertTrue(tx.readOnly());
                long before = runs.count();
                readStarted.countDown();
                assertTrue(written.await(10, TimeUnit.SECONDS));
                assertEquals(before, runs.count(), "the snapshot must not change");
                IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> runs.insert(run("r3")));
                assertTrue(e.getMessage().contains("read"), e.getMessage());
                assertThrows(IllegalStateException.class, () -> db.runInTransaction(inner -> {}));
                return before;
              });
      write.get(10, TimeUnit.SECONDS);
      assertEquals(1, seen);
      assertEquals(2, runs.count());
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void aTransactionCannotBeUsedAfterItsWork() {
    Transaction escaped = db.inTransaction(tx -> tx);
    IllegalStateException e = assertThrows(IllegalStateException.class, escaped::connection);
    assertTrue(e.getMessage().contains("ended"), e.getMessage());
    Transaction read = db.read(tx -> tx);
    assertThrows(IllegalStateException.class, read::connection);
  }

  @Test
  void aReadInsideAWriteUnitJoinsIt() {
    db.runInTransaction(
        tx -> {
          runs.insert(run("r1"));
          Connection inner = db.read(read -> read.connection());
          assertSame(tx.connection(), inner);
          assertEquals(1L, (long) db.read(read -> runs.count()));
        });
  }

  @Test
  void aReadUnitWrapsCheckedExceptions() {
    assertThrows(
        TransactionException.class,
        () ->
            db.read(
                tx -> {
                  throw new IOException("read failed");
                }));
    assertThrows(
        TransactionException.class,
        () ->
            db.runInTransaction(
                outer ->
                    db.read(
                        tx -> {
                          throw new IOException("read failed");
                        })));
  }

  @Test
  void theConnectionStaysInAutoCommitModeAndLeavesNoTransactionOpen() throws Exception {
    Connection[] seen = new Connection[1];
    db.runInTransaction(
        tx -> {
          assertTrue(tx.connection().getAutoCommit());
          seen[0] = tx.connection();
          runs.insert(run("r1"));
        });
    if (!target.sqlite()) {
      return;
    }
    // Another connection can take the write lock at once: nothing was left open.
    try (Connection other = Databases.connect(db.file().orElseThrow());
        var statement = other.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 0");
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("ROLLBACK");
    }
  }
}

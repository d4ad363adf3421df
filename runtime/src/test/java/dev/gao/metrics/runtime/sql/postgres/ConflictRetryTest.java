package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Units of work the server aborts for a conflict with another transaction (a deadlock here) are
 * rolled back whole and run again from their start, so both conflicting writers succeed and each
 * change is stored once; a unit that keeps conflicting gives up after {@link
 * TransactionManager#CONFLICT_ATTEMPTS} attempts with the server's error.
 */
class ConflictRetryTest {
  private String url;
  private MetricsDatabase db;

  @BeforeEach
  void open() {
    url = PostgresServer.newDatabase("conflict_retry");
    db = MetricsDatabase.builder(TestSchema.SCHEMA).url(url).user("postgres").open();
    RunDao runs = new RunDao(db);
    runs.insert(Run.of("a", Instant.EPOCH, "p"));
    runs.insert(Run.of("b", Instant.EPOCH, "q"));
  }

  @AfterEach
  void close() {
    db.close();
    PostgresServer.dropDatabase(url);
  }

  private static void append(Connection connection, String run, String mark) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE benchmark_runs SET project_name = project_name || '" + mark + "' WHERE run_id = '" + run + "'");
    }
  }

  @Test
  void twoWritersThatDeadlockBothCommitOnce() throws Exception {
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> db.runInTransaction(tx -> {
          boolean firstAttempt = attempts.incrementAndGet() <= 2;
          append(tx.connection(), "a", "1");
          if (firstAttempt) {
            bothHoldOne.await(10, TimeUnit.SECONDS);
          }
          append(tx.connection(), "b", "1");
        }));
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(() -> db.runInTransaction(tx -> {
          boolean firstAttempt = attempts.incrementAndGet() <= 2;
          append(tx.connection(), "b", "2");
          if (firstAttempt) {
            bothHoldOne.await(10, TimeUnit.SECONDS);
          }
          append(tx.connection(), "a", "2");
        }));
    first.get(60, TimeUnit.SECONDS);
    second.get(60, TimeUnit.SECONDS);
    // the server aborted one of the two; it ran again after the other committed
    assertEquals(3, attempts.get());
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT project_name FROM benchmark_runs ORDER BY run_id")) {
      rs.next();
      String a = rs.getString(1);
      rs.next();
      String b = rs.getString(1);
      // each writer's mark once on each row, in the same order on both: one committed first
      assertTrue(List.of("p12", "p21").contains(a), a);
      assertEquals(a.substring(1), b.substring(1), "the writers committed one after the other: " + a + ", " + b);
      assertEquals("q", b.substring(0, 1));
    }
  }

  @Test
  void aUnitThatKeepsConflictingGivesUpWithTheServersError() {
    AtomicInteger attempts = new AtomicInteger();
    MetricsException failure =
        assertThrows(
            MetricsException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      attempts.incrementAndGet();
                      try (Statement statement = tx.connection().createStatement()) {
                        // the server's own report of a serialization failure, as a conflict gives
                        statement.execute(
                            "DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$");
                      }
                    }));
    assertEquals(TransactionManager.CONFLICT_ATTEMPTS, attempts.get());
    SQLException server = assertInstanceOf(SQLException.class, failure.getCause());
    assertEquals("40001", server.getSQLState());
    assertTrue(server.getMessage().contains("could not serialize access"), server.getMessage());
  }
}

package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.Transaction;
import dev.gao.metrics.runtime.exception.CommitOutcomeUnknownException;
import dev.gao.metrics.runtime.exception.ConnectionLostException;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A unit of work whose connection the server ends (as a shutdown, a crash or an administrator's
 * {@code pg_terminate_backend} does) is never run again. Lost before COMMIT, the caller learns
 * that nothing was stored; lost during COMMIT, that whether the transaction was stored is unknown.
 * Either way the next unit of the same database gets a working connection.
 */
class LostConnectionTest {
  private String url;
  private MetricsDatabase db;
  private RunDao runs;

  @BeforeEach
  void open() {
    url = PostgresServer.newDatabase("lost_connection");
    db = MetricsDatabase.builder(TestSchema.SCHEMA).url(url).user("postgres").poolSize(2).open();
    runs = new RunDao(db);
  }

  @AfterEach
  void close() {
    db.close();
    PostgresServer.dropDatabase(url);
  }

  /** Has the server end the unit's session and waits until its backend is gone. */
  private void endSessionOf(Transaction tx) throws SQLException {
    int pid;
    try (Statement statement = tx.connection().createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    try (Connection admin = PostgresServer.connect(url);
        Statement statement = admin.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_terminate_backend(" + pid + ", 30000)")) {
      rs.next();
      assertTrue(rs.getBoolean(1), "backend " + pid + " ended");
    }
  }

  @Test
  void aConnectionLostDuringCommitLeavesTheOutcomeUnknownAndIsNotRunAgain() {
    AtomicInteger attempts = new AtomicInteger();
    CommitOutcomeUnknownException lost =
        assertThrows(
            CommitOutcomeUnknownException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      attempts.incrementAndGet();
                      runs.insert(Run.of("c", Instant.EPOCH, "p"));
                      endSessionOf(tx);
                    }));
    assertEquals(1, attempts.get(), "the unit ran once");
    String message = lost.getMessage();
    assertTrue(
        message.startsWith(
            "Lost the connection to PostgreSQL database " + url + " while committing: "),
        message);
    assertTrue(
        message.endsWith(
            "). Whether the transaction was stored is unknown: the server stored all of it or"
                + " none of it, never a part. It was not run again, since that could store it"
                + " twice; once the server is reachable, check whether its work is there before"
                + " running it again."),
        message);
    SQLException cause = assertInstanceOf(SQLException.class, lost.getCause());
    assertTrue(
        cause.getSQLState().equals("57P01") || cause.getSQLState().startsWith("08"),
        cause.getSQLState());
    // The session ended before COMMIT reached it, so here the server did roll the insert back.
    assertFalse(runs.exists("c"));
    runs.insert(Run.of("d", Instant.EPOCH, "p"));
    assertTrue(runs.exists("d"), "the next unit got a working connection");
  }

  @Test
  void aConnectionLostBeforeCommitStoresNothingAndIsNotRunAgain() {
    AtomicInteger attempts = new AtomicInteger();
    ConnectionLostException lost =
        assertThrows(
            ConnectionLostException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      attempts.incrementAndGet();
                      runs.insert(Run.of("e", Instant.EPOCH, "p"));
                      endSessionOf(tx);
                      runs.insert(Run.of("f", Instant.EPOCH, "p"));
                    }));
    assertEquals(ConnectionLostException.class, lost.getClass());
    assertEquals(1, attempts.get(), "the unit ran once");
    String message = lost.getMessage();
    assertTrue(
        message.startsWith("Lost the connection to PostgreSQL database " + url + ": "), message);
    assertTrue(
        message.endsWith(
            "). The server rolled back the transaction that was open on it, so nothing of it was"
                + " stored. Run the work again once the server is reachable."),
        message);
    assertFalse(runs.exists("e"));
    assertFalse(runs.exists("f"));
    runs.insert(Run.of("g", Instant.EPOCH, "p"));
    assertTrue(runs.exists("g"), "the next unit got a working connection");
  }
}

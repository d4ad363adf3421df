package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.TransactionException;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Units whose own SQL fails, on every engine, through the runtime's pool and through a data source:
 * the connection is discarded and the database stays usable.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class UnitFailureTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;

  @BeforeEach
  void target() {
    target = Target.of(engine, temp, "unit_failure");
  }

  @AfterEach
  void drop() {
    target.drop();
  }

  private static void sql(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void exerciseFailures(MetricsDatabase db) {
    RunDao runs = new RunDao(db);
    // The work ended the transaction itself, then failed: ROLLBACK finds no transaction, as after
    // SQLite rolled back by itself (a full disk). Nothing is open: no second error, and the
    // connection stays usable.
    IllegalStateException failed =
        assertThrows(
            IllegalStateException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      sql(tx.connection(), "COMMIT");
                      throw new IllegalStateException("after commit");
                    }));
    assertEquals(0, failed.getSuppressed().length, Arrays.toString(failed.getSuppressed()));

    // The work closed its connection, then failed: ROLLBACK itself fails, and the connection is
    // discarded rather than given to the next unit.
    IllegalStateException closed =
        assertThrows(
            IllegalStateException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      tx.connection().close();
                      throw new IllegalStateException("after close");
                    }));
    assertEquals(1, closed.getSuppressed().length, Arrays.toString(closed.getSuppressed()));

    // The work ended the transaction itself and returned: COMMIT fails.
    MetricsException commit =
        assertThrows(
            MetricsException.class,
            () -> db.runInTransaction(tx -> sql(tx.connection(), "COMMIT")));
    assertTrue(commit.getMessage().contains("no transaction"), commit.getMessage());

    // A nested unit released its own savepoint, then failed: ROLLBACK TO fails. SQLite goes on
    // with the outer unit; on PostgreSQL the failed ROLLBACK TO ended the whole transaction, so
    // the outer unit's commit is refused and nothing of it is stored.
    Runnable outer =
        () ->
            db.runInTransaction(
                tx -> {
                  runs.insert(Run.of("outer", Instant.EPOCH, "p"));
                  IllegalArgumentException nested =
                      assertThrows(
                          IllegalArgumentException.class,
                          () ->
                              db.runInTransaction(
                                  inner -> {
                                    sql(inner.connection(), "RELEASE gao_metrics_unit_1");
                                    throw new IllegalArgumentException("nested");
                                  }));
                  assertEquals(1, nested.getSuppressed().length);
                });
    if (db.dialect().engine() == Engine.SQLITE) {
      outer.run();
      assertTrue(runs.deleteById("outer"));
    } else {
      TransactionException ended = assertThrows(TransactionException.class, outer::run);
      assertTrue(ended.getMessage().contains("nothing of it was stored"), ended.getMessage());
      assertEquals(0, runs.count());
    }

    // The work committed itself and returned: the unit does not pretend to commit what it no
    // longer controls (SQLite's COMMIT fails; PostgreSQL's would only warn).
    MetricsException ownCommit =
        assertThrows(
            MetricsException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      runs.insert(Run.of("own", Instant.EPOCH, "p"));
                      sql(tx.connection(), "COMMIT");
                    }));
    assertTrue(ownCommit.getMessage().contains("no transaction"), ownCommit.getMessage());
    assertTrue(runs.deleteById("own"), "the work's own COMMIT stored the row");

    // The work closed its connection and returned: nothing is committed, on a connection the
    // pool may already have given to someone else.
    TransactionException closedAndReturned =
        assertThrows(
            TransactionException.class,
            () ->
                db.runInTransaction(
                    tx -> {
                      runs.insert(Run.of("closed", Instant.EPOCH, "p"));
                      tx.connection().close();
                    }));
    assertTrue(
        closedAndReturned.getMessage().contains("closed its transaction's connection"),
        closedAndReturned.getMessage());
    assertEquals(0, runs.count());

    runs.insert(Run.of("after", Instant.EPOCH, "p"));
    assertEquals(1, runs.count());
    assertEquals(0, db.transactions().activeConnections());
  }

  @Test
  void failedRollbacksDiscardPooledConnections() {
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      exerciseFailures(db);
    }
  }

  @Test
  void failedRollbacksCloseDataSourceConnections() {
    DataSource dataSource;
    if (target.sqlite()) {
      SQLiteDataSource sqlite = new SQLiteDataSource(new SQLiteConfig());
      sqlite.setUrl("jdbc:sqlite:" + target.file("ds"));
      dataSource = sqlite;
    } else {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setUrl(target.url("ds"));
      postgres.setUser("postgres");
      dataSource = postgres;
    }
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA).dataSource(dataSource).open()) {
      exerciseFailures(db);
    }
  }
}

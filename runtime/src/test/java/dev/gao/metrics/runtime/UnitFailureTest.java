package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Units whose own SQL fails: the connection is discarded and the database stays usable. */
class UnitFailureTest {
  @TempDir Path temp;

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

    // A nested unit released its own savepoint, then failed: ROLLBACK TO fails.
    db.runInTransaction(
        tx -> {
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

    runs.insert(Run.of("after", Instant.EPOCH, "p"));
    assertEquals(1, runs.count());
    assertEquals(0, db.transactions().activeConnections());
  }

  @Test
  void failedRollbacksDiscardPooledConnections() {
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, temp.resolve("m.db"))) {
      exerciseFailures(db);
    }
  }

  @Test
  void failedRollbacksCloseDataSourceConnections() {
    SQLiteDataSource dataSource = new SQLiteDataSource(new SQLiteConfig());
    dataSource.setUrl("jdbc:sqlite:" + temp.resolve("ds.db"));
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA).dataSource(dataSource).open()) {
      exerciseFailures(db);
    }
  }

  @Test
  void aConnectionThatCannotEnforceForeignKeysIsRefused() {
    SQLiteDataSource inTransaction =
        new SQLiteDataSource(new SQLiteConfig()) {
          private static final long serialVersionUID = 1L;

          @Override
          public Connection getConnection() throws SQLException {
            // PRAGMA foreign_keys is a no-op inside a transaction.
            Connection connection = super.getConnection();
            sql(connection, "BEGIN");
            return connection;
          }
        };
    inTransaction.setUrl("jdbc:sqlite:" + temp.resolve("tx.db"));
    MetricsException e =
        assertThrows(
            MetricsException.class,
            () -> MetricsDatabase.builder(TestSchema.SCHEMA).dataSource(inTransaction).open());
    assertTrue(e.getMessage().contains("foreign keys are not enforced"), e.getMessage());
  }
}

package dev.gao.metrics.runtime.sql.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What SQLite's connections must be set up with, because SQLite leaves it to each connection:
 * foreign-key enforcement (off by default, and a connection that cannot switch it on is refused),
 * WAL, the synchronous level, the busy timeout and the cache. PostgreSQL enforces foreign keys
 * itself; its sessions' settings are checked in {@code ConnectionLifecycleTest} on both engines.
 */
class SqliteConnectionTest {
  @TempDir Path temp;

  @Test
  void everyPooledConnectionEnforcesForeignKeysAndTheConfiguredPragmas() throws Exception {
    int poolSize = 4;
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA)
            .file(temp.resolve("m.db"))
            .poolSize(poolSize)
            .open()) {
      CyclicBarrier allBorrowed = new CyclicBarrier(poolSize);
      ExecutorService threads = Executors.newFixedThreadPool(poolSize);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        Map<Connection, Boolean> physical = new IdentityHashMap<>();
        for (int i = 0; i < poolSize; i++) {
          results.add(
              threads.submit(
                  () ->
                      db.read(
                          tx -> {
                            // All connections are borrowed at once, so each is a different one.
                            allBorrowed.await(10, TimeUnit.SECONDS);
                            synchronized (physical) {
                              physical.put(tx.connection().unwrap(Connection.class), true);
                            }
                            return List.of(
                                pragma(tx.connection(), "foreign_keys"),
                                pragma(tx.connection(), "journal_mode"),
                                pragma(tx.connection(), "synchronous"),
                                pragma(tx.connection(), "busy_timeout"),
                                pragma(tx.connection(), "cache_size"),
                                pragma(tx.connection(), "temp_store"));
                          })));
        }
        for (Future<List<String>> result : results) {
          assertEquals(
              List.of("1", "wal", "1", "10000", "-65536", "2"), result.get(10, TimeUnit.SECONDS));
        }
        assertEquals(poolSize, physical.size());
      } finally {
        threads.shutdownNow();
      }
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
            try (Statement statement = connection.createStatement()) {
              statement.execute("BEGIN");
            }
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

  private static String pragma(Connection connection, String name) throws Exception {
    return Databases.query(connection, "PRAGMA " + name).get(0).get(0);
  }
}

package dev.gao.metrics.runtime.sql.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.PooledSettings;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
      List<List<String>> settings =
          PooledSettings.ofEachConnection(
              db,
              poolSize,
              List.of(
                  "PRAGMA foreign_keys",
                  "PRAGMA journal_mode",
                  "PRAGMA synchronous",
                  "PRAGMA busy_timeout",
                  "PRAGMA cache_size",
                  "PRAGMA temp_store"));
      for (List<String> connection : settings) {
        assertEquals(List.of("1", "wal", "1", "10000", "-65536", "2"), connection);
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
}

package dev.gao.metrics.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tells a rollback that found nothing to roll back from one that failed. */
class RollbackAfterEndTest {
  @TempDir Path folder;

  private final SqliteDialect dialect = new SqliteDialect();

  @Test
  void aRollbackWithNoTransactionOpenMeansTheDatabaseEndedItAlready() throws Exception {
    try (Connection connection =
            dialect.fileDataSource(folder.resolve("r.db"), Duration.ofSeconds(1)).getConnection();
        Statement statement = connection.createStatement()) {
      SQLException nothingOpen =
          assertThrows(SQLException.class, () -> statement.execute(dialect.rollback()));
      assertTrue(dialect.transactionAlreadyEnded(nothingOpen), nothingOpen.getMessage());

      SQLException other =
          assertThrows(SQLException.class, () -> statement.execute("ROLLBACK TO nowhere"));
      assertFalse(dialect.transactionAlreadyEnded(other), other.getMessage());
      assertFalse(dialect.transactionAlreadyEnded(new SQLException((String) null)));
    }
  }
}

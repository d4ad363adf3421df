package dev.gao.metrics.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
  @TempDir Path temp;

  @Test
  void statementsArePreparedOncePerPhysicalConnectionAndSurviveTheirReturnToThePool() {
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA).file(temp.resolve("m.db")).poolSize(1).open()) {
      TransactionManager transactions = db.transactions();
      PreparedStatement first = transactions.query(scope -> scope.prepare("SELECT 1"));
      PreparedStatement again = transactions.query(scope -> scope.prepare("SELECT 1"));
      assertSame(first, again);
      assertNotSame(first, transactions.query(scope -> scope.prepare("SELECT 2")));
      // Cached statements stay open between borrows.
      boolean closed = transactions.query(scope -> first.isClosed());
      assertFalse(closed);
      PreparedStatement inUnit =
          db.inTransaction(tx -> transactions.query(s -> s.prepare("SELECT 1")));
      assertSame(first, inUnit);
    }
  }

  @Test
  void aStatementTheDriverFinalizedAfterAFailureIsPreparedAgain() {
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA).file(temp.resolve("m.db")).poolSize(1).open()) {
      TransactionManager transactions = db.transactions();
      PreparedStatement failing = transactions.query(scope -> scope.prepare("ROLLBACK"));
      // No transaction is open: the step fails and sqlite-jdbc finalizes the statement.
      assertThrows(MetricsException.class, () -> transactions.query(scope -> failing.execute()));
      PreparedStatement again = transactions.query(scope -> scope.prepare("ROLLBACK"));
      assertNotSame(failing, again);
      MetricsException stillNoTransaction =
          assertThrows(MetricsException.class, () -> transactions.query(scope -> again.execute()));
      assertTrue(
          stillNoTransaction.getMessage().contains("no transaction is active"),
          stillNoTransaction.getMessage());
    }
  }
}

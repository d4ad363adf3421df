package dev.gao.metrics.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gao.metrics.runtime.MetricsDatabase;
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
      // The pool closes statements made through its proxy; cached ones are made on the
      // physical connection and stay open between borrows.
      boolean closed = transactions.query(scope -> first.isClosed());
      assertFalse(closed);
      PreparedStatement inUnit =
          db.inTransaction(tx -> transactions.query(s -> s.prepare("SELECT 1")));
      assertSame(first, inUnit);
    }
  }
}

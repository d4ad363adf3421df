package dev.gao.metrics.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledConnectionSourceTest {
  @TempDir Path folder;

  private DataSource file() {
    return new SqliteDialect().fileDataSource(folder.resolve("pool.db"), Duration.ofSeconds(5));
  }

  @Test
  void opensTheFirstConnectionAtOnceAndHandsItOut() throws SQLException {
    try (PooledConnectionSource pool = new PooledConnectionSource(file(), "test", 2, millis(1000))) {
      assertTrue(Files.exists(folder.resolve("pool.db")), "the first connection created the file");
      Connection first = pool.borrow();
      assertEquals(1, pool.activeConnections());
      pool.release(first);
      assertEquals(0, pool.activeConnections());
      assertSame(first, pool.borrow(), "a released connection is handed out again");
    }
  }

  @Test
  void opensMoreConnectionsOnlyWhenThreadsHoldThemAtTheSameTime() throws SQLException {
    try (PooledConnectionSource pool = new PooledConnectionSource(file(), "test", 2, millis(1000))) {
      Connection a = pool.borrow();
      Connection b = pool.borrow();
      assertNotSame(a, b);
      assertEquals(2, pool.activeConnections());
      pool.release(a);
      pool.release(b);
      assertSame(b, pool.borrow(), "the most recently returned connection comes first");
    }
  }

  @Test
  void aThreadWaitsForAConnectionAndGetsTheOneGivenBack() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (PooledConnectionSource pool = new PooledConnectionSource(file(), "test", 1, millis(5000))) {
      Connection held = pool.borrow();
      CountDownLatch waiting = new CountDownLatch(1);
      Future<Connection> next =
          other.submit(
              () -> {
                waiting.countDown();
                return pool.borrow();
              });
      waiting.await();
      Thread.sleep(50);
      assertFalse(next.isDone(), "the only connection is in use");
      pool.release(held);
      assertSame(held, next.get(5, TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void waitingLongerThanTheLimitFailsNamingTheDatabaseAndTheWait() throws SQLException {
    try (PooledConnectionSource pool =
        new PooledConnectionSource(file(), "database /x/metrics.db", 1, millis(100))) {
      pool.borrow();
      long start = System.nanoTime();
      SQLTransientConnectionException e =
          assertThrows(SQLTransientConnectionException.class, pool::borrow);
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
      assertEquals(
          "All 1 connections to database /x/metrics.db stayed in use for 100 ms; release"
              + " connections sooner (close streams, end transactions) or open the database with a"
              + " larger pool",
          e.getMessage());
    }
  }

  @Test
  void aDiscardedConnectionIsClosedAndItsPlaceReopened() throws SQLException {
    try (PooledConnectionSource pool = new PooledConnectionSource(file(), "test", 1, millis(100))) {
      Connection broken = pool.borrow();
      pool.discard(broken);
      assertTrue(broken.isClosed());
      assertEquals(0, pool.activeConnections());
      Connection fresh = pool.borrow();
      assertNotSame(broken, fresh);
      assertFalse(fresh.isClosed());
    }
  }

  @Test
  void closingClosesIdleConnectionsAtOnceAndBorrowedOnesWhenGivenBack() throws SQLException {
    PooledConnectionSource pool = new PooledConnectionSource(file(), "test", 2, millis(100));
    Connection idle = pool.borrow();
    Connection borrowed = pool.borrow();
    pool.release(idle);
    pool.close();
    assertTrue(idle.isClosed());
    assertFalse(borrowed.isClosed(), "a borrower may finish its work");
    try (Statement statement = borrowed.createStatement()) {
      statement.execute("SELECT 1");
    }
    pool.release(borrowed);
    assertTrue(borrowed.isClosed());
    SQLException e = assertThrows(SQLException.class, pool::borrow);
    assertEquals("The connection pool of test is closed", e.getMessage());
    pool.close(); // idempotent
  }

  @Test
  void aFileThatCannotBeOpenedFailsAtOnce() {
    DataSource missingFolder =
        new SqliteDialect()
            .fileDataSource(folder.resolve("no/such/folder/x.db"), Duration.ofSeconds(1));
    assertThrows(
        SQLException.class, () -> new PooledConnectionSource(missingFolder, "test", 1, millis(100)));
  }

  @Test
  void aPoolNeedsAConnection() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PooledConnectionSource(file(), "test", 0, millis(100)));
    assertEquals("A pool needs at least one connection, not 0", e.getMessage());
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}

package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pool whose every connection stays in use longer than the wait for one: the unit that got none
 * fails with a {@link BusyException} that names the pool's size and what to do, not with a lost
 * server, and the database serves the next unit once a connection is free.
 */
class PoolExhaustedTest {
  @Test
  void everyConnectionInUseIsBusyNotALostServer() throws Exception {
    String url = PostgresServer.newDatabase("pool_exhausted");
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA)
            .url(url)
            .user("postgres")
            .poolSize(1)
            .busyTimeout(Duration.ofMillis(300))
            .open()) {
      RunDao runs = new RunDao(db);
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> held =
          holder.submit(
              () ->
                  db.read(
                      tx -> {
                        holding.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        return null;
                      }));
      assertTrue(holding.await(30, TimeUnit.SECONDS));
      BusyException busy = assertThrows(BusyException.class, () -> runs.exists("r1"));
      assertEquals(
          "Every one of the 1 pooled connections to PostgreSQL database " + url
              + " stayed in use for 300 ms, so this unit of work got none. More threads use the database at"
              + " once than the pool has connections: raise poolSize, keep units of work short, or wait"
              + " longer (busyTimeout).",
          busy.getMessage());
      release.countDown();
      held.get(30, TimeUnit.SECONDS);
      assertFalse(runs.exists("r1"));
    } finally {
      holder.shutdownNow();
      PostgresServer.dropDatabase(url);
    }
  }
}

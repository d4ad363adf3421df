package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening an up-to-date database connects to the server once, as a bare connection does: the
 * connection that checks the server as the pool starts is the one the opening's statements and the
 * first unit use. Counted as pgjdbc's startup messages, one per connection made.
 */
class OpenConnectionsTest {
  private String url;

  @BeforeEach
  void create() {
    url = PostgresServer.newDatabase("open_connections");
    try (MetricsDatabase db = open()) {
      new RunDao(db).insert(Run.of("a", Instant.EPOCH, "p"));
    }
  }

  @AfterEach
  void drop() {
    PostgresServer.dropDatabase(url);
  }

  private MetricsDatabase open() {
    return MetricsDatabase.builder(TestSchema.SCHEMA).url(url).user("postgres").open();
  }

  @Test
  void openingAndTheFirstUnitMakeOneConnection() {
    Logger driver = Logger.getLogger("org.postgresql");
    AtomicInteger connections = new AtomicInteger();
    Handler counter =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.startsWith(" FE=> StartupPacket")) {
              connections.incrementAndGet();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    counter.setLevel(Level.ALL);
    Level before = driver.getLevel();
    driver.setLevel(Level.FINEST);
    driver.addHandler(counter);
    try (MetricsDatabase db = open()) {
      assertEquals(1, new RunDao(db).count());
    } finally {
      driver.removeHandler(counter);
      driver.setLevel(before);
    }
    assertEquals(1, connections.get());
  }
}

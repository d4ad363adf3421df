package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.time.Instant;
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
    int connections =
        DriverMessages.count(
            DriverMessages.CONNECTION,
            () -> {
              try (MetricsDatabase db = open()) {
                assertEquals(1, new RunDao(db).count());
              }
            });
    assertEquals(1, connections);
  }
}

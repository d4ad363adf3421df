package dev.gao.metrics.runtime.sql.postgres;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the protocol messages pgjdbc sends while some work runs, from the driver's own log at
 * {@code FINEST}: {@code " FE=> Sync"} once per request, {@code " FE=> StartupPacket"} once per
 * connection made.
 */
final class DriverMessages {
  /** One request to the server and its answer. */
  static final String REQUEST = " FE=> Sync";

  /** A new connection. */
  static final String CONNECTION = " FE=> StartupPacket";

  private DriverMessages() {}

  /**
   * Runs the work and counts the driver's messages that start with {@code prefix} meanwhile.
   *
   * @param prefix the start of the messages to count
   * @param work the work
   * @return how many such messages the driver logged
   */
  static int count(String prefix, Runnable work) {
    return count(message -> message.startsWith(prefix), work);
  }

  private static int count(Predicate<String> counted, Runnable work) {
    Logger driver = Logger.getLogger("org.postgresql");
    AtomicInteger messages = new AtomicInteger();
    Handler counter =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && counted.test(message)) {
              messages.incrementAndGet();
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
    try {
      work.run();
    } finally {
      driver.removeHandler(counter);
      driver.setLevel(before);
    }
    return messages.get();
  }
}

package dev.gao.metrics.runtime.sql.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SQLite's fixed-width text form of instants. */
class TimeTextTest {
  @Test
  void consecutiveInstantsRoundTripThroughTheFixedWidthForm() {
    Instant instant = Instant.parse("2025-03-04T05:06:07.123456789Z");
    String previous = "";
    for (int i = 0; i < 200_000; i++) {
      Instant value = instant.plusNanos(i);
      String text = TimeText.formatInstant(value);
      assertEquals(value, TimeText.parseInstant(text));
      assertTrue(text.compareTo(previous) > 0, "text order is time order: " + previous + " < " + text);
      previous = text;
    }
  }
}

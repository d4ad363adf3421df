package dev.gao.metrics.runtime.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The points of a trend: one per run, or one per period of UTC time holding the mean of the runs
 * in it. Weeks start on Monday.
 */
public enum Interval {
  /** One point per run. */
  RUN,
  /** One point per UTC hour. */
  HOUR,
  /** One point per UTC day. */
  DAY,
  /** One point per week, Monday to Sunday, UTC. */
  WEEK,
  /** One point per calendar month, UTC. */
  MONTH;

  /**
   * The SQL that turns a time column's fixed-width UTC text into this period's label: a prefix of
   * the text, or the date of the week's Monday.
   */
  String bucket(String timeColumn) {
    return switch (this) {
      case RUN -> timeColumn;
      case HOUR -> "substr(" + timeColumn + ", 1, 13)";
      case DAY -> "substr(" + timeColumn + ", 1, 10)";
      case WEEK -> "date(substr(" + timeColumn + ", 1, 10), '-6 days', 'weekday 1')";
      case MONTH -> "substr(" + timeColumn + ", 1, 7)";
    };
  }

  /** The start of the period a label made by {@link #bucket} names; not for {@link #RUN}. */
  Instant start(String label) {
    return switch (this) {
      case RUN -> throw new IllegalStateException("a run has no period label");
      case HOUR -> LocalDateTime.parse(label + ":00").toInstant(ZoneOffset.UTC);
      case DAY, WEEK -> LocalDate.parse(label).atStartOfDay().toInstant(ZoneOffset.UTC);
      case MONTH -> YearMonth.parse(label).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    };
  }
}

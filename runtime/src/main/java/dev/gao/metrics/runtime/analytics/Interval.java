package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

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
   * The SQL that turns a time column into this period's label ({@link AnalyticsSql#periodLabel}):
   * {@code 2026-01-05T13}, {@code 2026-01-05}, the date of the week's Monday, {@code 2026-01}.
   */
  String bucket(String timeColumn, AnalyticsSql engine) {
    return this == RUN ? timeColumn : engine.periodLabel(timeColumn, name().toLowerCase(Locale.ROOT));
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

package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.RunModel;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every report says about a run and a metric the same way. */
final class RunFacts {
  private RunFacts() {}

  /**
   * The run table's columns that are not metrics, as text ({@link #text}), each a map of {@code
   * name} and {@code value}, with the run's duration after its finish column.
   */
  static List<Map<String, Object>> facts(RunModel model, RunRow run) {
    Duration duration = duration(model, run);
    List<Map<String, Object>> facts = new ArrayList<>();
    for (ColumnInfo column : model.runTable().columns()) {
      if (column.metric() != null) {
        continue;
      }
      facts.add(fact(column.name(), text(run.get(column.name()))));
      if (column.name().equals(model.finishColumn().orElse(null))) {
        facts.add(fact("duration", duration == null ? null : Html.duration(duration)));
      }
    }
    return facts;
  }

  private static Map<String, Object> fact(String name, Object value) {
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("name", name);
    fact.put("value", value);
    return fact;
  }

  /** A column's value as text: times as ISO-8601, JSON values as JSON, the rest as they print. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return ReportPage.json(value);
    }
    if (value instanceof Double d) {
      return Html.number(d);
    }
    return String.valueOf(value);
  }

  /** The time from the run's start to its finish, or null without both. */
  static Duration duration(RunModel model, RunRow run) {
    if (model.finishColumn().isEmpty()) {
      return null;
    }
    Instant start = instant(run.get(model.timeColumn()));
    Instant finish = instant(run.get(model.finishColumn().get()));
    return start == null || finish == null ? null : Duration.between(start, finish);
  }

  /** A time column's value as an instant; a model's time columns are Instant or OffsetDateTime. */
  static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    return value instanceof OffsetDateTime time ? time.toInstant() : null;
  }

  /** The run's status, or null for a model without a status column. */
  static String status(RunModel model, RunRow run) {
    return model.statusColumn().map(c -> text(run.get(c))).orElse(null);
  }

  /** Whether the run's status counts as failed. */
  static boolean failed(RunModel model, RunRow run) {
    String status = status(model, run);
    return status != null && model.failedStatuses().contains(status);
  }

  /** A direction in words. */
  static String betterText(Better better) {
    return switch (better) {
      case LOWER -> "lower is better";
      case HIGHER -> "higher is better";
      case NONE -> "neither";
    };
  }

  /** An enum constant as the lower-case word the pages and their data use. */
  static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** An HTML id for a metric: its section on a trend page, its row in a comparison. */
  static String anchor(String metric) {
    return "m-" + metric.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** A relative change as a signed percentage, or "-". */
  static String percent(Double fraction) {
    if (fraction == null) {
      return "-";
    }
    String text = Html.number(Math.round(fraction * 10000) / 100.0);
    return (fraction > 0 ? "+" : "") + text + "%";
  }
}

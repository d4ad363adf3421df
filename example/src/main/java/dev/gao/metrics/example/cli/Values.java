package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.RunDocument;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;

/** How the read commands print the values analytics decode: times as ISO-8601, numbers plainly. */
final class Values {
  private Values() {}

  /**
   * A decoded value as JSON: times as ISO-8601 strings, maps and lists as they are.
   *
   * @param value the value, possibly null
   * @return the JSON node
   */
  static JsonNode json(Object value) {
    if (value instanceof TemporalAccessor) {
      return RunDocument.mapper().getNodeFactory().textNode(value.toString());
    }
    if (value instanceof Enum<?> constant) {
      return RunDocument.mapper().getNodeFactory().textNode(constant.name());
    }
    return RunDocument.mapper().valueToTree(value);
  }

  /**
   * A row of decoded values as a JSON object, in column order.
   *
   * @param values column name to value
   * @return the object
   */
  static ObjectNode object(Map<String, Object> values) {
    ObjectNode node = RunDocument.mapper().createObjectNode();
    values.forEach((column, value) -> node.set(column, json(value)));
    return node;
  }

  /**
   * A decoded value as text: empty for null, numbers without exponent or trailing zeros, maps and
   * lists as compact JSON.
   *
   * @param value the value, possibly null
   * @return the text
   */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      try {
        return RunDocument.mapper().writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return value.toString();
  }

  /**
   * A number without exponent or trailing zeros; NaN and infinities as Java writes them.
   *
   * @param value the number
   * @return the text
   */
  static String number(double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : String.valueOf(value);
  }

  /**
   * A string for a table cell: as is, or quoted when it holds control characters.
   *
   * @param value the value, possibly null
   * @return the cell text; {@code -} for null
   */
  static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    String text = text(value);
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? Show.quoted(text) : text;
  }

  /**
   * A computed number for a table cell, rounded to four decimals; {@code -} when absent.
   *
   * @param value the number, possibly null
   * @return the cell text
   */
  static String rounded(Double value) {
    if (value == null) {
      return "-";
    }
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return number(new BigDecimal(value).setScale(4, RoundingMode.HALF_UP).doubleValue());
  }

  /**
   * A relative change as a signed percentage with one decimal ({@code +12.5%}); {@code n/a} when
   * it is undefined (a baseline of 0).
   *
   * @param fraction the change as a fraction, possibly null
   * @return the cell text
   */
  static String percent(Double fraction) {
    if (fraction == null) {
      return "n/a";
    }
    if (!Double.isFinite(fraction)) {
      return String.valueOf(fraction);
    }
    return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
  }

  /**
   * A threshold fraction as a percentage without trailing zeros ({@code 0.05} is {@code 5%}).
   *
   * @param fraction the threshold as a fraction
   * @return the text
   */
  static String threshold(double fraction) {
    return number(BigDecimal.valueOf(fraction).movePointRight(2).doubleValue()) + "%";
  }

  /**
   * A duration as people read it, to the second (rounded toward zero): {@code 1h 02m 03s} from an hour,
   * else {@code 4m 05s}; a negative one with a leading minus sign.
   *
   * @param duration the duration
   * @return the text
   */
  static String duration(Duration duration) {
    String sign = duration.isNegative() ? "-" : "";
    long total = duration.abs().getSeconds();
    return total >= 3600
        ? String.format(Locale.ROOT, "%s%dh %02dm %02ds", sign, total / 3600, total % 3600 / 60, total % 60)
        : String.format(Locale.ROOT, "%s%dm %02ds", sign, total / 60, total % 60);
  }

  /**
   * A duration in seconds, exact to the nanosecond, for JSON ({@code 3723.5}).
   *
   * @param duration the duration
   * @return the seconds
   */
  static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)).stripTrailingZeros();
  }
}

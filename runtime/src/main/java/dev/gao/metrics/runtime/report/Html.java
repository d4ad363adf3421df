package dev.gao.metrics.runtime.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Text made safe for HTML, and numbers written the same way on every page. */
final class Html {
  private Html() {}

  /**
   * Text as the content of an element or a quoted attribute value: {@code &}, {@code <}, {@code
   * >}, both quotes escaped, so no value can close an element, an attribute or a script.
   */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A number as its shortest exact decimal: integral values without a fraction, never an exponent,
   * so that reading the text back gives the same double.
   */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * A number as people read it in a table: at most six significant digits, a million or more as a
   * whole number, never an exponent; the page script's tooltips show numbers the same way. The
   * exact value goes beside it in a {@code data-value} attribute ({@link #cell}).
   */
  static String display(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal exact = BigDecimal.valueOf(value);
    if (Math.abs(value) >= 1e6) {
      return exact.setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
    return exact.round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  /**
   * A table cell of a number: {@link #display} as its text and the exact value ({@link #number}) in
   * {@code data-value}, by which the table sorts; "-" for null.
   */
  static String cell(Double value) {
    if (value == null) {
      return "<td class=\"num\">-</td>";
    }
    return "<td class=\"num\" data-value=\"" + number(value) + "\">" + display(value) + "</td>";
  }

  /**
   * JSON text as the content of a {@code <script type="application/json">} element: {@code <},
   * {@code >} and {@code &} (which JSON only allows inside strings) and the two line separators
   * JavaScript once treated as line ends are written as escapes, so no value can end the element.
   */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }

  /** A duration in seconds, exact to the nanosecond before the conversion to double. */
  static double seconds(Duration duration) {
    return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)).doubleValue();
  }

  /**
   * A duration as people read it: {@code 1h 02m 03s}, {@code 4m 05s}, under a minute {@code 7.25 s};
   * a negative one (a finish before the start) with a minus sign.
   */
  static String duration(Duration duration) {
    if (duration.isNegative()) {
      return "-" + duration(duration.negated());
    }
    long total = duration.getSeconds();
    if (total < 60) {
      return number(seconds(duration)) + " s";
    }
    long hours = total / 3600;
    long minutes = total % 3600 / 60;
    long secs = total % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%dh %02dm %02ds", hours, minutes, secs)
        : String.format(Locale.ROOT, "%dm %02ds", minutes, secs);
  }
}

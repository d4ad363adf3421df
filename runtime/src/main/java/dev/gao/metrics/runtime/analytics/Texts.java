package dev.gao.metrics.runtime.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers in the analytics' own texts ({@code toString} of their results): six digits at most. */
final class Texts {
  private Texts() {}

  /** A number to six significant digits, whole from a million on, without trailing zeros. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal exact = BigDecimal.valueOf(value);
    if (Math.abs(value) >= 1e6) {
      return exact.setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }
    return exact.round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  /** A fraction as a signed percentage to one decimal: {@code +47.2%}. */
  static String percent(double fraction) {
    BigDecimal percent = BigDecimal.valueOf(fraction * 100).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return (fraction > 0 ? "+" : "") + percent.toPlainString() + "%";
  }
}

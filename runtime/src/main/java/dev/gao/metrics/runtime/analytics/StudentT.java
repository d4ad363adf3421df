package dev.gao.metrics.runtime.analytics;

/**
 * Student's t distribution: the tail probabilities the regression check needs, through the
 * regularized incomplete beta function (continued fraction, as in Numerical Recipes §6.4) and a
 * Lanczos log-gamma; accurate to about 1e-10 for the degrees of freedom a baseline has.
 */
final class StudentT {
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final int MAX_ITERATIONS = 500;
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;

  private StudentT() {}

  /**
   * {@code P(T > t)} for {@code T} with {@code df} degrees of freedom.
   *
   * @param t the statistic, not NaN
   * @param df the degrees of freedom, positive
   * @return the upper tail probability
   */
  static double upperTail(double t, double df) {
    if (Double.isNaN(t) || !(df > 0)) {
      throw new IllegalArgumentException("t = " + t + ", df = " + df);
    }
    if (Double.isInfinite(t)) {
      return t > 0 ? 0.0 : 1.0;
    }
    double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? tail : 1 - tail;
  }

  /** The regularized incomplete beta function {@code I_x(a, b)}. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0.0;
    }
    if (x >= 1) {
      return 1.0;
    }
    double front =
        Math.exp(
            logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  /** {@code ln Γ(x)} for {@code x > 0}. */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  private static double continuedFraction(double x, double a, double b) {
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = nonZero(1 - qab * x / qap);
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 / nonZero(1 + even * d);
      c = nonZero(1 + even / c);
      h *= d * c;
      double odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 / nonZero(1 + odd * d);
      c = nonZero(1 + odd / c);
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPSILON) {
        break;
      }
    }
    return h;
  }

  private static double nonZero(double value) {
    return Math.abs(value) < TINY ? TINY : value;
  }
}

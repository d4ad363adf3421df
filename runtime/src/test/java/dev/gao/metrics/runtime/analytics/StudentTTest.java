package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tail probabilities against published critical values and closed forms. */
class StudentTTest {

  @Test
  void matchesPublishedCriticalValues() {
    // one-sided critical values of Student's t (standard tables, 6 significant digits)
    assertEquals(0.05, StudentT.upperTail(6.313752, 1), 1e-7);
    assertEquals(0.05, StudentT.upperTail(2.015048, 5), 1e-7);
    assertEquals(0.025, StudentT.upperTail(2.570582, 5), 1e-7);
    assertEquals(0.05, StudentT.upperTail(1.812461, 10), 1e-7);
    assertEquals(0.005, StudentT.upperTail(3.169273, 10), 1e-7);
    assertEquals(0.01, StudentT.upperTail(2.527977, 20), 1e-7);
    assertEquals(0.05, StudentT.upperTail(1.660234, 100), 1e-7);
    assertEquals(0.025, StudentT.upperTail(1.959964, 1e7), 1e-6);
  }

  @Test
  void matchesClosedForms() {
    for (double t = -20; t <= 20; t += 0.37) {
      // df = 1 is the Cauchy distribution
      assertEquals(0.5 - Math.atan(t) / Math.PI, StudentT.upperTail(t, 1), 1e-12, "df 1, t " + t);
      // df = 2 has P(T > t) = (1 - t / sqrt(t^2 + 2)) / 2
      assertEquals(
          (1 - t / Math.sqrt(t * t + 2)) / 2, StudentT.upperTail(t, 2), 1e-12, "df 2, t " + t);
    }
  }

  @Test
  void isSymmetricAndBounded() {
    assertEquals(0.5, StudentT.upperTail(0, 7), 1e-15);
    assertEquals(1.0, StudentT.upperTail(-2.015048, 5) + StudentT.upperTail(2.015048, 5), 1e-12);
    assertEquals(0.0, StudentT.upperTail(Double.POSITIVE_INFINITY, 3));
    assertEquals(1.0, StudentT.upperTail(Double.NEGATIVE_INFINITY, 3));
    assertEquals(0.0, StudentT.regularizedBeta(0, 2, 3));
    assertEquals(1.0, StudentT.regularizedBeta(1, 2, 3));
    assertEquals(Math.log(24), StudentT.logGamma(5), 1e-12);
    assertEquals(Math.log(Math.sqrt(Math.PI)), StudentT.logGamma(0.5), 1e-12);
    assertEquals(Math.log(Math.PI / Math.sin(Math.PI * 0.25)) - StudentT.logGamma(0.75),
        StudentT.logGamma(0.25), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> StudentT.upperTail(Double.NaN, 3));
    assertThrows(IllegalArgumentException.class, () -> StudentT.upperTail(1, 0));
  }
}

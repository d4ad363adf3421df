package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trend's summary against values computed by hand. */
class TrendSummaryTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final MetricRef SECONDS = ComparisonSchema.MODEL.metric("perf.seconds");
  private static final MetricRef SCORE = ComparisonSchema.MODEL.metric("runs.score");
  private static final MetricRef DRIFT = ComparisonSchema.MODEL.metric("perf.drift");

  @Test
  void aStraightLineHasItsSlopeAndAnR2OfOne() {
    TrendSummary s = TrendSummary.of(SECONDS, daily(1, 2, 3), 0.05);
    assertEquals(3, s.points());
    assertEquals(2.0, s.mean());
    assertEquals(2.0, s.median());
    assertEquals(1.0, s.stddev());
    assertEquals(1.0, s.min());
    assertEquals(3.0, s.max());
    assertEquals(1.0, s.slopePerDay(), 1e-12);
    assertEquals(1.0, s.rSquared(), 1e-12);
    // the line moves 2 over two days, around a mean of 2
    assertEquals(1.0, s.fittedChange(), 1e-12);
    assertEquals(1.0, s.first());
    assertEquals(3.0, s.last());
    assertEquals(2.0, s.change());
    assertEquals(TrendDirection.DEGRADING, s.direction(), "more seconds is worse");
    assertEquals(TrendDirection.IMPROVING, TrendSummary.of(SCORE, daily(1, 2, 3), 0.05).direction());
    assertEquals(TrendDirection.RISING, TrendSummary.of(DRIFT, daily(1, 2, 3), 0.05).direction());
    assertEquals(TrendDirection.FALLING, TrendSummary.of(DRIFT, daily(3, 2, 1), 0.05).direction());
    assertEquals(TrendDirection.IMPROVING, TrendSummary.of(SECONDS, daily(3, 2, 1), 0.05).direction());
  }

  @Test
  void noisyValuesHaveTheLeastSquaresLine() {
    // x = 0..3 days, y = 1 3 2 4: Sxx 5, Sxy 4, Syy 5
    TrendSummary s = TrendSummary.of(SECONDS, daily(1, 3, 2, 4), 0.05);
    assertEquals(0.8, s.slopePerDay(), 1e-12);
    assertEquals(0.64, s.rSquared(), 1e-12);
    assertEquals(2.5, s.median());
    assertEquals(Math.sqrt(5.0 / 3), s.stddev(), 1e-12);
    assertEquals(0.8 * 3 / 2.5, s.fittedChange(), 1e-12);
    assertEquals(3.0, s.change());
  }

  @Test
  void aChangeWithinTheThresholdIsStable() {
    // the line moves 0.4 over the span around a mean of 100.2: 0.4%
    TrendSummary s = TrendSummary.of(SECONDS, daily(100, 100.2, 100.4), 0.05);
    assertEquals(TrendDirection.STABLE, s.direction());
    assertEquals(TrendDirection.DEGRADING, TrendSummary.of(SECONDS, daily(100, 100.2, 100.4), 0.001).direction());
    TrendSummary flat = TrendSummary.of(SECONDS, daily(7, 7, 7), 0);
    assertEquals(0.0, flat.slopePerDay());
    assertEquals(1.0, flat.rSquared(), "values that do not vary are explained entirely");
    assertEquals(TrendDirection.STABLE, flat.direction());
  }

  @Test
  void fewPointsOrOneTimeHaveNoLine() {
    TrendSummary none = TrendSummary.of(SECONDS, List.of(), 0.05);
    assertEquals(0, none.points());
    assertNull(none.mean());
    assertNull(none.change());
    assertEquals(TrendDirection.INSUFFICIENT_DATA, none.direction());
    TrendSummary two = TrendSummary.of(SECONDS, daily(1, 5), 0.05);
    assertEquals(3.0, two.mean());
    assertEquals(3.0, two.median());
    assertNull(two.slopePerDay());
    assertNull(two.rSquared());
    assertEquals(4.0, two.change());
    assertEquals(TrendDirection.INSUFFICIENT_DATA, two.direction());
    List<TrendPoint> sameTime = new ArrayList<>();
    for (double v : new double[] {1, 2, 3}) {
      sameTime.add(new TrendPoint(T0, "r", 1, v, v, v, null));
    }
    assertEquals(TrendDirection.INSUFFICIENT_DATA, TrendSummary.of(SECONDS, sameTime, 0.05).direction());
  }

  @Test
  void aMeanOfZeroHasNoRelativeSize() {
    TrendSummary s = TrendSummary.of(DRIFT, daily(-1, 0, 1), 0.05);
    assertEquals(0.0, s.mean());
    assertNull(s.fittedChange());
    assertEquals(2.0, s.change(), "from -1 to 1 is a change of 2, relative to |first| = 1");
    assertEquals(TrendDirection.RISING, s.direction());
    TrendSummary zeros = TrendSummary.of(SECONDS, daily(0, 0, 0), 0.05);
    assertEquals(0.0, zeros.fittedChange());
    assertEquals(0.0, zeros.change());
    assertEquals(TrendDirection.STABLE, zeros.direction());
  }

  @Test
  void aThresholdMustBeANumberOfZeroOrMore() {
    assertThrows(IllegalArgumentException.class, () -> TrendSummary.of(SECONDS, daily(1, 2, 3), -0.1));
    assertThrows(IllegalArgumentException.class, () -> TrendSummary.of(SECONDS, daily(1, 2, 3), Double.NaN));
  }

  private static List<TrendPoint> daily(double... values) {
    List<TrendPoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new TrendPoint(T0.plus(Duration.ofDays(i)), "r" + i, 1, values[i], values[i], values[i], null));
    }
    return points;
  }
}

package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analytics' results print as people read them (the README prints them): a metric by its name,
 * unit and direction, a check and a delta in one line with their numbers to six digits, never the
 * whole column description.
 */
class ResultTextsTest {
  private static final MetricRef SECONDS = ComparisonSchema.MODEL.metric("perf.seconds");
  private static final MetricRef DRIFT = ComparisonSchema.MODEL.metric("perf.drift");

  @Test
  void aMetricIsItsNameUnitAndDirection() {
    assertEquals("perf.seconds (s, lower is better)", SECONDS.toString());
    assertEquals("perf.drift (no better direction)", DRIFT.toString());
    assertEquals("runs.score (points, higher is better)", ComparisonSchema.MODEL.metric("runs.score").toString());
  }

  @Test
  void aCheckIsOneLineWithItsEvidence() {
    RegressionOptions options = RegressionOptions.againstLatest(10);
    MetricCheck regressed =
        Comparisons.check(SECONDS, 2136.567, List.of(1352.946, 1450.0, 1539.577, 1466.2, 1450.08), options);
    // mean 1451.7606, sample sd 66.50283, t = 684.8064 / (66.50283 * sqrt(1.2)) = 9.40021, p one-sided, 4 df
    assertEquals(
        "perf.seconds: 2136.57 s against 1451.76 s +- 66.5028 of 5 runs (min 1352.95, max 1539.58): +47.2%, t 9.40021,"
            + " p 0.000356858, threshold 5% -> REGRESSED",
        regressed.toString());
    MetricCheck missing = Comparisons.check(SECONDS, null, List.of(), options);
    assertEquals("perf.seconds: no value, no baseline values, threshold 5% -> MISSING", missing.toString());
  }

  @Test
  void aDeltaIsOneLine() {
    MetricDelta delta = Comparisons.delta(SECONDS, 100.0, 112.5, 0.05);
    assertEquals("perf.seconds: 100 s -> 112.5 s (+12.5, +12.5%), threshold 5% -> REGRESSED", delta.toString());
    MetricDelta gone = Comparisons.delta(DRIFT, 1.0, null, 0.05);
    assertEquals("perf.drift: 1 -> no value, threshold 5% -> MISSING", gone.toString());
  }
}

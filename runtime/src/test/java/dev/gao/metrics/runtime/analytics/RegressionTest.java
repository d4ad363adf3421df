package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression checks on a real file against baselines whose statistics the test computes. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RegressionTest {
  @Parameter Engine engine;
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  /** Noisy seconds of the baseline runs of benchmark b, version 1, oldest first. */
  private static final double[] BASELINE = {101, 97, 104, 99, 96, 103, 100, 98, 105, 97};

  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;
  private final List<Run> runs = new ArrayList<>();
  private int clock;

  @BeforeEach
  void setUp() {
    db = ComparisonData.open(Target.of(engine, dir, "regressiontest"), "regressions");
    analytics = new Analytics(db, ComparisonSchema.MODEL);
    // older runs that the latest 8 leave out
    add("b", "1", "completed", 500.0, 9.0);
    add("b", "1", "completed", 500.0, 9.0);
    for (int i = 0; i < BASELINE.length; i++) {
      add("b", "1", "completed", BASELINE[i], 2.0);
      if (i == 6) {
        add("b", "1", "failed", 900.0, 2.0);
        add("b", "2", "completed", 900.0, 2.0);
        add("c", "1", "completed", 900.0, 2.0);
      }
    }
    ComparisonData.insert(db, runs);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Run add(String benchmark, String version, String status, double seconds, double cost) {
    String id = "run-" + runs.size();
    Run run =
        new Run(id, T0.plusSeconds(600L * clock++), benchmark, version, status, null, seconds,
            cost, null, null, List.of());
    runs.add(run);
    return run;
  }

  private String candidate(String status, double seconds, double cost) {
    Run run = add("b", "1", status, seconds, cost);
    ComparisonData.insert(db, List.of(run));
    return run.id();
  }

  private static MetricCheck check(RegressionReport report, String metric) {
    return report.checks().stream()
        .filter(c -> c.metric().name().equals(metric))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aClearSlowdownRegressesWithItsEvidence() {
    String id = candidate("completed", 130, 2.0);
    RegressionReport report = analytics.regressions(id, RegressionOptions.againstLatest(8));
    // the latest 8 comparable runs before the candidate: completed, same benchmark and version
    List<Object> expectedIds = new ArrayList<>();
    for (int i = runs.size() - 2; expectedIds.size() < 8; i--) {
      Run run = runs.get(i);
      if (run.benchmark().equals("b") && run.version().equals("1")
          && run.status().equals("completed")) {
        expectedIds.add(run.id());
      }
    }
    assertEquals(expectedIds, report.baselineRuns());
    assertEquals(Map.of("benchmark", "b", "version", "1"), report.comparableOn());
    assertFalse(report.candidateFailed());

    double[] sample = new double[8];
    System.arraycopy(BASELINE, 2, sample, 0, 8);
    double mean = java.util.Arrays.stream(sample).average().orElseThrow();
    double squares = 0;
    for (double x : sample) {
      squares += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(squares / 7);
    MetricCheck seconds = check(report, "perf.seconds");
    assertEquals(Change.REGRESSED, seconds.change());
    assertEquals(130.0, seconds.candidate());
    assertEquals(8, seconds.samples());
    assertEquals(mean, seconds.mean(), 1e-9);
    assertEquals(sd, seconds.stddev(), 1e-9);
    assertEquals(96.0, seconds.min());
    assertEquals(105.0, seconds.max());
    assertEquals((130 - mean) / mean, seconds.relativeDelta(), 1e-12);
    double t = (130 - mean) / (sd * Math.sqrt(1 + 1.0 / 8));
    assertEquals(t, seconds.t(), 1e-9);
    assertEquals(StudentT.upperTail(t, 7), seconds.pValue(), 1e-15);
    assertTrue(seconds.pValue() < 1e-3, "p = " + seconds.pValue());
    assertEquals(List.of(seconds), report.regressions());
    assertTrue(report.hasRegressions());

    // cost never varied: no spread, no change, p = 1
    MetricCheck cost = check(report, "perf.cost");
    assertEquals(Change.UNCHANGED, cost.change());
    assertEquals(0.0, cost.stddev());
    assertNull(cost.t());
    assertEquals(1.0, cost.pValue());
  }

  @Test
  void noiseWithinTheBaselinesSpreadIsNoRegression() {
    // 106 is 5.9% above the mean of the last 8 (100.125) but well inside their spread
    String id = candidate("completed", 106, 2.0);
    RegressionReport report = analytics.regressions(id, RegressionOptions.againstLatest(8));
    MetricCheck seconds = check(report, "perf.seconds");
    assertTrue(seconds.relativeDelta() > 0.05);
    assertTrue(seconds.pValue() > 0.05, "p = " + seconds.pValue());
    assertEquals(Change.UNCHANGED, seconds.change());
    assertFalse(report.hasRegressions());
    // a higher threshold also keeps a significant change unchanged
    String slow = candidate("completed", 130, 2.0);
    RegressionReport lenient =
        analytics.regressions(
            slow,
            RegressionOptions.againstLatest(8).thresholds(Thresholds.relative(0.5)).alpha(0.01));
    assertFalse(lenient.hasRegressions());
  }

  @Test
  void aBaselineWithoutSpreadFlagsAnyChangeBeyondTheThreshold() {
    String id = candidate("completed", 100, 2.2);
    RegressionReport report = analytics.regressions(id, RegressionOptions.againstLatest(8));
    MetricCheck cost = check(report, "perf.cost");
    assertEquals(Change.REGRESSED, cost.change());
    assertEquals(0.0, cost.pValue());
    assertEquals(0.1, cost.relativeDelta(), 1e-12);
    String cheaper = candidate("completed", 100, 1.0);
    assertEquals(
        Change.IMPROVED,
        check(analytics.regressions(cheaper, RegressionOptions.againstLatest(8)), "perf.cost")
            .change());
  }

  @Test
  void failedRunsAndTooFewSamplesAreHandled() {
    String id = candidate("timeout", 130, 2.0);
    RegressionReport report =
        analytics.regressions(id, RegressionOptions.againstLatest(20).includeFailed(true));
    assertTrue(report.candidateFailed());
    assertTrue(report.baselineRuns().stream().anyMatch(r -> runs.stream()
        .anyMatch(run -> run.id().equals(r) && run.status().equals("failed"))));
    assertEquals(13, report.baselineRuns().size());

    RegressionReport few =
        analytics.regressions(
            id,
            RegressionOptions.againstLatest(20)
                .minSamples(20)
                .comparableBy(List.of("benchmark", "version")));
    MetricCheck seconds = check(few, "perf.seconds");
    assertEquals(Change.INSUFFICIENT_DATA, seconds.change());
    assertEquals(12, seconds.samples());
    assertNull(seconds.pValue());
    assertFalse(few.hasRegressions());

    // the first run of a series has no baseline at all: every metric lacks data
    RegressionReport first =
        analytics.regressions(runs.get(0).id(), RegressionOptions.againstLatest(5));
    assertEquals(List.of(), first.baselineRuns());
    assertEquals(Change.INSUFFICIENT_DATA, check(first, "perf.seconds").change());
    assertEquals(0, check(first, "perf.seconds").samples());
    assertNull(check(first, "perf.seconds").relativeDelta());

    // with no comparable dimensions every earlier run is comparable
    RegressionReport any =
        analytics.regressions(id, RegressionOptions.againstLatest(20).comparableBy(List.of()));
    assertEquals(Map.of(), any.comparableOn());
    assertEquals(14, any.baselineRuns().size());
  }

  @Test
  void aNamedBaselineRunIsJudgedByThresholdAlone() {
    String id = candidate("completed", 104, 2.0);
    RegressionReport report =
        analytics.regressions(id, RegressionOptions.againstRun(runs.get(2).id()));
    assertEquals(List.of(runs.get(2).id()), report.baselineRuns());
    MetricCheck seconds = check(report, "perf.seconds");
    assertEquals(1, seconds.samples());
    assertEquals(101.0, seconds.mean());
    assertNull(seconds.stddev());
    assertNull(seconds.pValue());
    assertEquals(Change.UNCHANGED, seconds.change());
    String slow = candidate("completed", 107, 2.0);
    assertEquals(
        Change.REGRESSED,
        check(analytics.regressions(slow, RegressionOptions.againstRun(runs.get(2).id())),
            "perf.seconds").change());
  }

  @Test
  void badArgumentsAreNamed() {
    assertThrows(RunNotFoundException.class,
        () -> analytics.regressions("nope", RegressionOptions.againstLatest(5)));
    assertThrows(RunNotFoundException.class,
        () -> analytics.regressions(runs.get(0).id(), RegressionOptions.againstRun("' OR 1=1 --")));
    assertThrows(IllegalArgumentException.class, () -> RegressionOptions.againstLatest(1));
    assertThrows(IllegalArgumentException.class,
        () -> RegressionOptions.againstLatest(5).minSamples(6));
    assertThrows(IllegalArgumentException.class,
        () -> RegressionOptions.againstLatest(5).minSamples(1));
    assertThrows(IllegalStateException.class, () -> RegressionOptions.againstRun("a").minSamples(2));
    assertThrows(IllegalArgumentException.class, () -> RegressionOptions.againstLatest(5).alpha(1));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class,
            () -> analytics.regressions(runs.get(0).id(),
                RegressionOptions.againstLatest(5).comparableBy(List.of("nope"))));
    assertTrue(unknown.getMessage().contains("unknown dimension nope"), unknown.getMessage());
    RegressionOptions options = RegressionOptions.againstLatest(7);
    assertEquals(7, options.latest());
    assertEquals(5, options.minSamples());
    assertEquals(0.05, options.alpha());
    assertFalse(options.includesFailed());
    assertNull(options.comparableBy());
    assertNull(options.baselineRun());
    assertEquals(Thresholds.DEFAULT, options.thresholds());
  }
}

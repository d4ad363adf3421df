package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static dev.gao.metrics.runtime.analytics.ComparisonData.agents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparison of two runs on a real file: deltas, verdicts by direction and threshold. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ComparisonTest {
  @Parameter Engine engine;
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;

  @BeforeEach
  void setUp() {
    db = ComparisonData.open(Target.of(engine, dir, "comparisontest"), "compare");
    analytics = new Analytics(db, ComparisonSchema.MODEL);
    ComparisonData.insert(
        db,
        List.of(
            new Run(
                "a",
                T0,
                "b",
                "1",
                "completed",
                0.8,
                100.0,
                2.0,
                1.0,
                agents("amelia", 1000, "bob", 0, "only.a", 5),
                List.of(10L, 20L)),
            new Run(
                "b",
                T0.plusSeconds(60),
                "b",
                "1",
                "completed",
                0.9,
                120.0,
                1.9,
                2.0,
                agents("amelia", 0, "bob", 50, "x\"y", 7),
                List.of(15L, 25L, 5L)),
            new Run("bare", T0.plusSeconds(120), "b", "1", "failed", null, null, 0.0, null, null,
                List.of())));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void deltasAndVerdictsFollowEachMetricsDirection() {
    RunComparison comparison = analytics.compare("a", "b", Thresholds.DEFAULT);
    assertEquals("a", comparison.baseline().id());
    assertEquals("b", comparison.candidate().id());
    Map<String, MetricDelta> byName = byName(comparison);
    assertEquals(
        List.of(
            "runs.score",
            "perf.seconds",
            "perf.cost",
            "perf.drift",
            "perf.tokens_by_agent[amelia]",
            "perf.tokens_by_agent[bob]",
            "perf.tokens_by_agent[only.a]",
            "perf.tokens_by_agent[x\"y]",
            "usage.tokens"),
        List.copyOf(byName.keySet()));

    // higher is better: 0.8 -> 0.9 is +12.5%
    assertDelta(byName.get("runs.score"), 0.8, 0.9, 0.9 - 0.8, (0.9 - 0.8) / 0.8, Change.IMPROVED);
    // lower is better: 100 -> 120 is +20%
    assertDelta(byName.get("perf.seconds"), 100.0, 120.0, 20.0, 0.2, Change.REGRESSED);
    // -5% is not beyond a 5% threshold
    assertDelta(byName.get("perf.cost"), 2.0, 1.9, 1.9 - 2.0, (1.9 - 2.0) / 2.0, Change.UNCHANGED);
    // no direction: a change beyond the threshold is just a change
    assertDelta(byName.get("perf.drift"), 1.0, 2.0, 1.0, 1.0, Change.CHANGED);
    // a key of a map, lower is better: 1000 -> 0
    assertDelta(
        byName.get("perf.tokens_by_agent[amelia]"), 1000.0, 0.0, -1000.0, -1.0, Change.IMPROVED);
    // from a baseline of zero: no relative delta, and any change counts
    MetricDelta bob = byName.get("perf.tokens_by_agent[bob]");
    assertDelta(bob, 0.0, 50.0, 50.0, null, Change.REGRESSED);
    assertEquals(Change.MISSING, byName.get("perf.tokens_by_agent[only.a]").change());
    assertNull(byName.get("perf.tokens_by_agent[only.a]").candidate());
    assertNull(byName.get("perf.tokens_by_agent[only.a]").absoluteDelta());
    assertEquals(7.0, byName.get("perf.tokens_by_agent[x\"y]").candidate());
    // several rows per run are summed: 30 -> 45
    assertDelta(byName.get("usage.tokens"), 30.0, 45.0, 15.0, 0.5, Change.REGRESSED);
    assertEquals(
        List.of("perf.seconds", "perf.tokens_by_agent[bob]", "usage.tokens"),
        comparison.only(Change.REGRESSED).stream().map(d -> d.metric().name()).toList());
  }

  @Test
  void thresholdsApplyPerMetricAndPerMap() {
    Thresholds thresholds =
        Thresholds.relative(0.01)
            .with("perf.seconds", 0.25)
            .with("perf.tokens_by_agent", 2.0)
            .with("perf.tokens_by_agent[bob]", 0.0);
    Map<String, MetricDelta> byName = byName(analytics.compare("a", "b", thresholds));
    assertEquals(Change.UNCHANGED, byName.get("perf.seconds").change());
    assertEquals(0.25, byName.get("perf.seconds").threshold());
    // cost fell 5%, beyond the default of 1%
    assertEquals(Change.IMPROVED, byName.get("perf.cost").change());
    assertEquals(Change.UNCHANGED, byName.get("perf.tokens_by_agent[amelia]").change());
    assertEquals(2.0, byName.get("perf.tokens_by_agent[amelia]").threshold());
    assertEquals(Change.REGRESSED, byName.get("perf.tokens_by_agent[bob]").change());
    assertEquals(0.0, byName.get("perf.tokens_by_agent[bob]").threshold());
  }

  @Test
  void aRunWithoutValuesComparesAsMissingAndEqualRunsAsUnchanged() {
    RunComparison missing = analytics.compare("a", "bare", Thresholds.DEFAULT);
    assertTrue(missing.deltas().stream().allMatch(d -> d.change() == Change.MISSING));
    RunComparison same = analytics.compare("b", "b", Thresholds.relative(0));
    assertTrue(same.deltas().stream().allMatch(d -> d.change() == Change.UNCHANGED));
    assertTrue(same.deltas().stream().allMatch(d -> d.relativeDelta() == 0.0));
  }

  @Test
  void unknownRunsAreNamed() {
    RunNotFoundException e =
        assertThrows(
            RunNotFoundException.class, () -> analytics.compare("a", "'; DROP TABLE runs; --", Thresholds.DEFAULT));
    assertEquals("runs", e.table());
    assertEquals("run_id", e.column());
    assertEquals("'; DROP TABLE runs; --", e.value());
    assertTrue(e.getMessage().startsWith("no run with runs.run_id = "), e.getMessage());
    assertEquals(3, db.rowCount("runs"));
    assertThrows(IllegalArgumentException.class, () -> Thresholds.relative(-0.1));
    assertThrows(IllegalArgumentException.class, () -> Thresholds.relative(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Thresholds.DEFAULT.with("x", 1 / 0.0));
  }

  private static Map<String, MetricDelta> byName(RunComparison comparison) {
    Map<String, MetricDelta> byName = new LinkedHashMap<>();
    comparison.deltas().forEach(d -> byName.put(d.metric().name(), d));
    return byName;
  }

  private static void assertDelta(
      MetricDelta delta,
      Double baseline,
      Double candidate,
      Double absolute,
      Double relative,
      Change change) {
    String name = delta.metric().name();
    assertEquals(baseline, delta.baseline(), name);
    assertEquals(candidate, delta.candidate(), name);
    assertEquals(absolute, delta.absoluteDelta(), 1e-12, name);
    if (relative == null) {
      assertNull(delta.relativeDelta(), name);
    } else {
      assertEquals(relative, delta.relativeDelta(), 1e-12, name);
    }
    assertEquals(change, delta.change(), name);
  }
}

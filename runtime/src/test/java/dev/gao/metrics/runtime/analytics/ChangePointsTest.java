package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Change points over a database, on both engines: a sustained shift in one group's history is
 * found at the run where it starts, as the detector finds it in the same values, with the
 * metric's direction; a stable group has none; failed runs are left out unless asked.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ChangePointsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  @Parameter Engine engine;
  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;

  @BeforeEach
  void setUp() {
    db = ComparisonData.open(Target.of(engine, dir, "changepointstest"), "changes");
    analytics = new Analytics(db, ComparisonSchema.MODEL);
    Random random = new Random(11);
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      Instant time = T0.plus(Duration.ofHours(i));
      // suite 2.0 slows down by 30% from its 50th run on; suite 1.0 stays where it is
      double slow = i >= 50 ? 1.3 : 1.0;
      double noise = 1 + 0.03 * random.nextGaussian();
      String status = i == 60 ? "failed" : "completed";
      runs.add(new Run("s2-" + i, time, "suite", "2.0", status, 80.0 / slow, 100 * slow * noise, 1.0, null,
          ComparisonData.agents("amelia", (long) (1000 * slow), "bob", 10 + i % 3), List.of()));
      runs.add(Run.timed("s1-" + i, time.plusSeconds(1), "suite", "1.0", 100 * (1 + 0.03 * random.nextGaussian())));
    }
    ComparisonData.insert(db, runs);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void aSustainedShiftIsFoundWhereItStarts() {
    List<ChangePoint> found =
        analytics.changePoints(List.of("perf.seconds", "runs.score", "perf.tokens_by_agent[amelia]", "perf.cost"),
            RunFilter.ALL, ChangePointOptions.DEFAULT);
    assertEquals(3, found.size(), found.toString());
    ChangePoint seconds = found.get(0);
    assertEquals("perf.seconds", seconds.metric().name());
    assertEquals(Map.of("benchmark", "suite", "version", "2.0"), seconds.group());
    assertEquals("s2-50", seconds.runId());
    assertEquals(T0.plus(Duration.ofHours(50)), seconds.time());
    assertEquals(Change.REGRESSED, seconds.change(), "more seconds is worse");
    assertTrue(seconds.open() && seconds.openRegression());
    assertEquals(0.3, seconds.relativeChange(), 0.05);
    assertEquals("runs.score", found.get(1).metric().name());
    assertEquals(Change.REGRESSED, found.get(1).change(), "a lower score is worse");
    assertEquals("perf.tokens_by_agent[amelia]", found.get(2).metric().name());
    assertEquals("s2-50", found.get(2).runId());

    // the same change the detector finds in the same values, failed run left out
    List<Double> values = new ArrayList<>();
    for (TrendPoint point : analytics.trend("perf.seconds",
        RunFilter.ALL.where("benchmark", "suite").where("version", "2.0").withoutFailed(), Interval.RUN, 1)) {
      values.add(point.value());
    }
    ChangePointDetector.Shift shift = ChangePointDetector.detect(
        values.stream().mapToDouble(Double::doubleValue).toArray(), ChangePointOptions.DEFAULT).get(0);
    assertEquals(shift.meanBefore(), seconds.meanBefore());
    assertEquals(shift.meanAfter(), seconds.meanAfter());
    assertEquals(shift.pValue(), seconds.pValue());
    assertEquals(shift.before(), seconds.runsBefore());
    assertEquals(29, seconds.runsAfter(), "30 runs from the 50th, one of them failed");
  }

  @Test
  void theOptionsChooseTheHistoriesAndTheRuns() {
    List<ChangePoint> byBenchmark = analytics.changePoints(List.of("perf.seconds"), RunFilter.ALL,
        ChangePointOptions.DEFAULT.comparableBy(List.of("benchmark")));
    assertFalse(byBenchmark.isEmpty(), "both versions in one history still shift");
    assertEquals(Map.of("benchmark", "suite"), byBenchmark.get(0).group());
    List<ChangePoint> onlyStable = analytics.changePoints(List.of("perf.seconds"),
        RunFilter.ALL.where("version", "1.0"), ChangePointOptions.DEFAULT);
    assertEquals(List.of(), onlyStable);
    List<ChangePoint> withFailed = analytics.changePoints(List.of("perf.seconds"), RunFilter.ALL,
        ChangePointOptions.DEFAULT.includeFailed(true));
    assertEquals(30, withFailed.get(0).runsAfter());
    List<ChangePoint> tiny = analytics.changePoints(List.of("perf.seconds"), RunFilter.ALL,
        ChangePointOptions.DEFAULT.minMagnitude(0.5));
    assertEquals(List.of(), tiny, "a 30% shift is below a 50% minimum");
    assertThrows(IllegalArgumentException.class,
        () -> analytics.changePoints(List.of("perf.tokens_by_agent"), RunFilter.ALL, ChangePointOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> analytics.changePoints(List.of(), RunFilter.ALL, ChangePointOptions.DEFAULT));
  }
}

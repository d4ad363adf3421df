package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.analytics.ChangePointDetector.Shift;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The change-point detector against cases worked out by hand. */
class ChangePointDetectorTest {
  @Test
  void theEnergyStatisticSplitsBetweenTheTwoLevels() {
    double[] x = {0, 0, 0, 1, 1, 1};
    assertEquals(3, ChangePointDetector.bestSplit(x, 0, 6, 2));
    // with a third level, the largest divergence is the split before it
    double[] y = {0, 0, 0, 0, 1, 1, 5, 5};
    assertEquals(6, ChangePointDetector.bestSplit(y, 0, 8, 2));
    assertEquals(-1, ChangePointDetector.bestSplit(new double[] {3, 3, 3, 3}, 0, 4, 2), "nothing to split");
  }

  @Test
  void theTTestIsTheTextbookOne() {
    // means 2.5 and 4.5, variances 5/3 each (pooled 5/3): t = 2 / sqrt(5/6) = 2.19089, df = 6
    ChangePointDetector.Test test = ChangePointDetector.tTest(new double[] {1, 2, 3, 4, 3, 4, 5, 6}, 0, 4, 4, 8);
    assertEquals(2.5, test.meanA());
    assertEquals(4.5, test.meanB());
    assertEquals(Math.sqrt(5.0 / 3), test.sdA(), 1e-12);
    assertEquals(2.1908902300206643, test.t(), 1e-12);
    assertEquals(0.0709876, test.p(), 1e-6, "two-sided, by numerical integration of the t density");
    ChangePointDetector.Test flat = ChangePointDetector.tTest(new double[] {1, 1, 2, 2}, 0, 2, 2, 4);
    assertEquals(0.0, flat.p(), "two constant sides at different levels");
    // one side of equal values: its variance is pooled with the other's, not taken as none
    // means 1.5 (variance 1/3, n 4) and 1 (variance 0, n 4): pooled 1/6, t = 0.5 / sqrt(1/12) = 1.732, df 6
    ChangePointDetector.Test equal = ChangePointDetector.tTest(new double[] {1, 2, 1, 2, 1, 1, 1, 1}, 0, 4, 4, 8);
    assertEquals(Math.sqrt(3), equal.t(), 1e-12);
    assertEquals(0.1339746, equal.p(), 1e-6, "two-sided, by numerical integration of the t density");
  }

  @Test
  void aStepIsFoundWhereTheNewLevelStarts() {
    double[] x = new double[60];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (i < 37 ? 100 : 120) + random.nextGaussian();
    }
    List<Shift> shifts = ChangePointDetector.detect(x, ChangePointOptions.DEFAULT);
    assertEquals(1, shifts.size(), shifts.toString());
    Shift shift = shifts.get(0);
    assertEquals(37, shift.index());
    assertEquals(37, shift.before(), "every point before it (at most a window)");
    assertEquals(23, shift.after());
    assertEquals(100, shift.meanBefore(), 0.5);
    assertEquals(120, shift.meanAfter(), 0.5);
    assertEquals(0.2, shift.relativeChange(), 0.01);
    assertTrue(shift.pValue() < 1e-10, "p " + shift.pValue());
  }

  @Test
  void twoNearbyStepsAndALongHistoryAreEachFound() {
    double[] x = new double[5000];
    Random random = new Random(2);
    for (int i = 0; i < x.length; i++) {
      double level = i < 2000 ? 50 : i < 2015 ? 60 : i < 4000 ? 55 : 45;
      x[i] = level * (1 + 0.02 * random.nextGaussian());
    }
    List<Integer> found = ChangePointDetector.detect(x, ChangePointOptions.DEFAULT).stream().map(Shift::index).toList();
    assertEquals(List.of(2000, 2015, 4000), found);
  }

  @Test
  void aSeriesWithoutAShiftHasNone() {
    Random random = new Random(3);
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 200 * (1 + 0.1 * random.nextGaussian());
    }
    assertEquals(List.of(), ChangePointDetector.detect(x, ChangePointOptions.DEFAULT));
    assertEquals(List.of(), ChangePointDetector.detect(new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, ChangePointOptions.DEFAULT));
    assertEquals(List.of(), ChangePointDetector.detect(new double[0], ChangePointOptions.DEFAULT));
  }

  @Test
  void aMinimumMagnitudeDropsSmallShifts() {
    double[] x = new double[80];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i < 40 ? 100 : 102) + (i % 2 == 0 ? 0.1 : -0.1);
    }
    assertEquals(1, ChangePointDetector.detect(x, ChangePointOptions.DEFAULT).size());
    assertEquals(List.of(), ChangePointDetector.detect(x, ChangePointOptions.DEFAULT.minMagnitude(0.05)));
  }

  @Test
  void theSameSeriesGivesTheSameChanges() {
    List<Series> runs = List.of(new Series(7), new Series(7));
    assertEquals(
        ChangePointDetector.detect(runs.get(0).values, ChangePointOptions.DEFAULT),
        ChangePointDetector.detect(runs.get(1).values, ChangePointOptions.DEFAULT));
  }

  @Test
  void badInputAndOptionsAreRefusedNamingThem() {
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class,
            () -> ChangePointDetector.detect(new double[] {1, Double.NaN}, ChangePointOptions.DEFAULT));
    assertEquals("value 1 of the series is NaN", nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChangePointOptions.DEFAULT.window(7));
    assertThrows(IllegalArgumentException.class, () -> ChangePointOptions.DEFAULT.alpha(0));
    assertThrows(IllegalArgumentException.class, () -> ChangePointOptions.DEFAULT.minSegment(1));
    assertThrows(IllegalArgumentException.class, () -> ChangePointOptions.DEFAULT.minMagnitude(-0.1));
    Shift fromZero = new Shift(3, 3, 0, 0, 3, 1, 0, 0);
    assertNull(fromZero.relativeChange());
  }

  /** A reproducible series with two shifts. */
  private static final class Series {
    final double[] values = new double[300];

    Series(long seed) {
      Random random = new Random(seed);
      for (int i = 0; i < values.length; i++) {
        values[i] = (i < 100 ? 10 : i < 200 ? 13 : 11) * (1 + 0.05 * random.nextGaussian());
      }
    }
  }
}

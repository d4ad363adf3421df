package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.analytics.ShiftedSeries.Kind;
import dev.gao.metrics.runtime.analytics.ShiftedSeries.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The change-point detector on generated series with known shifts (fixed seed), against the
 * regression check's t-test applied run by run: precision, recall and F1 of each on the shifts of
 * at least twice the noise and on all, and the share of series without a shift where any change is
 * reported. The table is printed; the targets are asserted: F1 of at least 0.9 on shifts of twice
 * the noise or more, and changes on at most 5% of the series without one.
 */
class ChangePointQualityTest {
  /** A found change counts when it is this many runs or fewer from a true one. */
  static final int TOLERANCE = 5;

  private static final MetricRef METRIC = ComparisonSchema.MODEL.metric("perf.seconds");

  @Test
  void theDetectorMeetsItsTargetsAndBeatsTheRunByRunTest() {
    List<Series> all = ShiftedSeries.generate(20261208L, 200, 200);
    Score detector = score(all, ChangePointQualityTest::detector);
    Score ttest = score(all, ChangePointQualityTest::runByRun);
    // long histories: the windows are tested one after the other, and must not add false changes
    List<Series> quietLong =
        ShiftedSeries.generate(7L, 100, 2000).stream().filter(s -> s.kind() == Kind.NONE).toList();
    Score longDetector = score(quietLong, ChangePointQualityTest::detector);
    // counts: small integers (prompts, interventions), where runs of equal values come by chance
    List<Series> counts = ShiftedSeries.counts(11L, 200, 1000);
    Score countDetector = score(counts, ChangePointQualityTest::detector);
    System.out.println(table(detector, ttest));
    System.out.printf(Locale.ROOT, "%-34s %d of %d (%.1f%%)%n", "2,000-run series without a shift, with a change",
        longDetector.quietWithChanges(), longDetector.quietSeries(), 100 * longDetector.falseAlarmShare());
    System.out.printf(Locale.ROOT, "%-34s %d of %d (%.1f%%)%n", "1,000-run counts without a shift, with a change",
        countDetector.quietWithChanges(), countDetector.quietSeries(), 100 * countDetector.falseAlarmShare());
    assertTrue(detector.strong().f1() >= 0.9, "F1 on shifts of at least twice the noise: " + detector.strong());
    assertTrue(detector.falseAlarmShare() <= 0.05, "series without a shift with a change: " + detector.falseAlarmShare());
    assertTrue(longDetector.falseAlarmShare() <= 0.05, "long series without a shift with a change: " + longDetector.falseAlarmShare());
    assertTrue(countDetector.falseAlarmShare() <= 0.05, "counts without a shift with a change: " + countDetector.falseAlarmShare());
  }

  static List<Integer> detector(Series series) {
    List<Integer> found = new ArrayList<>();
    ChangePointDetector.detect(series.values(), ChangePointOptions.DEFAULT).forEach(s -> found.add(s.index()));
    return found;
  }

  /**
   * The regression check's test at every run against the 10 runs before it (5% threshold, alpha
   * 0.05, at least 5 values): a run flagged either way after one that was not is a change.
   */
  static List<Integer> runByRun(Series series) {
    RegressionOptions options = RegressionOptions.againstLatest(10);
    List<Integer> found = new ArrayList<>();
    boolean flagged = false;
    double[] x = series.values();
    for (int i = 5; i < x.length; i++) {
      List<Double> baseline = new ArrayList<>();
      for (int k = Math.max(0, i - 10); k < i; k++) {
        baseline.add(x[k]);
      }
      Change change = Comparisons.check(METRIC, x[i], baseline, options).change();
      boolean now = change == Change.REGRESSED || change == Change.IMPROVED;
      if (now && !flagged) {
        found.add(i);
      }
      flagged = now;
    }
    return found;
  }

  /** Counts of one method over the series. */
  record Counts(int truePositives, int falsePositives, int falseNegatives) {
    double precision() {
      return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
    }

    double recall() {
      return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Counts plus(Counts other) {
      return new Counts(
          truePositives + other.truePositives, falsePositives + other.falsePositives, falseNegatives + other.falseNegatives);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "precision %.3f, recall %.3f, F1 %.3f (TP %d, FP %d, FN %d)",
          precision(), recall(), f1(), truePositives, falsePositives, falseNegatives);
    }
  }

  /** One method's score: on the series with shifts of at least twice the noise, on all with shifts, and the false alarms. */
  record Score(Counts strong, Counts all, Counts single, Counts nearby, int quietSeries, int quietWithChanges) {
    double falseAlarmShare() {
      return quietSeries == 0 ? 0 : (double) quietWithChanges / quietSeries;
    }
  }

  static Score score(List<Series> all, Function<Series, List<Integer>> method) {
    Counts strong = new Counts(0, 0, 0);
    Counts every = new Counts(0, 0, 0);
    Counts single = new Counts(0, 0, 0);
    Counts nearby = new Counts(0, 0, 0);
    int quiet = 0;
    int alarms = 0;
    for (Series series : all) {
      List<Integer> found = method.apply(series);
      if (series.kind() == Kind.NONE) {
        quiet++;
        alarms += found.isEmpty() ? 0 : 1;
        continue;
      }
      Counts counts = match(series.shifts(), found);
      every = every.plus(counts);
      if (series.kind() == Kind.SINGLE) {
        single = single.plus(counts);
      } else {
        nearby = nearby.plus(counts);
      }
      if (series.strength() >= 2) {
        strong = strong.plus(counts);
      }
    }
    return new Score(strong, every, single, nearby, quiet, alarms);
  }

  /** Matches each true shift to the nearest unmatched found change within the tolerance. */
  static Counts match(List<Integer> truth, List<Integer> found) {
    boolean[] used = new boolean[found.size()];
    int hits = 0;
    for (int shift : truth) {
      int best = -1;
      for (int k = 0; k < found.size(); k++) {
        if (!used[k] && Math.abs(found.get(k) - shift) <= TOLERANCE
            && (best < 0 || Math.abs(found.get(k) - shift) < Math.abs(found.get(best) - shift))) {
          best = k;
        }
      }
      if (best >= 0) {
        used[best] = true;
        hits++;
      }
    }
    return new Counts(hits, found.size() - hits, truth.size() - hits);
  }

  static String table(Score detector, Score ttest) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-34s %-60s %s%n", "series", "change points (E-divisive, t-test)", "regressions' t-test, run by run"));
    out.append(String.format(Locale.ROOT, "%-34s %-60s %s%n", "shifts >= 2x noise", detector.strong(), ttest.strong()));
    out.append(String.format(Locale.ROOT, "%-34s %-60s %s%n", "one shift", detector.single(), ttest.single()));
    out.append(String.format(Locale.ROOT, "%-34s %-60s %s%n", "two nearby shifts", detector.nearby(), ttest.nearby()));
    out.append(String.format(Locale.ROOT, "%-34s %-60s %s%n", "every shift", detector.all(), ttest.all()));
    out.append(String.format(Locale.ROOT, "%-34s %-60s %s%n", "series without a shift, with a change",
        String.format(Locale.ROOT, "%d of %d (%.1f%%)", detector.quietWithChanges(), detector.quietSeries(), 100 * detector.falseAlarmShare()),
        String.format(Locale.ROOT, "%d of %d (%.1f%%)", ttest.quietWithChanges(), ttest.quietSeries(), 100 * ttest.falseAlarmShare())));
    return out.toString();
  }
}

package dev.gao.metrics.runtime.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Finds the points where a series' level shifts: E-divisive means (Matteson and James, "A
 * Nonparametric Approach for Multiple Change Point Analysis of Multivariate Data", 2014) with a
 * deterministic significance test instead of permutations, as in Hunter (Fleming et al., 2023)
 * and MongoDB's performance CI (Daly et al., 2020). Written here from the published method.
 *
 * <ol>
 *   <li>Candidates: the series is cut into windows of {@link ChangePointOptions#window()} points,
 *       each overlapping the one before by half. In each window the split with the largest energy
 *       statistic {@code Q} (the divergence of the points on either side, weighted by their
 *       numbers) is a candidate when Student's t-test (pooled variance) of the two sides gives {@code p < alpha}; the
 *       sides are then searched again, recursively, while a side is long enough to split.
 *   <li>Candidates closer than the minimum segment to each other are one change: the one whose own
 *       test is strongest stays.
 *   <li>Each change is tested again between its neighbours (at most a window on each side), its
 *       p-value multiplied by the window's length (a Bonferroni correction for the split having
 *       been chosen as the best of about that many): the weakest change whose corrected p-value is
 *       not below alpha, or whose relative size is below the minimum magnitude, or whose sides are
 *       shorter than the minimum segment, is dropped, and the rest are tested again, until every
 *       change holds.
 * </ol>
 *
 * <p>Without the correction, a t-test of the best split of a window is biased towards
 * significance, and a long history of noise, tested window after window, gathers false changes
 * (three in 1,000 points of 10% noise here); with it, none were found in 100 series of 2,000
 * points, and shifts of at least twice the noise are still found (see {@code
 * ChangePointQualityTest} and BENCHMARKS.md).
 *
 * <p>The result depends on nothing but the values and the options: the same series gives the same
 * changes every time. The work grows linearly with the length of the series (the window bounds
 * each step).
 */
public final class ChangePointDetector {
  private ChangePointDetector() {}

  /**
   * One change of level.
   *
   * @param index the first point of the new level
   * @param before the number of points tested before it
   * @param meanBefore their mean
   * @param stddevBefore their sample standard deviation
   * @param after the number of points tested from it on
   * @param meanAfter their mean
   * @param stddevAfter their sample standard deviation
   * @param pValue the two-sided p-value of Student's t-test (pooled variance) of the two, multiplied by the window's
   *     length (at most 1)
   */
  public record Shift(
      int index,
      int before,
      double meanBefore,
      double stddevBefore,
      int after,
      double meanAfter,
      double stddevAfter,
      double pValue) {

    /**
     * The change relative to the mean before it.
     *
     * @return {@code (meanAfter - meanBefore) / |meanBefore|}; 0 when both are 0; null when only
     *     the mean before is 0
     */
    public Double relativeChange() {
      if (meanBefore == 0) {
        return meanAfter == 0 ? 0.0 : null;
      }
      return (meanAfter - meanBefore) / Math.abs(meanBefore);
    }
  }

  /**
   * The changes of level of a series.
   *
   * @param values the series, oldest first; no NaN
   * @param options the window, significance level, minimum segment and magnitude
   * @return the changes, in order
   * @throws IllegalArgumentException for a NaN or infinite value
   */
  public static List<Shift> detect(double[] values, ChangePointOptions options) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(options, "options");
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("value " + i + " of the series is " + values[i]);
      }
    }
    TreeSet<Integer> candidates = new TreeSet<>();
    int window = options.window();
    int step = Math.max(1, window / 2);
    for (int start = 0; start < values.length; start += step) {
      int end = Math.min(values.length, start + window);
      bisect(values, start, end, options, candidates);
      if (end == values.length) {
        break;
      }
    }
    List<Integer> changes = merge(values, new ArrayList<>(candidates), options);
    return refine(values, changes, options);
  }

  /**
   * The change points of one history of a metric: {@link #detect} over the series' values, each
   * change with its run, time and direction.
   *
   * @param metric the metric the series is of
   * @param group the history's dimension values, for the results
   * @param series the history, oldest first (one point per run)
   * @param options the detector's settings
   * @return the change points, oldest first; the last is open
   */
  public static List<ChangePoint> changePoints(
      MetricRef metric, Map<String, Object> group, TrendSeries series, ChangePointOptions options) {
    double[] values = new double[series.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = series.value(i);
    }
    List<Shift> shifts = detect(values, options);
    List<ChangePoint> found = new ArrayList<>();
    for (int k = 0; k < shifts.size(); k++) {
      Shift shift = shifts.get(k);
      found.add(
          new ChangePoint(
              metric,
              group,
              series.runId(shift.index()),
              series.time(shift.index()),
              shift.before(),
              shift.meanBefore(),
              shift.stddevBefore(),
              shift.after(),
              shift.meanAfter(),
              shift.stddevAfter(),
              shift.relativeChange(),
              Comparisons.direction(metric, shift.meanAfter() - shift.meanBefore()),
              shift.pValue(),
              k == shifts.size() - 1));
    }
    return found;
  }

  /** Adds the significant splits of {@code [from, to)} to {@code found}, recursively. */
  private static void bisect(double[] x, int from, int to, ChangePointOptions options, TreeSet<Integer> found) {
    int min = options.minSegment();
    if (to - from < 2 * min) {
      return;
    }
    int split = bestSplit(x, from, to, min);
    if (split < 0 || tTest(x, from, split, split, to).p() >= options.alpha()) {
      return;
    }
    found.add(split);
    bisect(x, from, split, options, found);
    bisect(x, split, to, options, found);
  }

  /**
   * The split of {@code [from, to)} with the largest energy statistic, sides of at least {@code
   * min} points; -1 when every split has the same (all values equal).
   */
  static int bestSplit(double[] x, int from, int to, int min) {
    int m = to - from;
    double total = 0;
    for (int i = from; i < to; i++) {
      for (int k = i + 1; k < to; k++) {
        total += Math.abs(x[i] - x[k]);
      }
    }
    if (total == 0) {
      return -1;
    }
    double withinLeft = 0;
    double withinRight = total;
    int best = -1;
    double bestQ = Double.NEGATIVE_INFINITY;
    for (int split = from + 1; split < to; split++) {
      // move point split - 1 from the right side to the left
      int moved = split - 1;
      double toLeft = 0;
      for (int i = from; i < moved; i++) {
        toLeft += Math.abs(x[i] - x[moved]);
      }
      double toRight = 0;
      for (int j = moved + 1; j < to; j++) {
        toRight += Math.abs(x[moved] - x[j]);
      }
      withinLeft += toLeft;
      withinRight -= toRight;
      int left = split - from;
      int right = to - split;
      if (left < min || right < min) {
        continue;
      }
      double across = total - withinLeft - withinRight;
      double divergence =
          2 * across / ((double) left * right)
              - withinLeft / (left * (left - 1) / 2.0)
              - withinRight / (right * (right - 1) / 2.0);
      double q = (double) left * right / m * divergence;
      if (q > bestQ) {
        bestQ = q;
        best = split;
      }
    }
    return best;
  }

  /** Candidates closer than the minimum segment are one change: the one with the smallest local p. */
  private static List<Integer> merge(double[] x, List<Integer> candidates, ChangePointOptions options) {
    List<Integer> merged = new ArrayList<>();
    int half = Math.max(options.minSegment(), options.window() / 2);
    for (int i = 0; i < candidates.size(); ) {
      int j = i;
      while (j + 1 < candidates.size() && candidates.get(j + 1) - candidates.get(j) < options.minSegment()) {
        j++;
      }
      int best = candidates.get(i);
      Test bestTest = null;
      for (int k = i; k <= j; k++) {
        int c = candidates.get(k);
        Test test = tTest(x, Math.max(0, c - half), c, c, Math.min(x.length, c + half));
        if (bestTest == null || test.stronger(bestTest)) {
          best = c;
          bestTest = test;
        }
      }
      merged.add(best);
      i = j + 1;
    }
    return merged;
  }

  /** Drops the weakest failing change and tests again, until every change holds. */
  private static List<Shift> refine(double[] x, List<Integer> changes, ChangePointOptions options) {
    while (true) {
      List<Shift> shifts = new ArrayList<>();
      int weakest = -1;
      double weakestP = -1;
      for (int k = 0; k < changes.size(); k++) {
        int c = changes.get(k);
        int from = Math.max(k == 0 ? 0 : changes.get(k - 1), c - options.window());
        int to = Math.min(k == changes.size() - 1 ? x.length : changes.get(k + 1), c + options.window());
        Test raw = tTest(x, from, c, c, to);
        Test test = raw.corrected(options.window());
        Shift shift =
            new Shift(c, c - from, test.meanA(), test.sdA(), to - c, test.meanB(), test.sdB(), test.p());
        shifts.add(shift);
        Double relative = shift.relativeChange();
        boolean holds =
            c - from >= options.minSegment()
                && to - c >= options.minSegment()
                && test.p() < options.alpha()
                && (relative == null || Math.abs(relative) >= options.minMagnitude());
        // a failing change that is too short counts as the weakest of all
        double p = c - from < options.minSegment() || to - c < options.minSegment() ? 2 : test.p();
        if (!holds && p > weakestP) {
          weakest = k;
          weakestP = p;
        }
      }
      if (weakest < 0) {
        return shifts;
      }
      changes.remove(weakest);
    }
  }

  /**
   * Student's two-sample t-test, with the variance pooled, of {@code x[a0, a1)} against {@code
   * x[b0, b1)}. Pooled rather than Welch's: a short side of equal values (a count that stayed at 1
   * for eight runs) has no variance of its own, and Welch's test would take its mean as exact.
   */
  static Test tTest(double[] x, int a0, int a1, int b0, int b1) {
    int na = a1 - a0;
    int nb = b1 - b0;
    double meanA = mean(x, a0, a1);
    double meanB = mean(x, b0, b1);
    double varA = variance(x, a0, a1, meanA);
    double varB = variance(x, b0, b1, meanB);
    if (na < 2 || nb < 2) {
      return new Test(meanA, Math.sqrt(varA), meanB, Math.sqrt(varB), 0, 1);
    }
    int df = na + nb - 2;
    double pooled = ((na - 1) * varA + (nb - 1) * varB) / df;
    double se2 = pooled * (1.0 / na + 1.0 / nb);
    if (se2 == 0) {
      return new Test(meanA, 0, meanB, 0, meanA == meanB ? 0 : Double.POSITIVE_INFINITY, meanA == meanB ? 1 : 0);
    }
    double t = (meanB - meanA) / Math.sqrt(se2);
    double p = Math.min(1, 2 * StudentT.upperTail(Math.abs(t), df));
    return new Test(meanA, Math.sqrt(varA), meanB, Math.sqrt(varB), Math.abs(t), p);
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i];
    }
    return to > from ? sum / (to - from) : Double.NaN;
  }

  private static double variance(double[] x, int from, int to, double mean) {
    if (to - from < 2) {
      return 0;
    }
    double squares = 0;
    for (int i = from; i < to; i++) {
      squares += (x[i] - mean) * (x[i] - mean);
    }
    return squares / (to - from - 1);
  }

  /** A two-sample test: both sides' means and deviations, |t| and the two-sided p-value. */
  record Test(double meanA, double sdA, double meanB, double sdB, double t, double p) {
    Test corrected(int tries) {
      return new Test(meanA, sdA, meanB, sdB, t, Math.min(1, p * tries));
    }

    boolean stronger(Test other) {
      return p < other.p || (p == other.p && t > other.t);
    }
  }
}

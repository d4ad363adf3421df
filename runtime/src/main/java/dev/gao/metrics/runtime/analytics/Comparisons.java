package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.Better;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The arithmetic of comparisons and regression checks over values read by {@link RunValues}: the
 * deltas, the verdicts by direction and threshold, and the prediction t-test.
 */
final class Comparisons {
  /**
   * Rounding allowance of the threshold test: with binary doubles, 1.9 against 2.0 is a change of
   * -5.0000000000000044%, which must not count as beyond a 5% threshold.
   */
  private static final double ROUNDING = 1e-9;

  private Comparisons() {}

  /**
   * Every metric that any of {@code runs} has, in the model's order, the keys of a JSON map in
   * sorted order.
   */
  static List<MetricRef> present(
      List<MetricRef> metrics, Collection<Map<MetricRef, Double>> runs) {
    List<MetricRef> present = new ArrayList<>();
    for (MetricRef metric : metrics) {
      if (metric.isMap()) {
        TreeSet<String> keys = new TreeSet<>();
        for (Map<MetricRef, Double> run : runs) {
          for (MetricRef value : run.keySet()) {
            if (value.key() != null
                && value.table().equals(metric.table())
                && value.column().name().equals(metric.column().name())) {
              keys.add(value.key());
            }
          }
        }
        keys.forEach(key -> present.add(metric.withKey(key)));
      } else if (runs.stream().anyMatch(run -> run.containsKey(metric))) {
        present.add(metric);
      }
    }
    return present;
  }

  /** The delta of one metric between two values, judged by threshold and direction. */
  static MetricDelta delta(MetricRef metric, Double baseline, Double candidate, double threshold) {
    if (baseline == null || candidate == null) {
      return new MetricDelta(metric, baseline, candidate, null, null, threshold, Change.MISSING);
    }
    Double relative = relative(candidate, baseline);
    Change change =
        beyond(relative, candidate, baseline, threshold)
            ? direction(metric, candidate - baseline)
            : Change.UNCHANGED;
    return new MetricDelta(
        metric, baseline, candidate, candidate - baseline, relative, threshold, change);
  }

  /** The check of one metric against the values of a baseline sample. */
  static MetricCheck check(
      MetricRef metric, Double candidate, List<Double> baseline, RegressionOptions options) {
    double threshold = options.thresholds().of(metric);
    int n = baseline.size();
    Double mean = n == 0 ? null : baseline.stream().mapToDouble(Double::doubleValue).sum() / n;
    Double stddev = null;
    if (n > 1) {
      double squares = 0;
      for (double x : baseline) {
        squares += (x - mean) * (x - mean);
      }
      stddev = Math.sqrt(squares / (n - 1));
    }
    Double min = baseline.stream().min(Double::compare).orElse(null);
    Double max = baseline.stream().max(Double::compare).orElse(null);
    boolean named = options.baselineRun() != null;
    if (candidate == null || (named && n == 0)) {
      return new MetricCheck(
          metric, candidate, n, mean, stddev, min, max, null, null, null, threshold, Change.MISSING);
    }
    Double relative = n == 0 ? null : relative(candidate, mean);
    if (!named && n < options.minSamples()) {
      return new MetricCheck(
          metric,
          candidate,
          n,
          mean,
          stddev,
          min,
          max,
          relative,
          null,
          null,
          threshold,
          Change.INSUFFICIENT_DATA);
    }
    Double t = null;
    Double p = null;
    boolean significant = true;
    if (!named) {
      double difference = candidate - mean;
      if (stddev > 0) {
        t = difference / (stddev * Math.sqrt(1 + 1.0 / n));
        p = StudentT.upperTail(Math.abs(t), n - 1);
      } else {
        p = difference == 0 ? 1.0 : 0.0;
      }
      significant = p < options.alpha();
    }
    Change change =
        significant && beyond(relative, candidate, mean, threshold)
            ? direction(metric, candidate - mean)
            : Change.UNCHANGED;
    return new MetricCheck(
        metric, candidate, n, mean, stddev, min, max, relative, t, p, threshold, change);
  }

  /** {@code (candidate - baseline) / |baseline|}; 0 when both are 0, null when only baseline is. */
  static Double relative(double candidate, double baseline) {
    if (baseline == 0) {
      return candidate == 0 ? 0.0 : null;
    }
    return (candidate - baseline) / Math.abs(baseline);
  }

  private static boolean beyond(
      Double relative, double candidate, double baseline, double threshold) {
    return relative == null ? candidate != baseline : Math.abs(relative) > threshold + ROUNDING;
  }

  static Change direction(MetricRef metric, double difference) {
    Better better = metric.info().better();
    if (better == Better.NONE) {
      return Change.CHANGED;
    }
    boolean higher = difference > 0;
    return higher == (better == Better.HIGHER) ? Change.IMPROVED : Change.REGRESSED;
  }
}

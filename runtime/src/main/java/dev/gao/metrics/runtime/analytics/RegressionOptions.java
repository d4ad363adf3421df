package dev.gao.metrics.runtime.analytics;

import java.util.List;
import java.util.Objects;

/**
 * How a regression check picks its baseline and decides, immutable. The baseline is either one
 * named run, compared by threshold alone, or the latest runs comparable to the candidate (same
 * values of the model's {@link RunModel#comparableBy() comparable dimensions}, earlier than the
 * candidate, not failed unless {@link #includeFailed(boolean) included}), against which each metric
 * is tested: it regressed when it moved beyond its threshold in the worse direction and a one-sided
 * prediction t-test puts the candidate outside the baseline's spread ({@code p < alpha}).
 */
public final class RegressionOptions {
  private final Object baselineRun;
  private final int latest;
  private final Thresholds thresholds;
  private final int minSamples;
  private final double alpha;
  private final boolean includeFailed;
  private final List<String> comparableBy;

  private RegressionOptions(
      Object baselineRun,
      int latest,
      Thresholds thresholds,
      int minSamples,
      double alpha,
      boolean includeFailed,
      List<String> comparableBy) {
    this.baselineRun = baselineRun;
    this.latest = latest;
    this.thresholds = thresholds;
    this.minSamples = minSamples;
    this.alpha = alpha;
    this.includeFailed = includeFailed;
    this.comparableBy = comparableBy;
  }

  /**
   * A baseline of one named run; each metric is judged by its threshold alone.
   *
   * @param runId the baseline run's id
   * @return the options, 5% threshold
   */
  public static RegressionOptions againstRun(Object runId) {
    return new RegressionOptions(
        Objects.requireNonNull(runId, "runId"), 0, Thresholds.DEFAULT, 1, 0.05, false, null);
  }

  /**
   * A baseline of the latest {@code n} runs comparable to the candidate.
   *
   * @param n the number of baseline runs, at least 2
   * @return the options: 5% threshold, at least 5 samples (or {@code n} if smaller), alpha 0.05,
   *     failed runs left out
   */
  public static RegressionOptions againstLatest(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("a baseline of latest runs needs n >= 2 but was " + n);
    }
    return new RegressionOptions(null, n, Thresholds.DEFAULT, Math.min(5, n), 0.05, false, null);
  }

  /**
   * Sets the thresholds.
   *
   * @param thresholds the relative thresholds
   * @return the changed options
   */
  public RegressionOptions thresholds(Thresholds thresholds) {
    return new RegressionOptions(
        baselineRun,
        latest,
        Objects.requireNonNull(thresholds, "thresholds"),
        minSamples,
        alpha,
        includeFailed,
        comparableBy);
  }

  /**
   * Sets the fewest baseline values a metric needs to be tested; below it the metric is reported
   * as {@link Change#INSUFFICIENT_DATA}. Only for a baseline of latest runs.
   *
   * @param minSamples at least 2 and at most the number of baseline runs
   * @return the changed options
   */
  public RegressionOptions minSamples(int minSamples) {
    if (baselineRun != null) {
      throw new IllegalStateException("a baseline of one named run has no minimum sample size");
    }
    if (minSamples < 2 || minSamples > latest) {
      throw new IllegalArgumentException(
          "minimum sample size must be between 2 and the " + latest + " baseline runs but was "
              + minSamples);
    }
    return new RegressionOptions(
        baselineRun, latest, thresholds, minSamples, alpha, includeFailed, comparableBy);
  }

  /**
   * Sets the significance level of the t-test.
   *
   * @param alpha a probability above 0 and below 1
   * @return the changed options
   */
  public RegressionOptions alpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be above 0 and below 1 but was " + alpha);
    }
    return new RegressionOptions(
        baselineRun, latest, thresholds, minSamples, alpha, includeFailed, comparableBy);
  }

  /**
   * Whether failed runs may be baseline runs; by default they are left out.
   *
   * @param includeFailed true to include them
   * @return the changed options
   */
  public RegressionOptions includeFailed(boolean includeFailed) {
    return new RegressionOptions(
        baselineRun, latest, thresholds, minSamples, alpha, includeFailed, comparableBy);
  }

  /**
   * Replaces the model's comparable dimensions for this check.
   *
   * @param dimensions dimensions of the run model; none to compare with every earlier run
   * @return the changed options
   */
  public RegressionOptions comparableBy(List<String> dimensions) {
    return new RegressionOptions(
        baselineRun, latest, thresholds, minSamples, alpha, includeFailed, List.copyOf(dimensions));
  }

  /**
   * The named baseline run, if the baseline is one run.
   *
   * @return the run id, or {@code null} for a baseline of latest runs
   */
  public Object baselineRun() {
    return baselineRun;
  }

  /**
   * The number of latest comparable runs in the baseline.
   *
   * @return the number, or 0 for a named baseline run
   */
  public int latest() {
    return latest;
  }

  /**
   * The thresholds.
   *
   * @return the thresholds
   */
  public Thresholds thresholds() {
    return thresholds;
  }

  /**
   * The fewest baseline values a metric needs to be tested.
   *
   * @return the minimum sample size
   */
  public int minSamples() {
    return minSamples;
  }

  /**
   * The significance level.
   *
   * @return alpha
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Whether failed runs may be baseline runs.
   *
   * @return true if they may
   */
  public boolean includesFailed() {
    return includeFailed;
  }

  /**
   * The comparable dimensions set for this check.
   *
   * @return the dimensions, or {@code null} for the model's
   */
  public List<String> comparableBy() {
    return comparableBy;
  }
}

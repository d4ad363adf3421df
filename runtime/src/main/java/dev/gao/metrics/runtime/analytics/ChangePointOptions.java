package dev.gao.metrics.runtime.analytics;

import java.util.List;
import java.util.Objects;

/**
 * How change points are found ({@link ChangePointDetector}, {@link Analytics#changePoints}).
 * Immutable: each setting returns a changed copy.
 *
 * <p>The defaults: windows of 50 points, a significance level of 0.001, segments of at least 4
 * points on each side of a change, no minimum magnitude, failed runs left out, the model's
 * comparable dimensions.
 */
public final class ChangePointOptions {
  /** The defaults. */
  public static final ChangePointOptions DEFAULT = new ChangePointOptions(50, 0.001, 4, 0.0, false, null);

  private final int window;
  private final double alpha;
  private final int minSegment;
  private final double minMagnitude;
  private final boolean includeFailed;
  private final List<String> comparableBy;

  private ChangePointOptions(
      int window, double alpha, int minSegment, double minMagnitude, boolean includeFailed, List<String> comparableBy) {
    this.window = window;
    this.alpha = alpha;
    this.minSegment = minSegment;
    this.minMagnitude = minMagnitude;
    this.includeFailed = includeFailed;
    this.comparableBy = comparableBy;
  }

  /**
   * Sets the window: the candidates are searched in overlapping windows of this many points, and a
   * change is tested against at most this many points on each side, so that the work grows
   * linearly with the length of a history.
   *
   * @param window at least {@code 2 * minSegment}
   * @return the changed options
   */
  public ChangePointOptions window(int window) {
    if (window < 2 * minSegment) {
      throw new IllegalArgumentException(
          "window must be at least twice the minimum segment (" + 2 * minSegment + ") but was " + window);
    }
    return new ChangePointOptions(window, alpha, minSegment, minMagnitude, includeFailed, comparableBy);
  }

  /**
   * Sets the significance level: a change is kept when Student's t-test (pooled variance) of the points before it
   * against the points after it gives a two-sided p-value below it.
   *
   * @param alpha in (0, 1)
   * @return the changed options
   */
  public ChangePointOptions alpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1) but was " + alpha);
    }
    return new ChangePointOptions(window, alpha, minSegment, minMagnitude, includeFailed, comparableBy);
  }

  /**
   * Sets the fewest points on each side of a change.
   *
   * @param minSegment at least 2, at most half the window
   * @return the changed options
   */
  public ChangePointOptions minSegment(int minSegment) {
    if (minSegment < 2 || 2 * minSegment > window) {
      throw new IllegalArgumentException(
          "the minimum segment must be 2 or more and at most half the window (" + window / 2 + ") but was " + minSegment);
    }
    return new ChangePointOptions(window, alpha, minSegment, minMagnitude, includeFailed, comparableBy);
  }

  /**
   * Sets the smallest change kept, relative to the mean before it ({@code 0.05} is 5%).
   *
   * @param minMagnitude 0 or more
   * @return the changed options
   */
  public ChangePointOptions minMagnitude(double minMagnitude) {
    if (!(minMagnitude >= 0) || Double.isInfinite(minMagnitude)) {
      throw new IllegalArgumentException("the minimum magnitude must be a number >= 0 but was " + minMagnitude);
    }
    return new ChangePointOptions(window, alpha, minSegment, minMagnitude, includeFailed, comparableBy);
  }

  /**
   * Sets whether failed runs are part of the histories.
   *
   * @param includeFailed whether they are
   * @return the changed options
   */
  public ChangePointOptions includeFailed(boolean includeFailed) {
    return new ChangePointOptions(window, alpha, minSegment, minMagnitude, includeFailed, comparableBy);
  }

  /**
   * Replaces the model's comparable dimensions: each combination of their values is one history.
   *
   * @param dimensions the dimensions
   * @return the changed options
   */
  public ChangePointOptions comparableBy(List<String> dimensions) {
    return new ChangePointOptions(
        window, alpha, minSegment, minMagnitude, includeFailed, List.copyOf(Objects.requireNonNull(dimensions, "dimensions")));
  }

  /**
   * The window.
   *
   * @return points
   */
  public int window() {
    return window;
  }

  /**
   * The significance level.
   *
   * @return the level
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The fewest points on each side of a change.
   *
   * @return points
   */
  public int minSegment() {
    return minSegment;
  }

  /**
   * The smallest relative change kept.
   *
   * @return a fraction
   */
  public double minMagnitude() {
    return minMagnitude;
  }

  /**
   * Whether failed runs are part of the histories.
   *
   * @return whether they are
   */
  public boolean includesFailed() {
    return includeFailed;
  }

  /**
   * The comparable dimensions set here, or null for the model's.
   *
   * @return the dimensions, or null
   */
  public List<String> comparableBy() {
    return comparableBy;
  }

  @Override
  public String toString() {
    return "window "
        + window
        + ", alpha "
        + alpha
        + ", min segment "
        + minSegment
        + ", min magnitude "
        + minMagnitude
        + (includeFailed ? ", failed runs included" : ", failed runs left out");
  }
}

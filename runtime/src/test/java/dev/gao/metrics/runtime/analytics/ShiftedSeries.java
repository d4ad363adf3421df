package dev.gao.metrics.runtime.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark-like series with known shifts, as change-point detectors are evaluated: a level
 * between 100 and 1,000, Gaussian noise of 2-15% of it, now and then an outlier of 4-8 times the
 * noise, and either no shift, one shift of 3-30% somewhere in the middle, or two shifts 8-25 runs
 * apart. The same seed gives the same series.
 */
final class ShiftedSeries {
  /** The kinds of series. */
  enum Kind { NONE, SINGLE, NEARBY }

  /**
   * One series.
   *
   * @param kind its kind
   * @param values the values, oldest first
   * @param shifts the indexes where a new level starts
   * @param noise the noise, relative to the level
   * @param magnitude the smallest shift, relative to the level before it (0 for none)
   */
  record Series(Kind kind, double[] values, List<Integer> shifts, double noise, double magnitude) {
    /** The smallest shift in units of the noise. */
    double strength() {
      return noise == 0 ? Double.POSITIVE_INFINITY : magnitude / noise;
    }
  }

  private static final double[] NOISES = {0.02, 0.05, 0.10, 0.15};
  private static final double[] MAGNITUDES = {0.03, 0.05, 0.10, 0.20, 0.30};

  private ShiftedSeries() {}

  /** {@code count} series of each kind, of {@code length} points. */
  static List<Series> generate(long seed, int count, int length) {
    Random random = new Random(seed);
    List<Series> all = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < count; i++) {
        all.add(one(random, kind, length));
      }
    }
    return all;
  }

  /**
   * {@code count} series of small whole numbers without a shift, as counts of prompts or
   * interventions are: a mean of 0.5-5, a spread of 0.5-1.5, rounded, never below 0.
   */
  static List<Series> counts(long seed, int count, int length) {
    Random random = new Random(seed);
    List<Series> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double mean = 0.5 + random.nextDouble() * 4.5;
      double spread = 0.5 + random.nextDouble();
      double[] values = new double[length];
      for (int k = 0; k < length; k++) {
        values[k] = Math.max(0, Math.round(mean + spread * random.nextGaussian()));
      }
      all.add(new Series(Kind.NONE, values, List.of(), spread / mean, 0));
    }
    return all;
  }

  private static Series one(Random random, Kind kind, int length) {
    double level = 100 + random.nextDouble() * 900;
    double noise = NOISES[random.nextInt(NOISES.length)];
    List<Integer> shifts = new ArrayList<>();
    List<Double> factors = new ArrayList<>();
    double smallest = 0;
    if (kind != Kind.NONE) {
      int first = length / 5 + random.nextInt(length * 3 / 5);
      shifts.add(first);
      if (kind == Kind.NEARBY) {
        int gap = 8 + random.nextInt(18);
        shifts.add(Math.min(length - 10, first + gap));
      }
      smallest = Double.POSITIVE_INFINITY;
      for (int s = 0; s < shifts.size(); s++) {
        double magnitude = MAGNITUDES[random.nextInt(MAGNITUDES.length)];
        smallest = Math.min(smallest, magnitude);
        factors.add(random.nextBoolean() ? 1 + magnitude : 1 / (1 + magnitude));
      }
    }
    double[] values = new double[length];
    double current = level;
    int next = 0;
    for (int i = 0; i < length; i++) {
      while (next < shifts.size() && shifts.get(next) == i) {
        current *= factors.get(next);
        next++;
      }
      double value = current * (1 + noise * random.nextGaussian());
      if (random.nextDouble() < 0.01) {
        value += current * noise * (4 + 4 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      }
      values[i] = value;
    }
    return new Series(kind, values, List.copyOf(shifts), noise, smallest);
  }
}

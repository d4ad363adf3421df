package dev.gao.metrics.runtime.analytics;

import java.util.List;
import java.util.Objects;

/**
 * Every metric of two runs side by side, in the run model's metric order (the keys of a JSON map
 * in alphabetical order); metrics neither run has are left out.
 *
 * @param baseline the baseline run
 * @param candidate the candidate run
 * @param deltas one entry per metric
 */
public record RunComparison(RunRow baseline, RunRow candidate, List<MetricDelta> deltas) {

  /**
   * Copies the deltas.
   *
   * @param baseline the baseline run
   * @param candidate the candidate run
   * @param deltas one entry per metric
   */
  public RunComparison {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(candidate, "candidate");
    deltas = List.copyOf(deltas);
  }

  /**
   * The metrics whose change is {@code change}.
   *
   * @param change a verdict
   * @return those deltas, in order
   */
  public List<MetricDelta> only(Change change) {
    return deltas.stream().filter(d -> d.change() == change).toList();
  }
}

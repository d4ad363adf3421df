package dev.gao.metrics.runtime.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a regression check of one run.
 *
 * @param candidate the checked run
 * @param candidateFailed whether the checked run's status counts as failed
 * @param comparableOn the dimension values the baseline runs share with the candidate; empty for a
 *     named baseline run
 * @param baselineRuns the ids of the baseline runs, newest first
 * @param options the options of the check
 * @param checks one entry per metric the candidate or the baseline has, in the model's order
 */
public record RegressionReport(
    RunRow candidate,
    boolean candidateFailed,
    Map<String, Object> comparableOn,
    List<Object> baselineRuns,
    RegressionOptions options,
    List<MetricCheck> checks) {

  /**
   * Copies the collections.
   *
   * @param candidate the checked run
   * @param candidateFailed whether it failed
   * @param comparableOn the shared dimension values
   * @param baselineRuns the baseline run ids
   * @param options the options
   * @param checks the checks
   */
  public RegressionReport {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(options, "options");
    comparableOn = Collections.unmodifiableMap(new LinkedHashMap<>(comparableOn));
    baselineRuns = List.copyOf(baselineRuns);
    checks = List.copyOf(checks);
  }

  /**
   * The metrics that regressed.
   *
   * @return their checks, in order
   */
  public List<MetricCheck> regressions() {
    return checks.stream().filter(c -> c.change() == Change.REGRESSED).toList();
  }

  /**
   * Whether any metric regressed.
   *
   * @return true if at least one did
   */
  public boolean hasRegressions() {
    return checks.stream().anyMatch(c -> c.change() == Change.REGRESSED);
  }
}

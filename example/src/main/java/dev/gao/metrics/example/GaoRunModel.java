package dev.gao.metrics.example;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.RunModel;
import java.util.List;

/**
 * How GAO-Dev's runs are read for analytics: one row per run in {@code benchmark_runs}, timed by
 * {@code timestamp} and finished at {@code finished_at}, filtered and grouped by project,
 * benchmark, version and status; a run whose status is {@code failed} or {@code timeout} counts as
 * failed.
 */
public final class GaoRunModel {
  /** The dimensions runs are filtered and grouped by, in this order. */
  public static final String[] DIMENSIONS = {"project_name", "benchmark_name", "version", "status"};

  /**
   * The metrics a dashboard shows first: time, tokens, cost, test coverage and manual
   * interventions per run.
   */
  public static final List<String> KEY_METRICS =
      List.of(
          "performance_metrics.total_time_seconds",
          "performance_metrics.token_usage_total",
          "performance_metrics.api_calls_cost",
          "quality_metrics.code_coverage_percentage",
          "autonomy_metrics.manual_interventions_count");

  /** The run model of GAO-Dev's schema. */
  public static final RunModel MODEL =
      RunModel.builder(GaoMetricsSchema.SCHEMA)
          .runTable("benchmark_runs")
          .timeColumn("timestamp")
          .finishColumn("finished_at")
          .dimensions(DIMENSIONS)
          .status("status", RunStatus.failed.name(), RunStatus.timeout.name())
          .build();

  private GaoRunModel() {}

  /**
   * Analytics over the runs of a store.
   *
   * @param store the open store
   * @return analytics that read through the store's database
   */
  public static Analytics analytics(BenchmarkStore store) {
    return new Analytics(store.database(), MODEL);
  }
}

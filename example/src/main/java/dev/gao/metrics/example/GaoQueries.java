package dev.gao.metrics.example;

import dev.gao.metrics.annotations.MetricsQueries;
import dev.gao.metrics.annotations.Query;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetrics;
import dev.gao.metrics.example.model.RunStatus;
import java.util.List;
import java.util.Optional;

/**
 * Queries on GAO-Dev's metrics that the generated DAOs do not offer. Each one is checked against the
 * schema when this file compiles; the processor generates {@code GaoQueriesImpl}. A query whose SQL
 * PostgreSQL does not take carries a {@code postgres} variant, which the server prepares when a
 * database on PostgreSQL binds the queries.
 */
@MetricsQueries(schema = GaoMetrics.class)
public interface GaoQueries {
  /**
   * Count, completion and mean metrics of every benchmark and version, in one query.
   *
   * @return one summary per benchmark and version, ordered by both
   */
  // One SQL for both engines: a count of a CASE, where a sum of a boolean would be SQLite's only.
  @Query(
      "SELECT r.benchmark_name, r.version, count(*) AS runs,"
          + " count(CASE WHEN r.status = 'completed' THEN 1 END) AS completed,"
          + " avg(p.total_time_seconds) AS mean_time_seconds,"
          + " avg(p.token_usage_total) AS mean_tokens,"
          + " avg(p.api_calls_cost) AS mean_cost_usd,"
          + " avg(q.code_coverage_percentage) AS mean_coverage_percentage"
          + " FROM benchmark_runs r"
          + " JOIN performance_metrics p ON p.run_id = r.run_id"
          + " JOIN quality_metrics q ON q.run_id = r.run_id"
          + " GROUP BY r.benchmark_name, r.version"
          + " ORDER BY r.benchmark_name, r.version")
  List<BenchmarkSummary> summaries();

  /**
   * A run with its four metric rows, in one statement. Columns named alike in several tables
   * ({@code id}, {@code run_id}) each go to the row of their own table.
   *
   * @param runId the run's id
   * @return the run and its metric rows; empty when there is no such run or it lacks a metric row
   */
  @Query(
      "SELECT r.*, p.*, a.*, q.*, w.*"
          + " FROM benchmark_runs r"
          + " JOIN performance_metrics p ON p.run_id = r.run_id"
          + " JOIN autonomy_metrics a ON a.run_id = r.run_id"
          + " JOIN quality_metrics q ON q.run_id = r.run_id"
          + " JOIN workflow_metrics w ON w.run_id = r.run_id"
          + " WHERE r.run_id = :runId")
  Optional<RunWithMetrics> runWithMetrics(String runId);

  /**
   * The latest runs of a project, newest first.
   *
   * @param project the project name
   * @param limit how many runs at most
   * @return the runs
   */
  @Query("SELECT * FROM benchmark_runs WHERE project_name = :project ORDER BY timestamp DESC LIMIT :limit")
  List<BenchmarkRun> latestRuns(String project, int limit);

  /**
   * How many runs have a status.
   *
   * @param status the status
   * @return the number of runs
   */
  @Query("SELECT count(*) FROM benchmark_runs WHERE status = :status")
  long countWithStatus(RunStatus status);
}

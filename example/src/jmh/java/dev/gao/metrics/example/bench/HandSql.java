package dev.gao.metrics.example.bench;

/**
 * The SQL a careful person writes by hand for each operation; the hand-written JDBC and the JDBI
 * implementations share it, so that they differ only in how they bind and map. The inserts (time as
 * text, SQLite's {@code strftime} for a missing {@code created_at}) and the statistics (ranks from
 * one window pass) are SQLite's; {@link PostgresHandSql} has PostgreSQL's, and both engines run the
 * rest as written here.
 */
final class HandSql {
  private HandSql() {}

  static final String RUN_COLUMNS =
      "run_id, timestamp, project_name, benchmark_name, version, metadata, created_at, status, finished_at";
  static final String PERFORMANCE_COLUMNS =
      "id, run_id, total_time_seconds, phase_times, token_usage_total, token_usage_by_agent, api_calls_count, api_calls_cost";
  static final String AUTONOMY_COLUMNS =
      "id, run_id, manual_interventions_count, manual_interventions_types, prompts_needed_initial,"
          + " prompts_needed_followup, one_shot_success_rate, error_recovery_rate,"
          + " agent_handoffs_successful, agent_handoffs_failed";
  static final String QUALITY_COLUMNS =
      "id, run_id, tests_written, tests_passing, code_coverage_percentage, linting_errors_count,"
          + " linting_errors_by_severity, type_errors_count, security_vulnerabilities_count,"
          + " security_vulnerabilities_by_severity, functional_completeness_percentage";
  static final String WORKFLOW_COLUMNS =
      "id, run_id, stories_created, stories_completed, avg_cycle_time_seconds, phase_distribution, rework_count";
  static final String TOKEN_COLUMNS =
      "id, run_id, model, token_type, tokens, cost_usd, price_table_version";

  // Inserts: no key is needed when recording, so no RETURNING; created_at as the DAO does it.
  static final String INSERT_RUN =
      "INSERT INTO benchmark_runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, COALESCE(?, '1.0.0'), ?,"
          + " COALESCE(?, strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')), COALESCE(?, 'completed'), ?)";
  static final String INSERT_PERFORMANCE =
      "INSERT INTO performance_metrics (run_id, total_time_seconds, phase_times, token_usage_total,"
          + " token_usage_by_agent, api_calls_count, api_calls_cost) VALUES (?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_AUTONOMY =
      "INSERT INTO autonomy_metrics (run_id, manual_interventions_count, manual_interventions_types,"
          + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate,"
          + " error_recovery_rate, agent_handoffs_successful, agent_handoffs_failed)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_QUALITY =
      "INSERT INTO quality_metrics (run_id, tests_written, tests_passing, code_coverage_percentage,"
          + " linting_errors_count, linting_errors_by_severity, type_errors_count,"
          + " security_vulnerabilities_count, security_vulnerabilities_by_severity,"
          + " functional_completeness_percentage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_WORKFLOW =
      "INSERT INTO workflow_metrics (run_id, stories_created, stories_completed,"
          + " avg_cycle_time_seconds, phase_distribution, rework_count) VALUES (?, ?, ?, ?, ?, ?)";
  static final String INSERT_TOKEN =
      "INSERT INTO token_usage (run_id, model, token_type, tokens, cost_usd, price_table_version)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** JDBI's run insert, with named parameters. */
  static final String JDBI_INSERT_RUN =
      "INSERT INTO benchmark_runs (" + RUN_COLUMNS + ") VALUES (:runId, :timestamp,"
          + " :projectName, :benchmarkName, COALESCE(:version, '1.0.0'), :metadata,"
          + " COALESCE(:createdAt, strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')),"
          + " COALESCE(:status, 'completed'), :finishedAt)";

  static final String RUN_BY_ID = "SELECT " + RUN_COLUMNS + " FROM benchmark_runs WHERE run_id = ?";
  static final String PERFORMANCE_BY_RUN_ID =
      "SELECT " + PERFORMANCE_COLUMNS + " FROM performance_metrics WHERE run_id = ?";
  static final String AUTONOMY_BY_RUN_ID =
      "SELECT " + AUTONOMY_COLUMNS + " FROM autonomy_metrics WHERE run_id = ?";
  static final String QUALITY_BY_RUN_ID =
      "SELECT " + QUALITY_COLUMNS + " FROM quality_metrics WHERE run_id = ?";
  static final String WORKFLOW_BY_RUN_ID =
      "SELECT " + WORKFLOW_COLUMNS + " FROM workflow_metrics WHERE run_id = ?";
  static final String TOKENS_BY_RUN_ID =
      "SELECT " + TOKEN_COLUMNS + " FROM token_usage WHERE run_id = ? ORDER BY id";

  /** The run and its four one-per-run metric rows in one statement (columns in that order). */
  static final String WHOLE_RUN =
      "SELECT r.run_id, r.timestamp, r.project_name, r.benchmark_name, r.version, r.metadata,"
          + " r.created_at, r.status, r.finished_at,"
          + " p.id, p.run_id, p.total_time_seconds, p.phase_times, p.token_usage_total,"
          + " p.token_usage_by_agent, p.api_calls_count, p.api_calls_cost,"
          + " a.id, a.run_id, a.manual_interventions_count, a.manual_interventions_types,"
          + " a.prompts_needed_initial, a.prompts_needed_followup, a.one_shot_success_rate,"
          + " a.error_recovery_rate, a.agent_handoffs_successful, a.agent_handoffs_failed,"
          + " q.id, q.run_id, q.tests_written, q.tests_passing, q.code_coverage_percentage,"
          + " q.linting_errors_count, q.linting_errors_by_severity, q.type_errors_count,"
          + " q.security_vulnerabilities_count, q.security_vulnerabilities_by_severity,"
          + " q.functional_completeness_percentage,"
          + " w.id, w.run_id, w.stories_created, w.stories_completed, w.avg_cycle_time_seconds,"
          + " w.phase_distribution, w.rework_count"
          + " FROM benchmark_runs r"
          + " JOIN performance_metrics p ON p.run_id = r.run_id"
          + " JOIN autonomy_metrics a ON a.run_id = r.run_id"
          + " JOIN quality_metrics q ON q.run_id = r.run_id"
          + " JOIN workflow_metrics w ON w.run_id = r.run_id"
          + " WHERE r.run_id = ?";

  static final String LATEST =
      "SELECT " + RUN_COLUMNS + " FROM benchmark_runs WHERE project_name = ?"
          + " ORDER BY timestamp DESC LIMIT ?";

  /** One pass: a window sort per group gives the ranks for median and p95 and the group mean. */
  static final String STATS =
      "SELECT benchmark_name, version, COUNT(*) AS runs, COUNT(x) AS count, AVG(x) AS mean,"
          + " MIN(x) AS min, MAX(x) AS max,"
          + " CASE WHEN COUNT(x) > 1 THEN sqrt(SUM((x - gm) * (x - gm)) / (COUNT(x) - 1)) END AS stddev,"
          + " AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN x END) AS median,"
          + " MAX(CASE WHEN rn = (95 * n + 99) / 100 THEN x END) AS p95,"
          + " CAST(SUM(failed) AS REAL) / COUNT(*) AS failure_rate"
          + " FROM (SELECT r.benchmark_name, r.version,"
          + " r.status IN ('failed', 'timeout') AS failed, p.total_time_seconds AS x,"
          + " ROW_NUMBER() OVER (g ORDER BY p.total_time_seconds NULLS LAST) AS rn,"
          + " COUNT(p.total_time_seconds) OVER g AS n, AVG(p.total_time_seconds) OVER g AS gm"
          + " FROM benchmark_runs r LEFT JOIN performance_metrics p ON p.run_id = r.run_id"
          + " WINDOW g AS (PARTITION BY r.benchmark_name, r.version))"
          + " GROUP BY benchmark_name, version ORDER BY benchmark_name, version";

  /**
   * The newest runs of a benchmark that did not fail, newest first through the timestamp index,
   * then the moving average in time order. Parameters: benchmark, points + window - 1, points.
   */
  static String trend(int window) {
    return "WITH p AS (SELECT r.run_id AS id, r.timestamp AS t, pm.total_time_seconds AS x"
        + " FROM benchmark_runs r JOIN performance_metrics pm ON pm.run_id = r.run_id"
        + " WHERE r.benchmark_name = ? AND r.status NOT IN ('failed', 'timeout')"
        + " ORDER BY r.timestamp DESC, r.run_id DESC LIMIT ?),"
        + " w AS (SELECT id, t, x, AVG(x) OVER win AS ma, COUNT(*) OVER win AS wn,"
        + " ROW_NUMBER() OVER (ORDER BY t, id) AS rn, COUNT(*) OVER () AS total FROM p"
        + " WINDOW win AS (ORDER BY t, id ROWS BETWEEN " + (window - 1) + " PRECEDING AND CURRENT ROW))"
        + " SELECT id AS run_id, t AS time, x AS value,"
        + " CASE WHEN wn = " + window + " THEN ma END AS moving_average"
        + " FROM w WHERE rn > total - ? ORDER BY t, id";
  }

  static final String EXPORT_RUNS = "SELECT " + RUN_COLUMNS + " FROM benchmark_runs ORDER BY run_id";
  static final String EXPORT_PERFORMANCE =
      "SELECT " + PERFORMANCE_COLUMNS + " FROM performance_metrics ORDER BY run_id";
  static final String EXPORT_AUTONOMY =
      "SELECT " + AUTONOMY_COLUMNS + " FROM autonomy_metrics ORDER BY run_id";
  static final String EXPORT_QUALITY =
      "SELECT " + QUALITY_COLUMNS + " FROM quality_metrics ORDER BY run_id";
  static final String EXPORT_WORKFLOW =
      "SELECT " + WORKFLOW_COLUMNS + " FROM workflow_metrics ORDER BY run_id";
  static final String EXPORT_TOKENS =
      "SELECT " + TOKEN_COLUMNS + " FROM token_usage ORDER BY run_id, model, token_type";
}

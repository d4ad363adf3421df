package dev.gao.metrics.example.bench;

/**
 * The SQL a careful person writes by hand for PostgreSQL where it differs from SQLite's ({@link
 * HandSql}): JSON parameters cast to {@code jsonb} (the columns' type), the database's own {@code
 * CURRENT_TIMESTAMP} for a missing {@code created_at}, and the statistics with PostgreSQL's ordered
 * aggregates. The lookups, the whole run, the latest runs, the trend and the export are standard SQL
 * that both engines run as written in {@link HandSql}. The hand-written JDBC and JDBI share it.
 */
final class PostgresHandSql {
  private PostgresHandSql() {}

  // Inserts: no key is needed when recording, so no RETURNING; defaults as the DAO applies them.
  static final String INSERT_RUN =
      "INSERT INTO benchmark_runs (" + HandSql.RUN_COLUMNS + ") VALUES (?, ?, ?, ?, COALESCE(?, '1.0.0'),"
          + " CAST(? AS jsonb), COALESCE(?, CURRENT_TIMESTAMP), COALESCE(?, 'completed'), ?)";
  static final String INSERT_PERFORMANCE =
      "INSERT INTO performance_metrics (run_id, total_time_seconds, phase_times, token_usage_total,"
          + " token_usage_by_agent, api_calls_count, api_calls_cost)"
          + " VALUES (?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?)";
  static final String INSERT_AUTONOMY =
      "INSERT INTO autonomy_metrics (run_id, manual_interventions_count, manual_interventions_types,"
          + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate,"
          + " error_recovery_rate, agent_handoffs_successful, agent_handoffs_failed)"
          + " VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)";
  static final String INSERT_QUALITY =
      "INSERT INTO quality_metrics (run_id, tests_written, tests_passing, code_coverage_percentage,"
          + " linting_errors_count, linting_errors_by_severity, type_errors_count,"
          + " security_vulnerabilities_count, security_vulnerabilities_by_severity,"
          + " functional_completeness_percentage) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, CAST(? AS jsonb), ?)";
  static final String INSERT_WORKFLOW =
      "INSERT INTO workflow_metrics (run_id, stories_created, stories_completed,"
          + " avg_cycle_time_seconds, phase_distribution, rework_count)"
          + " VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)";
  static final String INSERT_TOKEN = HandSql.INSERT_TOKEN;

  /** JDBI's run insert: its arguments carry their types, so JSON needs no cast. */
  static final String JDBI_INSERT_RUN =
      "INSERT INTO benchmark_runs (" + HandSql.RUN_COLUMNS + ") VALUES (:runId, :timestamp,"
          + " :projectName, :benchmarkName, COALESCE(:version, '1.0.0'), :metadata,"
          + " COALESCE(:createdAt, CURRENT_TIMESTAMP), COALESCE(:status, 'completed'), :finishedAt)";

  /**
   * One aggregation per benchmark and version: the median as the continuous 50th percentile (the
   * mean of the two middle values), p95 as the discrete one (nearest rank), the sample standard
   * deviation and the failure rate from a filtered count.
   */
  static final String STATS =
      "SELECT r.benchmark_name, r.version, count(*) AS runs, count(p.total_time_seconds) AS count,"
          + " avg(p.total_time_seconds) AS mean, min(p.total_time_seconds) AS min,"
          + " max(p.total_time_seconds) AS max, stddev_samp(p.total_time_seconds) AS stddev,"
          + " percentile_cont(0.5) WITHIN GROUP (ORDER BY p.total_time_seconds) AS median,"
          + " percentile_disc(0.95) WITHIN GROUP (ORDER BY p.total_time_seconds) AS p95,"
          + " CAST(count(*) FILTER (WHERE r.status IN ('failed', 'timeout')) AS double precision)"
          + " / count(*) AS failure_rate"
          + " FROM benchmark_runs r LEFT JOIN performance_metrics p ON p.run_id = r.run_id"
          + " GROUP BY r.benchmark_name, r.version ORDER BY r.benchmark_name, r.version";
}

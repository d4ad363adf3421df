package dev.gao.metrics.example;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.AutonomyMetricsDao;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.BenchmarkRunDao;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.PerformanceMetricsDao;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.QualityMetricsDao;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.TokenUsageDao;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.example.model.WorkflowMetricsDao;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What GAO-Dev's collectors call: record a complete run atomically, read one back whole, delete
 * one. Thread-safe; one instance per database file is enough for a whole process.
 *
 * <pre>{@code
 * try (BenchmarkStore store = BenchmarkStore.open(Path.of("metrics.db"))) {
 *   store.record(run);
 *   Optional<CompleteRun> back = store.find(run.runId());
 * }
 * }</pre>
 */
public final class BenchmarkStore implements AutoCloseable {
  private final MetricsDatabase database;
  private final BenchmarkRunDao runs;
  private final PerformanceMetricsDao performance;
  private final AutonomyMetricsDao autonomy;
  private final QualityMetricsDao quality;
  private final WorkflowMetricsDao workflow;
  private final TokenUsageDao tokenUsage;
  private final GaoQueries queries;

  /**
   * Wraps an open database of the GAO-Dev schema. The store does not own it: closing the store
   * closes the database.
   *
   * @param database a database opened with {@link GaoMetricsSchema#SCHEMA}
   */
  public BenchmarkStore(MetricsDatabase database) {
    this.database = database;
    this.runs = new BenchmarkRunDao(database);
    this.performance = new PerformanceMetricsDao(database);
    this.autonomy = new AutonomyMetricsDao(database);
    this.quality = new QualityMetricsDao(database);
    this.workflow = new WorkflowMetricsDao(database);
    this.tokenUsage = new TokenUsageDao(database);
    this.queries = new GaoQueriesImpl(database);
  }

  /**
   * Opens (creating it if needed) the metrics database in {@code file}.
   *
   * @param file the SQLite file; missing folders are created
   * @return the store
   */
  public static BenchmarkStore open(Path file) {
    return new BenchmarkStore(MetricsDatabase.open(GaoMetricsSchema.SCHEMA, file));
  }

  /**
   * Records a run, its four metric rows and its token usage in one transaction: every row is
   * stored, or none.
   *
   * @param run the complete run; the metric rows' {@code id} should be {@code 0} so the database
   *     assigns them
   * @throws InvalidValueException if a rule relating two columns is broken (see {@link
   *     #checkRunRules}); nothing is stored
   * @throws dev.gao.metrics.runtime.exception.ColumnValueException if a value breaks its column's
   *     rule (NaN, out of range, missing); nothing is stored
   */
  public void record(CompleteRun run) {
    checkRunRules(run);
    database.inWholeTransaction(
        tx -> {
          insert(run);
          return null;
        });
  }

  /**
   * Refuses a run that breaks a rule the DAOs and the database do not enforce: every number is
   * finite (the DAOs refuse NaN, and the database would store an infinity that no range check
   * bounds from above), also inside the JSON maps of seconds and percentages; and the rules
   * relating two columns, which no column's CHECK constraint can express without a new schema
   * version: {@code tests_passing <= tests_written}, {@code stories_completed <= stories_created},
   * {@code finished_at} not before {@code timestamp}. Ranges, NOT NULL and valid JSON are enforced
   * by the generated DAOs and the database; {@link RunDocumentValidator} checks all of them at
   * once, and more. Only errors are refused here: what the validator reports as a warning (a
   * breakdown that disagrees with its count, an unknown type or agent name, {@code
   * phase_distribution} as fractions) is stored as given.
   *
   * @param run the run
   * @throws InvalidValueException naming the table, column and value of the first broken rule
   */
  public static void checkRunRules(CompleteRun run) {
    PerformanceMetrics performance = run.performance();
    finite("performance_metrics", "total_time_seconds", performance.totalTimeSeconds(), run);
    finite("performance_metrics", "phase_times", performance.phaseTimes(), run);
    finite("performance_metrics", "api_calls_cost", performance.apiCallsCost(), run);
    AutonomyMetrics autonomy = run.autonomy();
    finite("autonomy_metrics", "one_shot_success_rate", autonomy.oneShotSuccessRate(), run);
    finite("autonomy_metrics", "error_recovery_rate", autonomy.errorRecoveryRate(), run);
    finite("quality_metrics", "code_coverage_percentage", run.quality().codeCoveragePercentage(), run);
    finite("quality_metrics", "functional_completeness_percentage",
        run.quality().functionalCompletenessPercentage(), run);
    finite("workflow_metrics", "avg_cycle_time_seconds", run.workflow().avgCycleTimeSeconds(), run);
    finite("workflow_metrics", "phase_distribution", run.workflow().phaseDistribution(), run);
    for (TokenUsage usage : run.tokenUsage()) {
      finite("token_usage", "cost_usd", usage.costUsd(), run);
    }
    QualityMetrics quality = run.quality();
    if (quality.testsPassing() > quality.testsWritten()) {
      throw new InvalidValueException(
          "quality_metrics",
          "tests_passing",
          quality.testsPassing(),
          "more tests pass than were written (tests_written is "
              + quality.testsWritten()
              + "); run '"
              + run.runId()
              + "' was not stored");
    }
    WorkflowMetrics workflow = run.workflow();
    if (workflow.storiesCompleted() > workflow.storiesCreated()) {
      throw new InvalidValueException(
          "workflow_metrics",
          "stories_completed",
          workflow.storiesCompleted(),
          "more stories completed than were created (stories_created is "
              + workflow.storiesCreated()
              + "); run '"
              + run.runId()
              + "' was not stored");
    }
    BenchmarkRun row = run.run();
    if (row.finishedAt() != null
        && row.timestamp() != null
        && row.finishedAt().isBefore(row.timestamp())) {
      throw new InvalidValueException(
          "benchmark_runs",
          "finished_at",
          row.finishedAt(),
          "the run finished before it started (timestamp is "
              + row.timestamp()
              + "); run '"
              + run.runId()
              + "' was not stored");
    }
  }

  /**
   * Records many runs in one transaction: all of them are stored, or none. Each table's rows go in
   * JDBC batches, runs first so that every foreign key finds its parent.
   *
   * @param completeRuns the runs
   * @return how many runs were stored
   */
  public int recordAll(Collection<CompleteRun> completeRuns) {
    List<BenchmarkRun> runRows = new ArrayList<>(completeRuns.size());
    List<PerformanceMetrics> performanceRows = new ArrayList<>(completeRuns.size());
    List<AutonomyMetrics> autonomyRows = new ArrayList<>(completeRuns.size());
    List<QualityMetrics> qualityRows = new ArrayList<>(completeRuns.size());
    List<WorkflowMetrics> workflowRows = new ArrayList<>(completeRuns.size());
    List<TokenUsage> tokenRows = new ArrayList<>();
    for (CompleteRun run : completeRuns) {
      checkRunRules(run);
      runRows.add(run.run());
      performanceRows.add(run.performance());
      autonomyRows.add(run.autonomy());
      qualityRows.add(run.quality());
      workflowRows.add(run.workflow());
      tokenRows.addAll(run.tokenUsage());
    }
    return database.inWholeTransaction(
        tx -> {
          runs.insertBatch(runRows);
          performance.insertBatch(performanceRows);
          autonomy.insertBatch(autonomyRows);
          quality.insertBatch(qualityRows);
          workflow.insertBatch(workflowRows);
          tokenUsage.insertBatch(tokenRows);
          return runRows.size();
        });
  }

  /**
   * Records a run as {@link #record} does, unless a run with its id is already stored.
   *
   * @param run the complete run
   * @return whether the run was recorded
   */
  public boolean recordIfAbsent(CompleteRun run) {
    checkRunRules(run);
    return database.inWholeTransaction(
        tx -> {
          if (runs.exists(run.runId())) {
            return false;
          }
          insert(run);
          return true;
        });
  }

  private static void finite(String table, String column, double value, CompleteRun run) {
    if (!Double.isFinite(value)) {
      throw new InvalidValueException(
          table, column, value, "metrics must be finite numbers; run '" + run.runId() + "' was not stored");
    }
  }

  private static void finite(String table, String column, Map<String, Double> values, CompleteRun run) {
    if (values != null) {
      for (Map.Entry<String, Double> entry : values.entrySet()) {
        if (entry.getValue() != null && !Double.isFinite(entry.getValue())) {
          throw new InvalidValueException(
              table,
              column,
              values,
              "the value of key '" + entry.getKey() + "' is " + entry.getValue()
                  + "; metrics must be finite numbers; run '" + run.runId() + "' was not stored");
        }
      }
    }
  }

  private void insert(CompleteRun run) {
    runs.insert(run.run());
    performance.insert(run.performance());
    autonomy.insert(run.autonomy());
    quality.insert(run.quality());
    workflow.insert(run.workflow());
    if (!run.tokenUsage().isEmpty()) {
      // One JDBC batch; the rows' keys are not needed, so none are read back.
      tokenUsage.insertBatch(run.tokenUsage());
    }
  }

  /**
   * Reads a run back whole, from one consistent snapshot: the run and its four metric rows in one
   * join ({@link GaoQueries#runWithMetrics}), then its token usage.
   *
   * @param runId the run's id
   * @return the run, or empty when there is no such run
   * @throws IllegalStateException if the run lacks a metric row
   */
  public Optional<CompleteRun> find(String runId) {
    return database.read(
        tx ->
            queries
                .runWithMetrics(runId)
                .map(
                    row ->
                        new CompleteRun(
                            row.run(),
                            row.performance(),
                            row.autonomy(),
                            row.quality(),
                            row.workflow(),
                            tokenUsage.findByRunId(runId)))
                .or(() -> findTableByTable(runId)));
  }

  /**
   * Reads a run one table after another, inside the caller's read unit. {@link #find} falls back
   * to it when the join finds nothing: either there is no such run, or a metric row is missing,
   * which this names.
   */
  private Optional<CompleteRun> findTableByTable(String runId) {
    return runs.findById(runId)
        .map(
            run ->
                new CompleteRun(
                    run,
                    required("performance_metrics", runId, performance.findByRunId(runId)),
                    required("autonomy_metrics", runId, autonomy.findByRunId(runId)),
                    required("quality_metrics", runId, quality.findByRunId(runId)),
                    required("workflow_metrics", runId, workflow.findByRunId(runId)),
                    tokenUsage.findByRunId(runId)));
  }

  private static <T> T required(String table, String runId, Optional<T> row) {
    return row.orElseThrow(
        () -> new IllegalStateException("run '" + runId + "' has no row in " + table));
  }

  /**
   * Deletes a run; its metric rows go with it (ON DELETE CASCADE).
   *
   * @param runId the run's id
   * @return whether the run existed
   */
  public boolean delete(String runId) {
    return runs.deleteById(runId);
  }

  /**
   * Deletes runs in one transaction, their metric rows and token usage with them (ON DELETE
   * CASCADE): all of the runs that exist, or none.
   *
   * @param runIds the runs' ids; repeated and unknown ids are ignored
   * @return for every run that existed and was deleted, in the order given, how many rows were
   *     deleted with it (the run's row included)
   */
  public Map<String, Integer> deleteAll(Collection<String> runIds) {
    return database.inWholeTransaction(
        tx -> {
          Map<String, Integer> deleted = new LinkedHashMap<>();
          for (String runId : new LinkedHashSet<>(runIds)) {
            if (!runs.exists(runId)) {
              continue;
            }
            int rows = 1
                + performance.findByRunId(runId).map(r -> 1).orElse(0)
                + autonomy.findByRunId(runId).map(r -> 1).orElse(0)
                + quality.findByRunId(runId).map(r -> 1).orElse(0)
                + workflow.findByRunId(runId).map(r -> 1).orElse(0)
                + tokenUsage.findByRunId(runId).size();
            runs.deleteById(runId);
            deleted.put(runId, rows);
          }
          return deleted;
        });
  }

  /** The DAO of {@code benchmark_runs}. */
  public BenchmarkRunDao runs() {
    return runs;
  }

  /** The DAO of {@code performance_metrics}. */
  public PerformanceMetricsDao performance() {
    return performance;
  }

  /** The DAO of {@code autonomy_metrics}. */
  public AutonomyMetricsDao autonomy() {
    return autonomy;
  }

  /** The DAO of {@code quality_metrics}. */
  public QualityMetricsDao quality() {
    return quality;
  }

  /** The DAO of {@code workflow_metrics}. */
  public WorkflowMetricsDao workflow() {
    return workflow;
  }

  /** The DAO of {@code token_usage}. */
  public TokenUsageDao tokenUsage() {
    return tokenUsage;
  }

  /** The underlying database. */
  public MetricsDatabase database() {
    return database;
  }

  /** Closes the database; idempotent. */
  @Override
  public void close() {
    database.close();
  }
}

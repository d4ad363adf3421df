package dev.gao.metrics.example.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.json.JsonCodec;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.sqlite.SQLiteDataSource;

/**
 * JDBI 3 as it is usually used: a HikariCP pool over the runtime's SQLite settings, a handle per
 * operation, reflection mappers ({@link ConstructorMapper}) for the records, {@code bindMethods}
 * for inserts, {@link PreparedBatch} for batches, and JSON columns through a column mapper and an
 * argument factory over the runtime's Jackson settings. The SQL is the hand-written one.
 */
public final class JdbiRuns implements RunOps {
  private static final ObjectMapper MAPPER = JsonCodec.withDefaults().mapper();

  private static final String INSERT_RUN =
      "INSERT INTO benchmark_runs (" + HandSql.RUN_COLUMNS + ") VALUES (:runId, :timestamp,"
          + " :projectName, :benchmarkName, COALESCE(:version, '1.0.0'), :metadata,"
          + " COALESCE(:createdAt, strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')),"
          + " COALESCE(:status, 'completed'), :finishedAt)";
  private static final String INSERT_PERFORMANCE =
      "INSERT INTO performance_metrics (run_id, total_time_seconds, phase_times, token_usage_total,"
          + " token_usage_by_agent, api_calls_count, api_calls_cost) VALUES (:runId,"
          + " :totalTimeSeconds, :phaseTimes, :tokenUsageTotal, :tokenUsageByAgent, :apiCallsCount,"
          + " :apiCallsCost)";
  private static final String INSERT_AUTONOMY =
      "INSERT INTO autonomy_metrics (run_id, manual_interventions_count, manual_interventions_types,"
          + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate,"
          + " error_recovery_rate, agent_handoffs_successful, agent_handoffs_failed) VALUES (:runId,"
          + " :manualInterventionsCount, :manualInterventionsTypes, :promptsNeededInitial,"
          + " :promptsNeededFollowup, :oneShotSuccessRate, :errorRecoveryRate,"
          + " :agentHandoffsSuccessful, :agentHandoffsFailed)";
  private static final String INSERT_QUALITY =
      "INSERT INTO quality_metrics (run_id, tests_written, tests_passing, code_coverage_percentage,"
          + " linting_errors_count, linting_errors_by_severity, type_errors_count,"
          + " security_vulnerabilities_count, security_vulnerabilities_by_severity,"
          + " functional_completeness_percentage) VALUES (:runId, :testsWritten, :testsPassing,"
          + " :codeCoveragePercentage, :lintingErrorsCount, :lintingErrorsBySeverity,"
          + " :typeErrorsCount, :securityVulnerabilitiesCount, :securityVulnerabilitiesBySeverity,"
          + " :functionalCompletenessPercentage)";
  private static final String INSERT_WORKFLOW =
      "INSERT INTO workflow_metrics (run_id, stories_created, stories_completed,"
          + " avg_cycle_time_seconds, phase_distribution, rework_count) VALUES (:runId,"
          + " :storiesCreated, :storiesCompleted, :avgCycleTimeSeconds, :phaseDistribution,"
          + " :reworkCount)";
  private static final String INSERT_TOKEN =
      "INSERT INTO token_usage (run_id, model, token_type, tokens, cost_usd, price_table_version)"
          + " VALUES (:runId, :model, :tokenType, :tokens, :costUsd, :priceTableVersion)";

  private final HikariDataSource pool;
  private final Jdbi jdbi;

  public JdbiRuns(Path file) {
    this.pool = pool(file);
    this.jdbi = configure(Jdbi.create(pool));
  }

  private static HikariDataSource pool(Path file) {
    SQLiteDataSource sqlite = new SQLiteDataSource(HandJdbcRuns.config());
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig config = new HikariConfig();
    config.setDataSource(sqlite);
    config.setMaximumPoolSize(4);
    config.setPoolName("jdbi-bench");
    return new HikariDataSource(config);
  }

  /** Opening for JDBI: Jdbi.create over a data source with the same settings, a handle, close. */
  public static void openAndClose(Path file) {
    SQLiteDataSource sqlite = new SQLiteDataSource(HandJdbcRuns.config());
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Jdbi jdbi = configure(Jdbi.create(sqlite));
    try (Handle handle = jdbi.open()) {
      if (handle.isClosed()) {
        throw new IllegalStateException();
      }
    }
  }

  static Jdbi configure(Jdbi jdbi) {
    for (Class<?> type : List.of(BenchmarkRun.class, PerformanceMetrics.class, AutonomyMetrics.class,
        QualityMetrics.class, WorkflowMetrics.class, TokenUsage.class, Stat.class, TrendRow.class)) {
      jdbi.registerRowMapper(ConstructorMapper.factory(type));
    }
    jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Times.parse(rs.getString(column)));
    jdbi.registerColumnMapper(new JsonColumns());
    jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
      @Override
      protected Argument build(Instant value, ConfigRegistry config) {
        String text = Times.format(value);
        return (position, statement, ctx) -> statement.setString(position, text);
      }
    });
    jdbi.registerArgument(new JsonArguments());
    return jdbi;
  }

  private static boolean isJson(Type type) {
    Class<?> raw = GenericTypes.getErasedType(type);
    return Map.class.isAssignableFrom(raw) || List.class.isAssignableFrom(raw);
  }

  /** Maps, lists: JSON text read with Jackson into the declared generic type. */
  private static final class JsonColumns implements ColumnMapperFactory {
    @Override
    public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
      if (!isJson(type)) {
        return Optional.empty();
      }
      var reader = MAPPER.readerFor(MAPPER.getTypeFactory().constructType(type));
      ColumnMapper<?> mapper = (rs, column, ctx) -> {
        String text = rs.getString(column);
        try {
          return text == null ? null : reader.readValue(text);
        } catch (java.io.IOException e) {
          throw new java.sql.SQLException(e);
        }
      };
      return Optional.of(mapper);
    }
  }

  /** Maps, lists: written as JSON text with Jackson (prepared, so batches use it too). */
  private static final class JsonArguments implements ArgumentFactory.Preparable {
    @Override
    public Optional<java.util.function.Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
      if (!isJson(type)) {
        return Optional.empty();
      }
      return Optional.of(JsonArguments::argument);
    }

    @Override
    public Optional<Argument> build(Type type, Object value, ConfigRegistry config) {
      return isJson(type) || value instanceof Map<?, ?> || value instanceof List<?>
          ? Optional.of(argument(value))
          : Optional.empty();
    }

    private static Argument argument(Object value) {
      String text;
      try {
        text = value == null ? null : MAPPER.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
      return (position, statement, ctx) -> {
        if (text == null) {
          statement.setNull(position, Types.VARCHAR);
        } else {
          statement.setString(position, text);
        }
      };
    }
  }

  @Override
  public void recordOne(CompleteRun run) {
    jdbi.useTransaction(h -> {
      h.createUpdate(INSERT_RUN).bindMethods(run.run()).execute();
      h.createUpdate(INSERT_PERFORMANCE).bindMethods(run.performance()).execute();
      h.createUpdate(INSERT_AUTONOMY).bindMethods(run.autonomy()).execute();
      h.createUpdate(INSERT_QUALITY).bindMethods(run.quality()).execute();
      h.createUpdate(INSERT_WORKFLOW).bindMethods(run.workflow()).execute();
      if (!run.tokenUsage().isEmpty()) {
        PreparedBatch batch = h.prepareBatch(INSERT_TOKEN);
        for (TokenUsage u : run.tokenUsage()) {
          batch.bindMethods(u).add();
        }
        batch.execute();
      }
    });
  }

  @Override
  public void recordBatch(List<CompleteRun> runs) {
    jdbi.useTransaction(h -> {
      PreparedBatch r = h.prepareBatch(INSERT_RUN);
      runs.forEach(run -> r.bindMethods(run.run()).add());
      r.execute();
      PreparedBatch p = h.prepareBatch(INSERT_PERFORMANCE);
      runs.forEach(run -> p.bindMethods(run.performance()).add());
      p.execute();
      PreparedBatch a = h.prepareBatch(INSERT_AUTONOMY);
      runs.forEach(run -> a.bindMethods(run.autonomy()).add());
      a.execute();
      PreparedBatch q = h.prepareBatch(INSERT_QUALITY);
      runs.forEach(run -> q.bindMethods(run.quality()).add());
      q.execute();
      PreparedBatch w = h.prepareBatch(INSERT_WORKFLOW);
      runs.forEach(run -> w.bindMethods(run.workflow()).add());
      w.execute();
      PreparedBatch t = h.prepareBatch(INSERT_TOKEN);
      runs.forEach(run -> run.tokenUsage().forEach(u -> t.bindMethods(u).add()));
      t.execute();
    });
  }

  @Override
  public Optional<BenchmarkRun> runById(String runId) {
    return jdbi.withHandle(h -> h.createQuery(HandSql.RUN_BY_ID).bind(0, runId).mapTo(BenchmarkRun.class).findOne());
  }

  @Override
  public Optional<PerformanceMetrics> performanceByRunId(String runId) {
    return jdbi.withHandle(h ->
        h.createQuery(HandSql.PERFORMANCE_BY_RUN_ID).bind(0, runId).mapTo(PerformanceMetrics.class).findOne());
  }

  @Override
  public Optional<CompleteRun> wholeRun(String runId) {
    return jdbi.inTransaction(h -> {
      Optional<BenchmarkRun> run =
          h.createQuery(HandSql.RUN_BY_ID).bind(0, runId).mapTo(BenchmarkRun.class).findOne();
      if (run.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new CompleteRun(
          run.get(),
          h.createQuery(HandSql.PERFORMANCE_BY_RUN_ID).bind(0, runId).mapTo(PerformanceMetrics.class).one(),
          h.createQuery(HandSql.AUTONOMY_BY_RUN_ID).bind(0, runId).mapTo(AutonomyMetrics.class).one(),
          h.createQuery(HandSql.QUALITY_BY_RUN_ID).bind(0, runId).mapTo(QualityMetrics.class).one(),
          h.createQuery(HandSql.WORKFLOW_BY_RUN_ID).bind(0, runId).mapTo(WorkflowMetrics.class).one(),
          h.createQuery(HandSql.TOKENS_BY_RUN_ID).bind(0, runId).mapTo(TokenUsage.class).list()));
    });
  }

  @Override
  public List<BenchmarkRun> latest(String project, int n) {
    return jdbi.withHandle(h ->
        h.createQuery(HandSql.LATEST).bind(0, project).bind(1, n).mapTo(BenchmarkRun.class).list());
  }

  @Override
  public List<Stat> stats() {
    return jdbi.withHandle(h -> h.createQuery(HandSql.STATS).mapTo(Stat.class).list());
  }

  @Override
  public List<TrendRow> trend(String benchmark, int points, int window) {
    return jdbi.withHandle(h -> h.createQuery(HandSql.trend(window))
        .bind(0, benchmark).bind(1, points + window - 1).bind(2, points)
        .mapTo(TrendRow.class).list());
  }

  @Override
  public long export(Consumer<CompleteRun> sink) {
    return jdbi.inTransaction(h -> {
      try (ResultIterator<BenchmarkRun> r = h.createQuery(HandSql.EXPORT_RUNS).mapTo(BenchmarkRun.class).iterator();
          ResultIterator<PerformanceMetrics> p = h.createQuery(HandSql.EXPORT_PERFORMANCE).mapTo(PerformanceMetrics.class).iterator();
          ResultIterator<AutonomyMetrics> a = h.createQuery(HandSql.EXPORT_AUTONOMY).mapTo(AutonomyMetrics.class).iterator();
          ResultIterator<QualityMetrics> q = h.createQuery(HandSql.EXPORT_QUALITY).mapTo(QualityMetrics.class).iterator();
          ResultIterator<WorkflowMetrics> w = h.createQuery(HandSql.EXPORT_WORKFLOW).mapTo(WorkflowMetrics.class).iterator();
          ResultIterator<TokenUsage> t = h.createQuery(HandSql.EXPORT_TOKENS).mapTo(TokenUsage.class).iterator()) {
        return Runs.merge(r, p, a, q, w, t, sink);
      }
    });
  }

  @Override
  public void close() {
    pool.close();
  }
}

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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
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
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PGobject;
import org.sqlite.SQLiteDataSource;

/**
 * JDBI 3 as it is usually used: a HikariCP pool (over the runtime's SQLite settings, or configured
 * as the runtime's PostgreSQL pool), a handle per operation, reflection mappers ({@link
 * ConstructorMapper}) for the records, {@code bindMethods} for inserts, {@link PreparedBatch} for
 * batches, and JSON columns through a column mapper and an argument factory over the runtime's
 * Jackson settings. The SQL is the hand-written one ({@link HandSql}, {@link PostgresHandSql}).
 *
 * <p>What differs by engine is how times and JSON are bound and read: on SQLite as the DAOs' text,
 * on PostgreSQL as {@code timestamptz} through {@link OffsetDateTime} and as {@code jsonb}; and on
 * PostgreSQL, reads that span statements run at {@code REPEATABLE READ} (one snapshot, as SQLite's
 * read transactions give) and the export sets a fetch size so that its rows stream.
 */
public final class JdbiRuns implements RunOps {
  private static final ObjectMapper MAPPER = JsonCodec.withDefaults().mapper();

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
  private final boolean postgres;
  private final String insertRun;
  private final String stats;

  /** On a SQLite file. */
  public JdbiRuns(Path file) {
    this(pool(file), false);
  }

  /** On database {@code database} of the benchmark's PostgreSQL server. */
  public JdbiRuns(String database) {
    this(PostgresDatabases.pool(database, "jdbi-bench"), true);
  }

  private JdbiRuns(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
    this.jdbi = configure(Jdbi.create(pool), postgres);
    this.insertRun = postgres ? PostgresHandSql.JDBI_INSERT_RUN : HandSql.JDBI_INSERT_RUN;
    this.stats = postgres ? PostgresHandSql.STATS : HandSql.STATS;
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
    Jdbi jdbi = configure(Jdbi.create(sqlite), false);
    try (Handle handle = jdbi.open()) {
      if (handle.isClosed()) {
        throw new IllegalStateException();
      }
    }
  }

  /**
   * Opening for JDBI on PostgreSQL: Jdbi.create over the driver's data source, a handle with the
   * same session setting as the pools' connections, close.
   */
  public static void openAndClose(String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(PostgresDatabases.url(database));
    if (PostgresDatabases.user() != null) {
      source.setUser(PostgresDatabases.user());
    }
    if (PostgresDatabases.password() != null) {
      source.setPassword(PostgresDatabases.password());
    }
    Jdbi jdbi = configure(Jdbi.create(source), true);
    try (Handle handle = jdbi.open()) {
      handle.execute("SET TIME ZONE 'UTC'");
    }
  }

  static Jdbi configure(Jdbi jdbi, boolean postgres) {
    for (Class<?> type : List.of(BenchmarkRun.class, PerformanceMetrics.class, AutonomyMetrics.class,
        QualityMetrics.class, WorkflowMetrics.class, TokenUsage.class, Stat.class, TrendRow.class)) {
      jdbi.registerRowMapper(ConstructorMapper.factory(type));
    }
    jdbi.registerColumnMapper(new JsonColumns());
    jdbi.registerArgument(new JsonArguments(postgres));
    if (postgres) {
      jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
      });
      jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
          OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
          return (position, statement, ctx) -> statement.setObject(position, utc);
        }
      });
    } else {
      jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Times.parse(rs.getString(column)));
      jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
          String text = Times.format(value);
          return (position, statement, ctx) -> statement.setString(position, text);
        }
      });
    }
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

  /**
   * Maps, lists: written as JSON text with Jackson (prepared, so batches use it too); on PostgreSQL
   * typed {@code jsonb}, the columns' type.
   */
  private static final class JsonArguments implements ArgumentFactory.Preparable {
    private final boolean postgres;

    JsonArguments(boolean postgres) {
      this.postgres = postgres;
    }

    @Override
    public Optional<java.util.function.Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
      if (!isJson(type)) {
        return Optional.empty();
      }
      return Optional.of(this::argument);
    }

    @Override
    public Optional<Argument> build(Type type, Object value, ConfigRegistry config) {
      return isJson(type) || value instanceof Map<?, ?> || value instanceof List<?>
          ? Optional.of(argument(value))
          : Optional.empty();
    }

    private Argument argument(Object value) {
      String text;
      try {
        text = value == null ? null : MAPPER.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
      if (postgres) {
        return (position, statement, ctx) -> {
          if (text == null) {
            statement.setNull(position, Types.OTHER);
          } else {
            PGobject json = new PGobject();
            json.setType("jsonb");
            json.setValue(text);
            statement.setObject(position, json);
          }
        };
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
      h.createUpdate(insertRun).bindMethods(run.run()).execute();
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
      PreparedBatch r = h.prepareBatch(insertRun);
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
    return inSnapshot(h -> {
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
    return jdbi.withHandle(h -> h.createQuery(stats).mapTo(Stat.class).list());
  }

  @Override
  public List<TrendRow> trend(String benchmark, int points, int window) {
    return jdbi.withHandle(h -> h.createQuery(HandSql.trend(window))
        .bind(0, benchmark).bind(1, points + window - 1).bind(2, points)
        .mapTo(TrendRow.class).list());
  }

  @Override
  public long export(Consumer<CompleteRun> sink) {
    return inSnapshot(h -> {
      try (ResultIterator<BenchmarkRun> r = stream(h, HandSql.EXPORT_RUNS).mapTo(BenchmarkRun.class).iterator();
          ResultIterator<PerformanceMetrics> p = stream(h, HandSql.EXPORT_PERFORMANCE).mapTo(PerformanceMetrics.class).iterator();
          ResultIterator<AutonomyMetrics> a = stream(h, HandSql.EXPORT_AUTONOMY).mapTo(AutonomyMetrics.class).iterator();
          ResultIterator<QualityMetrics> q = stream(h, HandSql.EXPORT_QUALITY).mapTo(QualityMetrics.class).iterator();
          ResultIterator<WorkflowMetrics> w = stream(h, HandSql.EXPORT_WORKFLOW).mapTo(WorkflowMetrics.class).iterator();
          ResultIterator<TokenUsage> t = stream(h, HandSql.EXPORT_TOKENS).mapTo(TokenUsage.class).iterator()) {
        return Runs.merge(r, p, a, q, w, t, sink);
      }
    });
  }

  /**
   * A read of several statements from one snapshot: any SQLite transaction gives it, PostgreSQL's
   * from REPEATABLE READ on.
   */
  private <R> R inSnapshot(HandleCallback<R, RuntimeException> callback) {
    return postgres
        ? jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, callback)
        : jdbi.inTransaction(callback);
  }

  /** A query whose rows stream: pgjdbc reads them all at once unless given a fetch size. */
  private Query stream(Handle h, String sql) {
    Query query = h.createQuery(sql);
    return postgres ? query.setFetchSize(PostgresDatabases.FETCH_SIZE) : query;
  }

  @Override
  public void close() {
    pool.close();
  }
}

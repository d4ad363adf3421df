package dev.gao.metrics.example.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.TokenType;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.json.JsonCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The best hand-written JDBC: one connection with the runtime's settings, every statement prepared
 * once and reused, batches for many rows, a join where one statement can do the work of several,
 * JSON through the runtime's Jackson settings, time as the DAOs' fixed-width UTC text.
 */
public final class HandJdbcRuns implements RunOps {
  static final ObjectReader LIST_OF_STRING;
  static final ObjectReader MAP_OF_OBJECT;
  static final ObjectReader MAP_OF_DOUBLE;
  static final ObjectReader MAP_OF_LONG;
  static final ObjectReader MAP_OF_INTEGER;
  static final ObjectWriter WRITER;

  static {
    var mapper = JsonCodec.withDefaults().mapper();
    LIST_OF_STRING = mapper.readerFor(new TypeReference<List<String>>() {});
    MAP_OF_OBJECT = mapper.readerFor(new TypeReference<Map<String, Object>>() {});
    MAP_OF_DOUBLE = mapper.readerFor(new TypeReference<Map<String, Double>>() {});
    MAP_OF_LONG = mapper.readerFor(new TypeReference<Map<String, Long>>() {});
    MAP_OF_INTEGER = mapper.readerFor(new TypeReference<Map<String, Integer>>() {});
    WRITER = mapper.writer();
  }

  private final Connection connection;
  private final PreparedStatement begin;
  private final PreparedStatement beginRead;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement insertRun;
  private final PreparedStatement insertPerformance;
  private final PreparedStatement insertAutonomy;
  private final PreparedStatement insertQuality;
  private final PreparedStatement insertWorkflow;
  private final PreparedStatement insertToken;
  private final PreparedStatement runById;
  private final PreparedStatement performanceByRunId;
  private final PreparedStatement wholeRun;
  private final PreparedStatement tokensByRunId;
  private final PreparedStatement latest;
  private final PreparedStatement stats;
  private final PreparedStatement trend;
  private final int trendWindow = 5;

  public HandJdbcRuns(Path file) {
    try {
      connection = open(file);
      begin = connection.prepareStatement("BEGIN IMMEDIATE");
      beginRead = connection.prepareStatement("BEGIN DEFERRED");
      commit = connection.prepareStatement("COMMIT");
      rollback = connection.prepareStatement("ROLLBACK");
      insertRun = connection.prepareStatement(HandSql.INSERT_RUN);
      insertPerformance = connection.prepareStatement(HandSql.INSERT_PERFORMANCE);
      insertAutonomy = connection.prepareStatement(HandSql.INSERT_AUTONOMY);
      insertQuality = connection.prepareStatement(HandSql.INSERT_QUALITY);
      insertWorkflow = connection.prepareStatement(HandSql.INSERT_WORKFLOW);
      insertToken = connection.prepareStatement(HandSql.INSERT_TOKEN);
      runById = connection.prepareStatement(HandSql.RUN_BY_ID);
      performanceByRunId = connection.prepareStatement(HandSql.PERFORMANCE_BY_RUN_ID);
      wholeRun = connection.prepareStatement(HandSql.WHOLE_RUN);
      tokensByRunId = connection.prepareStatement(HandSql.TOKENS_BY_RUN_ID);
      latest = connection.prepareStatement(HandSql.LATEST);
      stats = connection.prepareStatement(HandSql.STATS);
      trend = connection.prepareStatement(HandSql.trend(trendWindow));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime's connection settings, taken from the runtime itself so that they cannot drift. */
  static SQLiteConfig config() {
    return dev.gao.metrics.runtime.sql.sqlite.SqliteDialect.connectionConfig(java.time.Duration.ofSeconds(10));
  }

  /** A bare DriverManager connection with the runtime's pragmas. */
  static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config().toProperties());
  }

  /** The "bare" baseline of opening: a connection with the same pragmas, then close. */
  public static void openAndClose(Path file) {
    try (Connection c = open(file)) {
      if (c.isClosed()) {
        throw new IllegalStateException();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void recordOne(CompleteRun run) {
    write(() -> {
      bindRun(insertRun, run.run());
      insertRun.executeUpdate();
      bindPerformance(insertPerformance, run.performance());
      insertPerformance.executeUpdate();
      bindAutonomy(insertAutonomy, run.autonomy());
      insertAutonomy.executeUpdate();
      bindQuality(insertQuality, run.quality());
      insertQuality.executeUpdate();
      bindWorkflow(insertWorkflow, run.workflow());
      insertWorkflow.executeUpdate();
      if (!run.tokenUsage().isEmpty()) {
        for (TokenUsage u : run.tokenUsage()) {
          bindToken(insertToken, u);
          insertToken.addBatch();
        }
        insertToken.executeBatch();
      }
    });
  }

  @Override
  public void recordBatch(List<CompleteRun> runs) {
    write(() -> {
      for (CompleteRun run : runs) {
        bindRun(insertRun, run.run());
        insertRun.addBatch();
      }
      insertRun.executeBatch();
      for (CompleteRun run : runs) {
        bindPerformance(insertPerformance, run.performance());
        insertPerformance.addBatch();
      }
      insertPerformance.executeBatch();
      for (CompleteRun run : runs) {
        bindAutonomy(insertAutonomy, run.autonomy());
        insertAutonomy.addBatch();
      }
      insertAutonomy.executeBatch();
      for (CompleteRun run : runs) {
        bindQuality(insertQuality, run.quality());
        insertQuality.addBatch();
      }
      insertQuality.executeBatch();
      for (CompleteRun run : runs) {
        bindWorkflow(insertWorkflow, run.workflow());
        insertWorkflow.addBatch();
      }
      insertWorkflow.executeBatch();
      for (CompleteRun run : runs) {
        for (TokenUsage u : run.tokenUsage()) {
          bindToken(insertToken, u);
          insertToken.addBatch();
        }
      }
      insertToken.executeBatch();
    });
  }

  private interface Work {
    void run() throws SQLException;
  }

  private void write(Work work) {
    try {
      begin.execute();
      try {
        work.run();
        commit.execute();
      } catch (SQLException | RuntimeException e) {
        clear();
        rollback.execute();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void clear() throws SQLException {
    for (PreparedStatement s : List.of(insertRun, insertPerformance, insertAutonomy, insertQuality, insertWorkflow, insertToken)) {
      s.clearBatch();
    }
  }

  static String json(Object value) throws SQLException {
    try {
      return value == null ? null : WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SQLException(e);
    }
  }

  static void setText(PreparedStatement s, int i, String value) throws SQLException {
    if (value == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, value);
    }
  }

  static void bindRun(PreparedStatement s, BenchmarkRun r) throws SQLException {
    s.setString(1, r.runId());
    s.setString(2, Times.format(r.timestamp()));
    s.setString(3, r.projectName());
    s.setString(4, r.benchmarkName());
    setText(s, 5, r.version());
    setText(s, 6, json(r.metadata()));
    setText(s, 7, r.createdAt() == null ? null : Times.format(r.createdAt()));
    setText(s, 8, r.status() == null ? null : r.status().name());
    setText(s, 9, r.finishedAt() == null ? null : Times.format(r.finishedAt()));
  }

  static void bindPerformance(PreparedStatement s, PerformanceMetrics p) throws SQLException {
    s.setString(1, p.runId());
    s.setDouble(2, p.totalTimeSeconds());
    setText(s, 3, json(p.phaseTimes()));
    s.setLong(4, p.tokenUsageTotal());
    setText(s, 5, json(p.tokenUsageByAgent()));
    s.setInt(6, p.apiCallsCount());
    s.setDouble(7, p.apiCallsCost());
  }

  static void bindAutonomy(PreparedStatement s, AutonomyMetrics a) throws SQLException {
    s.setString(1, a.runId());
    s.setInt(2, a.manualInterventionsCount());
    setText(s, 3, json(a.manualInterventionsTypes()));
    s.setInt(4, a.promptsNeededInitial());
    s.setInt(5, a.promptsNeededFollowup());
    s.setDouble(6, a.oneShotSuccessRate());
    s.setDouble(7, a.errorRecoveryRate());
    s.setInt(8, a.agentHandoffsSuccessful());
    s.setInt(9, a.agentHandoffsFailed());
  }

  static void bindQuality(PreparedStatement s, QualityMetrics q) throws SQLException {
    s.setString(1, q.runId());
    s.setInt(2, q.testsWritten());
    s.setInt(3, q.testsPassing());
    s.setDouble(4, q.codeCoveragePercentage());
    s.setInt(5, q.lintingErrorsCount());
    setText(s, 6, json(q.lintingErrorsBySeverity()));
    s.setInt(7, q.typeErrorsCount());
    s.setInt(8, q.securityVulnerabilitiesCount());
    setText(s, 9, json(q.securityVulnerabilitiesBySeverity()));
    s.setDouble(10, q.functionalCompletenessPercentage());
  }

  static void bindWorkflow(PreparedStatement s, WorkflowMetrics w) throws SQLException {
    s.setString(1, w.runId());
    s.setInt(2, w.storiesCreated());
    s.setInt(3, w.storiesCompleted());
    s.setDouble(4, w.avgCycleTimeSeconds());
    setText(s, 5, json(w.phaseDistribution()));
    s.setInt(6, w.reworkCount());
  }

  static void bindToken(PreparedStatement s, TokenUsage u) throws SQLException {
    s.setString(1, u.runId());
    s.setString(2, u.model());
    s.setString(3, u.tokenType().name());
    s.setLong(4, u.tokens());
    s.setDouble(5, u.costUsd());
    s.setString(6, u.priceTableVersion());
  }

  // ------------------------------------------------------------------ reads

  static <T> T read(ObjectReader reader, String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      return reader.readValue(text);
    } catch (java.io.IOException e) {
      throw new SQLException(e);
    }
  }

  static BenchmarkRun readRun(ResultSet rs, int o) throws SQLException {
    String status = rs.getString(o + 7);
    return new BenchmarkRun(
        rs.getString(o),
        Times.parse(rs.getString(o + 1)),
        rs.getString(o + 2),
        rs.getString(o + 3),
        rs.getString(o + 4),
        read(MAP_OF_OBJECT, rs.getString(o + 5)),
        Times.parse(rs.getString(o + 6)),
        status == null ? null : RunStatus.valueOf(status),
        Times.parse(rs.getString(o + 8)));
  }

  static PerformanceMetrics readPerformance(ResultSet rs, int o) throws SQLException {
    return new PerformanceMetrics(rs.getLong(o), rs.getString(o + 1), rs.getDouble(o + 2),
        read(MAP_OF_DOUBLE, rs.getString(o + 3)), rs.getLong(o + 4), read(MAP_OF_LONG, rs.getString(o + 5)),
        rs.getInt(o + 6), rs.getDouble(o + 7));
  }

  static AutonomyMetrics readAutonomy(ResultSet rs, int o) throws SQLException {
    return new AutonomyMetrics(rs.getLong(o), rs.getString(o + 1), rs.getInt(o + 2),
        read(LIST_OF_STRING, rs.getString(o + 3)), rs.getInt(o + 4), rs.getInt(o + 5),
        rs.getDouble(o + 6), rs.getDouble(o + 7), rs.getInt(o + 8), rs.getInt(o + 9));
  }

  static QualityMetrics readQuality(ResultSet rs, int o) throws SQLException {
    return new QualityMetrics(rs.getLong(o), rs.getString(o + 1), rs.getInt(o + 2), rs.getInt(o + 3),
        rs.getDouble(o + 4), rs.getInt(o + 5), read(MAP_OF_INTEGER, rs.getString(o + 6)),
        rs.getInt(o + 7), rs.getInt(o + 8), read(MAP_OF_INTEGER, rs.getString(o + 9)), rs.getDouble(o + 10));
  }

  static WorkflowMetrics readWorkflow(ResultSet rs, int o) throws SQLException {
    return new WorkflowMetrics(rs.getLong(o), rs.getString(o + 1), rs.getInt(o + 2), rs.getInt(o + 3),
        rs.getDouble(o + 4), read(MAP_OF_DOUBLE, rs.getString(o + 5)), rs.getInt(o + 6));
  }

  static TokenUsage readToken(ResultSet rs, int o) throws SQLException {
    return new TokenUsage(rs.getLong(o), rs.getString(o + 1), rs.getString(o + 2),
        TokenType.valueOf(rs.getString(o + 3)), rs.getLong(o + 4), rs.getDouble(o + 5), rs.getString(o + 6));
  }

  static Double nullableDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  @Override
  public Optional<BenchmarkRun> runById(String runId) {
    try {
      runById.setString(1, runId);
      try (ResultSet rs = runById.executeQuery()) {
        return rs.next() ? Optional.of(readRun(rs, 1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<PerformanceMetrics> performanceByRunId(String runId) {
    try {
      performanceByRunId.setString(1, runId);
      try (ResultSet rs = performanceByRunId.executeQuery()) {
        return rs.next() ? Optional.of(readPerformance(rs, 1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<CompleteRun> wholeRun(String runId) {
    try {
      beginRead.execute();
      try {
        CompleteRun run = null;
        wholeRun.setString(1, runId);
        try (ResultSet rs = wholeRun.executeQuery()) {
          if (rs.next()) {
            BenchmarkRun r = readRun(rs, 1);
            PerformanceMetrics p = readPerformance(rs, 10);
            AutonomyMetrics a = readAutonomy(rs, 18);
            QualityMetrics q = readQuality(rs, 28);
            WorkflowMetrics w = readWorkflow(rs, 39);
            List<TokenUsage> tokens = new ArrayList<>(8);
            tokensByRunId.setString(1, runId);
            try (ResultSet t = tokensByRunId.executeQuery()) {
              while (t.next()) {
                tokens.add(readToken(t, 1));
              }
            }
            run = new CompleteRun(r, p, a, q, w, tokens);
          }
        }
        commit.execute();
        return Optional.ofNullable(run);
      } catch (SQLException | RuntimeException e) {
        rollback.execute();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<BenchmarkRun> latest(String project, int n) {
    try {
      latest.setString(1, project);
      latest.setInt(2, n);
      List<BenchmarkRun> runs = new ArrayList<>(n);
      try (ResultSet rs = latest.executeQuery()) {
        while (rs.next()) {
          runs.add(readRun(rs, 1));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<Stat> stats() {
    try (ResultSet rs = stats.executeQuery()) {
      List<Stat> list = new ArrayList<>();
      while (rs.next()) {
        list.add(new Stat(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
            nullableDouble(rs, 5), nullableDouble(rs, 6), nullableDouble(rs, 7), nullableDouble(rs, 8),
            nullableDouble(rs, 9), nullableDouble(rs, 10), nullableDouble(rs, 11)));
      }
      return list;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<TrendRow> trend(String benchmark, int points, int window) {
    if (window != trendWindow) {
      throw new IllegalArgumentException("prepared for a window of " + trendWindow);
    }
    try {
      trend.setString(1, benchmark);
      trend.setInt(2, points + window - 1);
      trend.setInt(3, points);
      List<TrendRow> rows = new ArrayList<>(points);
      try (ResultSet rs = trend.executeQuery()) {
        while (rs.next()) {
          rows.add(new TrendRow(rs.getString(1), Times.parse(rs.getString(2)), rs.getDouble(3), nullableDouble(rs, 4)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long export(Consumer<CompleteRun> sink) {
    try {
      beginRead.execute();
      try (Statement r = connection.createStatement();
          Statement p = connection.createStatement();
          Statement a = connection.createStatement();
          Statement q = connection.createStatement();
          Statement w = connection.createStatement();
          Statement t = connection.createStatement();
          ResultSet rr = r.executeQuery(HandSql.EXPORT_RUNS);
          ResultSet pr = p.executeQuery(HandSql.EXPORT_PERFORMANCE);
          ResultSet ar = a.executeQuery(HandSql.EXPORT_AUTONOMY);
          ResultSet qr = q.executeQuery(HandSql.EXPORT_QUALITY);
          ResultSet wr = w.executeQuery(HandSql.EXPORT_WORKFLOW);
          ResultSet tr = t.executeQuery(HandSql.EXPORT_TOKENS)) {
        long count = Runs.merge(
            Runs.iterate(rr, rs -> readRun(rs, 1)),
            Runs.iterate(pr, rs -> readPerformance(rs, 1)),
            Runs.iterate(ar, rs -> readAutonomy(rs, 1)),
            Runs.iterate(qr, rs -> readQuality(rs, 1)),
            Runs.iterate(wr, rs -> readWorkflow(rs, 1)),
            Runs.iterate(tr, rs -> readToken(rs, 1)),
            sink);
        return count;
      } finally {
        commit.execute();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.gao.metrics.example.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The best hand-written JDBC on PostgreSQL: a HikariCP pool with the runtime's settings, a
 * connection per operation and statements prepared on it (pgjdbc keeps them per connection and
 * switches to server-side prepared statements after a few uses), JDBC batches for many rows,
 * transactions through {@code setAutoCommit(false)} (pgjdbc sends the {@code BEGIN} with the first
 * statement), reads that span statements in one {@code REPEATABLE READ} snapshot, {@code jsonb}
 * parameters cast from JSON text written with the runtime's Jackson settings, times as {@code
 * timestamptz} through {@link OffsetDateTime}, and exports read with a fetch size in a transaction
 * so that rows stream. Thread-safe: each operation borrows its own connection.
 */
public final class PostgresJdbcRuns implements RunOps {
  private static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

  private final HikariDataSource pool;

  /** Opens the pool on database {@code database} of the benchmark server. */
  public PostgresJdbcRuns(String database) {
    this.pool = PostgresDatabases.pool(database, "jdbc-bench");
  }

  /** The "bare" baseline of opening: a connection with the same session setting, then close. */
  public static void openAndClose(String database) {
    try (Connection c = PostgresDatabases.connect(database)) {
      if (c.isClosed()) {
        throw new IllegalStateException();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** One statement (or several that need no common snapshot) in auto-commit mode. */
  private <T> T withConnection(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T inTransaction(boolean snapshot, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (snapshot) {
          try (Statement s = c.createStatement()) {
            s.execute(SNAPSHOT);
          }
        }
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void recordOne(CompleteRun run) {
    inTransaction(false, c -> {
      try (PreparedStatement r = c.prepareStatement(PostgresHandSql.INSERT_RUN);
          PreparedStatement p = c.prepareStatement(PostgresHandSql.INSERT_PERFORMANCE);
          PreparedStatement a = c.prepareStatement(PostgresHandSql.INSERT_AUTONOMY);
          PreparedStatement q = c.prepareStatement(PostgresHandSql.INSERT_QUALITY);
          PreparedStatement w = c.prepareStatement(PostgresHandSql.INSERT_WORKFLOW)) {
        bindRun(r, run.run());
        r.executeUpdate();
        HandJdbcRuns.bindPerformance(p, run.performance());
        p.executeUpdate();
        HandJdbcRuns.bindAutonomy(a, run.autonomy());
        a.executeUpdate();
        HandJdbcRuns.bindQuality(q, run.quality());
        q.executeUpdate();
        HandJdbcRuns.bindWorkflow(w, run.workflow());
        w.executeUpdate();
      }
      if (!run.tokenUsage().isEmpty()) {
        try (PreparedStatement t = c.prepareStatement(PostgresHandSql.INSERT_TOKEN)) {
          for (TokenUsage u : run.tokenUsage()) {
            HandJdbcRuns.bindToken(t, u);
            t.addBatch();
          }
          t.executeBatch();
        }
      }
      return null;
    });
  }

  @Override
  public void recordBatch(List<CompleteRun> runs) {
    inTransaction(false, c -> {
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.INSERT_RUN)) {
        for (CompleteRun run : runs) {
          bindRun(s, run.run());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.INSERT_PERFORMANCE)) {
        for (CompleteRun run : runs) {
          HandJdbcRuns.bindPerformance(s, run.performance());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.INSERT_AUTONOMY)) {
        for (CompleteRun run : runs) {
          HandJdbcRuns.bindAutonomy(s, run.autonomy());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.INSERT_QUALITY)) {
        for (CompleteRun run : runs) {
          HandJdbcRuns.bindQuality(s, run.quality());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.INSERT_WORKFLOW)) {
        for (CompleteRun run : runs) {
          HandJdbcRuns.bindWorkflow(s, run.workflow());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.INSERT_TOKEN)) {
        for (CompleteRun run : runs) {
          for (TokenUsage u : run.tokenUsage()) {
            HandJdbcRuns.bindToken(s, u);
            s.addBatch();
          }
        }
        s.executeBatch();
      }
      return null;
    });
  }

  private static void setTime(PreparedStatement s, int i, Instant value) throws SQLException {
    if (value == null) {
      s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(i, value.atOffset(ZoneOffset.UTC));
    }
  }

  static void bindRun(PreparedStatement s, BenchmarkRun r) throws SQLException {
    s.setString(1, r.runId());
    setTime(s, 2, r.timestamp());
    s.setString(3, r.projectName());
    s.setString(4, r.benchmarkName());
    HandJdbcRuns.setText(s, 5, r.version());
    HandJdbcRuns.setText(s, 6, HandJdbcRuns.json(r.metadata()));
    setTime(s, 7, r.createdAt());
    HandJdbcRuns.setText(s, 8, r.status() == null ? null : r.status().name());
    setTime(s, 9, r.finishedAt());
  }

  // ------------------------------------------------------------------ reads

  static Instant time(ResultSet rs, int i) throws SQLException {
    OffsetDateTime value = rs.getObject(i, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static BenchmarkRun readRun(ResultSet rs, int o) throws SQLException {
    String status = rs.getString(o + 7);
    return new BenchmarkRun(
        rs.getString(o),
        time(rs, o + 1),
        rs.getString(o + 2),
        rs.getString(o + 3),
        rs.getString(o + 4),
        HandJdbcRuns.read(HandJdbcRuns.MAP_OF_OBJECT, rs.getString(o + 5)),
        time(rs, o + 6),
        status == null ? null : RunStatus.valueOf(status),
        time(rs, o + 8));
  }

  @Override
  public Optional<BenchmarkRun> runById(String runId) {
    return withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(HandSql.RUN_BY_ID)) {
        s.setString(1, runId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(readRun(rs, 1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<PerformanceMetrics> performanceByRunId(String runId) {
    return withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(HandSql.PERFORMANCE_BY_RUN_ID)) {
        s.setString(1, runId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(HandJdbcRuns.readPerformance(rs, 1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<CompleteRun> wholeRun(String runId) {
    return inTransaction(true, c -> {
      try (PreparedStatement whole = c.prepareStatement(HandSql.WHOLE_RUN)) {
        whole.setString(1, runId);
        try (ResultSet rs = whole.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          BenchmarkRun r = readRun(rs, 1);
          PerformanceMetrics p = HandJdbcRuns.readPerformance(rs, 10);
          AutonomyMetrics a = HandJdbcRuns.readAutonomy(rs, 18);
          QualityMetrics q = HandJdbcRuns.readQuality(rs, 28);
          WorkflowMetrics w = HandJdbcRuns.readWorkflow(rs, 39);
          List<TokenUsage> tokens = new ArrayList<>(8);
          try (PreparedStatement t = c.prepareStatement(HandSql.TOKENS_BY_RUN_ID)) {
            t.setString(1, runId);
            try (ResultSet trs = t.executeQuery()) {
              while (trs.next()) {
                tokens.add(HandJdbcRuns.readToken(trs, 1));
              }
            }
          }
          return Optional.of(new CompleteRun(r, p, a, q, w, tokens));
        }
      }
    });
  }

  @Override
  public List<BenchmarkRun> latest(String project, int n) {
    return withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(HandSql.LATEST)) {
        s.setString(1, project);
        s.setInt(2, n);
        List<BenchmarkRun> runs = new ArrayList<>(n);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            runs.add(readRun(rs, 1));
          }
        }
        return runs;
      }
    });
  }

  @Override
  public List<Stat> stats() {
    return withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(PostgresHandSql.STATS);
          ResultSet rs = s.executeQuery()) {
        List<Stat> list = new ArrayList<>();
        while (rs.next()) {
          list.add(new Stat(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
              HandJdbcRuns.nullableDouble(rs, 5), HandJdbcRuns.nullableDouble(rs, 6),
              HandJdbcRuns.nullableDouble(rs, 7), HandJdbcRuns.nullableDouble(rs, 8),
              HandJdbcRuns.nullableDouble(rs, 9), HandJdbcRuns.nullableDouble(rs, 10),
              HandJdbcRuns.nullableDouble(rs, 11)));
        }
        return list;
      }
    });
  }

  @Override
  public List<TrendRow> trend(String benchmark, int points, int window) {
    return withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(HandSql.trend(window))) {
        s.setString(1, benchmark);
        s.setInt(2, points + window - 1);
        s.setInt(3, points);
        List<TrendRow> rows = new ArrayList<>(points);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new TrendRow(rs.getString(1), time(rs, 2), rs.getDouble(3), HandJdbcRuns.nullableDouble(rs, 4)));
          }
        }
        return rows;
      }
    });
  }

  @Override
  public long export(Consumer<CompleteRun> sink) {
    return inTransaction(true, c -> {
      try (Statement r = streaming(c);
          Statement p = streaming(c);
          Statement a = streaming(c);
          Statement q = streaming(c);
          Statement w = streaming(c);
          Statement t = streaming(c);
          ResultSet rr = r.executeQuery(HandSql.EXPORT_RUNS);
          ResultSet pr = p.executeQuery(HandSql.EXPORT_PERFORMANCE);
          ResultSet ar = a.executeQuery(HandSql.EXPORT_AUTONOMY);
          ResultSet qr = q.executeQuery(HandSql.EXPORT_QUALITY);
          ResultSet wr = w.executeQuery(HandSql.EXPORT_WORKFLOW);
          ResultSet tr = t.executeQuery(HandSql.EXPORT_TOKENS)) {
        return Runs.merge(
            Runs.iterate(rr, rs -> readRun(rs, 1)),
            Runs.iterate(pr, rs -> HandJdbcRuns.readPerformance(rs, 1)),
            Runs.iterate(ar, rs -> HandJdbcRuns.readAutonomy(rs, 1)),
            Runs.iterate(qr, rs -> HandJdbcRuns.readQuality(rs, 1)),
            Runs.iterate(wr, rs -> HandJdbcRuns.readWorkflow(rs, 1)),
            Runs.iterate(tr, rs -> HandJdbcRuns.readToken(rs, 1)),
            sink);
      }
    });
  }

  /** A statement whose rows arrive {@link PostgresDatabases#FETCH_SIZE} at a time. */
  private static Statement streaming(Connection c) throws SQLException {
    Statement s = c.createStatement();
    s.setFetchSize(PostgresDatabases.FETCH_SIZE);
    return s;
  }

  @Override
  public void close() {
    pool.close();
  }
}

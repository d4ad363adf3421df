package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A metric's trend in a single statement. The matching runs with a value are taken newest first
 * (by time, then run id) or grouped into periods; the newest {@code limit + window - 1} points are
 * kept, so that each of the {@code limit} points returned has its full window when the history
 * has it; a window function then gives the trailing moving average in time order.
 */
final class TrendQuery {
  private static final String RUN_ALIAS = "r";

  private final RunModel model;
  private final StatementRunner statements;
  private final ValueDecoder runs;
  private final AnalyticsSql engine;

  TrendQuery(RunModel model, StatementRunner statements, ValueDecoder runs, AnalyticsSql engine) {
    this.engine = engine;
    this.model = model;
    this.statements = statements;
    this.runs = runs;
  }

  List<TrendPoint> run(BoundQuery query, Interval interval) {
    return statements.list(query.sql(), query.binder(), rs -> read(rs, interval));
  }

  BoundQuery query(MetricRef metric, RunFilter filter, Interval interval, int window) {
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS, runs.values(), engine);
    String time = Sql.column(RUN_ALIAS, model.timeColumn());
    String value = MetricSql.value(metric, model, RUN_ALIAS, engine);
    // run ids that are text sort by code point on every engine
    String id = Sql.sorted(engine, "id", model.runTable().column(model.idColumn()));
    String frame =
        " WINDOW win AS (ORDER BY t, " + id + " ROWS BETWEEN " + (window - 1) + " PRECEDING AND CURRENT ROW)";
    boolean perRun = interval == Interval.RUN;
    String points =
        "s AS "
            + (MetricSql.correlated(metric, model) ? "MATERIALIZED " : "")
            + "(SELECT "
            + (perRun ? Sql.column(RUN_ALIAS, model.idColumn()) + " AS id, " + time : interval.bucket(time, engine))
            + " AS t, "
            + value
            + " AS x FROM "
            + Sql.quote(model.runTable().name())
            + " "
            + RUN_ALIAS
            + MetricSql.join(metric, model, RUN_ALIAS)
            + where(conditions, metric, value)
            + "), p AS (SELECT "
            + (perRun
                ? "id, t, x AS mean FROM s WHERE x IS NOT NULL ORDER BY t DESC, " + id + " DESC"
                : "NULL AS id, t, COUNT(*) AS n, AVG(x) AS mean, MIN(x) AS lo, MAX(x) AS hi FROM s"
                    + " WHERE x IS NOT NULL GROUP BY t ORDER BY t DESC")
            // An OFFSET, even of 0, keeps SQLite from flattening p into the window query.
            + (filter.offset() > 0 ? " LIMIT ? OFFSET ?)" : " LIMIT ?)");
    // One run per point: its count is 1 and its min and max are its value, written only in the
    // outer select so that p stays as narrow as the runs it reads.
    String pointColumns = perRun ? "1, mean, mean, mean" : "n, mean, lo, hi";
    String sql =
        "WITH "
            + points
            + ", w AS (SELECT id, t, "
            + (perRun ? "mean" : "n, mean, lo, hi")
            + ", AVG(mean) OVER win AS ma, COUNT(*) OVER win"
            + " AS wn, ROW_NUMBER() OVER (ORDER BY t, "
            + id
            + ") AS rn, COUNT(*) OVER () AS total FROM p"
            + frame
            + ") SELECT id, t, "
            + pointColumns
            + ", CASE WHEN wn = "
            + window
            + " THEN ma END FROM w WHERE rn > total - ? ORDER BY t, "
            + id;
    long keep = filter.limit() > 0 ? filter.limit() : Long.MAX_VALUE;
    long fetch = filter.limit() > 0 ? filter.limit() + (long) window - 1 : -1;
    return new BoundQuery(
        sql,
        statement -> {
          int next = 1;
          if (metric.key() != null) {
            runs.values().setText(
                statement, next++, metric.key(), new ColumnRef<>(metric.table(), metric.column().name()));
          }
          int paging = next + conditions.size();
          conditions
              .binder(
                  next,
                  s -> {
                    int at = paging;
                    engine.bindLimit(s, at++, fetch);
                    if (filter.offset() > 0) {
                      s.setLong(at++, filter.offset());
                    }
                    s.setLong(at, keep);
                  })
              .bind(statement);
        });
  }

  /**
   * The run conditions, and for a plain column also "has a value": in the same {@code WHERE} as the
   * join, SQLite turns the {@code LEFT JOIN} of a child metric into an inner join and reads no run
   * without a value; the check in {@code p} then finds nothing left to drop.
   */
  private String where(RunConditions conditions, MetricRef metric, String value) {
    if (!MetricSql.plainColumn(metric, model)) {
      return conditions.where();
    }
    return (conditions.where().isEmpty() ? " WHERE " : conditions.where() + " AND ")
        + value
        + " IS NOT NULL";
  }

  private TrendPoint read(ResultSet rs, Interval interval) throws SQLException {
    Object id = null;
    Instant time;
    if (interval == Interval.RUN) {
      id = runs.read(rs, 1, model.idColumn());
      Object stored = runs.read(rs, 2, model.timeColumn());
      time =
          stored instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) stored;
    } else {
      time = interval.start(rs.getString(2));
    }
    double ma = rs.getDouble(7);
    Double movingAverage = rs.wasNull() ? null : ma;
    return new TrendPoint(
        time, id, rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), movingAverage);
  }
}

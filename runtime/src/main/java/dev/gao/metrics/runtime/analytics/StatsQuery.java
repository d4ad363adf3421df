package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.StatementBinder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one metric per group of runs in a single statement, over one value per run (see
 * {@link MetricRef}). The matching runs are grouped once; window functions rank the values of each group (ROW_NUMBER and COUNT over the group) for
 * the median and the nearest-rank p95, and give the group mean for a two-pass sample variance,
 * whose square root SQLite's {@code sqrt()} takes (sqlite-jdbc builds SQLite with its math
 * functions).
 */
final class StatsQuery {
  private static final String RUN_ALIAS = "r";

  private final RunModel model;
  private final StatementRunner statements;

  StatsQuery(RunModel model, StatementRunner statements) {
    this.model = model;
    this.statements = statements;
  }

  /** Runs a statement made by {@link #query}, for the same dimensions. */
  List<MetricStats> run(BoundQuery query, List<String> groupBy) {
    return statements.list(query.sql(), query.binder(), rs -> read(rs, groupBy));
  }

  /** The statement for the statistics of {@code metric} per group of {@code groupBy}. */
  BoundQuery query(MetricRef metric, List<String> groupBy, RunFilter filter) {
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS);
    List<String> keys = new ArrayList<>();
    List<String> keySelect = new ArrayList<>();
    if (groupBy.isEmpty()) {
      keys.add("g0");
      keySelect.add("0 AS g0");
    } else {
      for (int i = 0; i < groupBy.size(); i++) {
        keys.add("g" + i);
        keySelect.add(Sql.column(RUN_ALIAS, groupBy.get(i)) + " AS g" + i);
      }
    }
    String partition = String.join(", ", keys);
    String failed = "0 AS failed";
    int failedCount = model.failedStatuses().size();
    if (model.statusColumn().isPresent() && failedCount > 0) {
      failed =
          "CASE WHEN "
              + Sql.column(RUN_ALIAS, model.statusColumn().get())
              + " IN ("
              + Sql.placeholders(failedCount)
              + ") THEN 1 ELSE 0 END AS failed";
    }
    String sql =
        // f is read twice (values and run counts): materialized, its runs are read once
        "WITH f AS MATERIALIZED (SELECT "
            + String.join(", ", keySelect)
            + ", "
            + failed
            + ", "
            + MetricSql.value(metric, model, RUN_ALIAS)
            + " AS x FROM "
            + Sql.quote(model.runTable().name())
            + " "
            + RUN_ALIAS
            + MetricSql.join(metric, model, RUN_ALIAS)
            + conditions.where()
            + "), v AS (SELECT "
            + qualified("f", keys)
            + ", f.x AS x FROM f WHERE f.x IS NOT NULL"
            + "), ranked AS (SELECT "
            + partition
            + ", x, ROW_NUMBER() OVER (PARTITION BY "
            + partition
            + " ORDER BY x) AS rn, COUNT(*) OVER (PARTITION BY "
            + partition
            + ") AS n, AVG(x) OVER (PARTITION BY "
            + partition
            + ") AS gm FROM v), s AS (SELECT "
            + partition
            + ", COUNT(*) AS cnt, AVG(x) AS mean, MIN(x) AS lo, MAX(x) AS hi,"
            + " CASE WHEN COUNT(*) > 1 THEN sqrt(SUM((x - gm) * (x - gm)) / (COUNT(*) - 1))"
            + " END AS sd,"
            + " AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN x END) AS median,"
            + " MAX(CASE WHEN rn = (95 * n + 99) / 100 THEN x END) AS p95"
            + " FROM ranked GROUP BY "
            + partition
            + "), g AS (SELECT "
            + partition
            + ", COUNT(*) AS runs, SUM(failed) AS failed FROM f GROUP BY "
            + partition
            + ") SELECT "
            + qualified("g", keys)
            + ", g.runs, g.failed, s.cnt, s.mean, s.lo, s.hi, s.sd, s.median, s.p95"
            + " FROM g LEFT JOIN s ON "
            + String.join(" AND ", keys.stream().map(k -> "s." + k + " IS g." + k).toList())
            + " ORDER BY "
            + qualified("g", keys);
    List<String> parameters = new ArrayList<>();
    if (failed.startsWith("CASE")) {
      parameters.addAll(model.failedStatuses());
    }
    if (metric.key() != null) {
      parameters.add(metric.key());
    }
    StatementBinder binder =
        statement -> {
          for (int i = 0; i < parameters.size(); i++) {
            statement.setString(1 + i, parameters.get(i));
          }
          conditions.binder(parameters.size() + 1, StatementBinder.NONE).bind(statement);
        };
    return new BoundQuery(sql, binder);
  }

  private MetricStats read(ResultSet rs, List<String> groupBy) throws SQLException {
    Map<String, Object> group = new LinkedHashMap<>();
    int index = 1;
    if (groupBy.isEmpty()) {
      index++;
    }
    for (String dimension : groupBy) {
      group.put(dimension, rs.getString(index++));
    }
    long runs = rs.getLong(index++);
    long failed = rs.getLong(index++);
    long count = rs.getLong(index++);
    Double mean = nullableDouble(rs, index++);
    Double min = nullableDouble(rs, index++);
    Double max = nullableDouble(rs, index++);
    Double stddev = nullableDouble(rs, index++);
    Double median = nullableDouble(rs, index++);
    Double p95 = nullableDouble(rs, index);
    Double failureRate =
        model.statusColumn().isPresent() ? (runs == 0 ? 0.0 : (double) failed / runs) : null;
    return new MetricStats(group, runs, count, mean, min, max, stddev, median, p95, failureRate);
  }

  private static Double nullableDouble(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? null : value;
  }

  private static String qualified(String alias, List<String> keys) {
    return String.join(", ", keys.stream().map(k -> alias + "." + k).toList());
  }
}

package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of metrics of one table per group of runs in a single statement, over one value per
 * run (see {@link MetricRef}). The matching runs are read once, with every metric's value; the
 * values are then stacked, one row per run and metric, and window functions over one window (so
 * that SQLite sorts the values once) rank them per metric and group (ROW_NUMBER and COUNT) for the
 * median and the nearest-rank p95, and give the group mean for a two-pass sample variance, whose square root SQLite's {@code sqrt()} takes (sqlite-jdbc
 * builds SQLite with its math functions). A filter with a limit or an offset selects its runs first,
 * in its order, by their ids.
 */
final class StatsQuery {
  private static final String RUN_ALIAS = "r";
  private static final String PAGE_ALIAS = "p";

  private final RunModel model;
  private final StatementRunner statements;
  private final SqlValues sqlValues;
  private final AnalyticsSql engine;

  /** One row of the result: the index of its metric and the statistics of one group. */
  private record Row(int metric, MetricStats stats) {}

  StatsQuery(RunModel model, StatementRunner statements, SqlValues sqlValues, AnalyticsSql engine) {
    this.sqlValues = sqlValues;
    this.engine = engine;
    this.model = model;
    this.statements = statements;
  }

  /**
   * Runs a statement made by {@link #query}, for the same metrics and dimensions.
   *
   * @return per metric, in the order of {@code metrics}, its statistics per group
   */
  List<List<MetricStats>> run(BoundQuery query, List<MetricRef> metrics, List<String> groupBy) {
    List<List<MetricStats>> result = new ArrayList<>();
    metrics.forEach(metric -> result.add(new ArrayList<>()));
    for (Row row : statements.list(query.sql(), query.binder(), rs -> new Row(rs.getInt(1), read(rs, groupBy)))) {
      result.get(row.metric()).add(row.stats());
    }
    return result;
  }

  /**
   * The statement for the statistics of {@code metrics}, all of one table, per group of {@code
   * groupBy}: one row per group and metric, by group, then metric.
   */
  BoundQuery query(List<MetricRef> metrics, List<String> groupBy, RunFilter filter) {
    if (metrics.isEmpty() || metrics.stream().map(MetricRef::table).distinct().count() != 1) {
      throw new IllegalArgumentException("statistics in one statement need metrics of one table: " + metrics);
    }
    List<String> keys = new ArrayList<>();
    List<String> keySelect = new ArrayList<>();
    List<String> groupOrder = new ArrayList<>();
    if (groupBy.isEmpty()) {
      keys.add("g0");
      keySelect.add("0 AS g0");
      groupOrder.add("g.g0");
    } else {
      for (int i = 0; i < groupBy.size(); i++) {
        keys.add("g" + i);
        keySelect.add(Sql.column(RUN_ALIAS, groupBy.get(i)) + " AS g" + i);
        groupOrder.add(Sql.sorted(engine, "g.g" + i, model.runTable().column(groupBy.get(i))));
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
    List<String> values = new ArrayList<>();
    List<String> stacked = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (int m = 0; m < metrics.size(); m++) {
      values.add(MetricSql.value(metrics.get(m), model, RUN_ALIAS, engine) + " AS x" + m);
      stacked.add(
          "SELECT " + qualified("f", keys) + ", " + m + " AS m, f.x" + m + " AS x FROM f WHERE f.x" + m
              + " IS NOT NULL");
      numbers.add("SELECT " + m + " AS m");
    }
    boolean paged = filter.limit() > 0 || filter.offset() > 0;
    RunConditions conditions = RunConditions.of(model, filter, paged ? PAGE_ALIAS : RUN_ALIAS, sqlValues, engine);
    String where = paged ? page(conditions, filter) : conditions.where();
    String sql =
        // f is read twice (values and run counts): materialized, its runs are read once
        "WITH f AS MATERIALIZED (SELECT "
            + String.join(", ", keySelect)
            + ", "
            + failed
            + ", "
            + String.join(", ", values)
            + " FROM "
            + Sql.quote(model.runTable().name())
            + " "
            + RUN_ALIAS
            + MetricSql.join(metrics.get(0), model, RUN_ALIAS)
            + where
            + "), v AS ("
            + String.join(" UNION ALL ", stacked)
            // one window for the rank, count and mean of a partition: SQLite sorts once per window
            + "), ranked AS (SELECT m, "
            + partition
            + ", x, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER w AS n, AVG(x) OVER w AS gm FROM v"
            + " WINDOW w AS (PARTITION BY m, "
            + partition
            + " ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), s AS (SELECT m, "
            + partition
            + ", COUNT(*) AS cnt, AVG(x) AS mean, MIN(x) AS lo, MAX(x) AS hi,"
            + " CASE WHEN COUNT(*) > 1 THEN sqrt(SUM((x - gm) * (x - gm)) / (COUNT(*) - 1))"
            + " END AS sd,"
            + " AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN x END) AS median,"
            + " MAX(CASE WHEN rn = (95 * n + 99) / 100 THEN x END) AS p95"
            + " FROM ranked GROUP BY m, "
            + partition
            + "), g AS (SELECT "
            + partition
            + ", COUNT(*) AS runs, SUM(failed) AS failed FROM f GROUP BY "
            + partition
            + "), metrics AS ("
            + String.join(" UNION ALL ", numbers)
            + ") SELECT metrics.m, "
            + qualified("g", keys)
            + ", g.runs, g.failed, s.cnt, s.mean, s.lo, s.hi, s.sd, s.median, s.p95"
            + " FROM g CROSS JOIN metrics LEFT JOIN s ON s.m = metrics.m AND "
            + String.join(" AND ", keys.stream().map(k -> engine.same("s." + k, "g." + k)).toList())
            + " ORDER BY "
            + String.join(", ", groupOrder)
            + ", metrics.m";
    List<String> parameters = new ArrayList<>();
    if (failed.startsWith("CASE")) {
      parameters.addAll(model.failedStatuses());
    }
    for (MetricRef metric : metrics) {
      if (metric.key() != null) {
        sqlValues.checkText(metric.key(), new ColumnRef<>(metric.table(), metric.column().name()));
        parameters.add(metric.key());
      }
    }
    StatementBinder paging =
        Sql.paging(engine, filter, paged, parameters.size() + conditions.size() + 1);
    StatementBinder binder =
        statement -> {
          for (int i = 0; i < parameters.size(); i++) {
            statement.setString(1 + i, parameters.get(i));
          }
          conditions.binder(parameters.size() + 1, paging).bind(statement);
        };
    return new BoundQuery(sql, binder);
  }

  /**
   * The WHERE clause that keeps the runs of one page of the filter's order: {@code WHERE r.id IN
   * (SELECT p.id FROM runs p WHERE ... ORDER BY time, id LIMIT ? OFFSET ?)}.
   */
  private String page(RunConditions conditions, RunFilter filter) {
    String direction = filter.isNewestFirst() ? " DESC" : " ASC";
    return " WHERE "
        + Sql.column(RUN_ALIAS, model.idColumn())
        + " IN (SELECT "
        + Sql.column(PAGE_ALIAS, model.idColumn())
        + " FROM "
        + Sql.quote(model.runTable().name())
        + " "
        + PAGE_ALIAS
        + conditions.where()
        + " ORDER BY "
        + Sql.column(PAGE_ALIAS, model.timeColumn())
        + direction
        + ", "
        + Sql.sortKey(engine, PAGE_ALIAS, model.runTable().column(model.idColumn()))
        + direction
        + " LIMIT ? OFFSET ?)";
  }

  private MetricStats read(ResultSet rs, List<String> groupBy) throws SQLException {
    Map<String, Object> group = new LinkedHashMap<>();
    int index = 2;
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

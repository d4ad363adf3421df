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
 * statistics of the values are then computed per metric and group as the engine spells them best
 * ({@link AnalyticsSql#statistics}), with the same definitions on every engine. A filter with a
 * limit or an offset selects its runs first, in its order, by their ids.
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
    for (int m = 0; m < metrics.size(); m++) {
      values.add(MetricSql.value(metrics.get(m), model, RUN_ALIAS, engine) + " AS x" + m);
    }
    boolean paged = filter.limit() > 0 || filter.offset() > 0;
    RunConditions conditions = RunConditions.of(model, filter, paged ? PAGE_ALIAS : RUN_ALIAS, sqlValues, engine);
    String where = paged ? page(conditions, filter) : conditions.where();
    String runs =
        "SELECT "
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
            + where;
    String sql = engine.statistics(runs, keys, metrics.size(), groupOrder);
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
}

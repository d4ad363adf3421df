package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every matching run with its time, its dimensions and the values of many metrics, in one
 * statement: the run table joined with each child table the metrics are in, a table with several
 * rows per run summed per run first, in time order (then run id, as {@link TrendQuery} orders).
 */
final class HistoryQuery {
  private static final String RUN_ALIAS = "r";

  private final RunModel model;
  private final StatementRunner statements;
  private final ValueDecoder runs;
  private final AnalyticsSql engine;

  HistoryQuery(RunModel model, StatementRunner statements, ValueDecoder runs, AnalyticsSql engine) {
    this.model = model;
    this.statements = statements;
    this.runs = runs;
    this.engine = engine;
  }

  RunHistory run(List<MetricRef> metrics, RunFilter filter) {
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS, runs.values(), engine);
    List<String> dimensions = new ArrayList<>(model.dimensions());
    model.statusColumn().filter(c -> !dimensions.contains(c)).ifPresent(dimensions::add);
    StringBuilder select =
        new StringBuilder("SELECT ")
            .append(Sql.column(RUN_ALIAS, model.idColumn()))
            .append(", ")
            .append(Sql.column(RUN_ALIAS, model.timeColumn()));
    for (String dimension : dimensions) {
      select.append(", ").append(Sql.column(RUN_ALIAS, dimension));
    }
    StringBuilder from =
        new StringBuilder(" FROM ").append(Sql.quote(model.runTable().name())).append(' ').append(RUN_ALIAS);
    Map<String, String> aliases = new LinkedHashMap<>();
    Map<String, List<MetricRef>> summed = new LinkedHashMap<>();
    for (MetricRef metric : metrics) {
      if (!metric.table().equals(model.runTable().name()) && metric.manyPerRun()) {
        summed.computeIfAbsent(metric.table(), t -> new ArrayList<>()).add(metric);
      }
    }
    for (MetricRef metric : metrics) {
      String table = metric.table();
      if (table.equals(model.runTable().name()) || aliases.containsKey(table)) {
        continue;
      }
      String alias = "c" + aliases.size();
      aliases.put(table, alias);
      if (metric.manyPerRun()) {
        StringBuilder sums =
            new StringBuilder("(SELECT ").append(Sql.quote(metric.runColumn())).append(" AS k");
        List<MetricRef> inTable = summed.get(table);
        for (int i = 0; i < inTable.size(); i++) {
          sums.append(", SUM(")
              .append(engine.toDouble(Sql.quote(inTable.get(i).column().name())))
              .append(") AS v")
              .append(i);
        }
        sums.append(" FROM ").append(Sql.quote(table)).append(" GROUP BY ").append(Sql.quote(metric.runColumn()));
        from.append(" LEFT JOIN ").append(sums).append(") ").append(alias).append(" ON ")
            .append(alias).append(".k = ").append(Sql.column(RUN_ALIAS, model.idColumn()));
      } else {
        from.append(" LEFT JOIN ").append(Sql.quote(table)).append(' ').append(alias).append(" ON ")
            .append(Sql.column(alias, metric.runColumn())).append(" = ")
            .append(Sql.column(RUN_ALIAS, model.idColumn()));
      }
    }
    for (MetricRef metric : metrics) {
      select.append(", ");
      if (metric.table().equals(model.runTable().name())) {
        select.append(engine.toDouble(Sql.column(RUN_ALIAS, metric.column().name())));
      } else if (metric.manyPerRun()) {
        select.append(aliases.get(metric.table())).append(".v").append(summed.get(metric.table()).indexOf(metric));
      } else {
        select.append(engine.toDouble(Sql.column(aliases.get(metric.table()), metric.column().name())));
      }
    }
    String id = Sql.sorted(engine, Sql.column(RUN_ALIAS, model.idColumn()), model.runTable().column(model.idColumn()));
    String sql =
        select + from.toString() + conditions.where() + " ORDER BY " + Sql.column(RUN_ALIAS, model.timeColumn()) + ", " + id;
    RunHistory.Builder history = new RunHistory.Builder(model, metrics, dimensions);
    statements.list(
        sql,
        conditions.binder(1, statement -> {}),
        rs -> {
          read(rs, history, dimensions, metrics.size());
          return null;
        });
    return history.build();
  }

  private void read(ResultSet rs, RunHistory.Builder history, List<String> dimensions, int metrics)
      throws SQLException {
    Object id = runs.read(rs, 1, model.idColumn());
    Object stored = runs.read(rs, 2, model.timeColumn());
    Instant time = stored instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) stored;
    Object[] values = new Object[dimensions.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = runs.read(rs, 3 + i, dimensions.get(i));
    }
    double[] numbers = new double[metrics];
    int first = 3 + values.length;
    for (int i = 0; i < metrics; i++) {
      double value = rs.getDouble(first + i);
      numbers[i] = rs.wasNull() ? Double.NaN : value;
    }
    history.add(id, time, values, numbers);
  }
}

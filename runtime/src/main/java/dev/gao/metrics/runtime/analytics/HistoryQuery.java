package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every matching run with its time, its dimensions and the values of many metrics: one statement
 * for the run table (its rows put in time order, then run id, as {@link TrendQuery} orders them)
 * and one per child table the metrics are in, each read from start to end (a table with several rows per run summed
 * per run) and matched to its run by id. Sequential reads and a hash join in memory take a
 * fraction of the time of one index lookup per run and child table.
 */
final class HistoryQuery {
  private static final String RUN_ALIAS = "r";
  private static final String CHILD = "c";

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

  /** Reads the history; to be called inside one read transaction, so that all reads agree. */
  RunHistory run(List<MetricRef> metrics, RunFilter filter) {
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS, runs.values(), engine);
    List<String> dimensions = new ArrayList<>(model.dimensions());
    model.statusColumn().filter(c -> !dimensions.contains(c)).ifPresent(dimensions::add);
    List<MetricRef> own = new ArrayList<>();
    Map<String, List<MetricRef>> children = new LinkedHashMap<>();
    for (MetricRef metric : metrics) {
      if (metric.table().equals(model.runTable().name())) {
        own.add(metric);
      } else {
        children.computeIfAbsent(metric.table(), t -> new ArrayList<>()).add(metric);
      }
    }
    StringBuilder select =
        new StringBuilder("SELECT ")
            .append(Sql.column(RUN_ALIAS, model.idColumn()))
            .append(", ")
            .append(Sql.column(RUN_ALIAS, model.timeColumn()));
    for (String dimension : dimensions) {
      select.append(", ").append(Sql.column(RUN_ALIAS, dimension));
    }
    for (MetricRef metric : own) {
      select.append(", ").append(engine.toDouble(Sql.column(RUN_ALIAS, metric.column().name())));
    }
    // read in storage order and sorted here: a scan of the table takes a third of the time of
    // following the time index to every row
    String sql = select + " FROM " + Sql.quote(model.runTable().name()) + " " + RUN_ALIAS + conditions.where();
    RunHistory.Builder history = new RunHistory.Builder(model, metrics, dimensions);
    Map<String, Integer> index = new HashMap<>();
    List<double[]> ownValues = new ArrayList<>();
    statements.list(
        sql,
        conditions.binder(1, statement -> {}),
        rs -> {
          readRun(rs, history, dimensions);
          double[] values = new double[own.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = number(rs, 3 + dimensions.size() + i);
          }
          ownValues.add(values);
          return null;
        });
    for (int i = 0; i < own.size(); i++) {
      int metric = metrics.indexOf(own.get(i));
      for (int run = 0; run < ownValues.size(); run++) {
        history.set(metric, run, ownValues.get(run)[i]);
      }
    }
    history.sortByTime();
    for (int run = 0; run < ownValues.size(); run++) {
      index.put(String.valueOf(history.runId(run)), run);
    }
    for (Map.Entry<String, List<MetricRef>> child : children.entrySet()) {
      readChild(child.getValue(), conditions, metrics, history, index);
    }
    return history.build();
  }

  /** A column's number, NaN for NULL. */
  private static double number(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : value;
  }

  private int readRun(ResultSet rs, RunHistory.Builder history, List<String> dimensions) throws SQLException {
    Object id = runs.read(rs, 1, model.idColumn());
    Object stored = runs.read(rs, 2, model.timeColumn());
    Instant time = stored instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) stored;
    Object[] values = new Object[dimensions.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = runs.read(rs, 3 + i, dimensions.get(i));
    }
    return history.add(id, time, values);
  }

  /**
   * Reads a child table's metrics of every matching run: its rows in storage order, summed per run
   * for a table with several rows per run, only the matching runs' when the filter has conditions.
   */
  private void readChild(
      List<MetricRef> metrics,
      RunConditions conditions,
      List<MetricRef> all,
      RunHistory.Builder history,
      Map<String, Integer> index) {
    MetricRef first = metrics.get(0);
    boolean summed = first.manyPerRun();
    String runColumn = Sql.column(CHILD, first.runColumn());
    StringBuilder sql = new StringBuilder("SELECT ").append(runColumn);
    for (MetricRef metric : metrics) {
      String value = engine.toDouble(Sql.column(CHILD, metric.column().name()));
      sql.append(", ").append(summed ? "SUM(" + value + ")" : value);
    }
    sql.append(" FROM ").append(Sql.quote(first.table())).append(' ').append(CHILD);
    if (!conditions.where().isEmpty()) {
      sql.append(" WHERE ")
          .append(runColumn)
          .append(" IN (SELECT ")
          .append(Sql.column(RUN_ALIAS, model.idColumn()))
          .append(" FROM ")
          .append(Sql.quote(model.runTable().name()))
          .append(' ')
          .append(RUN_ALIAS)
          .append(conditions.where())
          .append(')');
    }
    if (summed) {
      sql.append(" GROUP BY ").append(runColumn);
    }
    int[] at = metrics.stream().mapToInt(all::indexOf).toArray();
    statements.list(
        sql.toString(),
        conditions.binder(1, statement -> {}),
        rs -> {
          Integer run = index.get(rs.getString(1));
          if (run != null) {
            for (int i = 0; i < at.length; i++) {
              history.set(at[i], run, number(rs, 2 + i));
            }
          }
          return null;
        });
  }
}

package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric value of a set of runs in a single statement: one {@code SELECT} per metric column,
 * joined by {@code UNION ALL}, each reading only the given runs through the run-id index, with the
 * keys of JSON maps expanded into their entries. The run ids are one JSON array, bound once where the
 * engine numbers its parameters ({@code ?1}) and once per metric where it does not. Rows of a child table with several rows per run
 * are summed per run, as everywhere in the analytics.
 */
final class RunValues {
  private final RunModel model;
  private final StatementRunner statements;
  private final SqlValues sqlValues;
  private final List<MetricRef> metrics;
  private final AnalyticsSql engine;
  private final boolean numbered;
  private final String sql;

  RunValues(
      RunModel model,
      StatementRunner statements,
      SqlValues sqlValues,
      AnalyticsSql engine,
      boolean numberedParameters) {
    this.sqlValues = sqlValues;
    this.engine = engine;
    this.numbered = numberedParameters;
    this.model = model;
    this.statements = statements;
    this.metrics = List.copyOf(model.metrics().values());
    this.sql = sql();
  }

  /**
   * The statement; its parameters ({@code ?1} once, or one {@code ?} per metric) are a JSON array
   * of run ids.
   */
  String sql() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      parts.add(select(i, metrics.get(i)));
    }
    return "SELECT run, m, k, x FROM ("
        + String.join(" UNION ALL ", parts)
        + ") ORDER BY run, m, k";
  }

  private String select(int index, MetricRef metric) {
    boolean onRunTable = metric.table().equals(model.runTable().name());
    String runColumn = Sql.column("c", onRunTable ? model.idColumn() : metric.runColumn());
    String column = Sql.column("c", metric.column().name());
    String key = metric.isMap() ? engine.entryKey("j") : "NULL";
    String value = metric.isMap() ? engine.entryNumber("j") : engine.toDouble(column);
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(runColumn)
            .append(" AS run, ")
            .append(index)
            .append(" AS m, ")
            .append(key)
            .append(" AS k, ")
            .append(metric.manyPerRun() ? "SUM(" + value + ")" : value)
            .append(" AS x FROM ")
            .append(Sql.quote(metric.table()))
            .append(" c");
    if (metric.isMap()) {
      sql.append(", ").append(engine.jsonEntries(column, "j"));
    }
    String idType = model.runTable().column(model.idColumn()).javaType();
    sql.append(" WHERE ").append(engine.inJsonArray(runColumn, idType, numbered ? "?1" : "?"));
    if (metric.isMap()) {
      sql.append(" AND ").append(engine.entryIsNumber("j"));
    } else {
      sql.append(" AND ").append(column).append(" IS NOT NULL");
    }
    if (metric.manyPerRun()) {
      sql.append(" GROUP BY ").append(runColumn);
      if (metric.isMap()) {
        sql.append(", j.key");
      }
    }
    return sql.toString();
  }

  /**
   * The values of the runs in {@code idsJson}.
   *
   * @return run id as text to metric to value, metrics in model order and map keys sorted
   */
  Map<String, Map<MetricRef, Double>> read(String idsJson) {
    Map<String, Map<MetricRef, Double>> values = new LinkedHashMap<>();
    statements.list(
        sql,
        statement -> {
          ColumnRef<?> ids = new ColumnRef<>(model.runTable().name(), model.idColumn());
          for (int i = 1; i <= (numbered ? 1 : metrics.size()); i++) {
            sqlValues.setText(statement, i, idsJson, ids);
          }
        },
        rs -> {
          MetricRef metric = metrics.get(rs.getInt(2));
          String key = rs.getString(3);
          double x = rs.getDouble(4);
          values
              .computeIfAbsent(rs.getString(1), run -> new LinkedHashMap<>())
              .put(key == null ? metric : metric.withKey(key), x);
          return null;
        });
    return values;
  }

  /** The metrics as listed in the statement, maps without a key. */
  List<MetricRef> metrics() {
    return metrics;
  }
}

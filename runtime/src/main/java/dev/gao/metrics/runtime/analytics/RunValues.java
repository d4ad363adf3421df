package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
    // no ORDER BY: the rows are few, and they are put in order as they are read, by code point,
    // whatever the database's collation
    return String.join(" UNION ALL ", parts);
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
    List<Row> rows =
        new ArrayList<>(
            statements.list(
                sql,
                statement -> {
                  ColumnRef<?> ids = new ColumnRef<>(model.runTable().name(), model.idColumn());
                  for (int i = 1; i <= (numbered ? 1 : metrics.size()); i++) {
                    sqlValues.setText(statement, i, idsJson, ids);
                  }
                },
                rs -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4))));
    rows.sort(IN_ORDER);
    for (Row row : rows) {
      MetricRef metric = metrics.get(row.metric());
      values
          .computeIfAbsent(row.run(), run -> new LinkedHashMap<>())
          .put(row.key() == null ? metric : metric.withKey(row.key()), row.value());
    }
    return values;
  }

  /** One value: of a run, the metric at an index of {@link #metrics}, and a map's key. */
  private record Row(String run, int metric, String key, double value) {}

  /** Metrics in model order, then map keys by code point, as text sorts in SQL on every engine. */
  private static final Comparator<Row> IN_ORDER =
      Comparator.comparingInt(Row::metric)
          .thenComparing(Row::key, Comparator.nullsFirst(RunValues::byCodePoint));

  private static int byCodePoint(String left, String right) {
    return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
  }

  /** The metrics as listed in the statement, maps without a key. */
  List<MetricRef> metrics() {
    return metrics;
  }
}

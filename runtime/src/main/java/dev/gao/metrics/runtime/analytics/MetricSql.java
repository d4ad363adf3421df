package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.sql.AnalyticsSql;

/**
 * The SQL that gives a metric's one value per run. A metric of the run table is read from the run
 * row itself; a metric of a child table is a correlated subquery on the child's run-id column
 * (which has an index: a foreign key always gets one), summing the rows of a table with several
 * rows per run; a key of a JSON map is looked up among the map's entries ({@link
 * AnalyticsSql#jsonEntries}), the key bound as a parameter, and only numbers count. A plain column of a child table with at most one row per run
 * is instead read through a {@code LEFT JOIN} ({@link #join}), which SQLite runs once per run
 * however often the value is referenced.
 */
final class MetricSql {
  private static final String CHILD = "c";
  private static final String ENTRY = "j";

  private MetricSql() {}

  /**
   * The join that {@link #value} reads from, to follow the run table aliased {@code runAlias} in a
   * FROM clause: {@code LEFT JOIN child c ON ...}, or empty when the value needs none.
   */
  static String join(MetricRef metric, RunModel model, String runAlias) {
    if (!joined(metric, model)) {
      return "";
    }
    return " LEFT JOIN "
        + Sql.quote(metric.table())
        + " "
        + CHILD
        + " ON "
        + Sql.column(CHILD, metric.runColumn())
        + " = "
        + Sql.column(runAlias, model.idColumn());
  }

  /** Whether {@link #value} is a correlated subquery, worth materializing before reuse. */
  static boolean correlated(MetricRef metric, RunModel model) {
    return !metric.table().equals(model.runTable().name()) && !joined(metric, model);
  }

  /**
   * Whether {@link #value} is a plain column of the run table or of a joined child, without
   * parameters: cheap to repeat in a {@code WHERE} clause.
   */
  static boolean plainColumn(MetricRef metric, RunModel model) {
    return joined(metric, model)
        || (metric.table().equals(model.runTable().name()) && metric.key() == null);
  }

  private static boolean joined(MetricRef metric, RunModel model) {
    return !metric.table().equals(model.runTable().name())
        && !metric.manyPerRun()
        && metric.key() == null;
  }

  /**
   * The value of {@code metric} for the run in the row aliased {@code runAlias} of the run table, as
   * a floating-point number ({@link AnalyticsSql#toDouble}). Holds one {@code ?}, for the key, when
   * {@link MetricRef#key()} is set; none otherwise.
   */
  static String value(MetricRef metric, RunModel model, String runAlias, AnalyticsSql engine) {
    boolean onRunTable = metric.table().equals(model.runTable().name());
    if (joined(metric, model)) {
      return engine.toDouble(Sql.column(CHILD, metric.column().name()));
    }
    String owner = onRunTable ? runAlias : CHILD;
    String column = Sql.column(owner, metric.column().name());
    if (onRunTable && metric.key() == null) {
      return engine.toDouble(column);
    }
    // an entry's number is a double already; a column is converted before it is summed
    String value = metric.key() == null ? engine.toDouble(column) : engine.entryNumber(ENTRY);
    String aggregate = metric.manyPerRun() ? "SUM(" + value + ")" : value;
    StringBuilder sql = new StringBuilder("(SELECT ").append(aggregate).append(" FROM ");
    if (!onRunTable) {
      sql.append(Sql.quote(metric.table())).append(' ').append(CHILD);
    }
    if (metric.key() != null) {
      sql.append(onRunTable ? "" : ", ").append(engine.jsonEntries(column, ENTRY));
    }
    sql.append(" WHERE ");
    if (!onRunTable) {
      sql.append(Sql.column(CHILD, metric.runColumn()))
          .append(" = ")
          .append(Sql.column(runAlias, model.idColumn()));
    }
    if (metric.key() != null) {
      sql.append(onRunTable ? "" : " AND ")
          .append(engine.entryKey(ENTRY))
          .append(" = ? AND ")
          .append(engine.entryIsNumber(ENTRY));
    }
    return sql.append(')').toString();
  }
}

package dev.gao.metrics.runtime.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.StatementBinder;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.ErrorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads runs and computes statistics of their metrics on a database, as a {@link RunModel}
 * describes them. Every method runs a fixed number of statements whatever the number of runs or
 * groups: one for a list of runs, one per table for whole runs, one for statistics. The SQL holds
 * only quoted identifiers validated against the schema; every value is a bound parameter.
 */
public final class Analytics {
  private static final String RUN_ALIAS = "r";

  private final MetricsDatabase database;
  private final RunModel model;
  private final StatementRunner statements;
  private final ValueDecoder runDecoder;
  private final StatsQuery stats;

  /**
   * Analytics of the runs {@code model} describes in {@code database}.
   *
   * @param database the open database
   * @param model the run model
   * @throws IllegalArgumentException if the model describes another schema than the database's
   */
  public Analytics(MetricsDatabase database, RunModel model) {
    this.database = Objects.requireNonNull(database, "database");
    this.model = Objects.requireNonNull(model, "model");
    if (!database.schema().name().equals(model.schema().name())) {
      throw new IllegalArgumentException(
          "the run model describes schema "
              + model.schema().name()
              + " but database "
              + database.location()
              + " holds schema "
              + database.schema().name());
    }
    ErrorContext errors = ErrorContext.of(database.location());
    this.statements =
        new StatementRunner(database.transactions(), e -> database.dialect().translate(e, errors));
    this.runDecoder = new ValueDecoder(model.runTable(), database.json());
    this.stats = new StatsQuery(model, statements);
  }

  /**
   * The run model.
   *
   * @return the model
   */
  public RunModel model() {
    return model;
  }

  /**
   * The runs that match {@code filter}, in its order (by time, then by run id), paged by its limit
   * and offset, in one statement.
   *
   * @param filter the filter
   * @return the runs
   * @throws IllegalArgumentException if the filter names an unknown dimension, or statuses without
   *     a status column
   */
  public List<RunRow> runs(RunFilter filter) {
    Objects.requireNonNull(filter, "filter");
    BoundQuery query = runsQuery(filter);
    return statements.list(query.sql(), query.binder(), this::runRow);
  }

  /** The statement {@link #runs} runs for {@code filter}. */
  BoundQuery runsQuery(RunFilter filter) {
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS);
    String direction = filter.isNewestFirst() ? " DESC" : " ASC";
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(Sql.columns(RUN_ALIAS, columnNames(model.runTable())))
            .append(" FROM ")
            .append(Sql.quote(model.runTable().name()))
            .append(' ')
            .append(RUN_ALIAS)
            .append(conditions.where())
            .append(" ORDER BY ")
            .append(Sql.column(RUN_ALIAS, model.timeColumn()))
            .append(direction)
            .append(", ")
            .append(Sql.column(RUN_ALIAS, model.idColumn()))
            .append(direction);
    boolean paged = filter.limit() > 0 || filter.offset() > 0;
    if (paged) {
      sql.append(" LIMIT ? OFFSET ?");
    }
    int next = conditions.size() + 1;
    StatementBinder paging =
        paged
            ? statement -> {
              statement.setLong(next, filter.limit() > 0 ? filter.limit() : -1);
              statement.setLong(next + 1, filter.offset());
            }
            : StatementBinder.NONE;
    return new BoundQuery(sql.toString(), conditions.binder(1, paging));
  }

  /**
   * The {@code n} newest runs that match {@code filter}, newest first; the filter's order, limit
   * and offset are replaced.
   *
   * @param n the number of runs, at least 1
   * @param filter the filter
   * @return up to {@code n} runs
   */
  public List<RunRow> latest(int n, RunFilter filter) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1 but was " + n);
    }
    return runs(filter.newestFirst().offset(0).limit(n));
  }

  /**
   * Many runs read whole: their run rows and every row of every child table, with one statement per
   * table on one snapshot, whatever the number of runs.
   *
   * @param runIds the run ids; unknown ids are skipped
   * @return run id (as the run table decodes it) to whole run, in the order of {@code runIds}
   */
  public Map<Object, WholeRun> wholeRuns(List<?> runIds) {
    Objects.requireNonNull(runIds, "runIds");
    String ids = idsJson(runIds);
    return database.read(
        tx -> {
          Map<Object, RunRow> runs = new LinkedHashMap<>();
          for (RunRow row :
              statements.list(
                  selectByRun(model.runTable(), model.idColumn(), ""),
                  statement -> statement.setString(1, ids),
                  this::runRow)) {
            runs.put(row.id(), row);
          }
          Map<String, Map<String, List<Map<String, Object>>>> children = new LinkedHashMap<>();
          runs.keySet().forEach(id -> children.put(id.toString(), new LinkedHashMap<>()));
          for (Map.Entry<String, ForeignKeyInfo> child : model.childTables().entrySet()) {
            readChildren(child.getKey(), child.getValue().column(), ids, children);
          }
          Map<String, RunRow> byText = new LinkedHashMap<>();
          runs.values().forEach(run -> byText.put(run.id().toString(), run));
          Map<Object, WholeRun> whole = new LinkedHashMap<>();
          for (Object id : runIds) {
            RunRow run = byText.get(String.valueOf(id));
            if (run != null) {
              whole.putIfAbsent(run.id(), new WholeRun(run, children.get(run.id().toString())));
            }
          }
          return whole;
        });
  }

  /**
   * Statistics of a metric per group of runs, all computed in one SQL statement: count, mean, min,
   * max, sample standard deviation, median, p95 (nearest rank) and failure rate; see {@link
   * MetricStats}. Groups are ordered by their dimension values.
   *
   * @param metric the metric, {@code table.column}
   * @param groupBy the dimensions to group by; empty for one group of all matching runs
   * @param filter the runs to include; its order, limit and offset are ignored
   * @return one entry per group that has matching runs
   * @throws IllegalArgumentException for an unknown metric or dimension, naming the valid ones
   */
  public List<MetricStats> stats(String metric, List<String> groupBy, RunFilter filter) {
    return stats.run(statsQuery(metric, groupBy, filter), groupBy);
  }

  /** The statement {@link #stats} runs. */
  BoundQuery statsQuery(String metric, List<String> groupBy, RunFilter filter) {
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(filter, "filter");
    return stats.query(
        model.metric(metric), groupBy.stream().map(model::dimension).toList(), filter);
  }

  private void readChildren(
      String table,
      String runColumn,
      String ids,
      Map<String, Map<String, List<Map<String, Object>>>> children) {
    TableInfo child = model.table(table);
    ValueDecoder decoder = new ValueDecoder(child, database.json());
    String order =
        child.primaryKey().isEmpty() ? "rowid" : Sql.columns(RUN_ALIAS, child.primaryKey());
    for (Map<String, List<Map<String, Object>>> rows : children.values()) {
      rows.put(table, new ArrayList<>());
    }
    List<Map<String, Object>> rows =
        statements.list(
            selectByRun(child, runColumn, " ORDER BY " + order),
            statement -> statement.setString(1, ids),
            decoder::read);
    for (Map<String, Object> row : rows) {
      Map<String, List<Map<String, Object>>> run = children.get(String.valueOf(row.get(runColumn)));
      if (run != null) {
        run.get(table).add(row);
      }
    }
  }

  static String selectByRun(TableInfo table, String runColumn, String order) {
    return "SELECT "
        + Sql.columns(RUN_ALIAS, columnNames(table))
        + " FROM "
        + Sql.quote(table.name())
        + " "
        + RUN_ALIAS
        + " WHERE "
        + Sql.column(RUN_ALIAS, runColumn)
        + " IN (SELECT value FROM json_each(?))"
        + order;
  }

  private String idsJson(List<?> runIds) {
    try {
      return database.json().mapper().writeValueAsString(runIds);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("run ids must be strings or numbers: " + runIds, e);
    }
  }

  private RunRow runRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    Map<String, Object> values = runDecoder.read(rs);
    return new RunRow(values.get(model.idColumn()), values);
  }

  private static List<String> columnNames(TableInfo table) {
    return table.columns().stream().map(ColumnInfo::name).toList();
  }
}

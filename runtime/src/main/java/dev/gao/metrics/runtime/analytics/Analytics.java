package dev.gao.metrics.runtime.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import dev.gao.metrics.runtime.sql.ErrorContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads runs and computes statistics, trends, comparisons and regression checks of their metrics
 * on a database, as a {@link RunModel} describes them. Every method runs a fixed number of
 * statements whatever the number of runs or groups: one for a list of runs, one per table for
 * whole runs, one for statistics of one metric (one per table for many), one for a trend, three
 * for a comparison or a regression check.
 * Every analytic works on one value per run (see {@link MetricRef}). The SQL holds only quoted
 * identifiers validated against the schema; every value is a bound parameter.
 */
public final class Analytics {
  private static final String RUN_ALIAS = "r";

  private final MetricsDatabase database;
  private final RunModel model;
  private final StatementRunner statements;
  private final ValueDecoder runDecoder;
  private final StatsQuery stats;
  private final TrendQuery trends;
  private final HistoryQuery history;
  private final RunValues values;
  private final AnalyticsSql engine;

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
    this.runDecoder = new ValueDecoder(model.runTable(), database.values());
    this.engine = database.dialect().analyticsSql();
    this.stats = new StatsQuery(model, statements, database.values(), engine);
    this.trends = new TrendQuery(model, statements, runDecoder, engine);
    this.history = new HistoryQuery(model, statements, runDecoder, engine);
    this.values =
        new RunValues(
            model, statements, database.values(), engine, database.dialect().numberedParameters());
  }

  /** How this database's engine spells what differs in the analytics' SQL. */
  AnalyticsSql engine() {
    return engine;
  }

  /** The runner of this database's statements, with its error translation. */
  StatementRunner statements() {
    return statements;
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

  /**
   * The runs that match {@code filter}, like {@link #runs}, read lazily from one statement: for
   * walking every run of a large database without paging through it (an offset re-reads every row
   * before it). The stream holds a connection until it is closed; inside a unit of work it reads
   * that unit's snapshot.
   *
   * @param filter the filter
   * @return the runs; close the stream
   * @throws IllegalArgumentException if the filter names an unknown dimension, or statuses without
   *     a status column
   */
  public Stream<RunRow> streamRuns(RunFilter filter) {
    Objects.requireNonNull(filter, "filter");
    BoundQuery query = runsQuery(filter);
    return statements.stream(query.sql(), query.binder(), this::runRow);
  }

  /** The statement {@link #runs} runs for {@code filter}. */
  BoundQuery runsQuery(RunFilter filter) {
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS, database.values(), engine);
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
            .append(Sql.sortKey(engine, RUN_ALIAS, model.runTable().column(model.idColumn())))
            .append(direction);
    boolean paged = filter.limit() > 0 || filter.offset() > 0;
    if (paged) {
      sql.append(" LIMIT ? OFFSET ?");
    }
    return new BoundQuery(sql.toString(), conditions.binder(1, Sql.paging(engine, filter, paged, conditions.size() + 1)));
  }

  /**
   * The number of runs that match {@code filter}, in one statement; its order, limit and offset are
   * ignored.
   *
   * @param filter the filter
   * @return the number of matching runs
   */
  public long count(RunFilter filter) {
    Objects.requireNonNull(filter, "filter");
    RunConditions conditions = RunConditions.of(model, filter, RUN_ALIAS, database.values(), engine);
    return statements.firstLong(
        "SELECT count(*) FROM "
            + Sql.quote(model.runTable().name())
            + " "
            + RUN_ALIAS
            + conditions.where(),
        conditions.binder(1, StatementBinder.NONE));
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
    return database.read(tx -> readWhole(runIds));
  }

  /** {@link #wholeRuns} inside a snapshot already open. */
  private Map<Object, WholeRun> readWhole(List<?> runIds) {
    String ids = idsJson(runIds);
    Map<String, RunRow> runs = runRows(ids);
    Map<String, Map<String, List<Map<String, Object>>>> children = new LinkedHashMap<>();
    runs.keySet().forEach(id -> children.put(id, new LinkedHashMap<>()));
    for (Map.Entry<String, ForeignKeyInfo> child : model.childTables().entrySet()) {
      readChildren(child.getKey(), child.getValue().column(), ids, children);
    }
    Map<Object, WholeRun> whole = new LinkedHashMap<>();
    for (Object id : runIds) {
      RunRow run = runs.get(text(id));
      if (run != null) {
        whole.putIfAbsent(run.id(), new WholeRun(run, children.get(text(run.id()))));
      }
    }
    return whole;
  }

  /**
   * One run read whole with the value of every metric it has, as every other analytic sees it (a
   * child table with several rows per run summed, each key of a JSON map its own metric), on one
   * snapshot.
   *
   * @param runId the run's id
   * @return the run and its values, metrics in model order and map keys by code point
   * @throws RunNotFoundException if there is no such run
   */
  public RunDetail runDetail(Object runId) {
    Objects.requireNonNull(runId, "runId");
    return database.read(
        tx -> {
          WholeRun whole = readWhole(List.of(runId)).values().stream().findFirst().orElse(null);
          if (whole == null) {
            throw new RunNotFoundException(model.runTable().name(), model.idColumn(), runId);
          }
          Map<MetricRef, Double> read =
              values
                  .read(idsJson(List.of(whole.run().id())))
                  .getOrDefault(text(whole.run().id()), Map.of());
          return new RunDetail(whole, read);
        });
  }

  /**
   * Statistics of a metric per group of runs, all computed in one SQL statement: count, mean, min,
   * max, sample standard deviation, median, p95 (nearest rank) and failure rate; see {@link
   * MetricStats}. Groups are ordered by their dimension values.
   *
   * @param metric the metric, {@code table.column} or {@code table.column[key]}; the table may be
   *     left out when only one table has a metric column of that name ({@link RunModel#qualify})
   * @param groupBy the dimensions to group by; empty for one group of all matching runs
   * @param filter the runs to include; with a limit or an offset, only the runs of that page of its
   *     order (by default the newest {@code limit} runs) are grouped, as {@link #runs} would list
   *     them
   * @return one entry per group that has matching runs
   * @throws IllegalArgumentException for an unknown metric or dimension, naming the valid ones
   */
  public List<MetricStats> stats(String metric, List<String> groupBy, RunFilter filter) {
    return statsByMetric(List.of(metric), groupBy, filter).values().iterator().next();
  }

  /**
   * Statistics of many metrics per group of runs, as {@link #stats} computes them for one, in one
   * statement per table the metrics belong to, whatever the number of metrics and groups.
   *
   * @param metrics the metrics, as {@link #stats} takes them, at least one
   * @param groupBy the dimensions to group by; empty for one group of all matching runs
   * @param filter the runs to include, as {@link #stats} takes it
   * @return full metric name ({@link MetricRef#name()}) to one entry per group that has matching
   *     runs, in the order of {@code metrics}
   * @throws IllegalArgumentException for an unknown metric or dimension, naming the valid ones, or
   *     no metric
   */
  public Map<String, List<MetricStats>> statsByMetric(
      List<String> metrics, List<String> groupBy, RunFilter filter) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(filter, "filter");
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("statistics need at least one metric");
    }
    List<MetricRef> refs = metrics.stream().map(model::metric).distinct().toList();
    List<String> dimensions = groupBy.stream().map(model::dimension).toList();
    Map<String, List<MetricRef>> byTable = new LinkedHashMap<>();
    refs.forEach(ref -> byTable.computeIfAbsent(ref.table(), table -> new ArrayList<>()).add(ref));
    Map<MetricRef, List<MetricStats>> computed = new LinkedHashMap<>();
    // one snapshot, so that every table's statistics count the same runs
    database.read(
        tx -> {
          for (List<MetricRef> table : byTable.values()) {
            List<List<MetricStats>> each =
                stats.run(stats.query(table, dimensions, filter), table, dimensions);
            for (int i = 0; i < table.size(); i++) {
              computed.put(table.get(i), each.get(i));
            }
          }
          return null;
        });
    Map<String, List<MetricStats>> result = new LinkedHashMap<>();
    refs.forEach(ref -> result.put(ref.name(), List.copyOf(computed.get(ref))));
    return result;
  }

  /** The statement {@link #stats} runs. */
  BoundQuery statsQuery(String metric, List<String> groupBy, RunFilter filter) {
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(filter, "filter");
    return stats.query(
        List.of(model.metric(metric)), groupBy.stream().map(model::dimension).toList(), filter);
  }

  /**
   * The trend of a metric over time, oldest point first, in one statement: one point per run or
   * per period, each with the trailing moving average over {@code window} points. The filter
   * selects the runs; its limit keeps the newest points (0 keeps all) and its offset skips the
   * newest ones; its order is ignored. Runs without a value of the metric make no point.
   *
   * @param metric the metric, {@code table.column} or {@code table.column[key]}
   * @param filter the runs to include and the number of points
   * @param interval one point per run, or per period
   * @param window the number of points the moving average spans, at least 1
   * @return the points, oldest first
   * @throws IllegalArgumentException for an unknown metric or dimension, or a window below 1
   */
  public List<TrendPoint> trend(String metric, RunFilter filter, Interval interval, int window) {
    return trends.run(trendQuery(metric, filter, interval, window), interval);
  }

  /**
   * Every matching run, oldest first, with its dimensions and its values of many metrics, in one
   * statement: the data of many trends at once (see {@link RunHistory#trend}).
   *
   * @param metrics the metrics, {@code table.column}, number columns (not the keys of a JSON map)
   * @param filter the runs to include, by dimension, status and time; without a limit or offset
   * @return the runs
   * @throws IllegalArgumentException for an unknown metric or dimension, a key of a JSON map, or a
   *     filter with a limit or an offset
   */
  public RunHistory history(List<String> metrics, RunFilter filter) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(filter, "filter");
    if (filter.limit() > 0 || filter.offset() > 0) {
      throw new IllegalArgumentException(
          "a history reads every matching run: its filter takes no limit or offset, but was " + filter);
    }
    List<MetricRef> refs = metrics.stream().map(model::metric).distinct().toList();
    for (MetricRef ref : refs) {
      if (ref.isMap() || ref.key() != null) {
        throw new IllegalArgumentException(
            "a history reads number columns; " + ref.name() + " is a JSON map: read its keys with trend");
      }
    }
    return database.read(tx -> history.run(refs, filter));
  }

  /**
   * The change points of some metrics in the history of each comparable group ({@link
   * ChangePointOptions#comparableBy()}, by default the model's), found by {@link
   * ChangePointDetector} over the group's runs in time order (failed runs left out unless the
   * options include them). The histories are read at once, as {@link #history} reads them; a key
   * of a JSON map is read with {@link #trend}, group by group.
   *
   * @param metrics the metrics, as {@link #trend} takes them, at least one
   * @param filter the runs, by dimension, status and time; without a limit or offset
   * @param options the detector's settings
   * @return the change points, by group (ordered by its values), metric (as given) and time
   * @throws IllegalArgumentException for an unknown metric or dimension, or a filter with a limit
   *     or an offset
   */
  public List<ChangePoint> changePoints(List<String> metrics, RunFilter filter, ChangePointOptions options) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(options, "options");
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("change points need at least one metric");
    }
    List<MetricRef> refs = metrics.stream().map(model::metric).distinct().toList();
    for (MetricRef ref : refs) {
      if (ref.isMap() && ref.key() == null) {
        throw new IllegalArgumentException(
            ref.name() + " is a JSON map: name one of its keys, " + ref.name() + "[key]");
      }
    }
    List<String> comparable =
        (options.comparableBy() != null ? options.comparableBy() : model.comparableBy()).stream()
            .map(model::dimension)
            .toList();
    List<String> columns = refs.stream().filter(r -> r.key() == null).map(MetricRef::name).toList();
    RunHistory runs = history(columns, filter);
    boolean withoutFailed = !options.includesFailed();
    List<ChangePoint> found = new ArrayList<>();
    for (Map<String, Object> group : runs.groups(comparable)) {
      for (MetricRef metric : refs) {
        TrendSeries series;
        if (metric.key() == null) {
          series = runs.series(metric.name(), group, withoutFailed, 1);
        } else {
          RunFilter of = withoutFailed ? filter.withoutFailed() : filter;
          for (Map.Entry<String, Object> value : group.entrySet()) {
            of = of.where(value.getKey(), String.valueOf(value.getValue()));
          }
          series = TrendSeries.of(trend(metric.name(), of, Interval.RUN, 1));
        }
        found.addAll(ChangePointDetector.changePoints(metric, group, series, options));
      }
    }
    return found;
  }

  /** The statement {@link #trend} runs. */
  BoundQuery trendQuery(String metric, RunFilter filter, Interval interval, int window) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(interval, "interval");
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    return trends.query(model.metric(metric), filter, interval, window);
  }

  /**
   * Every metric of two runs side by side: absolute and relative delta, and whether the candidate
   * improved, regressed or stayed within the threshold by each metric's direction. Reads one
   * snapshot.
   *
   * @param baselineId the baseline run's id
   * @param candidateId the candidate run's id
   * @param thresholds the relative thresholds
   * @return the comparison
   * @throws RunNotFoundException if either run does not exist
   */
  public RunComparison compare(Object baselineId, Object candidateId, Thresholds thresholds) {
    Objects.requireNonNull(baselineId, "baselineId");
    Objects.requireNonNull(candidateId, "candidateId");
    Objects.requireNonNull(thresholds, "thresholds");
    return database.read(
        tx -> {
          Map<String, RunRow> rows = runRows(idsJson(List.of(baselineId, candidateId)));
          RunRow baseline = require(rows, baselineId);
          RunRow candidate = require(rows, candidateId);
          Map<String, Map<MetricRef, Double>> read =
              values.read(idsJson(List.of(baseline.id(), candidate.id())));
          Map<MetricRef, Double> before = read.getOrDefault(text(baseline.id()), Map.of());
          Map<MetricRef, Double> after = read.getOrDefault(text(candidate.id()), Map.of());
          List<MetricDelta> deltas = new ArrayList<>();
          for (MetricRef metric : Comparisons.present(values.metrics(), List.of(before, after))) {
            deltas.add(
                Comparisons.delta(
                    metric, before.get(metric), after.get(metric), thresholds.of(metric)));
          }
          return new RunComparison(baseline, candidate, deltas);
        });
  }

  /**
   * Checks a run for regressions against a baseline (see {@link RegressionOptions}): every metric
   * the run or the baseline has, with its evidence. Reads one snapshot.
   *
   * @param candidateId the checked run's id
   * @param options the baseline and the decision rules
   * @return the report
   * @throws RunNotFoundException if the run or the named baseline run does not exist
   * @throws IllegalArgumentException if the run has no time or no value for a comparable
   *     dimension
   */
  public RegressionReport regressions(Object candidateId, RegressionOptions options) {
    Objects.requireNonNull(candidateId, "candidateId");
    Objects.requireNonNull(options, "options");
    return database.read(
        tx -> {
          RunRow candidate = require(runRows(idsJson(List.of(candidateId))), candidateId);
          Map<String, Object> comparableOn = new LinkedHashMap<>();
          List<Object> baselineIds = new ArrayList<>();
          if (options.baselineRun() != null) {
            baselineIds.add(
                require(runRows(idsJson(List.of(options.baselineRun()))), options.baselineRun()).id());
          } else {
            RunFilter filter = comparableFilter(candidate, options, comparableOn);
            runs(filter).forEach(run -> baselineIds.add(run.id()));
          }
          List<Object> ids = new ArrayList<>(baselineIds);
          ids.add(candidate.id());
          Map<String, Map<MetricRef, Double>> read = values.read(idsJson(ids));
          Map<MetricRef, Double> candidateValues =
              read.getOrDefault(text(candidate.id()), Map.of());
          List<Map<MetricRef, Double>> baselineValues =
              baselineIds.stream().map(id -> read.getOrDefault(text(id), Map.of())).toList();
          List<Map<MetricRef, Double>> all = new ArrayList<>(baselineValues);
          all.add(candidateValues);
          List<MetricCheck> checks = new ArrayList<>();
          for (MetricRef metric : Comparisons.present(values.metrics(), all)) {
            List<Double> sample =
                baselineValues.stream()
                    .map(run -> run.get(metric))
                    .filter(Objects::nonNull)
                    .toList();
            checks.add(Comparisons.check(metric, candidateValues.get(metric), sample, options));
          }
          return new RegressionReport(
              candidate, failed(candidate), comparableOn, baselineIds, options, checks);
        });
  }

  private RunFilter comparableFilter(
      RunRow candidate, RegressionOptions options, Map<String, Object> comparableOn) {
    List<String> dimensions =
        options.comparableBy() != null ? options.comparableBy() : model.comparableBy();
    RunFilter filter = RunFilter.ALL;
    for (String dimension : dimensions) {
      Object value = candidate.get(model.dimension(dimension));
      if (value == null) {
        throw new IllegalArgumentException(
            "run "
                + candidate.id()
                + " has no "
                + dimension
                + ", so no run is comparable to it; name a baseline run instead");
      }
      comparableOn.put(dimension, value);
      filter = filter.where(dimension, value.toString());
    }
    Object time = candidate.get(model.timeColumn());
    if (time == null) {
      throw new IllegalArgumentException(
          "run " + candidate.id() + " has no " + model.timeColumn() + "; name a baseline run");
    }
    Instant before =
        time instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) time;
    filter = filter.between(null, before).newestFirst().limit(options.latest());
    return options.includesFailed() ? filter : filter.withoutFailed();
  }

  private boolean failed(RunRow run) {
    return model
        .statusColumn()
        .map(column -> model.failedStatuses().contains(String.valueOf(run.get(column))))
        .orElse(false);
  }

  /** The run rows of the runs in a JSON array of ids, by id as text. */
  private Map<String, RunRow> runRows(String ids) {
    Map<String, RunRow> rows = new LinkedHashMap<>();
    for (RunRow row :
        statements.list(
            selectByRun(model.runTable(), model.idColumn(), "", engine),
            idsBinder(ids),
            this::runRow)) {
      rows.put(text(row.id()), row);
    }
    return rows;
  }

  private RunRow require(Map<String, RunRow> rows, Object id) {
    RunRow row = rows.get(text(id));
    if (row == null) {
      throw new RunNotFoundException(model.runTable().name(), model.idColumn(), id);
    }
    return row;
  }

  private static String text(Object id) {
    return String.valueOf(id);
  }

  private void readChildren(
      String table,
      String runColumn,
      String ids,
      Map<String, Map<String, List<Map<String, Object>>>> children) {
    TableInfo child = model.table(table);
    ValueDecoder decoder = new ValueDecoder(child, database.values());
    String order =
        child.primaryKey().isEmpty()
            ? engine.storageOrder(RUN_ALIAS)
            : String.join(
                ", ",
                child.primaryKey().stream()
                    .map(column -> Sql.sortKey(engine, RUN_ALIAS, child.column(column)))
                    .toList());
    for (Map<String, List<Map<String, Object>>> rows : children.values()) {
      rows.put(table, new ArrayList<>());
    }
    List<Map<String, Object>> rows =
        statements.list(
            selectByRun(child, runColumn, " ORDER BY " + order, engine),
            idsBinder(ids),
            decoder::read);
    for (Map<String, Object> row : rows) {
      Map<String, List<Map<String, Object>>> run = children.get(String.valueOf(row.get(runColumn)));
      if (run != null) {
        run.get(table).add(row);
      }
    }
  }

  static String selectByRun(TableInfo table, String runColumn, String order, AnalyticsSql engine) {
    return "SELECT "
        + Sql.columns(RUN_ALIAS, columnNames(table))
        + " FROM "
        + Sql.quote(table.name())
        + " "
        + RUN_ALIAS
        + " WHERE "
        + engine.inJsonArray(
            Sql.column(RUN_ALIAS, runColumn), table.column(runColumn).javaType(), "?")
        + order;
  }

  /** Binds the run ids of {@link #idsJson} at a statement's one parameter. */
  StatementBinder idsBinder(String ids) {
    ColumnRef<?> column = new ColumnRef<>(model.runTable().name(), model.idColumn());
    return statement -> database.values().setText(statement, 1, ids, column);
  }

  /** The run ids as a JSON array, for {@link AnalyticsSql#inJsonArray}. */
  String idsJson(List<?> runIds) {
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

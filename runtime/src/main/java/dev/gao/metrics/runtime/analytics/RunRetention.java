package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.connection.StatementRunner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Deletes whole runs: a run and every row of its child tables go together, in one transaction, so
 * no partial run is ever left. Child rows are deleted explicitly, whatever the foreign keys' {@code
 * ON DELETE} action. Pruning deletes in batches of {@value #BATCH} runs, one transaction each, so
 * that collectors writing meanwhile wait at most one batch; after a crash every run is either
 * whole or gone. Give the space back with {@link MetricsDatabase#reclaimSpace()}.
 */
public final class RunRetention {
  /** The runs one pruning transaction deletes. */
  public static final int BATCH = 1_000;

  private final MetricsDatabase database;
  private final RunModel model;
  private final Analytics analytics;
  private final StatementRunner statements;

  /**
   * Retention of the runs {@code model} describes in {@code database}.
   *
   * @param database the open database
   * @param model the run model
   * @throws IllegalArgumentException if the model describes another schema than the database's
   */
  public RunRetention(MetricsDatabase database, RunModel model) {
    this.analytics = new Analytics(database, model);
    this.database = database;
    this.model = model;
    this.statements = analytics.statements();
  }

  /**
   * Deletes one run with its child rows.
   *
   * @param runId the run id
   * @return the rows deleted per table, child tables first and the run table last; empty if there
   *     was no such run
   */
  public Map<String, Long> delete(Object runId) {
    Objects.requireNonNull(runId, "runId");
    return database.inTransaction(tx -> deleteRuns(analytics.idsJson(List.of(runId))));
  }

  /**
   * The number of runs {@link #prune} would delete.
   *
   * @param before runs whose time is before this instant
   * @param filter further conditions; its time range is narrowed to end at {@code before}, its
   *     order, limit and offset are ignored
   * @return the number of matching runs
   */
  public long count(Instant before, RunFilter filter) {
    Objects.requireNonNull(before, "before");
    return analytics.count(scope(before, filter));
  }

  /**
   * Deletes every run older than {@code before} that matches {@code filter}, oldest first, in
   * batches of {@value #BATCH} runs.
   *
   * @param before runs whose time is before this instant
   * @param filter further conditions; its time range is narrowed to end at {@code before}, its
   *     order, limit and offset are ignored
   * @param progress told the number of runs deleted so far after each batch
   * @return the rows deleted per table, child tables first and the run table last
   */
  public Map<String, Long> prune(Instant before, RunFilter filter, LongConsumer progress) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(progress, "progress");
    RunFilter batch = scope(before, filter).oldestFirst().offset(0).limit(BATCH);
    Map<String, Long> total = emptyCounts();
    long runs = 0;
    while (true) {
      Map<String, Long> deleted =
          database.inTransaction(
              tx -> {
                List<Object> ids = analytics.runs(batch).stream().map(RunRow::id).toList();
                return ids.isEmpty() ? Map.<String, Long>of() : deleteRuns(analytics.idsJson(ids));
              });
      if (deleted.isEmpty()) {
        return total;
      }
      deleted.forEach((table, rows) -> total.merge(table, rows, Long::sum));
      runs += deleted.get(model.runTable().name());
      progress.accept(runs);
    }
  }

  private RunFilter scope(Instant before, RunFilter filter) {
    Objects.requireNonNull(filter, "filter");
    Instant to = filter.to().filter(end -> end.isBefore(before)).orElse(before);
    Instant from = filter.from().orElse(null);
    // a range that starts at or after its end matches no run
    return filter.between(from, from != null && from.isAfter(to) ? from : to);
  }

  private Map<String, Long> deleteRuns(String ids) {
    Map<String, Long> counts = emptyCounts();
    StatementBinder binder = analytics.idsBinder(ids);
    for (Map.Entry<String, dev.gao.metrics.runtime.schema.ForeignKeyInfo> child :
        model.childTables().entrySet()) {
      counts.put(
          child.getKey(),
          (long) statements.update(deleteSql(child.getKey(), child.getValue().column()), binder));
    }
    long runs = statements.update(deleteSql(model.runTable().name(), model.idColumn()), binder);
    if (runs == 0) {
      return Map.of();
    }
    counts.put(model.runTable().name(), runs);
    return counts;
  }

  private Map<String, Long> emptyCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    model.childTables().keySet().forEach(table -> counts.put(table, 0L));
    counts.put(model.runTable().name(), 0L);
    return counts;
  }

  private String deleteSql(String table, String runColumn) {
    return "DELETE FROM "
        + Sql.quote(table)
        + " WHERE "
        + analytics
            .engine()
            .inJsonArray(Sql.quote(runColumn), model.table(table).column(runColumn).javaType(), "?");
  }
}

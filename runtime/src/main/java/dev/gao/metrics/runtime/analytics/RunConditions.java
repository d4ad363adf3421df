package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WHERE clause of a {@link RunFilter} on the run table, with only the conditions the filter
 * has, and the binder of its parameters in clause order.
 */
final class RunConditions {
  private final String where;
  private final List<Parameter> parameters;

  private interface Parameter {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }

  private RunConditions(String where, List<Parameter> parameters) {
    this.where = where;
    this.parameters = parameters;
  }

  /** The conditions of {@code filter} on the run table aliased {@code alias}. */
  static RunConditions of(
      RunModel model, RunFilter filter, String alias, SqlValues values, AnalyticsSql engine) {
    List<String> clauses = new ArrayList<>();
    List<Parameter> parameters = new ArrayList<>();
    for (Map.Entry<String, Set<String>> condition : filter.dimensions().entrySet()) {
      String column = model.dimension(condition.getKey());
      in(clauses, parameters, Sql.column(alias, column), new ColumnRef<>(model.runTable().name(), column),
          condition.getValue(), values, engine.textParameter(model.runTable().column(column).javaType()));
    }
    if (!filter.statuses().isEmpty()) {
      in(clauses, parameters, Sql.column(alias, statusColumn(model)),
          new ColumnRef<>(model.runTable().name(), statusColumn(model)), filter.statuses(), values,
          engine.textParameter(model.runTable().column(statusColumn(model)).javaType()));
    }
    if (filter.isWithoutFailed()) {
      String status = statusColumn(model);
      Set<String> failed = model.failedStatuses();
      if (!failed.isEmpty()) {
        String column = Sql.column(alias, status);
        String notFailed = column + " NOT IN (" + Sql.placeholders(failed.size()) + ")";
        // A run without a status has not failed; a NOT NULL status column needs no such case, and
        // the planner does better without the OR.
        clauses.add(
            model.runTable().column(status).notNull()
                ? notFailed
                : "(" + column + " IS NULL OR " + notFailed + ")");
        for (String value : failed) {
          parameters.add(
              (statement, index) ->
                  values.setText(statement, index, value, new ColumnRef<>(model.runTable().name(), status)));
        }
      }
    }
    ColumnRef<?> time = new ColumnRef<>(model.runTable().name(), model.timeColumn());
    String timeColumn = Sql.column(alias, model.timeColumn());
    filter
        .from()
        .ifPresent(
            from -> {
              clauses.add(timeColumn + " >= ?");
              parameters.add(instant(from, time, values));
            });
    filter
        .to()
        .ifPresent(
            to -> {
              clauses.add(timeColumn + " < ?");
              parameters.add(instant(to, time, values));
            });
    String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    return new RunConditions(where, List.copyOf(parameters));
  }

  private static String statusColumn(RunModel model) {
    return model
        .statusColumn()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "run table " + model.runTable().name() + " has no status column"));
  }

  private static void in(
      List<String> clauses,
      List<Parameter> parameters,
      String column,
      ColumnRef<?> ref,
      Set<String> texts,
      SqlValues values,
      String parameter) {
    clauses.add(
        texts.size() == 1
            ? column + " = " + parameter
            : column + " IN (" + String.join(", ", Collections.nCopies(texts.size(), parameter)) + ")");
    for (String value : texts) {
      parameters.add((statement, index) -> values.setText(statement, index, value, ref));
    }
  }

  private static Parameter instant(Instant value, ColumnRef<?> column, SqlValues values) {
    return (statement, index) -> values.setInstant(statement, index, value, column);
  }

  /** The clause, starting with {@code " WHERE "}, or empty for no condition. */
  String where() {
    return where;
  }

  /** The number of parameters of the clause. */
  int size() {
    return parameters.size();
  }

  /** Binds the clause's parameters from index {@code first}, then {@code more}. */
  StatementBinder binder(int first, StatementBinder more) {
    return statement -> {
      int index = first;
      for (Parameter parameter : parameters) {
        parameter.bind(statement, index++);
      }
      more.bind(statement);
    };
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.analytics.WholeRun;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns the whole runs analytics read back into the typed runs of GAO-Dev's schema. */
final class WholeRuns {
  private WholeRuns() {}

  /**
   * The typed run of a whole run.
   *
   * @param whole the run and its child rows
   * @return the complete run
   * @throws IllegalStateException if a metric table has no row for the run
   */
  static CompleteRun complete(WholeRun whole) {
    return complete(whole, (table, column, value) -> value);
  }

  /** How a value read from one database changes on its way to another: see {@link #complete(WholeRun, Adjust)}. */
  @FunctionalInterface
  interface Adjust {
    /**
     * The value to use.
     *
     * @param table the table
     * @param column the column
     * @param value the value as read, null for SQL NULL
     * @return the value to use
     */
    Object apply(String table, String column, Object value);
  }

  /**
   * The typed run of a whole run, each value passed through {@code adjust} first.
   *
   * @param whole the run and its child rows
   * @param adjust what to make of each value
   * @return the complete run
   * @throws IllegalStateException if a metric table has no row for the run
   */
  static CompleteRun complete(WholeRun whole, Adjust adjust) {
    String runId = String.valueOf(whole.run().id());
    return new CompleteRun(
        row(BenchmarkRun.class, adjusted("benchmark_runs", whole.run().values(), adjust)),
        row(PerformanceMetrics.class, adjusted("performance_metrics", single(whole, "performance_metrics", runId), adjust)),
        row(AutonomyMetrics.class, adjusted("autonomy_metrics", single(whole, "autonomy_metrics", runId), adjust)),
        row(QualityMetrics.class, adjusted("quality_metrics", single(whole, "quality_metrics", runId), adjust)),
        row(WorkflowMetrics.class, adjusted("workflow_metrics", single(whole, "workflow_metrics", runId), adjust)),
        whole.rows("token_usage").stream().map(r -> row(TokenUsage.class, adjusted("token_usage", r, adjust))).toList());
  }

  private static Map<String, Object> adjusted(String table, Map<String, Object> values, Adjust adjust) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    values.forEach((column, value) -> copy.put(column, adjust.apply(table, column, value)));
    return copy;
  }

  private static Map<String, Object> single(WholeRun whole, String table, String runId) {
    List<Map<String, Object>> rows = whole.rows(table);
    if (rows.size() != 1) {
      throw new IllegalStateException(
          "run " + Show.quoted(runId) + " has " + rows.size() + " rows in " + table
              + " instead of one; check the database with 'gao-metrics validate'");
    }
    return rows.get(0);
  }

  /** Builds a table record from its decoded row, matching components to snake_case columns. */
  static <R extends Record> R row(Class<R> type, Map<String, Object> values) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      String column = column(component.getName());
      if (!values.containsKey(column)) {
        throw new IllegalStateException("no column " + column + " for " + type.getSimpleName() + "." + component.getName());
      }
      Object value = values.get(column);
      if (value == null || component.getType() == Instant.class) {
        args[i] = value;
      } else {
        Object plain = component.getType().isEnum() ? value.toString() : value;
        args[i] = RunDocument.mapper().convertValue(plain, RunDocument.mapper().constructType(component.getGenericType()));
      }
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot read a " + type.getSimpleName() + " row: " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a " + type.getSimpleName() + " row: " + e.getMessage(), e);
    }
  }

  /** The column of a record component: {@code totalTimeSeconds} is {@code total_time_seconds}. */
  static String column(String component) {
    StringBuilder column = new StringBuilder();
    for (char c : component.toCharArray()) {
      if (Character.isUpperCase(c)) {
        column.append('_').append(Character.toLowerCase(c));
      } else {
        column.append(c);
      }
    }
    return column.toString();
  }
}

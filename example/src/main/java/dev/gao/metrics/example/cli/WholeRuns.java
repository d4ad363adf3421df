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
    String runId = String.valueOf(whole.run().id());
    return new CompleteRun(
        row(BenchmarkRun.class, whole.run().values()),
        row(PerformanceMetrics.class, single(whole, "performance_metrics", runId)),
        row(AutonomyMetrics.class, single(whole, "autonomy_metrics", runId)),
        row(QualityMetrics.class, single(whole, "quality_metrics", runId)),
        row(WorkflowMetrics.class, single(whole, "workflow_metrics", runId)),
        whole.rows("token_usage").stream().map(r -> row(TokenUsage.class, r)).toList());
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

package dev.gao.metrics.processor.migration;

import com.squareup.javapoet.ClassName;
import java.util.List;

/**
 * One migration step as the schema class declares it.
 *
 * @param fromVersion the version before the step
 * @param toVersion the version after it
 * @param sql the step's statements on SQLite
 * @param postgres the step's statements on PostgreSQL
 * @param dataMigrations the user classes that run inside the step, sorted by name
 */
public record RenderedStep(
    int fromVersion, int toVersion, StepSql sql, StepSql postgres, List<ClassName> dataMigrations) {
  /** Copies the list. */
  public RenderedStep {
    dataMigrations = List.copyOf(dataMigrations);
  }

  /** Whether the step raises the version. */
  public boolean upgrade() {
    return toVersion > fromVersion;
  }
}

package dev.gao.metrics.processor.migration;

import java.util.List;

/**
 * The tables one migration step changes, from version {@code fromVersion} to {@code toVersion}.
 *
 * @param fromVersion the version before the step
 * @param toVersion the version after it
 * @param tables one entry per table of either version: tables of the target version in their order,
 *     then the tables it drops
 */
public record StepPlan(int fromVersion, int toVersion, List<TableStep> tables) {
  /** Copies the list. */
  public StepPlan {
    tables = List.copyOf(tables);
  }

  /** Every change, table by table. */
  public List<Change> changes() {
    return tables.stream().flatMap(t -> t.changes().stream()).toList();
  }
}

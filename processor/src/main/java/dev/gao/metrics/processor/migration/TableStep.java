package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.structure.TableShape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step does to one table.
 *
 * @param from the table before the step, or {@code null} when the step adds it
 * @param to the table after the step, or {@code null} when the step drops it
 * @param columnSources for each column of {@code to} that existed before, in {@code to}'s order:
 *     its name before the step
 * @param changes the changes, in a fixed order
 */
public record TableStep(TableShape from, TableShape to, Map<String, String> columnSources, List<Change> changes) {
  /** Copies the collections, keeping the order of {@code columnSources}. */
  public TableStep {
    columnSources = Collections.unmodifiableMap(new LinkedHashMap<>(columnSources));
    changes = List.copyOf(changes);
  }

  /** Whether the step adds the table. */
  public boolean added() {
    return from == null;
  }

  /** Whether the step drops the table. */
  public boolean dropped() {
    return to == null;
  }

  /** Whether the step changes nothing in this table. */
  public boolean unchanged() {
    return changes.isEmpty();
  }

  /** The name before the step of the column named {@code newName} after it, if it existed. */
  public Optional<String> source(String newName) {
    return Optional.ofNullable(columnSources.get(newName));
  }

  /** Whether a change of {@code kind} is among the changes. */
  public boolean has(ChangeKind kind) {
    return changes.stream().anyMatch(c -> c.kind() == kind);
  }
}

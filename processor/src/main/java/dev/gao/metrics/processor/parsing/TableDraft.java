package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.TableModel;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A table as read from its type, before foreign keys are resolved against other tables.
 *
 * @param element the annotated type
 * @param annotation its {@code @MetricsTable}
 * @param model the table without foreign keys and automatic indexes, or {@code null} when broken
 * @param foreignKeys the foreign keys as written
 * @param problems the errors found
 * @param unresolved names of types that are not resolved yet; when not empty the table is retried
 *     in a later round
 */
public record TableDraft(
    TypeElement element,
    AnnotationMirror annotation,
    TableModel model,
    List<ForeignKeyRef> foreignKeys,
    List<Problem> problems,
    Set<String> unresolved) {

  /** Copies the collections. */
  public TableDraft {
    foreignKeys = List.copyOf(foreignKeys);
    problems = List.copyOf(problems);
    unresolved = Set.copyOf(unresolved);
  }

  /** Whether the table must wait for a later round. */
  public boolean deferred() {
    return !unresolved.isEmpty();
  }
}

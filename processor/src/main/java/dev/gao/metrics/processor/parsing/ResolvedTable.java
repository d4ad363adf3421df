package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.TableModel;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A table with its foreign keys resolved and automatic indexes added.
 *
 * @param element the annotated type
 * @param annotation its {@code @MetricsTable}
 * @param model the complete table, or {@code null} when it has errors or must wait
 * @param problems every error found in the table
 * @param unresolved names of types not resolved yet; when not empty the table waits for a later round
 */
public record ResolvedTable(
    TypeElement element, AnnotationMirror annotation, TableModel model, List<Problem> problems, Set<String> unresolved) {

  /** Copies the collections. */
  public ResolvedTable {
    problems = List.copyOf(problems);
    unresolved = Set.copyOf(unresolved);
  }

  /** Whether the table must wait for a later round. */
  public boolean deferred() {
    return !unresolved.isEmpty();
  }

  /** Whether the table is complete and free of errors. */
  public boolean ok() {
    return model != null;
  }
}

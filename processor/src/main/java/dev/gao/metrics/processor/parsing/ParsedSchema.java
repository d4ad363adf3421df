package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.SchemaModel;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @MetricsSchema} type as read.
 *
 * @param element the annotated type
 * @param model the schema, or {@code null} when it has errors or must wait
 * @param listedTables qualified names of the table types it lists
 * @param problems errors found in the schema declaration
 * @param unresolved names of types not resolved yet; when not empty the schema waits for a later round
 */
public record ParsedSchema(
    TypeElement element, SchemaModel model, Set<String> listedTables, List<Problem> problems, Set<String> unresolved) {

  /** Copies the collections. */
  public ParsedSchema {
    listedTables = Set.copyOf(listedTables);
    problems = List.copyOf(problems);
    unresolved = Set.copyOf(unresolved);
  }

  /** Whether the schema must wait for a later round. */
  public boolean deferred() {
    return !unresolved.isEmpty();
  }
}

package dev.gao.metrics.processor.query;

import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.QueriesModel;
import java.util.List;
import java.util.Set;

/**
 * A {@code @MetricsQueries} interface as read and checked.
 *
 * @param model the checked queries, or {@code null} when there are problems or it must wait
 * @param problems every error found
 * @param unresolved names of types not resolved yet; when not empty the interface waits for a later round
 */
public record ParsedQueries(QueriesModel model, List<Problem> problems, Set<String> unresolved) {

  /** Copies the collections. */
  public ParsedQueries {
    problems = List.copyOf(problems);
    unresolved = Set.copyOf(unresolved);
  }

  /** Whether the interface must wait for a later round. */
  public boolean deferred() {
    return !unresolved.isEmpty();
  }
}

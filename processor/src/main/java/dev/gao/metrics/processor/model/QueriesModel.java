package dev.gao.metrics.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.List;

/**
 * A checked {@code @MetricsQueries} interface.
 *
 * @param interfaceType the interface
 * @param schemaName the name of the schema its queries were checked against
 * @param queries its query methods, in declaration order
 */
public record QueriesModel(ClassName interfaceType, String schemaName, List<QueryModel> queries) {

  /** Copies the list. */
  public QueriesModel {
    queries = List.copyOf(queries);
  }
}

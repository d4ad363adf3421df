package dev.gao.metrics.processor.model;

import java.util.List;

/**
 * A query by the leading columns of an index, one {@code findBy...} method of a DAO.
 *
 * @param columns the SQL column names compared for equality, in index order
 * @param unique whether at most one row can match
 */
public record Lookup(List<String> columns, boolean unique) {
  /** Copies the column list. */
  public Lookup {
    columns = List.copyOf(columns);
  }
}

package dev.gao.metrics.runtime.sql;

import java.util.List;
import java.util.Objects;

/**
 * What a DAO's {@code INSERT} writes for each column of its table, in one engine's terms: the SQL of
 * each parameter, in table column order, which is {@code ?} where the bound value is written as
 * given, or an expression around one {@code ?} where a NULL lets the database choose (the column's
 * default; a new key where the database assigns keys); and what stands between the column list and
 * {@code VALUES}, where the engine needs a clause to accept a key given by the row.
 *
 * @param overriding the clause after the column list, with a leading space, or an empty string
 * @param parameters the SQL of each parameter, one {@code ?} each, in table column order
 */
public record InsertValues(String overriding, List<String> parameters) {
  /**
   * Copies the list.
   *
   * @param overriding the clause after the column list, with a leading space, or an empty string
   * @param parameters the SQL of each parameter, one {@code ?} each, in table column order
   */
  public InsertValues {
    Objects.requireNonNull(overriding, "overriding");
    parameters = List.copyOf(parameters);
  }
}

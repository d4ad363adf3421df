package dev.gao.metrics.processor.model;

import java.util.List;

/**
 * The statement a query method runs on PostgreSQL instead of its SQLite one
 * ({@code @Query(postgres = ...)}).
 *
 * @param sql the SQL as written
 * @param jdbcSql the SQL with every {@code :name} replaced by {@code ?}
 * @param bindOrder the SQL parameter name bound to each {@code ?}, in order
 */
public record QueryVariant(String sql, String jdbcSql, List<String> bindOrder) {

  /** Copies the list. */
  public QueryVariant {
    bindOrder = List.copyOf(bindOrder);
  }
}

package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementBinder;
import java.util.List;
import java.util.stream.Collectors;

/** Quoting of validated identifiers. */
final class Sql {
  private Sql() {}

  /** {@code "name"}, with embedded quotes doubled. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code alias."column"}. */
  static String column(String alias, String column) {
    return alias + "." + quote(column);
  }

  /** {@code ?, ?, ?} for {@code count} parameters. */
  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  /** Every column of a table, qualified by alias, in the order given. */
  static String columns(String alias, List<String> names) {
    return names.stream().map(name -> column(alias, name)).collect(Collectors.joining(", "));
  }

  /**
   * Binds {@code LIMIT ? OFFSET ?} of a paged statement at parameters {@code first} and {@code
   * first + 1}: the filter's limit (-1, none, when it has only an offset) and offset.
   *
   * @param filter the filter whose limit and offset page the statement
   * @param paged whether the statement ends in {@code LIMIT ? OFFSET ?}; nothing is bound if not
   * @param first the index of the limit's parameter
   * @return the binder
   */
  static StatementBinder paging(RunFilter filter, boolean paged, int first) {
    if (!paged) {
      return StatementBinder.NONE;
    }
    return statement -> {
      statement.setLong(first, filter.limit() > 0 ? filter.limit() : -1);
      statement.setLong(first + 1, filter.offset());
    };
  }
}

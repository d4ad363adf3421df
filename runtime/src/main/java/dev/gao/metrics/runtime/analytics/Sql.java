package dev.gao.metrics.runtime.analytics;

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
}

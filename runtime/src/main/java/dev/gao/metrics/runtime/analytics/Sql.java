package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Quoting of validated identifiers, and what the analytics' statements share. */
final class Sql {
  /** Java types whose columns hold no text on an engine with typed columns. */
  private static final Set<String> NOT_TEXT =
      Set.of(
          "java.time.Instant",
          "java.time.OffsetDateTime",
          "java.time.LocalDateTime",
          "java.time.LocalDate",
          "java.util.UUID",
          "java.math.BigDecimal");

  private Sql() {}

  /**
   * {@code alias."column"} as it sorts in an {@code ORDER BY}: text by code point on every engine
   * ({@link AnalyticsSql#sortedText}), other values as they are.
   */
  static String sortKey(AnalyticsSql engine, String alias, ColumnInfo column) {
    return sorted(engine, column(alias, column.name()), column);
  }

  /** An expression holding the values of {@code column}, as it sorts in an {@code ORDER BY}. */
  static String sorted(AnalyticsSql engine, String expression, ColumnInfo column) {
    return isText(column) ? engine.sortedText(expression) : expression;
  }

  /** Whether a column holds text on every engine: strings and enums. */
  static boolean isText(ColumnInfo column) {
    return column.sqlType().equalsIgnoreCase("TEXT")
        && !column.json()
        && !NOT_TEXT.contains(column.javaType());
  }

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
   * first + 1}: the filter's limit (none when it has only an offset) and offset.
   *
   * @param engine how the engine binds "no limit"
   * @param filter the filter whose limit and offset page the statement
   * @param paged whether the statement ends in {@code LIMIT ? OFFSET ?}; nothing is bound if not
   * @param first the index of the limit's parameter
   * @return the binder
   */
  static StatementBinder paging(AnalyticsSql engine, RunFilter filter, boolean paged, int first) {
    if (!paged) {
      return StatementBinder.NONE;
    }
    return statement -> {
      engine.bindLimit(statement, first, filter.limit() > 0 ? filter.limit() : -1);
      statement.setLong(first + 1, filter.offset());
    };
  }
}

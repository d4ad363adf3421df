package dev.gao.metrics.processor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL with {@code :name} parameters, rewritten to {@code ?} placeholders. Text inside string
 * literals (PostgreSQL's dollar-quoted {@code $tag$...$tag$} too), quoted identifiers and comments
 * is left alone, and so is PostgreSQL's cast operator: {@code x::int} casts, it names no parameter.
 *
 * @param jdbcSql the SQL with {@code ?} in place of each {@code :name}
 * @param names the parameter name of each {@code ?}, in order
 * @param keyword the first keyword of the statement, upper case ({@code ""} if there is none)
 * @param trailingText whether text follows a {@code ;} ending the first statement
 */
public record NamedSql(String jdbcSql, List<String> names, String keyword, boolean trailingText) {

  /** Copies the list. */
  public NamedSql {
    names = List.copyOf(names);
  }

  /** Rewrites {@code sql}. */
  public static NamedSql parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    String keyword = null;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = quoted(sql, i, c);
      } else if (c == '[') {
        end = until(sql, i + 1, "]");
      } else if (c == '-' && sql.startsWith("--", i)) {
        end = until(sql, i + 2, "\n");
      } else if (c == '/' && sql.startsWith("/*", i)) {
        end = until(sql, i + 2, "*/");
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        // A cast: copy "::" and the type name after it.
        end = i + 2;
        while (end < n && Character.isWhitespace(sql.charAt(end))) {
          end++;
        }
        end = name(sql, end);
      } else if (c == '$' && dollarTag(sql, i) > 0) {
        int tagEnd = dollarTag(sql, i);
        end = until(sql, tagEnd, sql.substring(i, tagEnd));
      } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
        end = name(sql, i + 1);
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end;
        continue;
      } else if (c == ';') {
        out.append(sql, i, n);
        return new NamedSql(out.toString(), names, keyword(keyword), !sql.substring(i + 1).isBlank());
      } else if (isNameStart(c)) {
        end = name(sql, i);
        if (keyword == null) {
          keyword = sql.substring(i, end);
        }
      } else {
        end = i + 1;
      }
      out.append(sql, i, end);
      i = end;
    }
    return new NamedSql(out.toString(), names, keyword(keyword), false);
  }

  private static String keyword(String word) {
    return word == null ? "" : word.toUpperCase(Locale.ROOT);
  }

  /** The end of a quoted run starting at {@code start}; a doubled quote stays inside. */
  private static int quoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /**
   * The end of a dollar-quote opening tag at {@code start} ({@code $$} or {@code $name$}), or 0 when
   * there is none there ({@code $1} is a positional parameter, not a tag).
   */
  private static int dollarTag(String sql, int start) {
    int i = start + 1;
    if (i < sql.length() && isNameStart(sql.charAt(i))) {
      i = name(sql, i);
    }
    return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : 0;
  }

  private static int until(String sql, int from, String terminator) {
    int at = sql.indexOf(terminator, from);
    return at < 0 ? sql.length() : at + terminator.length();
  }

  private static int name(String sql, int from) {
    int i = from;
    while (i < sql.length() && (isNameStart(sql.charAt(i)) || Character.isDigit(sql.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || Character.isLetter(c);
  }
}

package dev.gao.metrics.processor.parsing;

import java.util.Locale;
import java.util.regex.Pattern;

/** Name conversions between Java and SQL. */
public final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Names() {}

  /**
   * The snake_case form of a Java name: {@code totalTimeSeconds -> total_time_seconds}, {@code apiURL
   * -> api_url}, {@code URLValue -> url_value}, {@code PerformanceMetrics -> performance_metrics}.
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        char previous = i > 0 ? name.charAt(i - 1) : '_';
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        boolean wordStart =
            Character.isLowerCase(previous)
                || Character.isDigit(previous)
                || (Character.isUpperCase(previous) && nextIsLower);
        if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The UPPER_SNAKE constant form of a name: {@code run_id -> RUN_ID}, {@code runId -> RUN_ID}. */
  public static String constantCase(String name) {
    return snakeCase(name).toUpperCase(Locale.ROOT);
  }

  /** The name with its first letter in upper case: {@code runId -> RunId}. */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * Whether {@code name} is a plain SQL identifier: letters, digits, underscores, no leading digit,
   * and not in SQLite's reserved {@code sqlite_} name space.
   */
  public static boolean isSqlIdentifier(String name) {
    return IDENTIFIER.matcher(name).matches() && !name.toLowerCase(Locale.ROOT).startsWith("sqlite_");
  }
}

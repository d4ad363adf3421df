package dev.gao.metrics.processor.writing;

import java.util.StringJoiner;

/**
 * Java source text of constant arguments, written as JavaPoet's {@code $S} and {@code $L} write them.
 * The DAO writer hands JavaPoet one pre-rendered argument list instead of one placeholder per
 * argument, because JavaPoet compiles a regular expression to split every piece it emits into lines,
 * in each of its two passes over a file: with 100 tables that splitting was the largest part of
 * writing the DAOs.
 */
final class JavaLiterals {
  private JavaLiterals() {}

  /**
   * The arguments separated by commas: strings as string literals, {@code null} as {@code null},
   * other values (numbers, booleans) as their text.
   */
  static String arguments(Object... values) {
    StringJoiner joined = new StringJoiner(", ");
    for (Object value : values) {
      joined.add(value instanceof String text ? string(text) : String.valueOf(value));
    }
    return joined.toString();
  }

  /** {@code value} as a string literal on one line. */
  static String string(String value) {
    StringBuilder literal = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\b' -> literal.append("\\b");
        case '\t' -> literal.append("\\t");
        case '\n' -> literal.append("\\n");
        case '\f' -> literal.append("\\f");
        case '\r' -> literal.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            literal.append(String.format("\\u%04x", (int) c));
          } else {
            literal.append(c);
          }
        }
      }
    }
    return literal.append('"').toString();
  }
}

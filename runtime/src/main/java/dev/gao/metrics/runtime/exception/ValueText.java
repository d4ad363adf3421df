package dev.gao.metrics.runtime.exception;

import java.util.Arrays;

/** Renders offending values for messages: quoted, and cut short so a large value stays readable. */
public final class ValueText {
  /** State. */
  private static final int MAX_LENGTH = 120;

  private ValueText() {}

  /**
   * The value as a message shows it: text quoted, bytes counted, long values shortened.
   *
   * @param value the value, or null
   * @return the text for a message
   */
  public static String of(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text;
    if (value instanceof byte[] bytes) {
      text = "<" + bytes.length + " bytes>";
    } else if (value instanceof Object[] array) {
      text = Arrays.deepToString(array);
    } else if (value instanceof CharSequence chars) {
      text = "'" + chars + "'";
    } else {
      text = String.valueOf(value);
    }
    if (text.length() > MAX_LENGTH) {
      return text.substring(0, MAX_LENGTH) + "... (" + text.length() + " characters)";
    }
    return text;
  }
}

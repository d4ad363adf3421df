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
      // A NUL would end the message in many a log viewer; it is shown escaped like a lone surrogate.
      text = "'" + escapeLoneSurrogates(chars).replace("\0", "\\u0000") + "'";
    } else {
      text = String.valueOf(value);
    }
    if (text.length() > MAX_LENGTH) {
      int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
      return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
    return text;
  }

  /**
   * The text with each surrogate that is not half of a pair written as a backslash, u and four hex
   * digits, so that a message shows which text was refused instead of a {@code ?}.
   *
   * @param chars the text
   * @return the text, escaped where needed
   */
  public static String escapeLoneSurrogates(CharSequence chars) {
    StringBuilder text = new StringBuilder(chars.length());
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < chars.length()
          && Character.isLowSurrogate(chars.charAt(i + 1))) {
        text.append(c).append(chars.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        text.append(String.format("\\u%04X", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}

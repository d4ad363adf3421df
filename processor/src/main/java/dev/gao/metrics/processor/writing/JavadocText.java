package dev.gao.metrics.processor.writing;

/** Makes arbitrary text (SQL with user-written defaults) safe inside a Javadoc comment. */
public final class JavadocText {
  private JavadocText() {}

  /**
   * Escapes HTML, {@code @} (tags), backslashes (unicode escapes are read even in comments) and
   * comment ends.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '@' -> out.append("&#64;");
        case '\\' -> out.append("&#92;");
        case '*' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '/' ? "&#42;" : "*");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

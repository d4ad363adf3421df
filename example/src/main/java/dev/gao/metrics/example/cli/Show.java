package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.RunDocumentValidator;
import dev.gao.metrics.example.RunViolation;

/** How commands quote values in their messages. */
final class Show {
  private Show() {}

  /**
   * A string as a JSON string literal, cut when long, so that any run id fits on one line.
   *
   * @param value the string
   * @return the quoted text
   */
  static String quoted(String value) {
    String text = RunDocumentValidator.text(value);
    return text.length() > RunViolation.MAX_VALUE_LENGTH
        ? text.substring(0, RunViolation.MAX_VALUE_LENGTH - 1) + "…"
        : text;
  }
}

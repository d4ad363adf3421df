package dev.gao.metrics.example;

import java.util.Objects;

/**
 * One broken rule of a run: the field, as a path in the JSON run document, the offending value,
 * what is wrong, and the {@link RunRule} broken, whose severity tells whether the run is refused
 * ({@link #error()}) or stored with a warning. {@link #table()} and {@link #column()} name the same
 * field in the database.
 *
 * @param field the field's path, for example {@code quality.tests_passing} or
 *     {@code token_usage[2].token_type}; {@code (document)} for the document as a whole
 * @param value the value as JSON text, shortened when long; {@code null} when the field is missing
 * @param message what is wrong and what is expected
 * @param rule the rule broken
 */
public record RunViolation(String field, String value, String message, RunRule rule) {
  /** Longest value text kept in a violation; longer values are cut with an ellipsis. */
  public static final int MAX_VALUE_LENGTH = 80;

  /**
   * Checks the parts and shortens a long value.
   *
   * @throws NullPointerException if {@code field}, {@code message} or {@code rule} is null
   */
  public RunViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(rule, "rule");
    if (value != null && value.length() > MAX_VALUE_LENGTH) {
      value = value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
  }

  /**
   * A violation of the document's shape ({@link RunRule#DOCUMENT_SHAPE}), which is an error.
   *
   * @param field the field's path
   * @param value the value as JSON text; {@code null} when the field is missing
   * @param message what is wrong and what is expected
   */
  public RunViolation(String field, String value, String message) {
    this(field, value, message, RunRule.DOCUMENT_SHAPE);
  }

  /** Whether the run is refused for this violation (its rule is an error, not a warning). */
  public boolean error() {
    return rule.severity() == RunRule.Severity.ERROR;
  }

  /**
   * The table that holds the field.
   *
   * @return {@code benchmark_runs}, a metric table, or {@code token_usage}
   */
  public String table() {
    String head = field.split("[.\\[]", 2)[0];
    switch (head) {
      case "performance":
        return "performance_metrics";
      case "autonomy":
        return "autonomy_metrics";
      case "quality":
        return "quality_metrics";
      case "workflow":
        return "workflow_metrics";
      case "token_usage":
        return "token_usage";
      default:
        return "benchmark_runs";
    }
  }

  /**
   * The column that holds the field: the path's second part inside a metric object or a token
   * usage entry, its first part otherwise.
   *
   * @return the column name, for example {@code tests_passing}
   */
  public String column() {
    String rest = field;
    if (!table().equals("benchmark_runs")) {
      int dot = field.indexOf('.');
      rest = dot < 0 ? "" : field.substring(dot + 1);
    }
    return rest.split("[.\\[]", 2)[0];
  }

  /**
   * The violation as one line: {@code field = value: message}, or {@code field: message} when the
   * field is missing.
   */
  @Override
  public String toString() {
    return value == null ? field + ": " + message : field + " = " + value + ": " + message;
  }
}

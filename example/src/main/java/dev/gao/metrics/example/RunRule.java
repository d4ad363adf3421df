package dev.gao.metrics.example;

import java.util.Locale;

/**
 * Every rule a run document is checked against, with its severity: the one table of the rules.
 * {@link RunDocument} checks {@link #DOCUMENT_SHAPE}; {@link RunDocumentValidator} checks the others
 * on any {@link CompleteRun}. Each {@link RunViolation} names the rule it breaks.
 *
 * <p>An {@link Severity#ERROR error} is what cannot be true of a run (or what the store cannot hold):
 * the run is refused and nothing of it is stored. GAO-Dev's own {@code validate()} refuses the same
 * runs, apart from the structural limits that protect the store. A {@link Severity#WARNING warning}
 * is only unusual: GAO-Dev's own collectors and fixtures write such runs, so they are stored exactly
 * as given and the warning is reported.
 */
public enum RunRule {
  /**
   * The document is a JSON object; required fields are present and not null; every value has its
   * type and fits its column; no unknown fields; {@code status} and {@code token_type} are one of
   * their names; no key twice in one object.
   */
  DOCUMENT_SHAPE(Severity.ERROR, "every field",
      "a JSON object of the run document's fields, each of its type; no unknown fields"),

  /** The run's identity is present and not blank. */
  REQUIRED_TEXT(Severity.ERROR, "run_id, timestamp, project_name, benchmark_name, token_usage[].model, "
      + "token_usage[].token_type, token_usage[].price_table_version",
      "present, and text not empty or blank"),

  /** Ids and names fit the store. */
  TEXT_LENGTH(Severity.ERROR, "run_id, project_name, benchmark_name, version, token_usage[].model, "
      + "token_usage[].price_table_version",
      "at most " + RunDocumentValidator.MAX_NAME_LENGTH + " characters"),

  /** Times the store can hold. */
  TIME_RANGE(Severity.ERROR, "timestamp, created_at, finished_at", "in the years 0000 to 9999"),

  /** A run cannot end before it starts. */
  FINISHED_AFTER_START(Severity.ERROR, "finished_at", "not before timestamp"),

  /** The free-form part is bounded. */
  METADATA_SIZE(Severity.ERROR, "metadata",
      "at most " + RunDocumentValidator.MAX_METADATA_BYTES + " bytes as UTF-8 JSON"),

  /** No NaN or infinity anywhere. */
  FINITE(Severity.ERROR, "every number, also inside maps and metadata", "finite: no NaN, Infinity or -Infinity"),

  /** Counts, tokens, seconds and costs cannot be negative. */
  NOT_NEGATIVE(Severity.ERROR, "every count, tokens, seconds and cost, and every value of phase_times, "
      + "token_usage_by_agent and the by-severity maps",
      "not negative"),

  /** Rates are fractions. */
  RATE(Severity.ERROR, "one_shot_success_rate, error_recovery_rate", "in 0..1"),

  /** Percentages lie between 0 and 100. */
  PERCENTAGE(Severity.ERROR, "code_coverage_percentage, functional_completeness_percentage, every value of "
      + "phase_distribution",
      "in 0..100"),

  /** No more tests pass than were written. */
  TESTS_PASSING(Severity.ERROR, "quality.tests_passing", "at most quality.tests_written"),

  /** No more stories are completed than were created. */
  STORIES_COMPLETED(Severity.ERROR, "workflow.stories_completed", "at most workflow.stories_created"),

  /** The store keeps one token usage row per model and token type. */
  TOKEN_USAGE_UNIQUE(Severity.ERROR, "token_usage", "no two entries with the same model and token_type"),

  /** A benchmark version is normally named. */
  VERSION_NAMED(Severity.WARNING, "version", "not empty or blank"),

  /** A breakdown of interventions normally has one entry per intervention. */
  INTERVENTION_COUNT(Severity.WARNING, "autonomy.manual_interventions_types",
      "when not empty, has autonomy.manual_interventions_count entries"),

  /** Intervention types normally come from GAO-Dev's {@code InterventionType}. */
  INTERVENTION_TYPE(Severity.WARNING, "autonomy.manual_interventions_types[]",
      "one of " + String.join(", ", RunDocumentValidator.INTERVENTION_TYPES)),

  /** Severity names normally come from the linter's or scanner's scale. */
  SEVERITY_NAME(Severity.WARNING, "keys of quality.linting_errors_by_severity, "
      + "quality.security_vulnerabilities_by_severity",
      "lint: " + String.join(", ", RunDocumentValidator.LINT_SEVERITIES) + "; security: "
          + String.join(", ", RunDocumentValidator.SECURITY_SEVERITIES)),

  /** A by-severity breakdown normally accounts for every finding. */
  SEVERITY_SUM(Severity.WARNING, "quality.linting_errors_by_severity, quality.security_vulnerabilities_by_severity",
      "when not empty, sums to its count"),

  /** Agent names normally are GAO-Dev's agents. */
  AGENT_NAME(Severity.WARNING, "keys of performance.token_usage_by_agent",
      "one of " + String.join(", ", RunDocumentValidator.AGENTS)),

  /** The tokens per agent normally add up to the total. */
  AGENT_TOKEN_SUM(Severity.WARNING, "performance.token_usage_by_agent",
      "when not empty, sums to performance.token_usage_total"),

  /** The token usage rows normally add up to the total. */
  TOKEN_USAGE_SUM(Severity.WARNING, "token_usage", "when not empty, its tokens sum to performance.token_usage_total"),

  /**
   * GAO-Dev's validate() takes any non-empty timestamp; a time without an offset is read as UTC, as
   * SQLite's date functions, the adoption of older files and the database's time triggers read it.
   */
  TIME_OFFSET(Severity.WARNING, "timestamp, created_at, finished_at",
      "with an offset or Z; a time without one is read as UTC"),

  /** GAO-Dev documents percentages, but its own fixtures also write fractions. */
  PHASE_DISTRIBUTION_FRACTIONS(Severity.WARNING, "workflow.phase_distribution",
      "percentages rather than fractions summing to 1"),

  /** The shares of the run's time normally add up to the whole run. */
  PHASE_DISTRIBUTION_SUM(Severity.WARNING, "workflow.phase_distribution",
      "when not empty, sums to 100 (within " + RunDocumentValidator.PERCENT_SUM_TOLERANCE + ") or, as fractions, to 1");

  /** What a broken rule means for the run. */
  public enum Severity {
    /** The run is refused; nothing of it is stored. */
    ERROR,
    /** The run is stored exactly as given; the finding is reported. */
    WARNING
  }

  private final Severity severity;
  private final String fields;
  private final String expected;

  RunRule(Severity severity, String fields, String expected) {
    this.severity = severity;
    this.fields = fields;
    this.expected = expected;
  }

  /** Whether breaking the rule refuses the run or only warns. */
  public Severity severity() {
    return severity;
  }

  /** The document fields the rule applies to, as paths in the run document. */
  public String fields() {
    return fields;
  }

  /** What the rule expects of those fields. */
  public String expected() {
    return expected;
  }

  /**
   * The rule's name as the documentation shows it: lower case, words joined by hyphens, for
   * example {@code tests-passing}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

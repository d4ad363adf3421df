package dev.gao.metrics.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenType;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.exception.ValueText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value rules of a GAO-Dev run: what {@code gao-metrics record} checks before storing a run,
 * and what any caller of {@link BenchmarkStore} can check the same way. {@link RunRule} is the table
 * of the rules and their severities; this class checks them.
 *
 * <p>The findings are split: {@link Findings#errors() errors} are what cannot be true (a negative
 * count, a rate above 1, more tests passing than written, a blank run id...) or what the store
 * cannot hold (a text too long, metadata too large); a run with an error is refused. {@link
 * Findings#warnings() Warnings} are only unusual, as GAO-Dev's own collectors and fixtures write
 * them: a breakdown that disagrees with its count, a type or agent name GAO-Dev does not define,
 * {@code phase_distribution} as fractions. A run with warnings only is stored exactly as given. A run
 * that GAO-Dev's {@code BenchmarkMetrics.validate()} accepts has no errors here, unless it breaks a
 * structural limit.
 *
 * <p>Fields are named by their path in the JSON run document (see {@code RUN-DOCUMENT.md}); each
 * {@link RunViolation} also names its table, column and rule. An empty map or list is a breakdown
 * that was not recorded (GAO-Dev's default): it is not compared with its count.
 */
public final class RunDocumentValidator {
  /** Longest run id, in characters. */
  public static final int MAX_RUN_ID_LENGTH = 200;

  /** Longest project, benchmark, version, model or price table name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Largest {@code metadata}, in bytes of UTF-8 JSON. */
  public static final int MAX_METADATA_BYTES = 65_536;

  /** How far {@code phase_distribution} may sum from 100 as percentages (rounding). */
  public static final double PERCENT_SUM_TOLERANCE = 0.5;

  /** How far {@code phase_distribution} may sum from 1 to be taken as fractions (rounding). */
  public static final double FRACTION_SUM_TOLERANCE = PERCENT_SUM_TOLERANCE / 100;

  /** The kinds of manual intervention GAO-Dev defines (its {@code InterventionType}). */
  public static final List<String> INTERVENTION_TYPES =
      List.of("clarification", "error_fix", "direction_change", "blocked", "user_correction");

  /** The usual severities of lint findings. */
  public static final List<String> LINT_SEVERITIES = List.of("error", "warning", "info");

  /** The usual severities of security findings. */
  public static final List<String> SECURITY_SEVERITIES = List.of("low", "medium", "high", "critical");

  /** GAO-Dev's agents, the usual keys of {@code token_usage_by_agent}. */
  public static final List<String> AGENTS =
      List.of("brian", "mary", "john", "winston", "sally", "bob", "amelia", "murat");

  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunDocumentValidator() {}

  /**
   * What checking a run found, split by severity.
   *
   * @param errors the broken rules that refuse the run, in document order; empty when the run can
   *     be stored
   * @param warnings the unusual values, in document order; the run is stored as given all the same
   */
  public record Findings(List<RunViolation> errors, List<RunViolation> warnings) {
    /** Copies the lists. */
    public Findings {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }

    /** Whether the run can be stored: it has no errors (warnings do not count). */
    public boolean storable() {
      return errors.isEmpty();
    }
  }

  /**
   * Checks every rule on a complete run.
   *
   * @param run the run
   * @return the errors and the warnings
   */
  public static Findings validate(CompleteRun run) {
    Checks checks = new Checks();
    checks.run(run.run());
    checks.performance(run.performance());
    checks.autonomy(run.autonomy());
    checks.quality(run.quality());
    checks.workflow(run.workflow());
    checks.tokenUsage(run.tokenUsage(), run.performance().tokenUsageTotal());
    List<RunViolation> errors = new ArrayList<>();
    List<RunViolation> warnings = new ArrayList<>();
    for (RunViolation violation : checks.violations) {
      (violation.error() ? errors : warnings).add(violation);
    }
    return new Findings(errors, warnings);
  }

  /**
   * A value as JSON text, as violations show it: strings quoted and escaped, numbers as written
   * ({@code NaN} and {@code Infinity} included).
   *
   * @param value the value
   * @return its text
   */
  public static String text(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return value.toString();
    }
    try {
      return ValueText.escapeLoneSurrogates(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** Collects the violations of one run, errors and warnings together, in document order. */
  private static final class Checks {
    private final List<RunViolation> violations = new ArrayList<>();

    private void add(RunRule rule, String field, Object value, String message) {
      violations.add(new RunViolation(field, text(value), message, rule));
    }

    private void missing(RunRule rule, String field, String what) {
      violations.add(new RunViolation(field, null, "is required (" + what + ")", rule));
    }

    void run(BenchmarkRun run) {
      String runId = run.runId();
      if (runId == null) {
        missing(RunRule.REQUIRED_TEXT, "run_id", "a string");
      } else if (runId.isBlank()) {
        add(RunRule.REQUIRED_TEXT, "run_id", runId, "must not be empty or blank");
      } else if (runId.length() > MAX_RUN_ID_LENGTH) {
        add(RunRule.TEXT_LENGTH, "run_id", runId,
            "is " + runId.length() + " characters long; at most " + MAX_RUN_ID_LENGTH + " are allowed");
      }
      time("timestamp", run.timestamp(), true);
      name("project_name", run.projectName(), true);
      name("benchmark_name", run.benchmarkName(), true);
      version(run.version());
      time("created_at", run.createdAt(), false);
      time("finished_at", run.finishedAt(), false);
      if (run.timestamp() != null && run.finishedAt() != null && run.finishedAt().isBefore(run.timestamp())) {
        add(RunRule.FINISHED_AFTER_START, "finished_at", run.finishedAt().toString(),
            "is before timestamp (" + run.timestamp() + ")");
      }
      if (run.metadata() != null) {
        finiteJson("metadata", run.metadata());
        try {
          int bytes = MAPPER.writeValueAsString(run.metadata()).getBytes(StandardCharsets.UTF_8).length;
          if (bytes > MAX_METADATA_BYTES) {
            violations.add(new RunViolation("metadata", null,
                "is " + bytes + " bytes of JSON; at most " + MAX_METADATA_BYTES + " are allowed",
                RunRule.METADATA_SIZE));
          }
        } catch (JsonProcessingException e) {
          violations.add(new RunViolation("metadata", null,
              "cannot be written as JSON: " + e.getOriginalMessage(), RunRule.DOCUMENT_SHAPE));
        }
      }
    }

    private void name(String field, String value, boolean required) {
      if (value == null) {
        if (required) {
          missing(RunRule.REQUIRED_TEXT, field, "a string");
        }
      } else if (value.isBlank()) {
        add(RunRule.REQUIRED_TEXT, field, value, "must not be empty or blank");
      } else {
        length(field, value);
      }
    }

    /** GAO-Dev does not check the version: a blank one is stored, with a warning. */
    private void version(String value) {
      if (value != null && value.isBlank()) {
        add(RunRule.VERSION_NAMED, "version", value, "is empty or blank; benchmark versions are normally named, "
            + "for example 1.0.0");
      } else if (value != null) {
        length("version", value);
      }
    }

    private void length(String field, String value) {
      if (value.length() > MAX_NAME_LENGTH) {
        add(RunRule.TEXT_LENGTH, field, value,
            "is " + value.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
      }
    }

    private void time(String field, Instant value, boolean required) {
      if (value == null) {
        if (required) {
          missing(RunRule.REQUIRED_TEXT, field, "an ISO-8601 time with offset");
        }
      } else if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
        add(RunRule.TIME_RANGE, field, value.toString(), "must lie in the years 0000 to 9999");
      }
    }

    private void finiteJson(String field, Object value) {
      if (value instanceof Double || value instanceof Float) {
        double number = ((Number) value).doubleValue();
        if (!Double.isFinite(number)) {
          add(RunRule.FINITE, field, value, "must be a finite number");
        }
      } else if (value instanceof Map<?, ?> map) {
        map.forEach((key, child) -> finiteJson(field + "." + key, child));
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          finiteJson(field + "[" + i + "]", list.get(i));
        }
      }
    }

    void performance(PerformanceMetrics p) {
      nonNegative("performance.total_time_seconds", p.totalTimeSeconds());
      nonNegativeDoubles("performance.phase_times", p.phaseTimes());
      count("performance.token_usage_total", p.tokenUsageTotal());
      Map<String, Long> byAgent = p.tokenUsageByAgent();
      if (byAgent != null) {
        long sum = 0;
        boolean complete = true;
        for (Map.Entry<String, Long> agent : byAgent.entrySet()) {
          String field = "performance.token_usage_by_agent." + agent.getKey();
          if (!AGENTS.contains(agent.getKey())) {
            add(RunRule.AGENT_NAME, field, agent.getValue(), "is not one of GAO-Dev's agents " + AGENTS);
          }
          if (agent.getValue() == null) {
            missing(RunRule.DOCUMENT_SHAPE, field, "an integer");
            complete = false;
          } else {
            count(field, agent.getValue());
            sum += agent.getValue();
          }
        }
        if (complete && !byAgent.isEmpty() && sum != p.tokenUsageTotal()) {
          add(RunRule.AGENT_TOKEN_SUM, "performance.token_usage_by_agent", byAgent,
              "sums to " + sum + ", not to performance.token_usage_total (" + p.tokenUsageTotal() + ")");
        }
      }
      count("performance.api_calls_count", p.apiCallsCount());
      nonNegative("performance.api_calls_cost", p.apiCallsCost());
    }

    void autonomy(AutonomyMetrics a) {
      count("autonomy.manual_interventions_count", a.manualInterventionsCount());
      List<String> types = a.manualInterventionsTypes();
      if (types != null && !types.isEmpty()) {
        if (types.size() != a.manualInterventionsCount()) {
          add(RunRule.INTERVENTION_COUNT, "autonomy.manual_interventions_types", types,
              "has " + types.size() + " entries but autonomy.manual_interventions_count is "
                  + a.manualInterventionsCount());
        }
        for (int i = 0; i < types.size(); i++) {
          String type = types.get(i);
          if (type == null || !INTERVENTION_TYPES.contains(type)) {
            add(RunRule.INTERVENTION_TYPE, "autonomy.manual_interventions_types[" + i + "]", type,
                "is not one of GAO-Dev's intervention types " + INTERVENTION_TYPES);
          }
        }
      }
      count("autonomy.prompts_needed_initial", a.promptsNeededInitial());
      count("autonomy.prompts_needed_followup", a.promptsNeededFollowup());
      range(RunRule.RATE, "autonomy.one_shot_success_rate", a.oneShotSuccessRate(), 1, "a fraction");
      range(RunRule.RATE, "autonomy.error_recovery_rate", a.errorRecoveryRate(), 1, "a fraction");
      count("autonomy.agent_handoffs_successful", a.agentHandoffsSuccessful());
      count("autonomy.agent_handoffs_failed", a.agentHandoffsFailed());
    }

    void quality(QualityMetrics q) {
      count("quality.tests_written", q.testsWritten());
      count("quality.tests_passing", q.testsPassing());
      if (q.testsPassing() > q.testsWritten()) {
        add(RunRule.TESTS_PASSING, "quality.tests_passing", q.testsPassing(),
            "is more than quality.tests_written (" + q.testsWritten() + ")");
      }
      range(RunRule.PERCENTAGE, "quality.code_coverage_percentage", q.codeCoveragePercentage(), 100,
          "a percentage");
      count("quality.linting_errors_count", q.lintingErrorsCount());
      bySeverity("quality.linting_errors_by_severity", q.lintingErrorsBySeverity(), LINT_SEVERITIES,
          "quality.linting_errors_count", q.lintingErrorsCount());
      count("quality.type_errors_count", q.typeErrorsCount());
      count("quality.security_vulnerabilities_count", q.securityVulnerabilitiesCount());
      bySeverity("quality.security_vulnerabilities_by_severity", q.securityVulnerabilitiesBySeverity(),
          SECURITY_SEVERITIES, "quality.security_vulnerabilities_count", q.securityVulnerabilitiesCount());
      range(RunRule.PERCENTAGE, "quality.functional_completeness_percentage",
          q.functionalCompletenessPercentage(), 100, "a percentage");
    }

    void workflow(WorkflowMetrics w) {
      count("workflow.stories_created", w.storiesCreated());
      count("workflow.stories_completed", w.storiesCompleted());
      if (w.storiesCompleted() > w.storiesCreated()) {
        add(RunRule.STORIES_COMPLETED, "workflow.stories_completed", w.storiesCompleted(),
            "is more than workflow.stories_created (" + w.storiesCreated() + ")");
      }
      nonNegative("workflow.avg_cycle_time_seconds", w.avgCycleTimeSeconds());
      Map<String, Double> distribution = w.phaseDistribution();
      if (distribution != null) {
        double sum = 0;
        boolean complete = true;
        for (Map.Entry<String, Double> phase : distribution.entrySet()) {
          String field = "workflow.phase_distribution." + phase.getKey();
          if (phase.getValue() == null) {
            missing(RunRule.DOCUMENT_SHAPE, field, "a number");
            complete = false;
          } else {
            complete &= range(RunRule.PERCENTAGE, field, phase.getValue(), 100, "a percentage");
            sum += phase.getValue();
          }
        }
        if (complete && !distribution.isEmpty() && Math.abs(sum - 100) > PERCENT_SUM_TOLERANCE) {
          if (Math.abs(sum - 1) <= FRACTION_SUM_TOLERANCE) {
            add(RunRule.PHASE_DISTRIBUTION_FRACTIONS, "workflow.phase_distribution", distribution,
                "sums to " + round(sum) + ": fractions of the run's time, where GAO-Dev documents percentages"
                    + " summing to 100");
          } else {
            add(RunRule.PHASE_DISTRIBUTION_SUM, "workflow.phase_distribution", distribution,
                "sums to " + round(sum) + "; shares of the run's time sum to 100 as percentages or to 1 as"
                    + " fractions");
          }
        }
      }
      count("workflow.rework_count", w.reworkCount());
    }

    void tokenUsage(List<TokenUsage> usage, long total) {
      long sum = 0;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < usage.size(); i++) {
        TokenUsage row = usage.get(i);
        String prefix = "token_usage[" + i + "].";
        name(prefix + "model", row.model(), true);
        TokenType type = row.tokenType();
        if (type == null) {
          missing(RunRule.REQUIRED_TEXT, prefix + "token_type", "one of " + List.of(TokenType.values()));
        }
        count(prefix + "tokens", row.tokens());
        nonNegative(prefix + "cost_usd", row.costUsd());
        name(prefix + "price_table_version", row.priceTableVersion(), true);
        if (row.model() != null && type != null && !seen.add(row.model() + "\u0000" + type.name())) {
          add(RunRule.TOKEN_USAGE_UNIQUE, prefix + "token_type", type.name(),
              "repeats model " + text(row.model()) + " and token type " + type.name()
                  + "; give each model and token type one entry");
        }
        sum += row.tokens();
      }
      if (!usage.isEmpty() && sum != total) {
        violations.add(new RunViolation("token_usage", null,
            "tokens sum to " + sum + ", not to performance.token_usage_total (" + total + ")",
            RunRule.TOKEN_USAGE_SUM));
      }
    }

    private void count(String field, long value) {
      if (value < 0) {
        add(RunRule.NOT_NEGATIVE, field, value, "must not be negative");
      }
    }

    private void nonNegative(String field, double value) {
      if (!Double.isFinite(value)) {
        add(RunRule.FINITE, field, value, "must be a finite number");
      } else if (value < 0) {
        add(RunRule.NOT_NEGATIVE, field, value, "must not be negative");
      }
    }

    private void nonNegativeDoubles(String field, Map<String, Double> values) {
      if (values != null) {
        values.forEach(
            (key, value) -> {
              if (value == null) {
                missing(RunRule.DOCUMENT_SHAPE, field + "." + key, "a number");
              } else {
                nonNegative(field + "." + key, value);
              }
            });
      }
    }

    private boolean range(RunRule rule, String field, double value, double max, String what) {
      if (!Double.isFinite(value)) {
        add(RunRule.FINITE, field, value, "must be a finite number");
        return false;
      }
      if (value < 0 || value > max) {
        add(rule, field, value, "is " + what + " and must lie in 0.." + (max == 1 ? "1" : "100"));
        return false;
      }
      return true;
    }

    private void bySeverity(
        String field, Map<String, Integer> counts, List<String> severities, String countField, int count) {
      if (counts == null) {
        return;
      }
      long sum = 0;
      boolean complete = true;
      for (Map.Entry<String, Integer> severity : counts.entrySet()) {
        String entryField = field + "." + severity.getKey();
        if (!severities.contains(severity.getKey())) {
          add(RunRule.SEVERITY_NAME, entryField, severity.getValue(), "is not one of the usual severities " + severities);
        }
        if (severity.getValue() == null) {
          missing(RunRule.DOCUMENT_SHAPE, entryField, "an integer");
          complete = false;
        } else {
          count(entryField, severity.getValue());
          sum += severity.getValue();
        }
      }
      if (complete && !counts.isEmpty() && sum != count) {
        add(RunRule.SEVERITY_SUM, field, counts, "sums to " + sum + ", not to " + countField + " (" + count + ")");
      }
    }

    private static String round(double value) {
      return String.valueOf(Math.round(value * 1000) / 1000.0);
    }
  }
}

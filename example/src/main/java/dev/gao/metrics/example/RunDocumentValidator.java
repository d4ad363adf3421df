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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value rules of a GAO-Dev run: what {@code gao-metrics record} checks before storing a run,
 * and what any caller of {@link BenchmarkStore} can check the same way. A run that breaks none of
 * them is stored by the database without a constraint error.
 *
 * <p>Fields are named by their path in the JSON run document (see {@code RUN-DOCUMENT.md}); each
 * {@link RunViolation} also names its table and column.
 *
 * <ul>
 *   <li>{@code run_id} is not empty or blank and at most {@value #MAX_RUN_ID_LENGTH} characters;
 *       names ({@code project_name}, {@code benchmark_name}, {@code version}, {@code model},
 *       {@code price_table_version}) are not blank and at most {@value #MAX_NAME_LENGTH}.
 *   <li>Times lie in years 0000 to 9999; {@code finished_at} is not before {@code timestamp}.
 *   <li>{@code metadata} holds no NaN or infinity and is at most {@value #MAX_METADATA_BYTES} bytes
 *       as JSON.
 *   <li>Every number is finite; counts, tokens, seconds and costs are not negative.
 *   <li>Rates ({@code one_shot_success_rate}, {@code error_recovery_rate}) lie in 0..1; percentages
 *       ({@code code_coverage_percentage}, {@code functional_completeness_percentage}, every
 *       {@code phase_distribution} value) in 0..100, and {@code phase_distribution} sums to 100
 *       within {@value #PERCENT_SUM_TOLERANCE}.
 *   <li>{@code tests_passing <= tests_written}; {@code stories_completed <= stories_created}.
 *   <li>{@code manual_interventions_types} has {@code manual_interventions_count} entries, each one
 *       of {@link #INTERVENTION_TYPES}.
 *   <li>{@code linting_errors_by_severity} has keys among {@link #LINT_SEVERITIES} and sums to
 *       {@code linting_errors_count}; {@code security_vulnerabilities_by_severity} has keys among
 *       {@link #SECURITY_SEVERITIES} and sums to {@code security_vulnerabilities_count}.
 *   <li>{@code token_usage_by_agent}, when present, and the {@code token_usage} entries, when there
 *       are any, sum to {@code token_usage_total}; no two entries share model and token type.
 * </ul>
 *
 * <p>Optional maps and lists ({@code null}) are not checked; an empty map is present and must sum
 * like any other.
 */
public final class RunDocumentValidator {
  /** Longest run id, in characters. */
  public static final int MAX_RUN_ID_LENGTH = 200;

  /** Longest project, benchmark, version, model or price table name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Largest {@code metadata}, in bytes of UTF-8 JSON. */
  public static final int MAX_METADATA_BYTES = 65_536;

  /** How far the {@code phase_distribution} percentages may sum from 100 (rounding). */
  public static final double PERCENT_SUM_TOLERANCE = 0.5;

  /** The kinds of manual intervention. */
  public static final List<String> INTERVENTION_TYPES =
      List.of("clarification", "error_fix", "direction_change", "blocked", "user_correction");

  /** The severities of lint findings. */
  public static final List<String> LINT_SEVERITIES = List.of("error", "warning", "info");

  /** The severities of security findings. */
  public static final List<String> SECURITY_SEVERITIES = List.of("low", "medium", "high", "critical");

  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunDocumentValidator() {}

  /**
   * Checks every rule on a complete run.
   *
   * @param run the run
   * @return every broken rule, in document order; empty when the run can be stored
   */
  public static List<RunViolation> validate(CompleteRun run) {
    Checks checks = new Checks();
    checks.run(run.run());
    checks.performance(run.performance());
    checks.autonomy(run.autonomy());
    checks.quality(run.quality());
    checks.workflow(run.workflow());
    checks.tokenUsage(run.tokenUsage(), run.performance().tokenUsageTotal());
    return List.copyOf(checks.violations);
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
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** Collects the violations of one run. */
  private static final class Checks {
    private final List<RunViolation> violations = new ArrayList<>();

    private void add(String field, Object value, String message) {
      violations.add(new RunViolation(field, text(value), message));
    }

    private void missing(String field, String what) {
      violations.add(new RunViolation(field, null, "is required (" + what + ")"));
    }

    void run(BenchmarkRun run) {
      String runId = run.runId();
      if (runId == null) {
        missing("run_id", "a string");
      } else if (runId.isBlank()) {
        add("run_id", runId, "must not be empty or blank");
      } else if (runId.length() > MAX_RUN_ID_LENGTH) {
        add("run_id", runId, "is " + runId.length() + " characters long; at most " + MAX_RUN_ID_LENGTH + " are allowed");
      }
      time("timestamp", run.timestamp(), true);
      name("project_name", run.projectName(), true);
      name("benchmark_name", run.benchmarkName(), true);
      name("version", run.version(), false);
      time("created_at", run.createdAt(), false);
      time("finished_at", run.finishedAt(), false);
      if (run.timestamp() != null && run.finishedAt() != null && run.finishedAt().isBefore(run.timestamp())) {
        add("finished_at", run.finishedAt().toString(), "is before timestamp (" + run.timestamp() + ")");
      }
      if (run.metadata() != null) {
        finiteJson("metadata", run.metadata());
        try {
          int bytes = MAPPER.writeValueAsString(run.metadata()).getBytes(StandardCharsets.UTF_8).length;
          if (bytes > MAX_METADATA_BYTES) {
            violations.add(new RunViolation("metadata", null,
                "is " + bytes + " bytes of JSON; at most " + MAX_METADATA_BYTES + " are allowed"));
          }
        } catch (JsonProcessingException e) {
          violations.add(new RunViolation("metadata", null, "cannot be written as JSON: " + e.getOriginalMessage()));
        }
      }
    }

    private void name(String field, String value, boolean required) {
      if (value == null) {
        if (required) {
          missing(field, "a string");
        }
      } else if (value.isBlank()) {
        add(field, value, "must not be empty or blank");
      } else if (value.length() > MAX_NAME_LENGTH) {
        add(field, value, "is " + value.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
      }
    }

    private void time(String field, Instant value, boolean required) {
      if (value == null) {
        if (required) {
          missing(field, "an ISO-8601 time with offset");
        }
      } else if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
        add(field, value.toString(), "must lie in the years 0000 to 9999");
      }
    }

    private void finiteJson(String field, Object value) {
      if (value instanceof Double || value instanceof Float) {
        double number = ((Number) value).doubleValue();
        if (!Double.isFinite(number)) {
          add(field, value, "must be a finite number");
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
      if (p.tokenUsageByAgent() != null) {
        long sum = 0;
        boolean complete = true;
        for (Map.Entry<String, Long> agent : p.tokenUsageByAgent().entrySet()) {
          String field = "performance.token_usage_by_agent." + agent.getKey();
          if (agent.getValue() == null) {
            missing(field, "an integer");
            complete = false;
          } else {
            count(field, agent.getValue());
            sum += agent.getValue();
          }
        }
        if (complete && !p.tokenUsageByAgent().isEmpty() && sum != p.tokenUsageTotal()) {
          add("performance.token_usage_by_agent", p.tokenUsageByAgent(),
              "sums to " + sum + ", not to performance.token_usage_total (" + p.tokenUsageTotal() + ")");
        }
      }
      count("performance.api_calls_count", p.apiCallsCount());
      nonNegative("performance.api_calls_cost", p.apiCallsCost());
    }

    void autonomy(AutonomyMetrics a) {
      count("autonomy.manual_interventions_count", a.manualInterventionsCount());
      List<String> types = a.manualInterventionsTypes();
      if (types != null) {
        for (int i = 0; i < types.size(); i++) {
          String type = types.get(i);
          if (type == null || !INTERVENTION_TYPES.contains(type)) {
            add("autonomy.manual_interventions_types[" + i + "]", type,
                "is not an intervention type; use one of " + INTERVENTION_TYPES);
          }
        }
        if (types.size() != a.manualInterventionsCount()) {
          add("autonomy.manual_interventions_types", types,
              "has " + types.size() + " entries but autonomy.manual_interventions_count is "
                  + a.manualInterventionsCount());
        }
      }
      count("autonomy.prompts_needed_initial", a.promptsNeededInitial());
      count("autonomy.prompts_needed_followup", a.promptsNeededFollowup());
      range("autonomy.one_shot_success_rate", a.oneShotSuccessRate(), 1, "a fraction");
      range("autonomy.error_recovery_rate", a.errorRecoveryRate(), 1, "a fraction");
      count("autonomy.agent_handoffs_successful", a.agentHandoffsSuccessful());
      count("autonomy.agent_handoffs_failed", a.agentHandoffsFailed());
    }

    void quality(QualityMetrics q) {
      count("quality.tests_written", q.testsWritten());
      count("quality.tests_passing", q.testsPassing());
      if (q.testsPassing() > q.testsWritten()) {
        add("quality.tests_passing", q.testsPassing(),
            "is more than quality.tests_written (" + q.testsWritten() + ")");
      }
      range("quality.code_coverage_percentage", q.codeCoveragePercentage(), 100, "a percentage");
      count("quality.linting_errors_count", q.lintingErrorsCount());
      bySeverity("quality.linting_errors_by_severity", q.lintingErrorsBySeverity(), LINT_SEVERITIES,
          "quality.linting_errors_count", q.lintingErrorsCount());
      count("quality.type_errors_count", q.typeErrorsCount());
      count("quality.security_vulnerabilities_count", q.securityVulnerabilitiesCount());
      bySeverity("quality.security_vulnerabilities_by_severity", q.securityVulnerabilitiesBySeverity(),
          SECURITY_SEVERITIES, "quality.security_vulnerabilities_count", q.securityVulnerabilitiesCount());
      range("quality.functional_completeness_percentage", q.functionalCompletenessPercentage(), 100, "a percentage");
    }

    void workflow(WorkflowMetrics w) {
      count("workflow.stories_created", w.storiesCreated());
      count("workflow.stories_completed", w.storiesCompleted());
      if (w.storiesCompleted() > w.storiesCreated()) {
        add("workflow.stories_completed", w.storiesCompleted(),
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
            missing(field, "a number");
            complete = false;
          } else {
            complete &= range(field, phase.getValue(), 100, "a percentage");
            sum += phase.getValue();
          }
        }
        if (complete && !distribution.isEmpty() && Math.abs(sum - 100) > PERCENT_SUM_TOLERANCE) {
          add("workflow.phase_distribution", distribution,
              "sums to " + round(sum) + "; percentages of the run's time must sum to 100");
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
          missing(prefix + "token_type", "one of " + List.of(TokenType.values()));
        }
        count(prefix + "tokens", row.tokens());
        nonNegative(prefix + "cost_usd", row.costUsd());
        name(prefix + "price_table_version", row.priceTableVersion(), true);
        if (row.model() != null && type != null && !seen.add(row.model() + "\u0000" + type.name())) {
          add(prefix + "token_type", type.name(),
              "repeats model " + text(row.model()) + " and token type " + type.name()
                  + "; give each model and token type one entry");
        }
        sum += row.tokens();
      }
      if (!usage.isEmpty() && sum != total) {
        violations.add(new RunViolation("token_usage", null,
            "tokens sum to " + sum + ", not to performance.token_usage_total (" + total + ")"));
      }
    }

    private void count(String field, long value) {
      if (value < 0) {
        add(field, value, "must not be negative");
      }
    }

    private void nonNegative(String field, double value) {
      if (!Double.isFinite(value)) {
        add(field, value, "must be a finite number");
      } else if (value < 0) {
        add(field, value, "must not be negative");
      }
    }

    private void nonNegativeDoubles(String field, Map<String, Double> values) {
      if (values != null) {
        values.forEach(
            (key, value) -> {
              if (value == null) {
                missing(field + "." + key, "a number");
              } else {
                nonNegative(field + "." + key, value);
              }
            });
      }
    }

    private boolean range(String field, double value, double max, String what) {
      if (!Double.isFinite(value)) {
        add(field, value, "must be a finite number");
        return false;
      }
      if (value < 0 || value > max) {
        add(field, value, "is " + what + " and must lie in 0.." + (max == 1 ? "1" : "100"));
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
          add(entryField, severity.getValue(),
              "is not a severity; use one of " + severities);
        }
        if (severity.getValue() == null) {
          missing(entryField, "an integer");
          complete = false;
        } else {
          count(entryField, severity.getValue());
          sum += severity.getValue();
        }
      }
      if (complete && sum != count) {
        add(field, counts, "sums to " + sum + ", not to " + countField + " (" + count + ")");
      }
    }

    private static String round(double value) {
      return String.valueOf(Math.round(value * 1000) / 1000.0);
    }
  }
}

package dev.gao.metrics.example;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.TokenType;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON run document: one complete run (the run's fields, its four metric objects and its token
 * usage) with snake_case keys named like the columns. {@link #read(JsonNode)} checks a document's
 * shape (required fields, JSON types, unknown fields, enum names, time format) and then every value
 * rule of {@link RunDocumentValidator}; {@link #write(CompleteRun)} writes a stored run in the same
 * format, so what one reads back can be recorded again. {@code RUN-DOCUMENT.md} describes it.
 *
 * <p>GAO-Dev's own {@code BenchmarkMetrics.to_dict()} (and {@code to_json()}) output is a run
 * document as it stands: the same keys and nesting, without {@code status}, {@code finished_at},
 * {@code created_at} and {@code token_usage}, which are optional. An optional map or list left out
 * or {@code null} is read as empty, GAO-Dev's default.
 */
public final class RunDocument {
  /** Fields of the document itself, in the order {@link #write(CompleteRun)} writes them. */
  public static final List<String> RUN_FIELDS =
      List.of("run_id", "timestamp", "project_name", "benchmark_name", "version", "status", "finished_at",
          "created_at", "metadata", "performance", "autonomy", "quality", "workflow", "token_usage");

  /** Fields of the {@code performance} object. */
  public static final List<String> PERFORMANCE_FIELDS =
      List.of("total_time_seconds", "phase_times", "token_usage_total", "token_usage_by_agent", "api_calls_count",
          "api_calls_cost");

  /** Fields of the {@code autonomy} object. */
  public static final List<String> AUTONOMY_FIELDS =
      List.of("manual_interventions_count", "manual_interventions_types", "prompts_needed_initial",
          "prompts_needed_followup", "one_shot_success_rate", "error_recovery_rate", "agent_handoffs_successful",
          "agent_handoffs_failed");

  /** Fields of the {@code quality} object. */
  public static final List<String> QUALITY_FIELDS =
      List.of("tests_written", "tests_passing", "code_coverage_percentage", "linting_errors_count",
          "linting_errors_by_severity", "type_errors_count", "security_vulnerabilities_count",
          "security_vulnerabilities_by_severity", "functional_completeness_percentage");

  /** Fields of the {@code workflow} object. */
  public static final List<String> WORKFLOW_FIELDS =
      List.of("stories_created", "stories_completed", "avg_cycle_time_seconds", "phase_distribution", "rework_count");

  /** Fields of each {@code token_usage} entry. */
  public static final List<String> TOKEN_USAGE_FIELDS =
      List.of("model", "token_type", "tokens", "cost_usd", "price_table_version");

  /**
   * Largest run document, in characters of JSON text: 1 MiB. A real run takes a few KiB, and
   * {@code metadata}, the only free-form part, is limited to 64 KiB; anything larger is a mistake
   * (a log pasted into a field) and is rejected before it is held in memory whole.
   */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  // One string can never be larger than the document it is in.
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(MAX_DOCUMENT_CHARS).build())
                  .build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

  private RunDocument() {}

  /**
   * The JSON mapper documents are read and written with: NaN and infinities are read as numbers
   * (so that the rules can name them), a key repeated in one object and content after a document
   * are errors. Do not reconfigure it.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The outcome of reading one document: a run ready to record, or what is wrong with it; and what
   * is unusual about it either way.
   *
   * @param run the run, or {@code null} when there are errors
   * @param errors every broken rule that refuses the document; empty when {@code run} is set
   * @param warnings every unusual value ({@link RunRule.Severity#WARNING}); a run with warnings is
   *     recorded as given
   */
  public record Parsed(CompleteRun run, List<RunViolation> errors, List<RunViolation> warnings) {
    /**
     * Copies the lists.
     */
    public Parsed {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }

    /** Whether the document can be recorded: it has no errors (warnings do not count). */
    public boolean valid() {
      return run != null && errors.isEmpty();
    }
  }

  /**
   * Reads and checks a document.
   *
   * @param document the parsed JSON value
   * @return the run, or every error found: shape violations first; value rules are checked once
   *     the shape is right; and the warnings of the value rules
   */
  public static Parsed read(JsonNode document) {
    if (!document.isObject()) {
      return new Parsed(null, List.of(new RunViolation("(document)", text(document),
          "must be a JSON object with the run's fields")), List.of());
    }
    Fields top = new Fields((ObjectNode) document, "", RUN_FIELDS, new ArrayList<>(), new ArrayList<>(), new boolean[1]);
    String runId = top.string("run_id", true);
    Instant timestamp = top.time("timestamp", true);
    String project = top.string("project_name", true);
    String benchmark = top.string("benchmark_name", true);
    String version = top.string("version", true);
    RunStatus status = top.enumValue("status", false, RunStatus.class);
    Instant finishedAt = top.time("finished_at", false);
    Instant createdAt = top.time("created_at", false);
    Map<String, Object> metadata = top.metadata("metadata");

    Fields p = top.object("performance", PERFORMANCE_FIELDS);
    Fields a = top.object("autonomy", AUTONOMY_FIELDS);
    Fields q = top.object("quality", QUALITY_FIELDS);
    Fields w = top.object("workflow", WORKFLOW_FIELDS);
    String id = runId == null ? "" : runId;
    PerformanceMetrics performance =
        new PerformanceMetrics(0, id, p.number("total_time_seconds"), p.map("phase_times", "a number", Fields::numberOf),
            p.longValue("token_usage_total"), p.map("token_usage_by_agent", "an integer", Fields::longOf),
            p.integer("api_calls_count"), p.number("api_calls_cost"));
    AutonomyMetrics autonomy =
        new AutonomyMetrics(0, id, a.integer("manual_interventions_count"), a.strings("manual_interventions_types"),
            a.integer("prompts_needed_initial"), a.integer("prompts_needed_followup"),
            a.number("one_shot_success_rate"), a.number("error_recovery_rate"),
            a.integer("agent_handoffs_successful"), a.integer("agent_handoffs_failed"));
    QualityMetrics quality =
        new QualityMetrics(0, id, q.integer("tests_written"), q.integer("tests_passing"),
            q.number("code_coverage_percentage"), q.integer("linting_errors_count"),
            q.map("linting_errors_by_severity", "an integer", Fields::intOf), q.integer("type_errors_count"),
            q.integer("security_vulnerabilities_count"), q.map("security_vulnerabilities_by_severity", "an integer", Fields::intOf),
            q.number("functional_completeness_percentage"));
    WorkflowMetrics workflow =
        new WorkflowMetrics(0, id, w.integer("stories_created"), w.integer("stories_completed"),
            w.number("avg_cycle_time_seconds"), w.map("phase_distribution", "a number", Fields::numberOf),
            w.integer("rework_count"));
    List<TokenUsage> usage = new ArrayList<>();
    JsonNode entries = top.node("token_usage");
    if (entries != null && !entries.isNull()) {
      if (!entries.isArray()) {
        top.wrongType("token_usage", entries, "an array of token usage objects");
      } else {
        for (int i = 0; i < entries.size(); i++) {
          Fields t = top.element("token_usage", i, entries.get(i), TOKEN_USAGE_FIELDS);
          if (t != null) {
            usage.add(new TokenUsage(0, id, t.string("model", true),
                t.enumValue("token_type", true, TokenType.class), t.longValue("tokens"),
                t.number("cost_usd"), t.string("price_table_version", true)));
          }
        }
      }
    }
    if (top.blocked[0]) {
      return new Parsed(null, top.violations, List.of());
    }
    CompleteRun run =
        new CompleteRun(
            new BenchmarkRun(runId, timestamp, project, benchmark, version, metadata, createdAt, status, finishedAt),
            performance, autonomy, quality, workflow, usage);
    RunDocumentValidator.Findings findings = RunDocumentValidator.validate(run);
    List<RunViolation> errors = new ArrayList<>(top.violations);
    errors.addAll(findings.errors());
    List<RunViolation> warnings = new ArrayList<>(top.warnings);
    warnings.addAll(findings.warnings());
    return new Parsed(errors.isEmpty() ? run : null, errors, warnings);
  }

  /**
   * Writes a run as a document: every field of the run, its metric rows without their ids, its token
   * usage. Times are written in UTC; absent optional times and status are left out. Maps, lists and
   * {@code metadata} are always written, empty ones as {@code {}} and {@code []} ({@link CompleteRun}
   * holds no null ones), so that a run reads back with the breakdowns it was given.
   *
   * @param complete the run
   * @return the document
   */
  public static ObjectNode write(CompleteRun complete) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode doc = f.objectNode();
    BenchmarkRun run = complete.run();
    doc.put("run_id", run.runId());
    doc.put("timestamp", run.timestamp().toString());
    doc.put("project_name", run.projectName());
    doc.put("benchmark_name", run.benchmarkName());
    doc.put("version", run.version());
    if (run.status() != null) {
      doc.put("status", run.status().name());
    }
    if (run.finishedAt() != null) {
      doc.put("finished_at", run.finishedAt().toString());
    }
    if (run.createdAt() != null) {
      doc.put("created_at", run.createdAt().toString());
    }
    doc.set("metadata", MAPPER.valueToTree(run.metadata()));
    PerformanceMetrics p = complete.performance();
    ObjectNode performance = doc.putObject("performance");
    performance.put("total_time_seconds", p.totalTimeSeconds());
    putMap(performance, "phase_times", p.phaseTimes());
    performance.put("token_usage_total", p.tokenUsageTotal());
    putMap(performance, "token_usage_by_agent", p.tokenUsageByAgent());
    performance.put("api_calls_count", p.apiCallsCount());
    performance.put("api_calls_cost", p.apiCallsCost());

    AutonomyMetrics a = complete.autonomy();
    ObjectNode autonomy = doc.putObject("autonomy");
    autonomy.put("manual_interventions_count", a.manualInterventionsCount());
    ArrayNode types = autonomy.putArray("manual_interventions_types");
    a.manualInterventionsTypes().forEach(types::add);
    autonomy.put("prompts_needed_initial", a.promptsNeededInitial());
    autonomy.put("prompts_needed_followup", a.promptsNeededFollowup());
    autonomy.put("one_shot_success_rate", a.oneShotSuccessRate());
    autonomy.put("error_recovery_rate", a.errorRecoveryRate());
    autonomy.put("agent_handoffs_successful", a.agentHandoffsSuccessful());
    autonomy.put("agent_handoffs_failed", a.agentHandoffsFailed());

    QualityMetrics q = complete.quality();
    ObjectNode quality = doc.putObject("quality");
    quality.put("tests_written", q.testsWritten());
    quality.put("tests_passing", q.testsPassing());
    quality.put("code_coverage_percentage", q.codeCoveragePercentage());
    quality.put("linting_errors_count", q.lintingErrorsCount());
    putMap(quality, "linting_errors_by_severity", q.lintingErrorsBySeverity());
    quality.put("type_errors_count", q.typeErrorsCount());
    quality.put("security_vulnerabilities_count", q.securityVulnerabilitiesCount());
    putMap(quality, "security_vulnerabilities_by_severity", q.securityVulnerabilitiesBySeverity());
    quality.put("functional_completeness_percentage", q.functionalCompletenessPercentage());

    WorkflowMetrics w = complete.workflow();
    ObjectNode workflow = doc.putObject("workflow");
    workflow.put("stories_created", w.storiesCreated());
    workflow.put("stories_completed", w.storiesCompleted());
    workflow.put("avg_cycle_time_seconds", w.avgCycleTimeSeconds());
    putMap(workflow, "phase_distribution", w.phaseDistribution());
    workflow.put("rework_count", w.reworkCount());

    ArrayNode usage = doc.putArray("token_usage");
    for (TokenUsage t : complete.tokenUsage()) {
      ObjectNode entry = usage.addObject();
      entry.put("model", t.model());
      entry.put("token_type", t.tokenType().name());
      entry.put("tokens", t.tokens());
      entry.put("cost_usd", t.costUsd());
      entry.put("price_table_version", t.priceTableVersion());
    }
    return doc;
  }

  private static void putMap(ObjectNode node, String field, Map<String, ? extends Number> values) {
    node.set(field, MAPPER.valueToTree(values));
  }

  private static String text(JsonNode node) {
    return node.toString();
  }

  /** Reads the fields of one JSON object, collecting violations instead of failing. */
  private static final class Fields {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ObjectNode node;
    private final String prefix;
    private final List<RunViolation> violations;
    /** What is read but only unusual, such as a time without an offset. */
    private final List<RunViolation> warnings;
    /** Set when a value could not be read, so the run cannot be built and its values not checked. */
    private final boolean[] blocked;

    Fields(
        ObjectNode node,
        String prefix,
        List<String> known,
        List<RunViolation> violations,
        List<RunViolation> warnings,
        boolean[] blocked) {
      this.node = node;
      this.prefix = prefix;
      this.violations = violations;
      this.warnings = warnings;
      this.blocked = blocked;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        if (!known.contains(name)) {
          violations.add(new RunViolation(prefix + name, text(node.get(name)),
              "unknown field; " + (prefix.isEmpty() ? "a run document" : "'" + strip(prefix) + "'")
                  + " has " + String.join(", ", known)));
        }
      }
    }

    private static String strip(String prefix) {
      return prefix.substring(0, prefix.length() - 1);
    }

    JsonNode node(String name) {
      return node.get(name);
    }

    void wrongType(String name, JsonNode value, String expected) {
      block(new RunViolation(prefix + name, text(value), "must be " + expected));
    }

    /** Records a value that cannot be read. */
    void block(RunViolation violation) {
      violations.add(violation);
      blocked[0] = true;
    }

    /** The value of a field, or null after recording that a required field is missing or null. */
    private JsonNode present(String name, boolean required, String expected) {
      JsonNode value = node.get(name);
      if (value == null) {
        if (required) {
          block(new RunViolation(prefix + name, null, "is required (" + expected + ")"));
        }
        return null;
      }
      if (value.isNull()) {
        if (required) {
          wrongType(name, value, expected);
        }
        return null;
      }
      return value;
    }

    String string(String name, boolean required) {
      JsonNode value = present(name, required, "a string");
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        wrongType(name, value, "a string");
        return null;
      }
      return value.textValue();
    }

    Instant time(String name, boolean required) {
      String expected = "an ISO-8601 time with an offset, for example 2026-11-20T09:14:03Z";
      JsonNode value = present(name, required, expected);
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        wrongType(name, value, expected);
        return null;
      }
      try {
        return OffsetDateTime.parse(value.textValue(), ISO).toInstant();
      } catch (DateTimeParseException e) {
        try {
          Instant utc = LocalDateTime.parse(value.textValue(), DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
          warnings.add(new RunViolation(prefix + name, text(value), "has no offset; read as UTC", RunRule.TIME_OFFSET));
          return utc;
        } catch (DateTimeParseException notLocal) {
          wrongType(name, value, expected);
          return null;
        }
      }
    }

    <E extends Enum<E>> E enumValue(String name, boolean required, Class<E> type) {
      String expected = "one of " + Arrays.toString(type.getEnumConstants());
      JsonNode value = present(name, required, expected);
      if (value == null) {
        return null;
      }
      if (value.isTextual()) {
        for (E constant : type.getEnumConstants()) {
          if (constant.name().equals(value.textValue())) {
            return constant;
          }
        }
      }
      block(new RunViolation(prefix + name, text(value),
          "is not a known " + (type == RunStatus.class ? "status" : "token type") + "; use " + expected));
      return null;
    }

    double number(String name) {
      return required(name, "a number", "a number", Fields::numberOf, 0.0);
    }

    int integer(String name) {
      return required(
          name,
          "an integer",
          "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
          Fields::intOf,
          0);
    }

    long longValue(String name) {
      return required(
          name,
          "an integer",
          "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
          Fields::longOf,
          0L);
    }

    /**
     * A required field converted by {@code convert}; a missing field or a value of the wrong type is
     * recorded as a violation and gives {@code fallback}, so that reading goes on and every problem
     * of the document is reported.
     */
    private <T> T required(
        String name, String expected, String range, Function<JsonNode, T> convert, T fallback) {
      JsonNode value = present(name, true, expected);
      if (value == null) {
        return fallback;
      }
      T converted = convert.apply(value);
      if (converted == null) {
        wrongType(name, value, range);
        return fallback;
      }
      return converted;
    }

    static Double numberOf(JsonNode value) {
      return value.isNumber() ? value.doubleValue() : null;
    }

    static Integer intOf(JsonNode value) {
      return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
    }

    static Long longOf(JsonNode value) {
      return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }

    <T> Map<String, T> map(String name, String expected, Function<JsonNode, T> convert) {
      JsonNode value = present(name, false, "an object");
      if (value == null) {
        return null;
      }
      if (!value.isObject()) {
        wrongType(name, value, "an object");
        return null;
      }
      Map<String, T> result = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        T converted = convert.apply(field.getValue());
        if (converted == null) {
          block(new RunViolation(prefix + name + "." + field.getKey(), text(field.getValue()),
              "must be " + expected));
        }
        result.put(field.getKey(), converted);
      }
      return result;
    }

    List<String> strings(String name) {
      JsonNode value = present(name, false, "an array of strings");
      if (value == null) {
        return null;
      }
      if (!value.isArray()) {
        wrongType(name, value, "an array of strings");
        return null;
      }
      List<String> result = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        if (!element.isTextual()) {
          block(new RunViolation(prefix + name + "[" + i + "]", text(element), "must be a string"));
        }
        result.add(element.asText());
      }
      return result;
    }

    Map<String, Object> metadata(String name) {
      JsonNode value = present(name, false, "an object");
      if (value == null) {
        return null;
      }
      if (!value.isObject()) {
        wrongType(name, value, "an object");
        return null;
      }
      return MAPPER.convertValue(value, METADATA);
    }

    /** The fields of a required nested object; an empty reader when it is missing or not an object. */
    Fields object(String name, List<String> known) {
      JsonNode value = present(name, true, "an object with " + String.join(", ", known));
      if (value != null && !value.isObject()) {
        wrongType(name, value, "an object");
        value = null;
      }
      if (value == null) {
        return new Fields(JsonNodeFactory.instance.objectNode(), prefix + name + ".", known, new ArrayList<>(), warnings,
            new boolean[1]);
      }
      return new Fields((ObjectNode) value, prefix + name + ".", known, violations, warnings, blocked);
    }

    /** The fields of an array element, or null after recording that it is not an object. */
    Fields element(String name, int index, JsonNode value, List<String> known) {
      String path = prefix + name + "[" + index + "]";
      if (!value.isObject()) {
        block(new RunViolation(path, text(value), "must be an object with " + String.join(", ", known)));
        return null;
      }
      return new Fields((ObjectNode) value, path + ".", known, violations, warnings, blocked);
    }
  }
}

package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GAO-Dev's own documents, as its {@code BenchmarkMetrics.to_dict()} writes them (files in
 * {@code src/test/resources/gao-dev}, see its README), record through {@code gao-metrics record}
 * and read back equal, value for value, through {@link BenchmarkStore#find} and through {@code show
 * --json}.
 */
class GaoDevDocumentsTest {
  private static final Path DOCUMENTS = Path.of("src/test/resources/gao-dev");

  /** Reads GAO-Dev's snake_case keys straight into the metric records, independently of RunDocument. */
  private static final ObjectMapper SNAKE =
      RunDocument.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private static final String TYPES = " [clarification, error_fix, direction_change, blocked, user_correction]";

  /** The warnings each document gives, in order; a document not listed gives none. */
  private static final Map<String, List<String>> WARNINGS =
      Map.of(
          "sample-metrics.json",
          List.of(
              "autonomy.manual_interventions_types[1] = \"decision\": is not one of GAO-Dev's intervention types"
                  + TYPES,
              "workflow.phase_distribution = {\"planning\":0.2,\"development\":0.6,\"testing\":0.2}: sums to 1.0:"
                  + " fractions of the run's time, where GAO-Dev documents percentages summing to 100"),
          "complex-nested.json",
          List.of(
              "performance.token_usage_by_agent = {\"amelia\":5000,\"bob\":3000,\"john\":2000}: sums to 10000, not to"
                  + " performance.token_usage_total (0)",
              "autonomy.manual_interventions_types = [\"clarification\",\"error\",\"direction\"]: has 3 entries but"
                  + " autonomy.manual_interventions_count is 0",
              "autonomy.manual_interventions_types[1] = \"error\": is not one of GAO-Dev's intervention types" + TYPES,
              "autonomy.manual_interventions_types[2] = \"direction\": is not one of GAO-Dev's intervention types"
                  + TYPES,
              "quality.linting_errors_by_severity = {\"error\":5,\"warning\":10,\"info\":15}: sums to 30, not to"
                  + " quality.linting_errors_count (0)",
              "quality.security_vulnerabilities_by_severity = {\"high\":1,\"medium\":2,\"low\":5}: sums to 8, not to"
                  + " quality.security_vulnerabilities_count (0)"),
          "model-values.json",
          List.of(
              "autonomy.manual_interventions_types = [\"clarification\",\"error_fix\"]: has 2 entries but"
                  + " autonomy.manual_interventions_count is 3"));

  @TempDir Path folder;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), false);
    int exitCode =
        GaoMetricsCli.commandLine(Map.of(), terminal, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  static Stream<String> documents() throws Exception {
    try (Stream<Path> files = Files.list(DOCUMENTS)) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
      assertTrue(names.size() >= 8, names.toString());
      return names.stream();
    }
  }

  /** The documents of a file: the object itself, or each element of an array (GAO-Dev's JSON export). */
  private static List<JsonNode> documentsOf(Path file) throws Exception {
    JsonNode root = RunDocument.mapper().readTree(Files.readString(file));
    List<JsonNode> documents = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(documents::add);
    } else {
      documents.add(root);
    }
    return documents;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void aGaoDevDocumentRecordsAndReadsBackEqual(String name) throws Exception {
    Path file = DOCUMENTS.resolve(name);
    List<JsonNode> documents = documentsOf(file);
    Path db = folder.resolve("gao.db");
    Result recorded = run("record", "--db", db.toString(), file.toString());

    List<String> warnings = WARNINGS.getOrDefault(name, List.of());
    assertEquals(0, recorded.exitCode(), recorded.err());
    assertEquals("recorded " + documents.size() + " runs, rejected 0"
            + (warnings.isEmpty() ? "" : ", " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")),
        recorded.out().strip());
    String where = "gao-metrics record: warning: " + file + " document 1 (line 1), run \""
        + documents.get(0).get("run_id").textValue() + "\": ";
    List<String> expected = warnings.stream().map(w -> where + w).toList();
    assertEquals(expected, recorded.err().lines().toList());

    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      assertEquals(documents.size(), store.runs().count());
      for (JsonNode document : documents) {
        assertStoredAsGiven(document, store.find(document.get("run_id").textValue()).orElseThrow());
      }
    }
    for (JsonNode document : documents) {
      Result shown = run("show", "--db", db.toString(), "--json", document.get("run_id").textValue());
      assertEquals(0, shown.exitCode(), shown.err());
      JsonNode back = RunDocument.mapper().readTree(shown.out());
      assertShownAsGiven(document, back);
    }
  }

  /** Every field of the document, compared with the run the store reads back. */
  private static void assertStoredAsGiven(JsonNode document, CompleteRun stored) throws Exception {
    BenchmarkRun run = stored.run();
    assertEquals(document.get("run_id").textValue(), run.runId());
    assertEquals(instant(document.get("timestamp")), run.timestamp(), "the timestamp is the same instant");
    assertEquals(document.get("project_name").textValue(), run.projectName());
    assertEquals(document.get("benchmark_name").textValue(), run.benchmarkName());
    assertEquals(document.get("version").textValue(), run.version());
    assertEquals(SNAKE.convertValue(document.get("metadata"), new TypeReference<Map<String, Object>>() {}),
        run.metadata(), "metadata, nested values and their number types included");
    assertEquals(RunStatus.completed, run.status(), "GAO-Dev writes no status; completed is the default");
    assertEquals(null, run.finishedAt());
    assertEquals(List.of(), stored.tokenUsage());
    assertEquals(Set.of("run_id", "timestamp", "project_name", "benchmark_name", "version", "performance", "autonomy",
        "quality", "workflow", "metadata"), keys(document), "GAO-Dev's to_dict() keys, all of them compared");

    assertMetricsAsGiven(document, "performance", PerformanceMetrics.class, stored.performance());
    assertMetricsAsGiven(document, "autonomy", AutonomyMetrics.class, stored.autonomy());
    assertMetricsAsGiven(document, "quality", QualityMetrics.class, stored.quality());
    assertMetricsAsGiven(document, "workflow", WorkflowMetrics.class, stored.workflow());
  }

  /**
   * A metric object of the document, read straight into its record with the stored row's id and
   * run id, equals the stored row: every metric, every map entry and list element, empty maps and
   * lists as empty ones.
   */
  private static <R extends Record> void assertMetricsAsGiven(
      JsonNode document, String object, Class<R> type, R stored) throws Exception {
    ObjectNode given = ((ObjectNode) document.get(object)).deepCopy();
    Set<String> columns = new LinkedHashSet<>();
    for (RecordComponent component : type.getRecordComponents()) {
      columns.add(WholeRuns.column(component.getName()));
    }
    columns.removeAll(Set.of("id", "run_id"));
    assertEquals(columns, keys(given), object + ": GAO-Dev writes every column of " + type.getSimpleName());
    given.put("id", (Long) type.getMethod("id").invoke(stored));
    given.put("run_id", (String) type.getMethod("runId").invoke(stored));
    assertEquals(SNAKE.treeToValue(given, type), stored, object);
    for (RecordComponent component : type.getRecordComponents()) {
      Object value = component.getAccessor().invoke(stored);
      assertNotNull(value, object + "." + component.getName() + " reads back, empty rather than null");
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        JsonNode json = given.get(WholeRuns.column(component.getName()));
        assertEquals(json.size(), value instanceof Map<?, ?> map ? map.size() : ((List<?>) value).size(),
            object + "." + component.getName());
      }
    }
  }

  /** What {@code show --json} prints holds every key of the document, with the same values. */
  private static void assertShownAsGiven(JsonNode document, JsonNode shown) {
    Set<String> extra = keys(shown);
    extra.removeAll(keys(document));
    assertEquals(Set.of("status", "created_at", "token_usage"), extra, "show --json adds only these");
    assertEquals("completed", shown.get("status").textValue());
    assertNotNull(instant(shown.get("created_at")));
    assertEquals(0, shown.get("token_usage").size());
    for (String key : keys(document)) {
      if (key.equals("timestamp")) {
        assertEquals(instant(document.get(key)), instant(shown.get(key)), "timestamp as an instant");
        assertTrue(shown.get(key).textValue().endsWith("Z"), "written in UTC: " + shown.get(key));
      } else {
        assertSameJson(key, document.get(key), shown.get(key));
      }
    }
  }

  /** Equal JSON values: same keys, same elements, same numbers (integers stay integers). */
  private static void assertSameJson(String path, JsonNode expected, JsonNode actual) {
    assertNotNull(actual, path + " is missing");
    assertEquals(expected.getNodeType(), actual.getNodeType(), path + ": " + expected + " vs " + actual);
    if (expected.isObject()) {
      assertEquals(keys(expected), keys(actual), path);
      for (String key : keys(expected)) {
        assertSameJson(path + "." + key, expected.get(key), actual.get(key));
      }
    } else if (expected.isArray()) {
      assertEquals(expected.size(), actual.size(), path);
      for (int i = 0; i < expected.size(); i++) {
        assertSameJson(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
    } else if (expected.isNumber()) {
      assertEquals(expected.isIntegralNumber(), actual.isIntegralNumber(), path + ": " + expected + " vs " + actual);
      assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()), path + ": " + expected + " vs " + actual);
    } else {
      assertEquals(expected, actual, path);
    }
  }

  private static Instant instant(JsonNode time) {
    return OffsetDateTime.parse(time.textValue()).toInstant();
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new LinkedHashSet<>();
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      keys.add(names.next());
    }
    return keys;
  }

  @Test
  void theTimestampsAreGaoDevsOwnForms() throws Exception {
    assertEquals("2025-10-29T14:03:27.512384+00:00",
        documentsOf(DOCUMENTS.resolve("sample-metrics.json")).get(0).get("timestamp").textValue(),
        "datetime.now(UTC).isoformat()");
    assertEquals("2025-10-27T10:00:00Z",
        documentsOf(DOCUMENTS.resolve("defaults-only.json")).get(0).get("timestamp").textValue());
  }

  @Test
  void theDefaultsOnlyDocumentIsAllZerosAndEmpties() throws Exception {
    JsonNode document = documentsOf(DOCUMENTS.resolve("defaults-only.json")).get(0);
    Path db = folder.resolve("defaults.db");
    assertEquals(0, run("record", "--db", db.toString(), DOCUMENTS.resolve("defaults-only.json").toString()).exitCode());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      CompleteRun run = store.find("default-test").orElseThrow();
      assertEquals(Map.of(), run.run().metadata());
      assertEquals(new PerformanceMetrics(run.performance().id(), "default-test", 0, Map.of(), 0, Map.of(), 0, 0),
          run.performance());
      assertEquals(new AutonomyMetrics(run.autonomy().id(), "default-test", 0, List.of(), 0, 0, 0, 0, 0, 0),
          run.autonomy());
      assertEquals(new QualityMetrics(run.quality().id(), "default-test", 0, 0, 0, 0, Map.of(), 0, 0, Map.of(), 0),
          run.quality());
      assertEquals(new WorkflowMetrics(run.workflow().id(), "default-test", 0, 0, 0, Map.of(), 0), run.workflow());
    }
    JsonNode shown = RunDocument.mapper().readTree(run("show", "--db", db.toString(), "--json", "default-test").out());
    for (String map : List.of("/performance/phase_times", "/performance/token_usage_by_agent",
        "/quality/linting_errors_by_severity", "/quality/security_vulnerabilities_by_severity",
        "/workflow/phase_distribution", "/metadata")) {
      assertTrue(shown.at(map).isObject() && shown.at(map).isEmpty(), map + " is {} in " + shown);
    }
    assertTrue(shown.at("/autonomy/manual_interventions_types").isArray(), shown.toString());
    assertTrue(shown.at("/autonomy/manual_interventions_types").isEmpty(), shown.toString());
    assertFalse(document.has("status"));
  }
}

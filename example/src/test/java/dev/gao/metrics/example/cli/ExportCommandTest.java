package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.LargeDatabase;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.cli.CliRun.Result;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export}: json by default and pretty-printed, {@code --compact}, {@code --run-id},
 * exports that match nothing, and {@code --split}'s five GAO-Dev CSV files; run in-process against
 * real files, and in a child JVM with a small heap to show that memory stays flat.
 */
class ExportCommandTest {
  /** GAO-Dev's per-table CSV files and their columns, in GAO-Dev's order (its test_export.py). */
  private static final Map<String, List<String>> GAO_DEV_COLUMNS = new LinkedHashMap<>();

  static {
    GAO_DEV_COLUMNS.put("runs.csv", List.of("run_id", "timestamp", "project_name", "benchmark_name", "version"));
    GAO_DEV_COLUMNS.put("performance.csv",
        List.of("run_id", "total_time_seconds", "token_usage_total", "api_calls_count", "api_calls_cost"));
    GAO_DEV_COLUMNS.put("autonomy.csv",
        List.of("run_id", "manual_interventions_count", "prompts_needed_initial", "prompts_needed_followup",
            "one_shot_success_rate", "error_recovery_rate", "agent_handoffs_successful", "agent_handoffs_failed"));
    GAO_DEV_COLUMNS.put("quality.csv",
        List.of("run_id", "tests_written", "tests_passing", "code_coverage_percentage", "linting_errors_count",
            "type_errors_count", "security_vulnerabilities_count", "functional_completeness_percentage"));
    GAO_DEV_COLUMNS.put("workflow.csv",
        List.of("run_id", "stories_created", "stories_completed", "avg_cycle_time_seconds", "rework_count"));
  }

  private static final Comparator<CompleteRun> NEWEST_FIRST =
      Comparator.comparing((CompleteRun r) -> r.run().timestamp()).thenComparing(CompleteRun::runId).reversed();

  @TempDir Path folder;

  private Path db;
  private List<CompleteRun> runs;

  @BeforeEach
  void recordRuns() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(71, Instant.parse("2026-06-01T07:00:00Z")).matrix(2);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
  }

  private Result export(String... args) {
    return CliRun.export(db, args);
  }

  private Result ok(String... args) {
    Result result = export(args);
    assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.all());
    return result;
  }

  private JsonNode shown(String id) throws IOException {
    Result show = run("show", "--json", "--db", db.toString(), id);
    assertEquals(0, show.exitCode(), show.all());
    return RunDocument.mapper().readTree(show.out());
  }

  private List<String> newestFirst() {
    return runs.stream().sorted(NEWEST_FIRST).map(CompleteRun::runId).toList();
  }

  @Test
  void jsonIsTheDefaultPrettyPrintedAndCompactPutsItOnOneLine() throws Exception {
    String pretty = ok().out();
    assertTrue(pretty.startsWith("[\n  {\n    \"run_id\" : \""), pretty.substring(0, 40));
    assertTrue(pretty.endsWith("\n  }\n]\n"), pretty.substring(pretty.length() - 20));
    assertFalse(pretty.contains("\r"), "line feeds only");
    JsonNode array = RunDocument.mapper().readTree(pretty);
    List<String> order = newestFirst();
    assertEquals(order.size(), array.size());
    for (int i = 0; i < order.size(); i++) {
      assertEquals(shown(order.get(i)), array.get(i), "the document 'show --json' prints");
    }
    assertEquals(pretty, ok("--format", "json").out(), "the same as --format json");

    String compact = ok("--compact").out();
    assertEquals(1, compact.lines().count(), "one line");
    assertTrue(compact.endsWith("]\n"));
    assertEquals(array, RunDocument.mapper().readTree(compact));

    List<String> lines = ok("--format", "jsonl", "--compact").out().lines().toList();
    assertEquals(order.size(), lines.size(), "jsonl stays one document per line");
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(array.get(i), RunDocument.mapper().readTree(lines.get(i)));
    }
    Result csvCompact = export("--format", "csv", "--compact");
    assertEquals(2, csvCompact.exitCode());
    assertTrue(csvCompact.err().contains("--compact applies to --format json"), csvCompact.err());
  }

  @Test
  void runIdExportsExactlyTheRunsNamedInTheirOrder() throws Exception {
    List<String> ids = List.of(runs.get(5).runId(), runs.get(0).runId(), runs.get(17).runId());
    Result result =
        ok("--run-id", ids.get(0), "--run-id", ids.get(1), "--run-id", ids.get(2), "--run-id", ids.get(0));
    JsonNode array = RunDocument.mapper().readTree(result.out());
    assertEquals(3, array.size(), "a repeated id is exported once");
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(shown(ids.get(i)), array.get(i));
    }
    assertEquals("", result.err());

    Path file = folder.resolve("some.jsonl");
    Result unknown = export("--format", "jsonl", "--run-id", "nope-1", "--run-id", ids.get(2), "--run-id", "x' OR '1'='1",
        "--output", file.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, unknown.exitCode(), unknown.all());
    assertEquals(List.of(
            "gao-metrics export: no run \"nope-1\" in " + db + "; not exported",
            "gao-metrics export: no run \"x' OR '1'='1\" in " + db + "; not exported"),
        unknown.err().lines().toList());
    List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size(), "the known run is still exported");
    assertEquals(shown(ids.get(2)), RunDocument.mapper().readTree(lines.get(0)));

    Path none = folder.resolve("none.json");
    Result allUnknown = export("--run-id", "nope-1", "--run-id", "nope-2", "--output", none.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, allUnknown.exitCode());
    assertEquals(3, allUnknown.err().lines().count(), allUnknown.err());
    assertTrue(allUnknown.err().contains("none of the runs named is in " + db + "; nothing written to " + none),
        allUnknown.err());
    assertFalse(Files.exists(none), "no file for an export of nothing");

    for (String[] mixed : new String[][] {
        {"--project", "todo-app"}, {"--limit", "2"}, {"--offset", "1"}, {"--oldest-first"}, {"--status", "failed"}}) {
      List<String> args = new ArrayList<>(List.of("--run-id", ids.get(0)));
      args.addAll(List.of(mixed));
      Result usage = export(args.toArray(String[]::new));
      assertEquals(2, usage.exitCode(), String.join(" ", mixed));
      assertTrue(usage.err().contains("--run-id exports exactly the runs named"), usage.err());
    }
  }

  @Test
  void runIdReadsManyRunsInBatches() throws Exception {
    List<CompleteRun> more = new ArrayList<>();
    DemoRuns demo = new DemoRuns(72, Instant.parse("2027-01-01T00:00:00Z"));
    for (int i = 0; i < ExportCommand.PAGE_SIZE + 30; i++) {
      more.add(demo.next("invoice-api", "bugfix-suite", "1.1.0"));
    }
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(more);
    }
    List<String> ids = new ArrayList<>(more.stream().map(CompleteRun::runId).toList());
    Collections.shuffle(ids, new Random(3));
    ids.add(ExportCommand.PAGE_SIZE - 1, "missing-in-the-first-batch");
    List<String> args = new ArrayList<>(List.of("--format", "jsonl"));
    ids.forEach(id -> args.addAll(List.of("--run-id", id)));
    Result result = export(args.toArray(String[]::new));
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    List<String> exported = result.out().lines().map(line -> {
      try {
        return RunDocument.mapper().readTree(line).get("run_id").textValue();
      } catch (IOException e) {
        throw new AssertionError(line, e);
      }
    }).toList();
    assertEquals(ids.stream().filter(id -> !id.startsWith("missing")).toList(), exported);
    assertEquals(1, result.err().lines().count(), result.err());
  }

  @Test
  void filtersThatMatchNothingWriteNoFileAndSaySo() throws Exception {
    Path file = folder.resolve("nothing.json");
    Result nothing = export("--project", "none", "--since", "2026-01-01", "--output", file.toString());
    assertEquals(0, nothing.exitCode(), nothing.all());
    assertEquals("", nothing.out());
    assertEquals("gao-metrics export: no runs match --project \"none\" --since \"2026-01-01\" in " + db
        + "; nothing written to " + file + "\n", nothing.err());
    assertFalse(Files.exists(file));

    // An older export of other runs stays as it was: an empty selection replaces nothing.
    Files.writeString(file, "[]\n");
    assertEquals(0, export("--project", "none", "--force", "--output", file.toString()).exitCode());
    assertEquals("[]\n", Files.readString(file));

    Path dir = folder.resolve("split");
    Result split = export("--format", "csv", "--split", dir.toString(), "--status", "running");
    assertEquals(0, split.exitCode(), split.all());
    assertTrue(split.err().contains("nothing written to " + dir), split.err());
    assertFalse(Files.exists(dir), "no folder for an export of nothing");

    // On standard output a pipeline still gets a valid, empty document.
    Result json = export("--project", "none");
    assertEquals(0, RunDocument.mapper().readTree(json.out()).size());
    assertTrue(json.err().contains("no runs match --project \"none\""), json.err());
    assertEquals("", export("--format", "jsonl", "--project", "none").out());
    assertEquals(1, ReadCommandsTest.parseCsv(export("--format", "csv", "--project", "none").out()).size(),
        "the header only");
  }

  @Test
  void textCellsASpreadsheetWouldEvaluateAreNeutralizedUnlessAskedForAndNumbersStayNumbers() throws Exception {
    String formula = "=1+2*cmd|' /C calc'!A0";
    CompleteRun base = runs.get(0);
    BenchmarkRun r = base.run();
    CompleteRun hostile =
        new CompleteRun(
            new BenchmarkRun("hostile-run", r.timestamp(), formula, "@SUM(A1)", "-1", r.metadata(), r.createdAt(),
                r.status(), r.finishedAt()),
            withRun(base.performance(), "hostile-run"), withRun(base.autonomy(), "hostile-run"),
            withRun(base.quality(), "hostile-run"), withRun(base.workflow(), "hostile-run"), List.of());
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.record(hostile);
    }
    List<List<String>> safe = ReadCommandsTest.parseCsv(export("--format", "csv", "--run-id", "hostile-run").out());
    List<String> header = safe.get(0);
    List<String> row = safe.get(1);
    assertEquals("'" + formula, row.get(header.indexOf("project_name")));
    assertEquals("'@SUM(A1)", row.get(header.indexOf("benchmark_name")));
    assertEquals("'-1", row.get(header.indexOf("version")), "text that looks like a negative number is text");
    assertEquals(
        Values.number(base.performance().totalTimeSeconds()),
        row.get(header.indexOf("performance_metrics.total_time_seconds")), "numbers are never changed");

    List<List<String>> raw =
        ReadCommandsTest.parseCsv(export("--format", "csv", "--run-id", "hostile-run", "--csv-formulas").out());
    assertEquals(formula, raw.get(1).get(header.indexOf("project_name")), "--csv-formulas writes them as stored");

    Path dir = folder.resolve("split");
    assertEquals(0, export("--format", "csv", "--run-id", "hostile-run", "--split", dir.toString()).exitCode());
    List<List<String>> split = ReadCommandsTest.parseCsv(Files.readString(dir.resolve("runs.csv")));
    assertEquals("'" + formula, split.get(1).get(split.get(0).indexOf("project_name")));
    assertEquals(2, export("--format", "json", "--csv-formulas").exitCode(), "--csv-formulas is for csv only");
  }

  private static PerformanceMetrics withRun(PerformanceMetrics p, String runId) {
    return new PerformanceMetrics(0, runId, p.totalTimeSeconds(), p.phaseTimes(), p.tokenUsageTotal(),
        p.tokenUsageByAgent(), p.apiCallsCount(), p.apiCallsCost());
  }

  private static AutonomyMetrics withRun(AutonomyMetrics a, String runId) {
    return new AutonomyMetrics(0, runId, a.manualInterventionsCount(), a.manualInterventionsTypes(),
        a.promptsNeededInitial(), a.promptsNeededFollowup(), a.oneShotSuccessRate(), a.errorRecoveryRate(),
        a.agentHandoffsSuccessful(), a.agentHandoffsFailed());
  }

  private static QualityMetrics withRun(QualityMetrics q, String runId) {
    return new QualityMetrics(0, runId, q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(),
        q.lintingErrorsCount(), q.lintingErrorsBySeverity(), q.typeErrorsCount(), q.securityVulnerabilitiesCount(),
        q.securityVulnerabilitiesBySeverity(), q.functionalCompletenessPercentage());
  }

  private static WorkflowMetrics withRun(WorkflowMetrics w, String runId) {
    return new WorkflowMetrics(0, runId, w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(),
        w.phaseDistribution(), w.reworkCount());
  }

  @Test
  void optionsThatDoNotGoTogetherAreUsageErrors() {
    Result both = export("--format", "csv", "--split", folder.resolve("d").toString(), "--output",
        folder.resolve("f").toString());
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("give one of them"), both.err());
    Result json = export("--split", folder.resolve("d").toString());
    assertEquals(2, json.exitCode());
    assertTrue(json.err().contains("add --format csv"), json.err());
    assertFalse(Files.exists(folder.resolve("d")));
  }

  /** The record of a table in a complete run. */
  private static Record row(CompleteRun run, String table) {
    return switch (table) {
      case "benchmark_runs" -> run.run();
      case "performance_metrics" -> run.performance();
      case "autonomy_metrics" -> run.autonomy();
      case "quality_metrics" -> run.quality();
      case "workflow_metrics" -> run.workflow();
      default -> throw new AssertionError(table);
    };
  }

  private static String table(String file) {
    return switch (file) {
      case "runs.csv" -> "benchmark_runs";
      case "performance.csv" -> "performance_metrics";
      case "autonomy.csv" -> "autonomy_metrics";
      case "quality.csv" -> "quality_metrics";
      default -> "workflow_metrics";
    };
  }

  /** Asserts that a CSV field holds a column's value as the split files write it. */
  private static void assertField(Object value, String field, String where) throws IOException {
    if (value == null) {
      assertEquals("", field, where);
    } else if (value instanceof Number number) {
      assertEquals(number.doubleValue(), Double.parseDouble(field), where);
    } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
      // Both parsed from text, so that a long and an int of one value compare equal.
      assertEquals(RunDocument.mapper().readTree(RunDocument.mapper().writeValueAsString(value)),
          RunDocument.mapper().readTree(field), where);
    } else if (value instanceof Instant instant) {
      assertEquals(instant, Instant.parse(field), where);
    } else {
      assertEquals(value.toString(), field, where);
    }
  }

  @Test
  void splitWritesGaoDevsFiveFilesWithItsColumnsFirst() throws Exception {
    Path dir = folder.resolve("csv");
    Result result = ok("--format", "csv", "--split", dir.toString());
    assertEquals("", result.out());
    List<String> order = newestFirst();
    for (Map.Entry<String, List<String>> file : GAO_DEV_COLUMNS.entrySet()) {
      String text = Files.readString(dir.resolve(file.getKey()));
      assertTrue(text.startsWith("run_id,"), "a plain header, as GAO-Dev's own test asks");
      List<List<String>> records = ReadCommandsTest.parseCsv(text);
      List<String> header = records.get(0);
      assertEquals(file.getValue(), header.subList(0, file.getValue().size()), file.getKey() + ": GAO-Dev's columns");
      TableInfo table = GaoMetricsSchema.SCHEMA.tables().stream()
          .filter(t -> t.name().equals(table(file.getKey()))).findFirst().orElseThrow();
      List<String> rest = table.columns().stream().map(c -> c.name())
          .filter(c -> !c.equals("id") && !file.getValue().contains(c)).toList();
      assertEquals(rest, header.subList(file.getValue().size(), header.size()), file.getKey() + ": then the others");
      assertEquals(order.size() + 1, records.size(), file.getKey());
      for (int i = 1; i < records.size(); i++) {
        List<String> fields = records.get(i);
        assertEquals(header.size(), fields.size());
        String id = order.get(i - 1);
        assertEquals(id, fields.get(0), "every file in the same order");
        CompleteRun run = runs.stream().filter(r -> r.runId().equals(id)).findFirst().orElseThrow();
        Record row = row(run, table.name());
        for (RecordComponent component : row.getClass().getRecordComponents()) {
          String column = WholeRuns.column(component.getName());
          int at = header.indexOf(column);
          if (column.equals("id") || column.equals("created_at")) {
            continue;
          }
          assertTrue(at >= 0, file.getKey() + " has " + column);
          assertField(component.getAccessor().invoke(row), fields.get(at), file.getKey() + " " + column + " of " + id);
        }
      }
    }
    assertTrue(GAO_DEV_COLUMNS.keySet().stream().allMatch(name -> Files.exists(dir.resolve(name))));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(5, files.count(), "five files, nothing else");
    }
    List<String> extras = ReadCommandsTest.parseCsv(Files.readString(dir.resolve("runs.csv"))).get(0);
    assertEquals(List.of("metadata", "created_at", "status", "finished_at"), extras.subList(5, extras.size()));

    // Filters and --run-id choose the rows of every file alike.
    Path some = folder.resolve("some");
    ok("--format", "csv", "--split", some.toString(), "--run-id", order.get(3), "--run-id", order.get(1));
    for (String name : GAO_DEV_COLUMNS.keySet()) {
      List<List<String>> records = ReadCommandsTest.parseCsv(Files.readString(some.resolve(name)));
      assertEquals(List.of(order.get(3), order.get(1)), records.stream().skip(1).map(r -> r.get(0)).toList(), name);
    }
  }

  /**
   * A database whose export does not fit in the heap of the JVM that exports it: the export reads
   * and writes a batch at a time, so it works. A 24 MiB heap could not hold the runs' documents at
   * once.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void memoryStaysFlatWhateverTheNumberOfRuns() throws Exception {
    Path large = folder.resolve("large.db");
    int count = 4_000;
    LargeDatabase.build(large, count, 5);
    Path json = folder.resolve("large.json");
    Path split = folder.resolve("large-csv");
    for (List<String> args : List.of(
        List.of("export", "--db", large.toString(), "--output", json.toString()),
        List.of("export", "--db", large.toString(), "--format", "csv", "--split", split.toString()))) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
          "-cp", System.getProperty("java.class.path"), "-Dorg.sqlite.tmpdir=" + folder,
          GaoMetricsCli.class.getName()));
      command.addAll(args);
      Path log = folder.resolve("child.log");
      Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        assertTrue(child.waitFor(200, TimeUnit.SECONDS), "the export finished");
        assertEquals(0, child.exitValue(), Files.readString(log));
      } finally {
        child.destroyForcibly();
      }
    }
    // The documents' text alone, as Java strings (two bytes a character: the metadata is not Latin-1),
    // would fill more than the heap; as JSON trees several times more.
    assertTrue(Files.size(json) > 12L << 20, "the export is more than half the heap: " + Files.size(json));
    assertEquals(count, RunDocument.mapper().readTree(json.toFile()).size());
    for (String name : GAO_DEV_COLUMNS.keySet()) {
      try (Stream<String> lines = Files.lines(split.resolve(name))) {
        assertEquals(count + 1, lines.count(), name);
      }
    }
  }
}

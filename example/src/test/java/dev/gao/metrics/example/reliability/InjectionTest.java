package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoQueries;
import dev.gao.metrics.example.GaoQueriesImpl;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.RunDocumentValidator;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL metacharacters and injection strings in every value a caller or user can give: stored and
 * matched as data by the generated DAOs, the {@code @Query} methods, the analytics and every
 * command-line filter. Names that do reach SQL text (metrics, dimensions, comparable-by columns)
 * are checked against the schema and refused naming the bad name.
 */
class InjectionTest {
  /** Each value is a run id, project, benchmark, version, model and metadata key and value. */
  static final List<String> HOSTILE =
      List.of(
          "'",
          "\"",
          ";",
          "--",
          "/*",
          "' OR '1'='1",
          "'); DROP TABLE benchmark_runs; --",
          "\" OR \"\"=\"",
          "back\\slash\\'",
          "nul\u0000byte",
          "naïve ✓ 日本 \uD83D\uDE80 \u202Eright-to-left",
          "%",
          "_",
          "a%b_c*?[x]");

  /** Runs with plain values, which no hostile filter may match. */
  static final List<String> PLAIN = List.of("plain-1", "plain-2");

  @TempDir Path folder;
  private Path file;
  private BenchmarkStore store;
  private Map<String, Long> counts;

  @BeforeEach
  void recordHostileRuns() {
    file = folder.resolve("metrics.db");
    store = BenchmarkStore.open(file);
    DemoRuns demo = new DemoRuns(5, Instant.parse("2026-04-01T06:00:00Z"));
    List<String> ids = new ArrayList<>(HOSTILE);
    ids.addAll(PLAIN);
    for (String id : ids) {
      ObjectNode doc = RunDocument.write(demo.next("todo-app", "bugfix-suite", "1.0.0"));
      doc.put("run_id", id);
      if (HOSTILE.contains(id)) {
        doc.put("project_name", id);
        doc.put("benchmark_name", id);
        doc.put("version", id);
        ((ObjectNode) doc.get("metadata")).put("note", id).put(id, "key");
        ((ObjectNode) doc.get("token_usage").get(0)).put("model", id).put("price_table_version", id);
      }
      RunDocument.Parsed parsed = RunDocument.read(doc);
      assertEquals(List.of(), parsed.errors(), id);
      store.record(parsed.run());
    }
    counts = TableCounts.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void assertNothingDroppedOrChanged() {
    List<String> tables =
        store.database().read(tx -> store.database().dialect().tableNames(tx.connection()));
    assertTrue(tables.containsAll(TableCounts.TABLES), tables.toString());
    assertEquals(counts, TableCounts.of(store));
  }

  @Test
  void daoLookupsAndInsertsTreatEveryValueAsData() {
    GaoQueries queries = new GaoQueriesImpl(store.database());
    for (String id : HOSTILE) {
      CompleteRun back = store.find(id).orElseThrow(() -> new AssertionError("run " + id));
      BenchmarkRun run = back.run();
      assertEquals(id, run.runId());
      assertEquals(id, run.projectName());
      assertEquals(id, run.benchmarkName());
      assertEquals(id, run.version());
      assertEquals(id, run.metadata().get("note"));
      assertEquals("key", run.metadata().get(id));
      TokenUsage first = back.tokenUsage().stream().filter(t -> t.model().equals(id)).findFirst().orElseThrow();
      assertEquals(id, first.priceTableVersion());

      assertEquals(List.of(id), ids(store.runs().findByProjectName(id)), "findByProjectName " + id);
      assertEquals(List.of(id), ids(store.runs().findByBenchmarkName(id)), "findByBenchmarkName " + id);
      assertEquals(List.of(id), ids(queries.latestRuns(id, 100)), "latestRuns " + id);
      assertEquals(id, store.performance().findByRunId(id).orElseThrow().runId());
      assertEquals(id, store.autonomy().findByRunId(id).orElseThrow().runId());
      assertEquals(id, store.quality().findByRunId(id).orElseThrow().runId());
      assertEquals(id, store.workflow().findByRunId(id).orElseThrow().runId());
      assertEquals(8, store.tokenUsage().findByRunId(id).size());
      assertTrue(store.tokenUsage().findByRunIdAndModelAndTokenType(id, id, first.tokenType()).isPresent());
      assertTrue(store.runs().exists(id));
      assertFalse(store.runs().exists(id + "'"), id + "'");
    }
    for (String probe : List.of("x' OR '1'='1", "' OR 1=1 --", "%%", "*", "plain-%", "plain-_")) {
      assertTrue(store.runs().findById(probe).isEmpty(), probe);
      assertEquals(List.of(), store.runs().findByProjectName(probe), probe);
      assertEquals(List.of(), store.tokenUsage().findByRunId(probe), probe);
      assertEquals(List.of(), queries.latestRuns(probe, 100), probe);
    }
    assertNothingDroppedOrChanged();
  }

  @Test
  void updatesAndDeletesTouchOnlyTheRowNamed() {
    String victim = "' OR '1'='1";
    BenchmarkRun run = store.runs().findById(victim).orElseThrow();
    Map<String, Object> metadata = new HashMap<>(run.metadata());
    metadata.put("'; DELETE FROM token_usage; --", "/* still data */");
    assertTrue(store.runs().update(new BenchmarkRun(run.runId(), run.timestamp(), run.projectName(),
        run.benchmarkName(), run.version(), metadata, run.createdAt(), run.status(), run.finishedAt())));
    assertEquals("/* still data */",
        store.runs().findById(victim).orElseThrow().metadata().get("'; DELETE FROM token_usage; --"));
    assertEquals(counts, TableCounts.of(store));

    assertTrue(store.delete("%"));
    assertFalse(store.delete("%"));
    assertEquals(counts.get("benchmark_runs") - 1, store.runs().count(), "only the run named % went");
    assertEquals(counts.get("token_usage") - 8, store.tokenUsage().count());
    for (String id : HOSTILE) {
      assertEquals(!id.equals("%"), store.runs().exists(id), id);
    }
  }

  @Test
  void analyticsMatchFilterValuesExactlyAndRefuseNamesOutsideTheSchema() {
    Analytics analytics = GaoRunModel.analytics(store);
    for (String id : HOSTILE) {
      for (String dimension : List.of("project_name", "benchmark_name", "version")) {
        List<RunRow> rows = analytics.runs(RunFilter.ALL.where(dimension, id));
        assertEquals(List.of(id), rows.stream().map(RunRow::id).toList(), dimension + " " + id);
      }
      assertEquals(0, analytics.count(RunFilter.ALL.status(id)), "status " + id);
      // A key of a JSON map metric is bound as a parameter, not written into the JSON path.
      assertTrue(analytics.trend("performance_metrics.token_usage_by_agent[" + id + "]", RunFilter.ALL,
          Interval.RUN, 1).isEmpty(), "no agent is named " + id);

      String metric = "performance_metrics.total_time_seconds" + id;
      IllegalArgumentException unknownMetric =
          assertThrows(IllegalArgumentException.class, () -> analytics.stats(metric, List.of(), RunFilter.ALL));
      assertTrue(unknownMetric.getMessage().contains("unknown metric " + metric), unknownMetric.getMessage());
      IllegalArgumentException unknownDimension = assertThrows(IllegalArgumentException.class,
          () -> analytics.stats("performance_metrics.total_time_seconds", List.of("version" + id), RunFilter.ALL));
      assertTrue(unknownDimension.getMessage().contains("unknown dimension version" + id),
          unknownDimension.getMessage());
      IllegalArgumentException filterDimension = assertThrows(IllegalArgumentException.class,
          () -> analytics.runs(RunFilter.ALL.where("project_name" + id, "todo-app")));
      assertTrue(filterDimension.getMessage().contains("project_name" + id), filterDimension.getMessage());
    }
    assertNothingDroppedOrChanged();
  }

  // ---- the command line ----

  /**
   * Runs a command on the file. Hostile values go in as {@code --option=value} and positional
   * values after {@code --}, as a shell user would pass a value that starts with a dash.
   */
  private Cli.Result cli(String... args) {
    List<String> full = new ArrayList<>(List.of(args[0], "--db", file.toString()));
    full.addAll(List.of(args).subList(1, args.length));
    return Cli.run(full.toArray(String[]::new));
  }

  private List<String> listedRuns(String option, String value) throws Exception {
    Cli.Result result = cli("runs", "--json", "--limit", "0", option + "=" + value);
    assertEquals(0, result.exitCode(), result.all());
    List<String> ids = new ArrayList<>();
    RunDocument.mapper().readTree(result.out()).forEach(node -> ids.add(node.get("run_id").textValue()));
    return ids;
  }

  @Test
  void everyCommandLineFilterMatchesHostileValuesExactly() throws Exception {
    store.close();
    for (String id : HOSTILE) {
      for (String option : List.of("--project", "--benchmark", "--version")) {
        if (id.equals("--")) {
          // The option parser reads "--" as the end of options even as --option=--: a usage error.
          Cli.Result refused = cli("runs", option + "=--");
          assertEquals(2, refused.exitCode(), refused.all());
          continue;
        }
        assertEquals(List.of(id), listedRuns(option, id), option + " " + id);
        Cli.Result export = cli("export", "--format", "jsonl", option + "=" + id);
        assertEquals(1, export.out().lines().count(), option + " " + id + export.all());
        Cli.Result prune = cli("prune", "--older-than", "1d", option + "=" + id, "--dry-run");
        assertTrue(prune.out().startsWith("would delete 1 run "), option + " " + id + prune.all());
        JsonNode stats = RunDocument.mapper().readTree(cli("stats", "--metric",
            "performance_metrics.total_time_seconds", "--by", "project_name", option + "=" + id, "--json").out());
        assertEquals(1, stats.size(), option + " " + id);
      }
      if (!id.equals("--")) {
        // A status is one of four names: a hostile one is a usage error, never SQL.
        Cli.Result status = cli("runs", "--json", "--status=" + id);
        assertEquals(2, status.exitCode(), "--status " + id + status.all());
        assertTrue(status.err().contains("a run's status is one of"), status.err());
      }

      Cli.Result show = cli("show", "--json", "--", id);
      assertEquals(0, show.exitCode(), show.all());
      assertEquals(id, RunDocument.mapper().readTree(show.out()).get("run_id").textValue());
      JsonNode compared = RunDocument.mapper().readTree(cli("compare", "--json", "--", id, PLAIN.get(0)).out());
      assertEquals(id, compared.get("baseline").get("run_id").textValue());
      assertEquals(PLAIN.get(0), compared.get("candidate").get("run_id").textValue());
      if (id.equals("--")) {
        continue; // --baseline=-- is a usage error, as above; compare took it as a run id
      }
      Cli.Result regressions = cli("regressions", "--json", "--baseline=" + id, "--", PLAIN.get(1));
      assertTrue(regressions.exitCode() <= 1, "0, or 1 for a regression: " + regressions.all());
      JsonNode baseline = RunDocument.mapper().readTree(regressions.out()).get("baseline");
      assertEquals(id, baseline.get("run").textValue(), regressions.all());
      assertEquals(List.of(id), List.of(baseline.get("runs").get(0).textValue()));
      assertEquals(1, baseline.get("runs").size());
    }
    try (BenchmarkStore reopened = BenchmarkStore.open(file)) {
      assertEquals(counts, TableCounts.of(reopened), "no table was dropped or emptied");
    }
  }

  @Test
  void commandLineNamesAndNumbersOutsideTheSchemaAreUsageErrorsNamingThem() {
    store.close();
    for (String id : HOSTILE) {
      String metric = "performance_metrics.total_time_seconds" + id;
      assertUsageError(id, "unknown metric " + metric, "stats", "--metric=" + metric);
      assertUsageError(id, "unknown metric " + metric, "trend", "--metric=" + metric);
      assertUsageError(id, "unknown dimension version" + id,
          "stats", "--metric", "performance_metrics.total_time_seconds", "--by=version" + id);
      assertUsageError(id, "version" + id, "regressions", "--comparable-by=version" + id);
      assertUsageError(id, metric, "compare", "--threshold-for=" + metric + "=5%", "--", HOSTILE.get(0), PLAIN.get(0));
      assertUsageError(id, id, "compare", "--threshold=" + id, "--", HOSTILE.get(0), PLAIN.get(0));
      assertUsageError(id, id, "prune", "--older-than=" + id);
      assertUsageError(id, id, "runs", "--since=" + id);
      assertUsageError(id, id, "runs", "--until=" + id);
    }
    try (BenchmarkStore reopened = BenchmarkStore.open(file)) {
      assertEquals(counts, TableCounts.of(reopened), "no table was dropped or emptied");
    }
  }

  private void assertUsageError(String id, String named, String... args) {
    Cli.Result result = cli(args);
    String context = String.join(" ", args) + "\n" + result.all();
    assertEquals(2, result.exitCode(), context);
    // Values are named as typed, or quoted and escaped as JSON strings where they are quoted.
    String quoted = RunDocumentValidator.text(named);
    assertTrue(result.err().contains(named) || result.err().contains(quoted),
        "expected '" + named + "' for " + id + " in:\n" + context);
  }

  private static List<String> ids(List<BenchmarkRun> runs) {
    return runs.stream().map(BenchmarkRun::runId).toList();
  }
}

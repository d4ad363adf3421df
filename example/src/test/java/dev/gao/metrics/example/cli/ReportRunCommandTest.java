package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.cli.CliRun.Result;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RunDetail;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report run}: the page of a GAO-Dev run holds exactly what the analytics return for it
 * (every metric, phase times, token usage by agent, by model and by token type), goes to standard
 * output or through the output-file rules, and an unknown run is exit code 3; on a file and on a
 * server alike.
 */
class ReportRunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private Path db;
  private List<CompleteRun> runs;
  private String runId;

  @BeforeEach
  void recordRuns() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(16, Instant.parse("2026-06-01T07:00:00.123456Z")).matrix(1);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
    runId = runs.get(runs.size() - 1).runId();
  }

  @Test
  void thePageHoldsWhatTheAnalyticsReturnForTheRun() throws Exception {
    Path file = folder.resolve("out/run.html");
    Result result = run("report", "run", runId, "--db", db.toString(), "--output", file.toString());
    assertEquals(0, result.exitCode(), result.all());
    assertEquals("", result.all());
    assertEquals("rw-------", CliRun.permissions(file));
    assertEquals("rwx------", CliRun.permissions(file.getParent()));
    Document page = Jsoup.parse(Files.readString(file));

    RunDetail detail;
    List<Map<String, Object>> tokenRows;
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      Analytics analytics = GaoRunModel.analytics(store);
      detail = analytics.runDetail(runId);
      tokenRows = analytics.wholeRuns(List.of(runId)).get(runId).rows("token_usage");
    }
    Map<String, Double> expected = new LinkedHashMap<>();
    Map<String, Map<String, Double>> expectedMaps = new LinkedHashMap<>();
    detail.values().forEach((metric, value) -> {
      if (metric.key() == null) {
        expected.put(metric.name(), value);
      } else {
        expectedMaps.computeIfAbsent(metric.table() + "." + metric.column().name(), m -> new LinkedHashMap<>())
            .put(metric.key(), value);
      }
    });
    Map<String, Double> shown = new LinkedHashMap<>();
    for (Element row : page.select("table.metrics tr[data-metric]")) {
      shown.put(row.attr("data-metric"), Double.parseDouble(row.select("td").get(1).text()));
      MetricRef metric = GaoRunModel.MODEL.metric(row.attr("data-metric"));
      assertEquals(metric.info().unit(), row.select("td").get(2).text());
    }
    assertEquals(expected, shown);
    assertEquals(24, shown.size(), "every number metric of the GAO-Dev schema");

    JsonNode data = JSON.readTree(page.selectFirst("script#report-data").data());
    Map<String, Map<String, Double>> maps = new LinkedHashMap<>();
    for (JsonNode map : data.get("maps")) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (int i = 0; i < map.get("keys").size(); i++) {
        values.put(map.get("keys").get(i).asText(), map.get("values").get(i).asDouble());
      }
      if (!values.isEmpty()) {
        maps.put(map.get("metric").asText(), values);
      }
      Map<String, Double> table = new LinkedHashMap<>();
      for (Element row : page.select("table.map[data-map=" + map.get("metric").asText() + "] tbody tr")) {
        table.put(row.attr("data-key"), Double.parseDouble(row.select("td").get(1).text()));
      }
      assertEquals(values, table, "the chart's data is its table");
    }
    assertEquals(expectedMaps, maps);
    assertTrue(maps.get("performance_metrics.phase_times").size() > 1, "phase times");
    assertTrue(maps.get("performance_metrics.token_usage_by_agent").size() > 1, "tokens by agent");

    for (String by : List.of("model", "token_type")) {
      Map<String, Double> tokens = new LinkedHashMap<>();
      Map<String, BigDecimal> cost = new LinkedHashMap<>();
      for (Map<String, Object> row : tokenRows) {
        String key = String.valueOf(row.get(by));
        tokens.merge(key, ((Number) row.get("tokens")).doubleValue(), Double::sum);
        cost.merge(key, new BigDecimal(row.get("cost_usd").toString()), BigDecimal::add);
      }
      Map<String, Double> shownTokens = new LinkedHashMap<>();
      Map<String, Double> shownCost = new LinkedHashMap<>();
      for (Element row : page.select("table.breakdown[data-table=token_usage][data-by=" + by + "] tbody tr")) {
        shownTokens.put(row.attr("data-key"), Double.parseDouble(row.select("td").get(1).text()));
        shownCost.put(row.attr("data-key"), Double.parseDouble(row.select("td").get(2).text()));
      }
      assertEquals(tokens, shownTokens, "tokens by " + by);
      Map<String, Double> costs = new LinkedHashMap<>();
      cost.forEach((k, v) -> costs.put(k, v.doubleValue()));
      assertEquals(costs, shownCost, "cost by " + by);
      assertEquals(expected.get("token_usage.tokens"),
          shownTokens.values().stream().mapToDouble(Double::doubleValue).sum(), "the rows add up to the total");
    }

    CompleteRun run = runs.get(runs.size() - 1);
    assertEquals(runId, fact(page, "run_id"));
    assertEquals(run.run().projectName(), fact(page, "project_name"));
    assertEquals(run.run().benchmarkName(), fact(page, "benchmark_name"));
    assertEquals(run.run().status().name(), fact(page, "status"));
    assertEquals(run.run().timestamp().toString(), fact(page, "timestamp"));
    assertEquals(run.run().finishedAt().toString(), fact(page, "finished_at"));
    Duration took = Duration.between(run.run().timestamp(), run.run().finishedAt());
    assertEquals(took.toNanos() / 1e9, data.get("run").get("durationSeconds").asDouble(), 1e-9);
    assertEquals(String.format(java.util.Locale.ROOT, "%dm %02ds", took.toMinutes(), took.toSecondsPart()),
        fact(page, "duration"));
    assertEquals("Run " + runId, page.title());
  }

  @Test
  void standardOutputAndTheFileAreTheSameBytesEveryTime() throws Exception {
    Result first = run("report", "run", runId, "--db", db.toString(), "--title", "<b>Nightly</b> & \"co\"");
    Result second = run("report", "run", runId, "--db", db.toString(), "--title", "<b>Nightly</b> & \"co\"");
    assertEquals(0, first.exitCode(), first.err());
    assertEquals("", first.err());
    assertEquals(first.out(), second.out());
    Path file = folder.resolve("r.html");
    Result written = run("report", "run", runId, "--db", db.toString(), "--title", "<b>Nightly</b> & \"co\"",
        "--output", file.toString());
    assertEquals(0, written.exitCode(), written.all());
    assertArrayEquals(first.out().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    Document page = Jsoup.parse(first.out());
    assertEquals("<b>Nightly</b> & \"co\"", page.title());
    assertEquals(0, page.select("h1 b").size());
  }

  @Test
  void anUnknownRunIsExitCodeThreeWithOneLineAndNoFile() throws Exception {
    Path file = folder.resolve("none.html");
    Result result = run("report", "run", "no-such-run", "--db", db.toString(), "--output", file.toString());
    assertEquals(3, result.exitCode(), result.all());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("gao-metrics report run: no run \"no-such-run\" in " + db), result.err());
    assertFalse(Files.exists(file));
    try (var left = Files.list(folder)) {
      assertEquals(List.of(), left.filter(p -> !p.getFileName().toString().startsWith("metrics.db")).toList());
    }
  }

  @Test
  void theOutputFollowsTheFileRules() throws Exception {
    Result overDatabase = run("report", "run", runId, "--db", db.toString(), "--output", db.toString(), "--force");
    assertEquals(2, overDatabase.exitCode(), overDatabase.all());
    assertTrue(overDatabase.err().contains("refusing to write"), overDatabase.err());

    Path existing = Files.writeString(folder.resolve("old.html"), "old");
    Result refused = run("report", "run", runId, "--db", db.toString(), "--output", existing.toString());
    assertEquals(2, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("exists; pass --force"), refused.err());
    assertEquals("old", Files.readString(existing));

    Result declined = CliRun.run("n\n", true, "report", "run", runId, "--db", db.toString(),
        "--output", existing.toString());
    assertEquals(0, declined.exitCode(), declined.all());
    assertEquals("old", Files.readString(existing));

    Result forced = run("report", "run", runId, "--db", db.toString(), "--output", existing.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced.all());
    assertTrue(Files.readString(existing).startsWith("<!DOCTYPE html>"));

    Result folderTarget = run("report", "run", runId, "--db", db.toString(), "--output", folder.toString());
    assertEquals(2, folderTarget.exitCode(), folderTarget.all());
  }

  @Test
  void theReportGroupPrintsItsUsage() {
    Result result = run("report");
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.out().contains("run"), result.out());
    Result missing = run("report", "run", "--db", db.toString());
    assertEquals(2, missing.exitCode(), missing.all());
  }

  @Test
  void aServerGivesTheSameNumbersAsAFile() throws Exception {
    String url = PostgresServer.newDatabase("report_run");
    try {
      Path input = Files.writeString(folder.resolve("runs.jsonl"), CliRun.realRunsJsonl(runs));
      for (String target : List.of(url, folder.resolve("same.db").toString())) {
        Result recorded = run("record", "--db", target, input.toString());
        assertEquals(0, recorded.exitCode(), recorded.all());
      }
      Result server = run("report", "run", runId, "--db", url);
      Result file = run("report", "run", runId, "--db", folder.resolve("same.db").toString());
      assertEquals(0, server.exitCode(), server.all());
      assertEquals(0, file.exitCode(), file.all());
      JsonNode onServer = JSON.readTree(Jsoup.parse(server.out()).selectFirst("script#report-data").data());
      JsonNode onFile = JSON.readTree(Jsoup.parse(file.out()).selectFirst("script#report-data").data());
      for (String part : List.of("maps", "breakdowns")) {
        assertEquals(onFile.get(part), onServer.get(part), part);
      }
      // Each engine sums a run's rows itself (token_usage.cost_usd): the same to the last bit or two.
      JsonNode fileMetrics = onFile.get("metrics");
      JsonNode serverMetrics = onServer.get("metrics");
      assertEquals(fileMetrics.size(), serverMetrics.size());
      for (int t = 0; t < fileMetrics.size(); t++) {
        JsonNode left = fileMetrics.get(t).get("metrics");
        JsonNode right = serverMetrics.get(t).get("metrics");
        assertEquals(left.size(), right.size());
        for (int m = 0; m < left.size(); m++) {
          assertEquals(left.get(m).get("name"), right.get(m).get("name"));
          double expected = left.get(m).get("value").asDouble();
          assertEquals(expected, right.get(m).get("value").asDouble(), Math.abs(expected) * 1e-12,
              left.get(m).get("name").asText());
        }
      }
      assertEquals(onFile.get("run").get("durationSeconds"), onServer.get("run").get("durationSeconds"));
      Result unknown = run("report", "run", "nope", "--db", url);
      assertEquals(3, unknown.exitCode(), unknown.all());
    } finally {
      PostgresServer.dropDatabase(url);
    }
  }

  private static String fact(Document page, String name) {
    Element cell = page.selectFirst("tr[data-fact=" + name + "] td");
    assertNotNull(cell, name);
    return cell.text();
  }
}

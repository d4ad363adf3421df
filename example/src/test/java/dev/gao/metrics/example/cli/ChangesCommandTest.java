package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.cli.CliRun.Result;
import dev.gao.metrics.example.model.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gao-metrics changes} on the demo's runs: the sustained shift of todo-app, bugfix-suite
 * 1.1.0 is found at the run where it starts, and nothing on the series that keep their level;
 * exit code 1 while the shift is open at the newest run.
 */
class ChangesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private Path db;
  private List<CompleteRun> runs;
  private String shiftStart;

  @BeforeEach
  void recordDemo() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(42, Instant.parse("2026-06-01T07:00:00Z")).matrix(6);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
    List<CompleteRun> shifted = new ArrayList<>();
    for (CompleteRun run : runs) {
      if (List.of(run.run().projectName(), run.run().benchmarkName(), run.run().version()).equals(DemoRuns.SHIFTED_SERIES)) {
        shifted.add(run);
      }
    }
    assertEquals(24, shifted.size());
    // the first run of the slower half that did not fail: failed runs are not in the histories
    shiftStart = null;
    for (int i = shifted.size() / 2; i < shifted.size() && shiftStart == null; i++) {
      RunStatus status = shifted.get(i).run().status();
      if (status != RunStatus.failed && status != RunStatus.timeout) {
        shiftStart = shifted.get(i).runId();
      }
    }
  }

  @Test
  void theDemosShiftIsFoundWhereItStartsAndNothingElse() throws Exception {
    Result result = run("changes", "--json", "--db", db.toString());
    assertEquals(1, result.exitCode(), result.all());
    JsonNode changes = JSON.readTree(result.out()).get("changes");
    Set<String> metrics = new HashSet<>();
    for (JsonNode change : changes) {
      assertEquals(DemoRuns.SHIFTED_SERIES, List.of(change.get("group").get("project_name").asText(),
          change.get("group").get("benchmark_name").asText(), change.get("group").get("version").asText()),
          "a change on a series that keeps its level: " + change);
      assertEquals("regressed", change.get("direction").asText(), change.toString());
      assertTrue(change.get("open").asBoolean());
      metrics.add(change.get("metric").asText());
      if (List.of("performance_metrics.total_time_seconds", "performance_metrics.token_usage_total",
          "performance_metrics.api_calls_cost").contains(change.get("metric").asText())) {
        assertEquals(shiftStart, change.get("run_id").asText(), change.toString());
        assertEquals(0.25, change.get("relative_change").asDouble(), 0.08, change.toString());
      }
    }
    assertTrue(metrics.containsAll(List.of("performance_metrics.total_time_seconds",
        "performance_metrics.token_usage_total", "performance_metrics.api_calls_cost")), metrics.toString());
    assertEquals(changes.size(), JSON.readTree(result.out()).get("open_regressions").asInt());
  }

  @Test
  void trendMarksTheRunWhereTheShiftStarts() throws Exception {
    Result trend = run("trend", "--metric", "total_time_seconds", "--project", "todo-app", "--benchmark", "bugfix-suite",
        "--version", "1.1.0", "--limit", "0", "--json", "--db", db.toString());
    assertEquals(0, trend.exitCode(), trend.all());
    int marked = 0;
    for (JsonNode point : JSON.readTree(trend.out()).get("points")) {
      JsonNode change = point.get("change_point");
      if (!change.isNull()) {
        marked++;
        assertEquals(shiftStart, point.get("run_id").asText());
        assertEquals("regressed", change.get("direction").asText());
        assertTrue(change.get("open").asBoolean());
      }
    }
    assertEquals(1, marked);
    Result table = run("trend", "--metric", "total_time_seconds", "--project", "todo-app", "--limit", "0",
        "--db", db.toString());
    assertTrue(table.out().lines().anyMatch(l -> l.contains(shiftStart) && l.contains("regressed (open)")), table.out());
    Result stable = run("trend", "--metric", "total_time_seconds", "--project", "invoice-api", "--limit", "0",
        "--db", db.toString());
    assertTrue(stable.out().lines().noneMatch(l -> l.contains("shift ")), stable.out());
  }

  @Test
  void theTableNamesTheOpenRegressionsAndTheFiltersNarrowIt() {
    Result table = run("changes", "--metric", "total_time_seconds", "--db", db.toString());
    assertEquals(1, table.exitCode(), table.all());
    assertTrue(table.out().contains(shiftStart), table.out());
    assertTrue(table.out().contains("OPEN REGRESSIONS: performance_metrics.total_time_seconds"), table.out());

    Result stable = run("changes", "--project", "invoice-api", "--db", db.toString());
    assertEquals(0, stable.exitCode(), stable.all());
    assertTrue(stable.out().contains("no change points in 24 metrics"), stable.out());

    Result large = run("changes", "--metric", "total_time_seconds", "--min-magnitude", "40%", "--db", db.toString());
    assertEquals(0, large.exitCode(), large.all());

    Result both = run("changes", "--metric", "total_time_seconds", "--all-metrics", "--db", db.toString());
    assertEquals(2, both.exitCode(), both.all());
    Result map = run("changes", "--metric", "performance_metrics.phase_times", "--db", db.toString());
    assertEquals(2, map.exitCode(), map.all());
    assertTrue(map.err().contains("is a JSON map"), map.err());
    Result window = run("changes", "--window", "6", "--db", db.toString());
    assertEquals(2, window.exitCode(), window.all());
    assertTrue(window.err().contains("window must be at least twice the minimum segment"), window.err());
    Result alpha = run("changes", "--alpha", "2", "--db", db.toString());
    assertEquals(2, alpha.exitCode(), alpha.all());
  }
}

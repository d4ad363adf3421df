package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.cli.GaoMetricsCli;
import dev.gao.metrics.example.model.BenchmarkRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200,000 complete runs (2.6 million rows with their token usage): indexed lookups stay index
 * lookups and stay fast.
 */
class LargeDatasetTest {
  private static final int RUNS = 200_000;
  private static final int BATCH = 10_000;
  /** Tables of the schema and the aliases the analytics give them. */
  private static final java.util.Set<String> TABLES =
      java.util.Set.of(
          "r", "c", "benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics",
          "workflow_metrics", "token_usage");

  @TempDir Path folder;

  @Test
  void twoHundredThousandRunsAnswerIndexedLookups() {
    try (BenchmarkStore store = BenchmarkStore.open(folder.resolve("large.db"))) {
      DemoRuns demo = new DemoRuns(2026, Instant.parse("2020-01-01T00:00:00Z"));
      List<String> sampleIds = new ArrayList<>();
      int expectedInProject = 0;
      long rows = 0;
      Random pick = new Random(1);
      long began = System.nanoTime();
      for (int done = 0; done < RUNS; done += BATCH) {
        List<CompleteRun> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
          int n = done + i;
          CompleteRun run =
              demo.next(
                  DemoRuns.PROJECTS.get(n % 3) + "-" + (n % 40),
                  DemoRuns.BENCHMARKS.get(n % 2),
                  DemoRuns.VERSIONS.get((n / 2) % 2));
          batch.add(run);
          rows += 5 + run.tokenUsage().size();
          if (run.run().projectName().equals("invoice-api-7")) {
            expectedInProject++;
          }
          if (pick.nextInt(2_000) == 0) {
            sampleIds.add(run.runId());
          }
        }
        store.recordAll(batch);
      }
      double loadSeconds = (System.nanoTime() - began) / 1e9;
      System.out.printf("loaded %d complete runs (%d rows) in %.1f s%n", RUNS, rows, loadSeconds);
      assertEquals(RUNS, store.runs().count());
      assertEquals(RUNS, store.quality().count());

      long lookups = System.nanoTime();
      for (String runId : sampleIds) {
        CompleteRun run = store.find(runId).orElseThrow();
        assertEquals(runId, run.performance().runId());
      }
      double perFind = (System.nanoTime() - lookups) / 1e3 / sampleIds.size();
      System.out.printf("find(runId) of a whole run: %.0f us on average over %d runs%n", perFind, sampleIds.size());

      List<BenchmarkRun> project = store.runs().findByProjectName("invoice-api-7");
      assertEquals(expectedInProject, project.size());
      assertTrue(project.stream().allMatch(r -> r.projectName().equals("invoice-api-7")));

      assertUsesIndex(store, "SELECT run_id FROM benchmark_runs WHERE project_name = ?", "idx_runs_project");
      assertUsesIndex(store, "SELECT run_id FROM benchmark_runs WHERE benchmark_name = ?", "idx_runs_benchmark");
      assertUsesIndex(store, "SELECT run_id FROM benchmark_runs WHERE timestamp > ?", "idx_runs_timestamp");
      for (String child : List.of("performance", "autonomy", "quality", "workflow")) {
        assertUsesIndex(store, "SELECT id FROM " + child + "_metrics WHERE run_id = ?", "idx_" + child + "_run_id");
      }
      try (Stream<BenchmarkRun> all = store.runs().stream()) {
        assertEquals(RUNS, all.count());
      }
    }
    commandsAnswerFromIndexes(folder.resolve("large.db"));
  }

  /**
   * Runs the read commands on the large file with every statement traced, and checks the plan of
   * each: runs of the run table are read through an index whenever a filter names a dimension, and
   * child tables are only ever searched by their run-id index, never scanned.
   */
  private static void commandsAnswerFromIndexes(Path file) {
    String id = firstRunOf(file, "invoice-api-7");
    String[][] commands = {
      {"runs", "--project", "invoice-api-7", "--limit", "20"},
      {"show", id},
      {"stats", "--metric", "performance_metrics.total_time_seconds", "--project", "invoice-api-7"},
      {"trend", "--metric", "performance_metrics.total_time_seconds", "--project", "invoice-api-7"},
      {"trend", "--metric", "performance_metrics.token_usage_by_agent[amelia]", "--project", "invoice-api-7",
        "--interval", "day"},
      {"compare", id, firstRunOf(file, "todo-app-0")},
      {"regressions", id, "--json"},
      {"stats", "--metric", "token_usage.tokens"},
      {"stats", "--all-metrics", "--project", "invoice-api-7"},
      {"stats", "--all-metrics", "--last", "1000"},
    };
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--db", file.toString()));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long began = System.nanoTime();
      int exit =
          GaoMetricsCli.commandLine(
                  Map.of("GAO_METRICS_TRACE_SQL", "1"), new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(args.toArray(String[]::new));
      double millis = (System.nanoTime() - began) / 1e6;
      String name = String.join(" ", command);
      assertTrue(exit == 0 || (exit == 1 && command[0].equals("regressions")), name + ": " + err);
      List<String> statements =
          err.toString().lines().filter(line -> line.startsWith("sql ")).map(line -> line.substring(line.indexOf(": ") + 2)).toList();
      assertFalse(statements.isEmpty(), name);
      boolean filtered = args.contains("--project") || args.contains("--last") || !command[0].equals("stats");
      for (String sql : statements) {
        List<String> plan = plan(file, sql);
        String text = name + "\n" + sql + "\n" + String.join("\n", plan);
        for (String line : plan) {
          String[] words = line.split(" ");
          boolean onTable = words.length > 1 && TABLES.contains(words[1]);
          if (onTable) {
            assertFalse(line.contains("AUTOMATIC"), text);
            // only an aggregate over every run may read the run table from start to end
            assertTrue(!line.startsWith("SCAN ") || (!filtered && words[1].equals("r")), text);
          }
        }
      }
      System.out.printf(Locale.ROOT, "%-110s %8.1f ms, %d statements%n", name, millis, statements.size());
    }
  }

  private static String firstRunOf(Path file, String project) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement statement =
            c.prepareStatement("SELECT run_id FROM benchmark_runs WHERE project_name = ? ORDER BY timestamp DESC LIMIT 1")) {
      statement.setString(1, project);
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next(), project);
        return rs.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> plan(Path file, String sql) {
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString("detail"));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(sql, e);
    }
    return plan;
  }

  private static void assertUsesIndex(BenchmarkStore store, String sql, String index) {
    String plan =
        store
            .database()
            .read(
                tx -> {
                  StringBuilder text = new StringBuilder();
                  try (PreparedStatement statement = tx.connection().prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                    if (sql.contains("?")) {
                      statement.setString(1, "x");
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                      while (rs.next()) {
                        text.append(rs.getString("detail")).append('\n');
                      }
                    }
                  }
                  return text.toString();
                });
    assertTrue(
        Arrays.stream(plan.split("\n")).anyMatch(line -> line.startsWith("SEARCH") && line.contains(index)),
        sql + " uses " + index + ": " + plan);
  }
}

package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.BenchmarkRun;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

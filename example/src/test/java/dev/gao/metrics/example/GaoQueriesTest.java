package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile-checked queries of {@link GaoQueries}, checked against values computed here in Java. */
class GaoQueriesTest {
  @TempDir Path folder;
  private BenchmarkStore store;
  private GaoQueries queries;
  private List<CompleteRun> runs;

  @BeforeEach
  void record() {
    store = BenchmarkStore.open(folder.resolve("queries.db"));
    queries = new GaoQueriesImpl(store.database());
    runs = new DemoRuns(11, Instant.parse("2026-04-01T08:00:00Z")).matrix(5);
    store.recordAll(runs);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void summariesEqualMeansComputedIndependently() {
    Map<String, List<CompleteRun>> groups =
        runs.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.run().benchmarkName() + "|" + r.run().version(), TreeMap::new, Collectors.toList()));
    List<BenchmarkSummary> summaries = queries.summaries();
    assertEquals(groups.size(), summaries.size());
    int i = 0;
    for (Map.Entry<String, List<CompleteRun>> group : groups.entrySet()) {
      BenchmarkSummary summary = summaries.get(i++);
      List<CompleteRun> g = group.getValue();
      assertEquals(group.getKey(), summary.benchmarkName() + "|" + summary.version());
      assertEquals(g.size(), summary.runs());
      assertEquals(g.stream().filter(r -> r.run().status() == RunStatus.completed).count(), summary.completed());
      assertEquals(mean(g, r -> r.performance().totalTimeSeconds()), summary.meanTimeSeconds(), 1e-6);
      assertEquals(mean(g, r -> r.performance().tokenUsageTotal()), summary.meanTokens(), 1e-6);
      assertEquals(mean(g, r -> r.performance().apiCallsCost()), summary.meanCostUsd(), 1e-9);
      assertEquals(mean(g, r -> r.quality().codeCoveragePercentage()), summary.meanCoveragePercentage(), 1e-9);
    }
  }

  @Test
  void latestRunsOfAProjectNewestFirst() {
    List<String> expected =
        runs.stream()
            .map(CompleteRun::run)
            .filter(r -> r.projectName().equals("invoice-api"))
            .sorted(Comparator.comparing(BenchmarkRun::timestamp).reversed())
            .limit(7)
            .map(BenchmarkRun::runId)
            .toList();
    assertEquals(expected, queries.latestRuns("invoice-api", 7).stream().map(BenchmarkRun::runId).toList());
    assertEquals(List.of(), queries.latestRuns("x' OR '1'='1", 7), "a parameter is data, never SQL");
  }

  @Test
  void countsByStatus() {
    for (RunStatus status : RunStatus.values()) {
      assertEquals(runs.stream().filter(r -> r.run().status() == status).count(), queries.countWithStatus(status));
    }
  }

  private static double mean(List<CompleteRun> runs, java.util.function.ToDoubleFunction<CompleteRun> metric) {
    return runs.stream().mapToDouble(metric).average().orElseThrow();
  }
}

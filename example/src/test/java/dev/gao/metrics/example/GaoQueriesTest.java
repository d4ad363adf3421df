package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compile-checked queries of {@link GaoQueries}, checked against values computed here in Java,
 * on every engine (PostgreSQL runs the {@code postgres} variants, after preparing every query).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class GaoQueriesTest {
  @Parameter Engine engine;
  @TempDir Path folder;
  private BenchmarkStore store;
  private GaoQueries queries;
  private List<CompleteRun> runs;

  @BeforeEach
  void record() {
    store =
        engine == Engine.SQLITE
            ? BenchmarkStore.open(folder.resolve("queries.db"))
            : new BenchmarkStore(
                MetricsDatabase.builder(GaoMetricsSchema.SCHEMA)
                    .url(PostgresServer.newDatabase("gao_queries"))
                    .user("postgres")
                    .open());
    assertEquals(engine, store.database().dialect().engine());
    queries = new GaoQueriesImpl(store.database());
    runs =
        new DemoRuns(11, Instant.parse("2026-04-01T08:00:00Z"))
            .matrix(5).stream().map(GaoQueriesTest::toTheMicrosecond).toList();
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
  void aRunWithItsMetricRowsFromOneJoin() {
    CompleteRun expected = runs.get(3);
    RunWithMetrics read = queries.runWithMetrics(expected.run().runId()).orElseThrow();
    assertEquals(expected.run().runId(), read.run().runId());
    assertEquals(expected.run().projectName(), read.run().projectName());
    assertEquals(expected.performance().totalTimeSeconds(), read.performance().totalTimeSeconds(), 1e-9);
    assertEquals(expected.quality().codeCoveragePercentage(), read.quality().codeCoveragePercentage(), 1e-9);
    assertEquals(expected.run().runId(), read.workflow().runId());
    assertEquals(Optional.empty(), queries.runWithMetrics("no-such-run"));
  }

  @Test
  void countsByStatus() {
    for (RunStatus status : RunStatus.values()) {
      assertEquals(runs.stream().filter(r -> r.run().status() == status).count(), queries.countWithStatus(status));
    }
  }

  /** The run with its times cut to the microsecond, which PostgreSQL keeps (the demo's have nanoseconds). */
  private static CompleteRun toTheMicrosecond(CompleteRun complete) {
    BenchmarkRun r = complete.run();
    BenchmarkRun run =
        new BenchmarkRun(
            r.runId(),
            r.timestamp().truncatedTo(ChronoUnit.MICROS),
            r.projectName(),
            r.benchmarkName(),
            r.version(),
            r.metadata(),
            r.createdAt() == null ? null : r.createdAt().truncatedTo(ChronoUnit.MICROS),
            r.status(),
            r.finishedAt() == null ? null : r.finishedAt().truncatedTo(ChronoUnit.MICROS));
    return new CompleteRun(
        run, complete.performance(), complete.autonomy(), complete.quality(), complete.workflow(), complete.tokenUsage());
  }

  private static double mean(List<CompleteRun> runs, java.util.function.ToDoubleFunction<CompleteRun> metric) {
    return runs.stream().mapToDouble(metric).average().orElseThrow();
  }
}

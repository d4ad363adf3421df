package dev.gao.metrics.example.bench;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.GaoQueriesImpl;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.LargeDatabase;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.MetricStats;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.TrendPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The generated code: {@link BenchmarkStore} and the generated DAOs, the generated {@code
 * GaoQueriesImpl} and {@code ExportQueriesImpl}, and {@link Analytics} over {@link GaoRunModel}.
 */
public final class GeneratedRuns implements RunOps {
  private final BenchmarkStore store;
  private final Analytics analytics;
  private final GaoQueriesImpl queries;
  private final ExportQueriesImpl export;

  /** On a SQLite file. */
  public GeneratedRuns(Path file) {
    this(BenchmarkStore.open(file));
  }

  /** On an open store, of either engine; closing this closes it. */
  public GeneratedRuns(BenchmarkStore store) {
    this.store = store;
    this.analytics = GaoRunModel.analytics(store);
    this.queries = new GaoQueriesImpl(store.database());
    this.export = new ExportQueriesImpl(store.database());
  }

  /** Opens an existing up-to-date database (validation included) and closes it. */
  public static void openAndClose(Path file) {
    BenchmarkStore.open(file).close();
  }

  @Override
  public void recordOne(CompleteRun run) {
    store.record(run);
  }

  @Override
  public void recordBatch(List<CompleteRun> runs) {
    store.recordAll(runs);
  }

  @Override
  public Optional<BenchmarkRun> runById(String runId) {
    return store.runs().findById(runId);
  }

  @Override
  public Optional<PerformanceMetrics> performanceByRunId(String runId) {
    return store.performance().findByRunId(runId);
  }

  @Override
  public Optional<CompleteRun> wholeRun(String runId) {
    return store.find(runId);
  }

  @Override
  public List<BenchmarkRun> latest(String project, int n) {
    return queries.latestRuns(project, n);
  }

  @Override
  public List<Stat> stats() {
    List<Stat> stats = new ArrayList<>();
    for (MetricStats s : analytics.stats(METRIC, List.of("benchmark_name", "version"), RunFilter.ALL)) {
      stats.add(new Stat((String) s.group().get("benchmark_name"), (String) s.group().get("version"),
          s.runs(), s.count(), s.mean(), s.min(), s.max(), s.stddev(), s.median(), s.p95(), s.failureRate()));
    }
    return stats;
  }

  @Override
  public List<TrendRow> trend(String benchmark, int points, int window) {
    List<TrendRow> rows = new ArrayList<>(points);
    RunFilter filter = RunFilter.ALL.where("benchmark_name", benchmark).withoutFailed().limit(points);
    for (TrendPoint p : analytics.trend(METRIC, filter, Interval.RUN, window)) {
      rows.add(new TrendRow(String.valueOf(p.runId()), p.time(), p.value(), p.movingAverage()));
    }
    return rows;
  }

  @Override
  public long export(Consumer<CompleteRun> sink) {
    return store.database().read(tx -> {
      try (Stream<BenchmarkRun> runs = export.runs();
          Stream<PerformanceMetrics> performance = export.performance();
          Stream<AutonomyMetrics> autonomy = export.autonomy();
          Stream<QualityMetrics> quality = export.quality();
          Stream<WorkflowMetrics> workflow = export.workflow();
          Stream<TokenUsage> tokens = export.tokenUsage()) {
        return Runs.merge(runs.iterator(), performance.iterator(), autonomy.iterator(),
            quality.iterator(), workflow.iterator(), tokens.iterator(), sink);
      }
    });
  }

  @Override
  public void close() {
    store.close();
  }
}

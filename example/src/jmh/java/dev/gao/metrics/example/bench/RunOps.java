package dev.gao.metrics.example.bench;

import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations every implementation of the benchmark runs, over the same database file and the
 * same connection settings. Implementations are used by one thread at a time.
 */
public interface RunOps extends AutoCloseable {
  /** The metric the statistics and the trend are computed of. */
  String METRIC = "performance_metrics.total_time_seconds";

  /** Failed statuses: a run with one of them counts as failed and stays out of trends. */
  List<String> FAILED = List.of("failed", "timeout");

  /** Records one complete run (five rows and its token usage) in one transaction. */
  void recordOne(CompleteRun run);

  /** Records runs in one transaction. */
  void recordBatch(List<CompleteRun> runs);

  /** The run with this id: a primary-key lookup. */
  Optional<BenchmarkRun> runById(String runId);

  /** The performance row of a run: a lookup by an indexed (unique) column. */
  Optional<PerformanceMetrics> performanceByRunId(String runId);

  /** A run read back whole, from one snapshot; token usage ordered by id. */
  Optional<CompleteRun> wholeRun(String runId);

  /** The newest {@code n} runs of a project, newest first. */
  List<BenchmarkRun> latest(String project, int n);

  /** Statistics of {@link #METRIC} per benchmark and version over all runs. */
  List<Stat> stats();

  /**
   * The newest {@code points} runs of a benchmark that did not fail, oldest first, with the
   * trailing moving average of {@link #METRIC} over {@code window} runs.
   */
  List<TrendRow> trend(String benchmark, int points, int window);

  /**
   * Streams every run whole, never holding more than a few runs in memory.
   *
   * @return the number of runs streamed
   */
  long export(Consumer<CompleteRun> sink);

  @Override
  void close();
}

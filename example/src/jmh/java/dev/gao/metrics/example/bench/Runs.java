package dev.gao.metrics.example.bench;

import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/** Helpers shared by the three implementations and the benchmarks. */
final class Runs {
  private Runs() {}

  /** A copy of {@code run} under another run id, metric ids 0. */
  static CompleteRun withId(CompleteRun t, String id) {
    BenchmarkRun r = t.run();
    PerformanceMetrics p = t.performance();
    AutonomyMetrics a = t.autonomy();
    QualityMetrics q = t.quality();
    WorkflowMetrics w = t.workflow();
    List<TokenUsage> tokens = new ArrayList<>(t.tokenUsage().size());
    for (TokenUsage u : t.tokenUsage()) {
      tokens.add(new TokenUsage(0, id, u.model(), u.tokenType(), u.tokens(), u.costUsd(), u.priceTableVersion()));
    }
    return new CompleteRun(
        new BenchmarkRun(id, r.timestamp(), r.projectName(), r.benchmarkName(), r.version(),
            r.metadata(), r.createdAt(), r.status(), r.finishedAt()),
        new PerformanceMetrics(0, id, p.totalTimeSeconds(), p.phaseTimes(), p.tokenUsageTotal(),
            p.tokenUsageByAgent(), p.apiCallsCount(), p.apiCallsCost()),
        new AutonomyMetrics(0, id, a.manualInterventionsCount(), a.manualInterventionsTypes(),
            a.promptsNeededInitial(), a.promptsNeededFollowup(), a.oneShotSuccessRate(),
            a.errorRecoveryRate(), a.agentHandoffsSuccessful(), a.agentHandoffsFailed()),
        new QualityMetrics(0, id, q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(),
            q.lintingErrorsCount(), q.lintingErrorsBySeverity(), q.typeErrorsCount(),
            q.securityVulnerabilitiesCount(), q.securityVulnerabilitiesBySeverity(),
            q.functionalCompletenessPercentage()),
        new WorkflowMetrics(0, id, w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(),
            w.phaseDistribution(), w.reworkCount()),
        tokens);
  }

  /** The same run with token usage ordered by id, for comparisons. */
  static CompleteRun normalized(CompleteRun run) {
    List<TokenUsage> tokens = new ArrayList<>(run.tokenUsage());
    tokens.sort(Comparator.comparingLong(TokenUsage::id));
    return new CompleteRun(run.run(), run.performance(), run.autonomy(), run.quality(), run.workflow(), tokens);
  }

  /**
   * Joins six streams ordered by run id (token usage by run id first) into whole runs, as a merge
   * join: at most one run in memory.
   */
  static long merge(
      Iterator<BenchmarkRun> runs,
      Iterator<PerformanceMetrics> performance,
      Iterator<AutonomyMetrics> autonomy,
      Iterator<QualityMetrics> quality,
      Iterator<WorkflowMetrics> workflow,
      Iterator<TokenUsage> tokens,
      Consumer<CompleteRun> sink) {
    Peek<PerformanceMetrics> p = new Peek<>(performance);
    Peek<AutonomyMetrics> a = new Peek<>(autonomy);
    Peek<QualityMetrics> q = new Peek<>(quality);
    Peek<WorkflowMetrics> w = new Peek<>(workflow);
    Peek<TokenUsage> t = new Peek<>(tokens);
    long count = 0;
    while (runs.hasNext()) {
      BenchmarkRun run = runs.next();
      String id = run.runId();
      PerformanceMetrics pm = p.take(id, PerformanceMetrics::runId);
      AutonomyMetrics am = a.take(id, AutonomyMetrics::runId);
      QualityMetrics qm = q.take(id, QualityMetrics::runId);
      WorkflowMetrics wm = w.take(id, WorkflowMetrics::runId);
      List<TokenUsage> usage = new ArrayList<>(8);
      TokenUsage u;
      while ((u = t.take(id, TokenUsage::runId)) != null) {
        usage.add(u);
      }
      if (pm == null || am == null || qm == null || wm == null) {
        throw new IllegalStateException("run " + id + " lacks a metric row");
      }
      sink.accept(new CompleteRun(run, pm, am, qm, wm, usage));
      count++;
    }
    return count;
  }

  /** An iterator that can look at its next element. */
  private static final class Peek<T> {
    private final Iterator<T> source;
    private T head;

    Peek(Iterator<T> source) {
      this.source = source;
      this.head = source.hasNext() ? source.next() : null;
    }

    /** The next element if its run id is {@code id}, else null (and nothing is consumed). */
    T take(String id, java.util.function.Function<T, String> runId) {
      if (head == null || !runId.apply(head).equals(id)) {
        return null;
      }
      T taken = head;
      head = source.hasNext() ? source.next() : null;
      return taken;
    }
  }

  /** An iterator over a JDBC result set, read by a row reader; the caller closes the result set. */
  static <T> Iterator<T> iterate(java.sql.ResultSet rs, RowReader<T> reader) {
    return new Iterator<>() {
      private Boolean ready;

      @Override
      public boolean hasNext() {
        if (ready == null) {
          try {
            ready = rs.next();
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }
        return ready;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = null;
        try {
          return reader.read(rs);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  /** Reads the current row of a result set. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(java.sql.ResultSet rs) throws java.sql.SQLException;
  }
}

package dev.gao.metrics.example.bench;

import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.LargeDatabase;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every operation on each implementation ({@code impl}: generated, jdbc, jdbi) on one engine
 * ({@code engine}: sqlite, postgres), over the same databases and connection settings. Writers work
 * on a fresh copy of a cached {@value BenchData#BASE_RUNS}-run database; readers on the cached large
 * database.
 */
public class RunsBenchmarks {
  /** Runs recorded per transaction in {@link #recordBatch10k}. */
  static final int BATCH = 500;

  /** Runs recorded per operation of {@link #recordBatch10k}. */
  static final int BATCH_RUNS = 10_000;

  /** Fresh runs with random (seeded) ids made from a pool of realistic templates; not thread-safe. */
  static final class Fresh {
    private final List<CompleteRun> templates = new LargeDatabase.Source(7).next(1000);
    private final Random random;
    private int next;

    Fresh() {
      this(11);
    }

    /** Runs whose ids come from {@code seed}: different seeds, different ids. */
    Fresh(long seed) {
      this.random = new Random(seed);
    }

    CompleteRun next() {
      CompleteRun template = templates.get(next++ % templates.size());
      return Runs.withId(template, new UUID(random.nextLong(), random.nextLong()).toString());
    }
  }

  /** An implementation on a fresh copy of the base database. */
  @State(Scope.Benchmark)
  public static class Writer {
    @Param({"sqlite"})
    public String engine;

    @Param({"generated", "jdbc", "jdbi"})
    public String impl;

    BenchDatabases databases;
    RunOps ops;
    String copy;
    final Fresh fresh = new Fresh();
    List<CompleteRun> batch;

    @Setup(Level.Trial)
    public void open() {
      databases = BenchDatabases.of(engine);
      copy = databases.copy(databases.base(), "write-" + impl);
      ops = databases.open(impl, copy);
    }

    @Setup(Level.Invocation)
    public void prepareBatch(org.openjdk.jmh.infra.BenchmarkParams params) {
      if (params.getBenchmark().endsWith("recordBatch10k")) {
        batch = new ArrayList<>(BATCH_RUNS);
        for (int i = 0; i < BATCH_RUNS; i++) {
          batch.add(fresh.next());
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      ops.close();
      databases.delete(copy);
    }
  }

  /** An implementation on the large database, and run ids to look up. */
  @State(Scope.Benchmark)
  public static class Reader {
    @Param({"sqlite"})
    public String engine;

    @Param({"generated", "jdbc", "jdbi"})
    public String impl;

    RunOps ops;
    String[] ids;
    int next;
    int project;

    @Setup(Level.Trial)
    public void open() {
      BenchDatabases databases = BenchDatabases.of(engine);
      String large = databases.large();
      ids = databases.sampleIds(large, 4096, 42);
      ops = databases.open(impl, large);
    }

    String nextId() {
      return ids[next++ & (ids.length - 1)];
    }

    String nextProject() {
      return LargeDatabase.PROJECTS.get(project++ % LargeDatabase.PROJECTS.size());
    }

    @TearDown(Level.Trial)
    public void close() {
      ops.close();
    }
  }

  /** A copy of the base database to open (jdbc: a bare connection with the same session settings). */
  @State(Scope.Benchmark)
  public static class Opener {
    @Param({"sqlite"})
    public String engine;

    @Param({"generated", "jdbc", "jdbi"})
    public String impl;

    BenchDatabases databases;
    String copy;

    @Setup(Level.Trial)
    public void copy() {
      databases = BenchDatabases.of(engine);
      copy = databases.copy(databases.base(), "open-" + impl);
      databases.openAndClose("generated", copy);
    }

    @TearDown(Level.Trial)
    public void delete() {
      databases.delete(copy);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void recordOneRun(Writer w) {
    w.ops.recordOne(w.fresh.next());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void recordBatch10k(Writer w) {
    for (int from = 0; from < w.batch.size(); from += BATCH) {
      w.ops.recordBatch(w.batch.subList(from, Math.min(w.batch.size(), from + BATCH)));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<BenchmarkRun> lookupRunById(Reader r) {
    return r.ops.runById(r.nextId());
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<PerformanceMetrics> lookupPerformanceByRunId(Reader r) {
    return r.ops.performanceByRunId(r.nextId());
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<CompleteRun> readWholeRun(Reader r) {
    return r.ops.wholeRun(r.nextId());
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<BenchmarkRun> latest20OfProject(Reader r) {
    return r.ops.latest(r.nextProject(), 20);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Stat> statsOver1M(Reader r) {
    return r.ops.stats();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<TrendRow> trendOver1M(Reader r) {
    return r.ops.trend("bugfix-suite", 30, 5);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Fork(jvmArgsAppend = "-Xmx64m")
  public long exportStream1M(Reader r, Blackhole bh) {
    return r.ops.export(bh::consume);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void openUpToDate(Opener o) {
    o.databases.openAndClose(o.impl, o.copy);
  }
}

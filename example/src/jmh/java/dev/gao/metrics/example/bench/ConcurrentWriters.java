package dev.gao.metrics.example.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Eight threads recording complete runs at the same time through one instance of an
 * implementation (its pool shared by the threads), on a fresh copy of the base database: runs per
 * second over all threads. PostgreSQL only: the hand-written SQLite implementation holds one
 * connection and is not meant for several threads.
 */
public class ConcurrentWriters {
  /** The implementation the threads share. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({"postgres"})
    public String engine;

    @Param({"generated", "jdbc", "jdbi"})
    public String impl;

    BenchDatabases databases;
    RunOps ops;
    String copy;

    @Setup(Level.Trial)
    public void open() {
      databases = BenchDatabases.of(engine);
      copy = databases.copy(databases.base(), "concurrent-" + impl);
      ops = databases.open(impl, copy);
    }

    @TearDown(Level.Trial)
    public void close() {
      ops.close();
      databases.delete(copy);
    }
  }

  /** Each thread's own runs, with ids from a seed of its own. */
  @State(Scope.Thread)
  public static class Writer {
    RunsBenchmarks.Fresh fresh;

    @Setup(Level.Trial)
    public void seed(ThreadParams thread) {
      fresh = new RunsBenchmarks.Fresh(1_000L + thread.getThreadIndex());
    }
  }

  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void record8Writers(Shared shared, Writer writer) {
    shared.ops.recordOne(writer.fresh.next());
  }
}

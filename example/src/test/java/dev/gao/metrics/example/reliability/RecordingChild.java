package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The writer {@link RecordingCrashTest} kills: records the runs of a {@link RunSequence}, mostly
 * one per transaction ({@link BenchmarkStore#record}), some in batches ({@link
 * BenchmarkStore#recordAll}), and prints {@code RUN <id>} for each only after its transaction
 * committed. Runs until killed.
 *
 * <p>Arguments: the database file and the sequence's seed.
 */
public final class RecordingChild {
  /** The largest batch; a kill can leave at most this many committed runs unreported. */
  static final int MAX_BATCH = 12;

  private RecordingChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    RunSequence runs = new RunSequence(seed);
    // Batch sizes come from a generator of their own, so the runs do not depend on them.
    Random batches = new Random(~seed);
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      System.out.println("READY");
      for (int next = 0; ; ) {
        int size = batches.nextInt(4) == 0 ? 2 + batches.nextInt(MAX_BATCH - 1) : 1;
        if (size == 1) {
          CompleteRun run = runs.get(next);
          store.record(run);
          System.out.println("RUN " + run.runId());
        } else {
          List<CompleteRun> batch = runs.range(next, size);
          store.recordAll(batch);
          for (CompleteRun run : batch) {
            System.out.println("RUN " + run.runId());
          }
        }
        next += size;
      }
    }
  }
}

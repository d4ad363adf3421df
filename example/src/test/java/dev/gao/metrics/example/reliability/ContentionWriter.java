package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer process of {@link ContentionTest}: after {@code GO} on standard input, several threads
 * record runs of their own {@link RunSequence} for a while, one per transaction or three at a time,
 * and print {@code RUN <thread> <position> <id>} once each committed. Every failure a caller sees
 * is printed as {@code ERROR <thread> <exception>: <message>}; the last line is {@code DONE <runs>
 * <errors>}.
 *
 * <p>Arguments: the database (a file, or a PostgreSQL JDBC URL for user {@code postgres}), the seed, the number of threads and the milliseconds to write.
 */
public final class ContentionWriter {
  private static final int BATCH = 3;

  private ContentionWriter() {}

  /** The seed of one writer thread's runs; the test regenerates them with it. */
  static long threadSeed(long processSeed, int thread) {
    return processSeed * 31 + thread;
  }

  public static void main(String[] args) throws Exception {
    String database = args[0];
    long seed = Long.parseLong(args[1]);
    int threads = Integer.parseInt(args[2]);
    long writeMillis = Long.parseLong(args[3]);
    PrintStream out = System.out;
    AtomicInteger written = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    try (BenchmarkStore store = StoredRuns.open(database)) {
      out.println("READY");
      awaitGo();
      long deadline = System.nanoTime() + writeMillis * 1_000_000;
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread writer =
            new Thread(
                () -> {
                  RunSequence runs = new RunSequence(threadSeed(seed, thread));
                  for (int next = 0; System.nanoTime() < deadline; ) {
                    // Every fourth transaction is a batch, the others a single run.
                    int size = next % 4 == 3 ? BATCH : 1;
                    List<CompleteRun> batch = runs.range(next, size);
                    try {
                      if (size == 1) {
                        store.record(batch.get(0));
                      } else {
                        store.recordAll(batch);
                      }
                      for (int i = 0; i < size; i++) {
                        out.println(
                            "RUN " + thread + " " + (next + i) + " " + batch.get(i).runId());
                      }
                      written.addAndGet(size);
                    } catch (RuntimeException e) {
                      errors.incrementAndGet();
                      out.println(
                          "ERROR " + thread + " " + e.getClass().getName() + ": "
                              + String.valueOf(e.getMessage()).replace('\n', ' '));
                    }
                    next += size;
                  }
                },
                "writer-" + t);
        writers.add(writer);
        writer.start();
      }
      for (Thread writer : writers) {
        writer.join();
      }
    }
    out.println("DONE " + written.get() + " " + errors.get());
  }

  private static void awaitGo() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (!"GO".equals(line)) {
      throw new IllegalStateException("expected GO on standard input but read " + line);
    }
  }
}

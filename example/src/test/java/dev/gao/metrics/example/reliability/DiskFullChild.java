package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import java.nio.file.Path;

/**
 * The writer of {@link DiskFullTest}, started under a file-size limit: records the runs of a
 * {@link RunSequence} from a position on, one per transaction, printing {@code RUN <id>} after each
 * commit, until a write fails; then prints {@code FAILED <id> <exception>: <message>} and ends
 * normally. Prints {@code NO FAILURE} if the limit was never reached.
 *
 * <p>Arguments: the database file, the seed, the first position and the most runs to record.
 */
public final class DiskFullChild {
  private DiskFullChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    RunSequence runs = new RunSequence(Long.parseLong(args[1]));
    int first = Integer.parseInt(args[2]);
    int most = Integer.parseInt(args[3]);
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (int i = first; i < first + most; i++) {
        CompleteRun run = runs.get(i);
        try {
          store.record(run);
        } catch (RuntimeException e) {
          System.out.println(
              "FAILED " + run.runId() + " " + e.getClass().getName() + ": "
                  + String.valueOf(e.getMessage()).replace('\n', ' '));
          return;
        }
        System.out.println("RUN " + run.runId());
      }
      System.out.println("NO FAILURE");
    }
  }
}

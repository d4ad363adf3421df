package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM (SIGKILL) while it records complete runs into one file, again and again at
 * random moments, reopening the same file each time so that damage would add up. After every kill
 * the file must be intact, every run the child reported as recorded must be there whole, and no
 * partial run may exist. Set {@code -Dgao.reliability.seed} to replay a failure.
 */
class RecordingCrashTest {
  private static final long SEED = Long.getLong("gao.reliability.seed", 20_261_126L);
  private static final int KILLS = 40;
  /** Kills land up to this long after the child opened the store. */
  private static final int MAX_DELAY_MS = 400;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path folder;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aWriterKilledAtAnyMomentLeavesEveryReportedRunWholeAndNoPartialRun() throws Exception {
    Path file = folder.resolve("metrics.db");
    Random random = new Random(SEED);
    List<CompleteRun> stored = new ArrayList<>();
    int confirmed = 0;
    int unreported = 0;
    long began = System.nanoTime();
    for (int kill = 0; kill < KILLS; kill++) {
      long childSeed = random.nextLong();
      int delayMs = random.nextInt(MAX_DELAY_MS + 1);
      String context =
          "seed " + SEED + ", kill " + kill + " " + delayMs + " ms after READY (child seed "
              + childSeed + ")";

      List<String> reported = killWhileRecording(file, kill, childSeed, delayMs, context);

      long runsInFile = StoredRuns.assertIntact(file, context);
      RunSequence sequence = new RunSequence(childSeed);
      try (BenchmarkStore store = BenchmarkStore.open(file)) {
        for (int i = 0; i < reported.size(); i++) {
          CompleteRun expected = sequence.get(i);
          assertEquals(expected.runId(), reported.get(i), "runs reported in order, " + context);
          StoredRuns.assertWhole(store, expected, context);
          stored.add(expected);
        }
        // The kill may land after a commit and before its ids were printed: such runs must be
        // whole too, and only the transaction in flight can have committed unreported.
        int extra = 0;
        for (int i = reported.size(); i < reported.size() + RecordingChild.MAX_BATCH; i++) {
          if (StoredRuns.isStoredWhole(store, sequence.get(i), context)) {
            assertEquals(reported.size() + extra, i, "committed runs are a prefix, " + context);
            stored.add(sequence.get(i));
            extra++;
          }
        }
        confirmed += reported.size();
        unreported += extra;
      }
      if (runsInFile != stored.size()) {
        throw new AssertionError(
            "no run but the recorded ones, "
                + context
                + ": "
                + runsInFile
                + " runs in the file, "
                + stored.size()
                + " recorded; "
                + unexpected(file, stored, sequence, reported.size()));
      }
    }

    StoredRuns.assertIntact(file, "at the end, seed " + SEED);
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (CompleteRun run : stored) {
        StoredRuns.assertWhole(store, run, "at the end, seed " + SEED);
      }
      assertEquals(stored.size(), store.runs().count());
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(
        "recording crash: %d kills, %d runs confirmed whole (+%d committed but not yet reported"
            + " when killed), %d runs in the file, %.1f s, seed %d%n",
        KILLS, confirmed, unreported, stored.size(), seconds, SEED);
    assertTrue(confirmed > KILLS, "the children recorded runs before they were killed");
  }

  /** Describes the runs in the file that no child recorded, by their place in the last sequence. */
  private static String unexpected(
      Path file, List<CompleteRun> stored, RunSequence sequence, int reported) throws Exception {
    Set<String> known = new HashSet<>();
    stored.forEach(run -> known.add(run.runId()));
    List<String> described = new ArrayList<>();
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (var run : store.runs().list(Integer.MAX_VALUE, 0)) {
        if (known.contains(run.runId())) {
          continue;
        }
        int index = -1;
        for (int i = 0; i < reported + 10_000 && index < 0; i++) {
          index = sequence.get(i).runId().equals(run.runId()) ? i : -1;
        }
        described.add(run.runId() + " (position " + index + " of the last child's sequence)");
      }
    }
    return "reported " + reported + ", unexpected " + described;
  }

  /** Starts a recording child, kills it {@code delayMs} after it opened the store. */
  private List<String> killWhileRecording(
      Path file, int kill, long childSeed, int delayMs, String context) throws Exception {
    String name = "recorder-" + kill;
    Process child =
        ChildJvm.start(
            folder, name, RecordingChild.class, file.toString(), Long.toString(childSeed));
    try {
      ChildOutput output = ChildOutput.of(child, folder, name);
      output.await("READY", START_TIMEOUT);
      Thread.sleep(delayMs);
      child.destroyForcibly();
      List<String> lines = output.awaitEnd(Duration.ofSeconds(30));
      assertEquals(
          ChildJvm.KILLED,
          child.exitValue(),
          "the child was recording until killed, " + context + ": " + output.describe());
      List<String> reported = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("RUN ")) {
          reported.add(line.substring("RUN ".length()));
        }
      }
      return reported;
    } finally {
      ChildJvm.destroy(child);
    }
  }
}

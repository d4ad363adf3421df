package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.CommitOutcomeUnknownException;
import dev.gao.metrics.runtime.exception.ConnectionLostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server stops the hard way, an immediate shutdown (SIGQUIT to the postmaster, as
 * {@code pg_ctl stop -m immediate} sends it), while writer threads record complete runs through
 * one pooled {@link MetricsDatabase}; then it starts again on the same data. While it is down,
 * every caller gets a {@link ConnectionLostException} that names the database and says the server
 * cannot be reached or the connection was lost; once it is back, the same database object records
 * and reads again by itself. Every run whose call returned is stored whole; a run whose call
 * failed is stored whole or not at all; no other run is stored.
 */
class ServerRestartTest {
  private static final long SEED = Long.getLong("gao.reliability.seed", 20_261_215L);
  private static final int WRITERS = 4;
  private static final int BATCH = 3;
  private static final String DATABASE = "gao_restart";
  private static final String PASSWORD = "not-for-messages";
  /** How long a call waits for a pooled connection before it fails. */
  private static final Duration CONNECTION_WAIT = Duration.ofSeconds(2);
  /** Runs acknowledged before the server is stopped. */
  private static final int BEFORE_STOP = 100;
  /** Runs each writer records after the restart, to show every thread got going again. */
  private static final int EACH_AFTER_RESTART = 5;
  /** The most any wait of the test may take: generous, for a loaded machine. */
  private static final Duration CEILING = Duration.ofSeconds(60);
  /**
   * The most the pool may take to serve every writer again once the server accepts connections:
   * HikariCP retries connecting with a pause that doubles up to 5 s, so a few seconds, with room
   * for a loaded machine.
   */
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static final String UNREACHABLE = "Cannot reach the server of ";
  private static final String LOST = "Lost the connection to ";
  private static final String NOTHING_STORED_YET =
      ". Nothing was stored. Run the work again once the server accepts connections.";

  @TempDir Path folder;

  /** One call of a writer: the runs it recorded and how it ended. */
  private record Call(
      int writer, List<CompleteRun> runs, long began, long ended, RuntimeException failure) {}

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theServerStoppedHardLosesNoAcknowledgedRunAndThePoolRecovers() throws Exception {
    long testBegan = System.nanoTime();
    try (RestartablePostgres server = new RestartablePostgres(folder.resolve("pgdata"))) {
      server.start();
      server.createDatabase(DATABASE);
      String url = "jdbc:postgresql://localhost:" + server.port() + "/" + DATABASE;
      String location = "PostgreSQL database " + url + "?password=***";
      ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Thread> writers = new ArrayList<>();
      RunSequence probes = new RunSequence(SEED);
      try (BenchmarkStore store =
          new BenchmarkStore(
              MetricsDatabase.builder(GaoMetricsSchema.SCHEMA)
                  .url(url + "?password=" + PASSWORD)
                  .user("postgres")
                  .poolSize(WRITERS + 1)
                  .busyTimeout(CONNECTION_WAIT)
                  .open())) {
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          Thread thread =
              new Thread(() -> write(store, writer, writing, calls), "restart-writer-" + w);
          writers.add(thread);
          thread.start();
        }
        try {
          await(
              "writers recording",
              CEILING,
              () ->
                  acknowledged(calls, 0).size() >= BEFORE_STOP
                      && eachWriterAcknowledged(calls, 0, 1));

          long stopped = System.nanoTime();
          int acknowledgedBeforeStop = acknowledged(calls, 0).size();
          long pid = server.stopImmediately(CEILING);
          long gone = System.nanoTime();

          // While the server is down, a write and a read fail once the pool gave up waiting for a
          // connection, with the database named, the reason, and that nothing was stored.
          for (Executable call :
              List.<Executable>of(
                  () -> store.record(probes.get(0)),
                  () -> store.runs().exists(probes.get(0).runId()))) {
            ConnectionLostException down = assertThrows(ConnectionLostException.class, call);
            assertEquals(ConnectionLostException.class, down.getClass());
            String message = down.getMessage();
            assertTrue(message.startsWith(UNREACHABLE + location + ": "), message);
            assertTrue(message.contains("localhost:" + server.port() + "/" + DATABASE), message);
            assertTrue(message.endsWith(" (SQLState 08001)" + NOTHING_STORED_YET), message);
            assertFalse(message.contains(PASSWORD), message);
            System.out.println("while the server is down: " + message);
          }
          await(
              "every writer failing while the server is down",
              CEILING,
              () -> eachWriterFailedAfter(calls, gone));

          long restarting = System.nanoTime();
          server.start();
          long back = System.nanoTime();
          await(
              "every writer recording again after the restart",
              RECOVERY,
              () -> eachWriterAcknowledged(calls, back, EACH_AFTER_RESTART));
          long recovered = System.nanoTime();
          long firstAfterRestart =
              calls.stream()
                  .filter(call -> call.failure() == null && call.ended() - back >= 0)
                  .mapToLong(Call::ended)
                  .min()
                  .orElseThrow();

          writing.set(false);
          for (Thread thread : writers) {
            thread.join(CEILING.toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " ended");
          }

          // The same database object records and reads again; the probe's calls said nothing was
          // stored, and nothing was.
          assertFalse(store.runs().exists(probes.get(0).runId()));
          store.record(probes.get(0));
          StoredRuns.assertWhole(store, probes.get(0), "the probe recorded after the restart");

          List<Call> failed = calls.stream().filter(call -> call.failure() != null).toList();
          Map<String, Integer> kinds = new LinkedHashMap<>();
          for (Call call : failed) {
            kinds.merge(kind(call.failure(), location), 1, Integer::sum);
            String message = call.failure().getMessage();
            assertFalse(message.contains(PASSWORD), message);
            assertTrue(
                call.began() - firstAfterRestart < 0,
                "no call fails once the pool has reconnected: " + call.failure());
          }
          System.out.println("failures seen by the writers: " + kinds);

          Map<String, CompleteRun> acknowledged = acknowledged(calls, 0);
          String context = "seed " + SEED + ", postmaster " + pid;
          for (CompleteRun run : acknowledged.values()) {
            StoredRuns.assertWhole(store, run, context);
          }
          int storedDespiteFailure = 0;
          int failedRuns = 0;
          for (Call call : failed) {
            for (CompleteRun run : call.runs()) {
              failedRuns++;
              if (StoredRuns.isStoredWhole(store, run, context)) {
                storedDespiteFailure++;
                // Only a commit whose outcome the caller was told is unknown may have stored it.
                assertTrue(
                    call.failure() instanceof CommitOutcomeUnknownException,
                    "run " + run.runId() + " is stored although its call said nothing was: "
                        + call.failure());
              }
            }
          }
          long stored = StoredRuns.assertIntact(url, context);
          assertEquals(
              acknowledged.size() + storedDespiteFailure + 1,
              stored,
              "the stored runs: the acknowledged ones, the failed ones found whole, the probe");
          System.out.printf(
              "server restart: %d writers; %d runs acknowledged before the immediate shutdown,"
                  + " %d in all; postmaster gone %d ms after the stop began; %d calls failed %s"
                  + " (%d runs, %d of them stored whole all the same); down %d ms; restart took"
                  + " %d ms; first run acknowledged %d ms after the server was back, every writer"
                  + " recording again after %d ms; %d runs stored; test %.1f s%n",
              WRITERS,
              acknowledgedBeforeStop,
              acknowledged.size(),
              millis(gone - stopped),
              failed.size(),
              kinds,
              failedRuns,
              storedDespiteFailure,
              millis(back - gone),
              millis(back - restarting),
              millis(firstAfterRestart - back),
              millis(recovered - back),
              stored,
              (System.nanoTime() - testBegan) / 1e9);
        } finally {
          writing.set(false);
          for (Thread thread : writers) {
            thread.join(CEILING.toMillis());
          }
        }
      }
    }
  }

  /** Records runs of the writer's own sequence, single and in batches, until told to stop. */
  private static void write(
      BenchmarkStore store, int writer, AtomicBoolean writing, ConcurrentLinkedQueue<Call> calls) {
    RunSequence runs = new RunSequence(SEED * 31 + writer + 1);
    for (int next = 0; writing.get(); ) {
      int size = next % 4 == 3 ? BATCH : 1;
      List<CompleteRun> batch = runs.range(next, size);
      long began = System.nanoTime();
      RuntimeException failure = null;
      try {
        if (size == 1) {
          store.record(batch.get(0));
        } else {
          store.recordAll(batch);
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      calls.add(new Call(writer, batch, began, System.nanoTime(), failure));
      next += size;
    }
  }

  /** The runs of every call that returned normally and began at or after {@code since}. */
  private static Map<String, CompleteRun> acknowledged(
      ConcurrentLinkedQueue<Call> calls, long since) {
    Map<String, CompleteRun> runs = new LinkedHashMap<>();
    for (Call call : calls) {
      if (call.failure() == null && call.began() - since >= 0) {
        for (CompleteRun run : call.runs()) {
          runs.put(run.runId(), run);
        }
      }
    }
    return runs;
  }

  private static boolean eachWriterAcknowledged(
      ConcurrentLinkedQueue<Call> calls, long since, int count) {
    int[] per = new int[WRITERS];
    for (Call call : calls) {
      if (call.failure() == null && call.began() - since >= 0) {
        per[call.writer()]++;
      }
    }
    for (int each : per) {
      if (each < count) {
        return false;
      }
    }
    return true;
  }

  private static boolean eachWriterFailedAfter(ConcurrentLinkedQueue<Call> calls, long since) {
    boolean[] failed = new boolean[WRITERS];
    for (Call call : calls) {
      if (call.failure() != null && call.began() - since >= 0) {
        failed[call.writer()] = true;
      }
    }
    for (boolean each : failed) {
      if (!each) {
        return false;
      }
    }
    return true;
  }

  /** Polls a condition until it holds; fails after {@code ceiling}. */
  private static void await(String what, Duration ceiling, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + ceiling.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not reached within " + ceiling + ": " + what);
      }
      Thread.sleep(10);
    }
  }

  /**
   * The kind of a writer's failure, checked to be one of the three a lost server gives, each naming
   * the database and saying what became of the work: the server could not be reached (nothing
   * stored), the connection broke in the middle of the unit (nothing stored), or it broke during
   * COMMIT (unknown whether stored).
   */
  private static String kind(RuntimeException failure, String location) {
    String message = failure.getMessage();
    if (failure instanceof CommitOutcomeUnknownException) {
      assertTrue(message.startsWith(LOST + location + " while committing: "), message);
      assertTrue(message.contains(". Whether the transaction was stored is unknown: "), message);
      return "commit outcome unknown";
    }
    assertEquals(ConnectionLostException.class, failure.getClass(), String.valueOf(failure));
    if (message.startsWith(UNREACHABLE)) {
      assertTrue(message.startsWith(UNREACHABLE + location + ": "), message);
      assertTrue(message.endsWith(NOTHING_STORED_YET), message);
      return "server unreachable";
    }
    assertTrue(message.startsWith(LOST + location + ": "), message);
    assertTrue(
        message.endsWith(
            ". The server rolled back the transaction that was open on it, so nothing of it was"
                + " stored. Run the work again once the server is reachable."),
        message);
    return "connection lost";
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}

package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoQueries;
import dev.gao.metrics.example.GaoQueriesImpl;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.model.BenchmarkRunDao;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.dao.SortOrder;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writer processes of four threads each record complete runs into one database for a while, as
 * GAO-Dev's collectors in several processes would, while reader threads of this process list runs
 * and compute statistics and trends: two processes on a SQLite file, four on a PostgreSQL database
 * that a team's CI machines share. No caller may see a failure (busy, locked, a conflict or any
 * other), and every run a writer reported must be stored whole.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ContentionTest {
  private static final long SEED = Long.getLong("gao.reliability.seed", 20_261_126L);
  // Raise these to stress harder by hand; the build runs the defaults.
  private static final int SQLITE_PROCESSES = Integer.getInteger("gao.contention.processes", 2);
  private static final int POSTGRES_PROCESSES = 4;
  private static final int THREADS = 4;
  private static final int READERS = 2;
  private static final Duration WRITING =
      Duration.ofSeconds(Long.getLong("gao.contention.seconds", 10));
  private static final String METRIC = "performance_metrics.total_time_seconds";

  @Parameter Engine engine;
  @TempDir Path folder;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void writerProcessesAndReadersLoseNoRunAndSeeNoError() throws Exception {
    int processes = engine == Engine.SQLITE ? SQLITE_PROCESSES : POSTGRES_PROCESSES;
    String database =
        engine == Engine.SQLITE
            ? folder.resolve("metrics.db").toString()
            : PostgresServer.newDatabase("contention");
    List<Process> children = new ArrayList<>();
    List<ChildOutput> outputs = new ArrayList<>();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    try (BenchmarkStore store = StoredRuns.open(database)) {
      for (int p = 0; p < processes; p++) {
        String name = "writer-" + p;
        Process child =
            ChildJvm.start(
                folder,
                name,
                ContentionWriter.class,
                database,
                Long.toString(processSeed(p)),
                Integer.toString(THREADS),
                Long.toString(WRITING.toMillis()));
        children.add(child);
        outputs.add(ChildOutput.of(child, folder, name));
      }
      try {
        for (ChildOutput output : outputs) {
          output.await("READY", Duration.ofSeconds(60));
        }
        long began = System.nanoTime();
        for (Process child : children) {
          OutputStream in = child.getOutputStream();
          in.write("GO\n".getBytes(StandardCharsets.UTF_8));
          in.flush();
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
          Thread reader = new Thread(() -> read(store, writing, reads, errors), "reader-" + r);
          readers.add(reader);
          reader.start();
        }
        List<List<String>> lines = new ArrayList<>();
        for (ChildOutput output : outputs) {
          lines.add(output.awaitEnd(WRITING.plusSeconds(60)));
        }
        double writeSeconds = (System.nanoTime() - began) / 1e9;
        writing.set(false);
        for (Thread reader : readers) {
          reader.join(TimeUnit.SECONDS.toMillis(60));
        }

        Map<String, CompleteRun> reported = new HashMap<>();
        List<Integer> perProcess = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
          assertEquals(
              0, children.get(p).exitValue(), "writer " + p + ": " + outputs.get(p).describe());
          Map<String, CompleteRun> runs = reportedRuns(p, lines.get(p), errors);
          perProcess.add(runs.size());
          reported.putAll(runs);
        }
        String context = "seed " + SEED;
        System.out.printf(
            "contention on %s: %d processes x %d threads wrote %d runs %s in %.1f s = %.0f runs/s;"
                + " %d reader threads did %d reads = %.0f reads/s; %d errors reached callers%n",
            engine,
            processes,
            THREADS,
            reported.size(),
            perProcess,
            writeSeconds,
            reported.size() / writeSeconds,
            READERS,
            reads.get(),
            reads.get() / writeSeconds,
            errors.size());
        assertEquals(
            List.of(),
            errors.stream().limit(10).toList(),
            errors.size() + " failures reached callers (the first 10 shown), " + context);

        assertEquals(reported.size(), StoredRuns.assertIntact(database, context), "no lost run");
        for (CompleteRun run : reported.values()) {
          StoredRuns.assertWhole(store, run, context);
        }
        assertTrue(reported.size() > processes * THREADS, "every writer recorded runs");
        assertTrue(reads.get() > READERS, "the readers read");
      } finally {
        for (Process child : children) {
          ChildJvm.destroy(child);
        }
      }
    }
  }

  private static long processSeed(int process) {
    return SEED + 1_000L * (process + 1);
  }

  /** Lists and aggregates as the CLI's runs, stats and trend commands do, until told to stop. */
  private static void read(
      BenchmarkStore store,
      AtomicBoolean writing,
      AtomicLong reads,
      ConcurrentLinkedQueue<String> errors) {
    GaoQueries queries = new GaoQueriesImpl(store.database());
    Analytics analytics = GaoRunModel.analytics(store);
    for (int i = 0; writing.get(); i++) {
      try {
        switch (i % 4) {
          case 0 -> queries.latestRuns(DemoRuns.PROJECTS.get(i / 4 % 3), 20);
          case 1 -> store.runs().list(BenchmarkRunDao.COL_TIMESTAMP, SortOrder.DESC, 50, 0);
          case 2 -> analytics.stats(METRIC, List.of("benchmark_name", "version"), RunFilter.ALL);
          default ->
              analytics.trend(METRIC, RunFilter.ALL.withoutFailed().limit(30), Interval.DAY, 5);
        }
        reads.incrementAndGet();
      } catch (RuntimeException e) {
        errors.add("reader: " + e);
      }
    }
  }

  /** The runs a writer process reported, regenerated from their positions; its errors to errors. */
  private static Map<String, CompleteRun> reportedRuns(
      int process, List<String> lines, ConcurrentLinkedQueue<String> errors) {
    List<RunSequence> sequences = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      sequences.add(new RunSequence(ContentionWriter.threadSeed(processSeed(process), t)));
    }
    Map<String, CompleteRun> runs = new HashMap<>();
    boolean done = false;
    for (String line : lines) {
      if (line.startsWith("RUN ")) {
        String[] parts = line.split(" ");
        CompleteRun run =
            sequences.get(Integer.parseInt(parts[1])).get(Integer.parseInt(parts[2]));
        assertEquals(run.runId(), parts[3], "writer " + process + " reported " + line);
        runs.put(run.runId(), run);
      } else if (line.startsWith("ERROR ")) {
        errors.add("writer " + process + ": " + line);
      } else if (line.startsWith("DONE ")) {
        done = true;
      }
    }
    assertTrue(done, "writer " + process + " finished");
    return runs;
  }
}

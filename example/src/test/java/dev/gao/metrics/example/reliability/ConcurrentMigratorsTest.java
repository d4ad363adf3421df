package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes open the same PostgreSQL database, at version 1 and filled, at the same moment,
 * each to migrate it to the current version: the advisory lock lets exactly one apply each step
 * while the others wait, then find the work done and validate. Every step is recorded once, every
 * process ends at the current version with no difference, and every stored value is kept.
 */
class ConcurrentMigratorsTest {
  private static final int MIGRATORS = 3;
  private static final int RUNS = 20_000;

  @TempDir Path folder;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void concurrentMigratorsApplyEachStepOnceAndAllValidate() throws Exception {
    String url = PostgresServer.newDatabase("concurrent_migrators");
    fill(url);
    Path go = folder.resolve("go");
    List<Process> children = new ArrayList<>();
    List<ChildOutput> outputs = new ArrayList<>();
    List<Long> openMillis = new ArrayList<>();
    try {
      for (int i = 0; i < MIGRATORS; i++) {
        Process child = ChildJvm.start(folder, "migrator-" + i, MigratingChild.class, url, go.toString());
        children.add(child);
        outputs.add(ChildOutput.of(child, folder, "migrator-" + i));
      }
      for (ChildOutput output : outputs) {
        output.await("READY", Duration.ofSeconds(60));
      }
      Files.createFile(go);
      for (int i = 0; i < MIGRATORS; i++) {
        List<String> lines = outputs.get(i).awaitEnd(Duration.ofSeconds(120));
        String describe = outputs.get(i).describe();
        assertEquals(0, children.get(i).exitValue(), "migrator " + i + ": " + describe);
        assertTrue(lines.contains("VERSION " + GaoMetricsSchema.VERSION), describe);
        assertTrue(lines.contains("DIFFERENCES 0"), describe);
        for (String line : lines) {
          if (line.startsWith("OPEN_MS ")) {
            openMillis.add(Long.parseLong(line.substring("OPEN_MS ".length())));
          }
        }
      }
      // all opened while the steps ran: the one applying them and the others waiting on the lock
      // took about as long; one that came after would have only validated
      long longest = openMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
      long shortest = openMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
      System.out.println("migrators opened in " + openMillis + " ms");
      assertEquals(MIGRATORS, openMillis.size());
      assertTrue(shortest * 2 >= longest, "every migrator waited for the steps: " + openMillis + " ms");
    } finally {
      for (Process child : children) {
        ChildJvm.destroy(child);
      }
    }
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement()) {
      List<String> steps = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT from_version || '->' || to_version FROM gao_metrics_history"
                  + " WHERE direction = 'upgrade' ORDER BY id")) {
        while (rs.next()) {
          steps.add(rs.getString(1));
        }
      }
      List<String> once = new ArrayList<>();
      for (int version = 1; version < GaoMetricsSchema.VERSION; version++) {
        once.add(version + "->" + (version + 1));
      }
      assertEquals(once, steps, "each step applied exactly once, in order");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE status = 'failed'),"
                  + " sum(p.total_time_seconds) FROM benchmark_runs r JOIN performance_metrics p USING (run_id)")) {
        rs.next();
        assertEquals(RUNS, rs.getInt(1));
        assertEquals(RUNS / 5, rs.getInt(2), "the data migration filled each status once");
        assertEquals(0.5 * RUNS * (RUNS + 1) / 2, rs.getDouble(3), 1e-6);
      }
    }
  }

  /** Creates the schema at version 1 and fills it with {@value #RUNS} runs and their performance. */
  private static void fill(String url) throws Exception {
    try (MetricsDatabase db =
        MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").targetVersion(1).open()) {
      assertEquals(1, db.storedVersion());
    }
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement()) {
      // enough runs that the data migration of 1 -> 2 takes a while, so the others wait for it
      statement.execute(
          "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, version, metadata)"
              + " SELECT 'run-' || i, now() - i * interval '1 minute', 'p' || (i % 7), 'b', '1.0.0',"
              + " jsonb_build_object('status', CASE WHEN i % 5 = 0 THEN 'failed' ELSE 'completed' END)"
              + " FROM generate_series(1, " + RUNS + ") AS i");
      statement.execute(
          "INSERT INTO performance_metrics (run_id, total_time_seconds, token_usage_total,"
              + " api_calls_count, api_calls_cost)"
              + " SELECT 'run-' || i, i * 0.5, i * 10, i % 50, i * 0.001 FROM generate_series(1, " + RUNS + ") AS i");
    }
  }

  /** The version the metadata records, the upgrade steps the history records, and the runs. */
  private static String state(String url) throws Exception {
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT (SELECT value FROM gao_metrics_schema WHERE key = 'schema_version'),"
                    + " (SELECT coalesce(string_agg(from_version || '->' || to_version, ' ' ORDER BY id), '')"
                    + " FROM gao_metrics_history WHERE direction = 'upgrade'),"
                    + " (SELECT count(*) FROM benchmark_runs), (SELECT sum(total_time_seconds) FROM performance_metrics)")) {
      rs.next();
      return rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getDouble(4);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aMigratorKilledMidStepLeavesTheVersionItReachedWholeAndTheNextOpenFinishes() throws Exception {
    java.util.Random random = new java.util.Random(20261207);
    java.util.Set<String> reached = new java.util.TreeSet<>();
    for (int kill = 0; kill < 3; kill++) {
      String url = PostgresServer.newDatabase("killed_migrator");
      fill(url);
      Path go = folder.resolve("go-" + kill);
      String name = "killed-" + kill;
      Process child = ChildJvm.start(folder, name, MigratingChild.class, url, go.toString());
      try {
        ChildOutput output = ChildOutput.of(child, folder, name);
        output.await("READY", Duration.ofSeconds(60));
        Files.createFile(go);
        // somewhere inside the ~3 s of steps: the data migration of 1 -> 2 or a later step
        Thread.sleep(200 + random.nextInt(2000));
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      } finally {
        ChildJvm.destroy(child);
      }
      String[] state = state(url).split("\\|", -1);
      int version = Integer.parseInt(state[0]);
      reached.add(state[0]);
      List<String> steps = new ArrayList<>();
      for (int v = 1; v < version; v++) {
        steps.add(v + "->" + (v + 1));
      }
      assertEquals(String.join(" ", steps), state[1], "the history holds exactly the steps to version " + version);
      assertEquals(Long.toString(RUNS), state[2], "no run lost at version " + version);
      assertEquals(0.5 * RUNS * (RUNS + 1) / 2, Double.parseDouble(state[3]), 1e-6);
      // the version it reached is whole: it opens there without a difference
      try (MetricsDatabase db =
          MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").targetVersion(version).open()) {
        assertEquals(version, db.storedVersion());
        assertEquals(List.of(), db.validate(), "version " + version);
      }
      // and the next open finishes the work
      try (MetricsDatabase db = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").open()) {
        assertEquals(GaoMetricsSchema.VERSION, db.storedVersion());
        assertEquals(List.of(), db.validate());
      }
      PostgresServer.dropDatabase(url);
    }
    System.out.println("killed migrators left versions " + reached);
  }
}

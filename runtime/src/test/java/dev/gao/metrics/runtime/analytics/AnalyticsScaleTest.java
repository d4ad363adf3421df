package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.fixture.Values;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query plans and times on a file of 100,000 runs. */
class AnalyticsScaleTest {
  private static final int RUNS = 100_000;
  private static final int PER_INSERT = 500;
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final ColumnRef<?> TIME = new ColumnRef<>("runs", "timestamp");

  @TempDir static Path dir;
  private static MetricsDatabase db;
  private static Analytics analytics;

  @BeforeAll
  static void fill() {
    db = MetricsDatabase.open(AnalyticsSchema.SCHEMA, dir.resolve("large.db"));
    analytics = new Analytics(db, AnalyticsSchema.model());
    long started = System.nanoTime();
    db.runInTransaction(
        tx -> {
          Connection c = tx.connection();
          try (PreparedStatement runs =
                  c.prepareStatement(
                      "INSERT INTO runs VALUES "
                          + rows(PER_INSERT, "(?, ?, ?, ?, ?, ?, NULL, ?)"));
              PreparedStatement perf =
                  c.prepareStatement(
                      "INSERT INTO perf (run_id, total_time, tokens) VALUES "
                          + rows(PER_INSERT, "(?, ?, ?)"))) {
            for (int first = 0; first < RUNS; first += PER_INSERT) {
              int r = 1;
              int p = 1;
              for (int i = first; i < first + PER_INSERT; i++) {
                String id = "run-" + i;
                runs.setString(r++, id);
                Values.SQLITE.setInstant(runs, r++, START.plusSeconds(60L * i), TIME);
                runs.setString(r++, "project-" + (i % 50));
                runs.setString(r++, "bench-" + (i % 7));
                runs.setString(r++, "v" + (i % 3));
                runs.setString(r++, i % 13 == 0 ? "failed" : "completed");
                runs.setDouble(r++, 100 + i % 97);
                perf.setString(p++, id);
                perf.setDouble(p++, 1000 + (i * 7919L) % 1000);
                perf.setLong(p++, i);
              }
              runs.executeUpdate();
              perf.executeUpdate();
            }
          }
        });
    System.out.printf("filled %d runs in %d ms%n", RUNS, (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void projectFilterWithLatestTwentyUsesTheIndex() throws SQLException {
    RunFilter filter = RunFilter.ALL.where("project_name", "project-7").limit(20);
    List<String> plan = plan(analytics.runsQuery(filter));
    assertTrue(
        plan.stream().anyMatch(line -> line.contains("USING INDEX idx_runs_project_time")),
        plan.toString());
    assertFalse(plan.stream().anyMatch(line -> line.startsWith("SCAN r")), plan.toString());
    List<RunRow> rows = timed("runs project limit 20", () -> analytics.runs(filter));
    assertEquals(20, rows.size());
    assertEquals("run-" + (RUNS - 43), rows.get(0).id());
    rows.forEach(row -> assertEquals("project-7", row.get("project_name")));
  }

  @Test
  void latestAndWholeRunsReadByIndex() throws SQLException {
    List<RunRow> latest = timed("latest 20", () -> analytics.latest(20, RunFilter.ALL));
    assertEquals("run-" + (RUNS - 1), latest.get(0).id());
    List<Object> ids = latest.stream().map(RunRow::id).toList();
    Map<Object, WholeRun> whole = timed("wholeRuns 20", () -> analytics.wholeRuns(ids));
    assertEquals(20, whole.size());
    whole.values().forEach(run -> assertEquals(1, run.rows("perf").size()));
    for (String table : List.of("runs", "perf")) {
      var info = analytics.model().table(table);
      List<String> plan =
          plan(
              new BoundQuery(
                  Analytics.selectByRun(info, "run_id", "", analytics.engine()), s -> s.setString(1, "[\"run-1\"]")));
      assertTrue(plan.stream().anyMatch(line -> line.contains("USING")), plan.toString());
      assertFalse(plan.stream().anyMatch(line -> line.startsWith("SCAN r")), plan.toString());
    }
  }

  @Test
  void statsOfOneProjectUseTheIndex() throws SQLException {
    RunFilter filter = RunFilter.ALL.where("project_name", "project-7");
    List<String> plan = plan(analytics.statsQuery("perf.total_time", List.of("version"), filter));
    assertTrue(
        plan.stream().anyMatch(line -> line.contains("USING INDEX idx_runs_project_time")),
        plan.toString());
    List<MetricStats> stats =
        timed(
            "stats project by version",
            () -> analytics.stats("perf.total_time", List.of("version"), filter));
    assertEquals(3, stats.size());
    assertEquals(RUNS / 50, stats.stream().mapToLong(MetricStats::count).sum());
    List<MetricStats> all =
        timed(
            "stats all runs by benchmark and version",
            () ->
                analytics.stats(
                    "perf.total_time", List.of("benchmark_name", "version"), RunFilter.ALL));
    assertEquals(21, all.size());
    assertEquals(RUNS, all.stream().mapToLong(MetricStats::runs).sum());
  }

  private static List<String> plan(BoundQuery query) throws SQLException {
    return db.read(
        tx -> {
          List<String> lines = new ArrayList<>();
          try (PreparedStatement statement =
              tx.connection().prepareStatement("EXPLAIN QUERY PLAN " + query.sql())) {
            query.binder().bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                lines.add(rs.getString("detail"));
              }
            }
          }
          System.out.println(lines);
          return lines;
        });
  }

  private static <T> T timed(String what, java.util.function.Supplier<T> call) {
    call.get();
    long started = System.nanoTime();
    T result = call.get();
    System.out.printf("%s: %.2f ms%n", what, (System.nanoTime() - started) / 1e6);
    return result;
  }

  private static String rows(int count, String row) {
    return String.join(", ", java.util.Collections.nCopies(count, row));
  }
}

package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What must hold of a GAO-Dev metrics file whatever happened to its writers: the file is intact,
 * and every run in it is whole, with exactly the values its writer recorded.
 */
final class StoredRuns {
  /** The tables with exactly one row per run. */
  static final List<String> ONE_PER_RUN =
      List.of("performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics");

  private static final List<String> CHILD_TABLES =
      List.of(
          "performance_metrics",
          "autonomy_metrics",
          "quality_metrics",
          "workflow_metrics",
          "token_usage");

  private StoredRuns() {}

  /**
   * Opens the store of a database: a SQLite file, or a PostgreSQL JDBC URL (user {@code
   * postgres}, as the test server has it).
   */
  static BenchmarkStore open(String database) {
    if (database.startsWith("jdbc:postgresql:")) {
      return new BenchmarkStore(
          MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(database).user("postgres").open());
    }
    return BenchmarkStore.open(Path.of(database));
  }

  /**
   * Checks a database given as {@link #open} takes it: a file as {@link #assertIntact(Path,
   * String)} does; on PostgreSQL, which enforces every foreign key itself and keeps its own pages,
   * that no metric or token row lacks its run and no run lacks any of its four one-per-run rows.
   *
   * @return the number of runs
   */
  static long assertIntact(String database, String context) throws SQLException {
    if (!database.startsWith("jdbc:postgresql:")) {
      return assertIntact(Path.of(database), context);
    }
    try (Connection connection = PostgresServer.connect(database);
        Statement statement = connection.createStatement()) {
      return assertRunsWhole(statement, context);
    }
  }

  /**
   * Checks, through a plain connection independent of the library, that the file passes {@code
   * PRAGMA integrity_check} and {@code PRAGMA foreign_key_check}, that no metric or token row lacks
   * its run, and that no run lacks any of its four one-per-run rows.
   *
   * @return the number of runs in the file
   */
  static long assertIntact(Path file, String context) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      assertEquals(
          List.of("ok"), column(statement, "PRAGMA integrity_check"), "integrity, " + context);
      assertEquals(
          List.of(), column(statement, "PRAGMA foreign_key_check"), "foreign keys, " + context);
      return assertRunsWhole(statement, context);
    }
  }

  /** No orphan child row, every run with exactly its one-per-run rows; returns the number of runs. */
  private static long assertRunsWhole(Statement statement, String context) throws SQLException {
    for (String table : CHILD_TABLES) {
      assertEquals(
          List.of(),
          column(
              statement,
              "SELECT DISTINCT run_id FROM "
                  + table
                  + " WHERE run_id NOT IN (SELECT run_id FROM benchmark_runs)"),
          "rows of " + table + " without their run, " + context);
    }
    StringBuilder incomplete = new StringBuilder("SELECT r.run_id FROM benchmark_runs r WHERE 1 = 0");
    for (String table : ONE_PER_RUN) {
      incomplete
          .append(" OR (SELECT count(*) FROM ")
          .append(table)
          .append(" m WHERE m.run_id = r.run_id) <> 1");
    }
    assertEquals(
        List.of(),
        column(statement, incomplete.toString()),
        "runs without exactly one row in each of " + ONE_PER_RUN + ", " + context);
    return Long.parseLong(column(statement, "SELECT count(*) FROM benchmark_runs").get(0));
  }

  /** Checks that a run is stored whole, with exactly the values of {@code expected}. */
  static void assertWhole(BenchmarkStore store, CompleteRun expected, String context) {
    Optional<CompleteRun> stored = store.find(expected.runId());
    if (stored.isEmpty()) {
      throw new AssertionError("run " + expected.runId() + " is missing, " + context);
    }
    assertEquals(
        canonical(expected),
        canonical(stored.get()),
        "run " + expected.runId() + " differs from what was recorded, " + context);
  }

  /**
   * Whether a run is stored at all; a run found is checked to be whole.
   *
   * @return true if the run is stored
   */
  static boolean isStoredWhole(BenchmarkStore store, CompleteRun expected, String context) {
    if (!store.runs().exists(expected.runId())) {
      return false;
    }
    assertWhole(store, expected, context);
    return true;
  }

  /**
   * The recorded values of a run: every component of its rows except what the database assigns
   * (metric row ids, {@code created_at}).
   */
  static List<Object> canonical(CompleteRun run) {
    List<Object> values = new ArrayList<>();
    values.add(recorded(run.run()));
    values.add(recorded(run.performance()));
    values.add(recorded(run.autonomy()));
    values.add(recorded(run.quality()));
    values.add(recorded(run.workflow()));
    for (TokenUsage usage : run.tokenUsage()) {
      values.add(recorded(usage));
    }
    return values;
  }

  private static List<Object> recorded(Record row) {
    List<Object> values = new ArrayList<>();
    for (RecordComponent component : row.getClass().getRecordComponents()) {
      if (component.getName().equals("id") || component.getName().equals("createdAt")) {
        continue;
      }
      try {
        values.add(Arrays.asList(component.getName(), component.getAccessor().invoke(row)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }
    return values;
  }

  private static List<String> column(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}

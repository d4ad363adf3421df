package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.RunModel;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The demo runs of a database: the runs whose metadata holds {@link DemoRuns#MARKER}{@code :
 * true}, which {@link DemoRuns} writes into every run it makes. {@code demo} counts them to refuse
 * a database of real runs; {@code delete --demo} deletes them and nothing else.
 */
final class StoredDemoRuns {
  private StoredDemoRuns() {}

  /**
   * True for a demo run, on SQLite. {@code CASE} keeps {@code json_type} from ever reading metadata
   * that is not valid JSON (a database written by other tools), which would fail the whole
   * statement.
   */
  private static final String IS_DEMO_SQLITE =
      "CASE WHEN json_valid(\"metadata\") THEN json_type(\"metadata\", '$." + DemoRuns.MARKER + "') END = 'true'";

  /** True for a demo run, on PostgreSQL, where metadata is {@code jsonb} and always valid. */
  private static final String IS_DEMO_POSTGRES =
      "coalesce((\"metadata\" -> '" + DemoRuns.MARKER + "') = 'true'::jsonb, false)";

  private static String isDemo(boolean postgres) {
    return postgres ? IS_DEMO_POSTGRES : IS_DEMO_SQLITE;
  }

  private static final String RUNS = GaoRunModel.MODEL.runTable().name();

  private static final String ALL_RUNS = "count(*) FROM \"" + RUNS + "\"";

  /**
   * How many runs a database holds, and how many of them are demo runs.
   *
   * @param runs all runs
   * @param demo the demo runs among them
   */
  record Counts(long runs, long demo) {
    /** The runs {@code demo} did not record. */
    long real() {
      return runs - demo;
    }
  }

  /**
   * What {@link #delete} deleted.
   *
   * @param runs demo runs deleted
   * @param rows rows deleted with them, in every table, their own included
   * @param kept runs left in the database
   */
  record Deleted(long runs, long rows, long kept) {}

  /**
   * Counts the runs of a database as it is, at any schema version and without migrating or
   * changing it: one connection that only reads, outside the runtime, which would migrate it.
   *
   * @param location the database
   * @return the counts; zero for a missing or empty file, a file that is not a SQLite database
   *     (opening it for the demo then says what is wrong with it) or a database without a runs table
   * @throws SQLException if the database cannot be read
   * @throws IOException if the file's first bytes cannot be read
   */
  static Counts count(DatabaseLocation location) throws SQLException, IOException {
    if (location.file().isEmpty()) {
      try (Connection connection = location.connect()) {
        if (!exists(connection, "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
            + " AND table_name = ?", RUNS)) {
          return new Counts(0, 0);
        }
        if (!exists(connection, "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
            + " AND table_name = '" + RUNS + "' AND column_name = ?", "metadata")) {
          return new Counts(number(connection, ALL_RUNS), 0);
        }
        return count(connection, true);
      }
    }
    Path file = location.file().get();
    if (!Files.isRegularFile(file) || Files.size(file) == 0 || !OutputFiles.isSqliteDatabase(file)) {
      return new Counts(0, 0);
    }
    // A plain connection that only reads: a read-only one would leave an empty -wal and a -shm
    // beside a WAL file, having no right to remove them when it closes.
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      if (!exists(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", RUNS)) {
        return new Counts(0, 0);
      }
      if (!exists(connection, "SELECT 1 FROM pragma_table_info('" + RUNS + "') WHERE name = ?", "metadata")) {
        return new Counts(number(connection, ALL_RUNS), 0);
      }
      return count(connection, false);
    }
  }

  /**
   * Counts the runs of an open store.
   *
   * @param store the store
   * @return the counts
   */
  static Counts count(BenchmarkStore store) {
    return store.database().read(tx -> count(tx.connection(), onPostgres(store)));
  }

  /**
   * Deletes every demo run, with its metric rows and token usage, in one transaction; real runs
   * are left as they are.
   *
   * @param store the store
   * @return how many runs and rows were deleted, and how many runs are left
   */
  static Deleted delete(BenchmarkStore store) {
    RunModel model = GaoRunModel.MODEL;
    String isDemo = isDemo(onPostgres(store));
    return store
        .database()
        .inWholeTransaction(
            tx -> {
              Connection connection = tx.connection();
              long rows = 0;
              // Counted before the delete: ON DELETE CASCADE removes the child rows unseen.
              for (Map.Entry<String, ForeignKeyInfo> child : model.childTables().entrySet()) {
                rows += number(connection,
                    "count(*) FROM \"" + child.getKey() + "\" WHERE \"" + child.getValue().column() + "\" IN"
                        + " (SELECT \"run_id\" FROM \"" + RUNS + "\" WHERE " + isDemo + ")");
              }
              // Counted, not taken from the DELETE: the driver's update count includes the cascade.
              long deleted = number(connection, "count(*) FROM \"" + RUNS + "\" WHERE " + isDemo);
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM \"" + RUNS + "\" WHERE " + isDemo);
              }
              return new Deleted(deleted, rows + deleted, number(connection, ALL_RUNS));
            });
  }

  private static boolean onPostgres(BenchmarkStore store) {
    return store.database().dialect().engine() == Engine.POSTGRESQL;
  }

  private static Counts count(Connection connection, boolean postgres) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*), coalesce(sum(CASE WHEN " + isDemo(postgres) + " THEN 1 ELSE 0 END), 0) FROM \""
                    + RUNS + "\"")) {
      rs.next();
      return new Counts(rs.getLong(1), rs.getLong(2));
    }
  }

  /** The number that {@code SELECT <query>} gives. */
  private static long number(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT " + query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean exists(Connection connection, String sql, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }
}

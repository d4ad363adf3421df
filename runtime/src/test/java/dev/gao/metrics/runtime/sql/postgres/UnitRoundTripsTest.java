package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many requests a unit of work sends to the server, counted as pgjdbc's {@code Sync} messages
 * (each one request and its answer), and that the requests saved keep the units' meaning: a write
 * unit's {@code BEGIN} travels with its first statement and still runs at {@code READ COMMITTED,
 * READ WRITE} whatever the database's defaults; a read unit takes its savepoint in the same request
 * as its {@code BEGIN}, and a statement of it that fails is undone while the snapshot goes on.
 */
class UnitRoundTripsTest {
  private String url;
  private MetricsDatabase db;
  private RunDao runs;

  @BeforeEach
  void open() throws SQLException {
    url = PostgresServer.newDatabase("unit_round_trips");
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement()) {
      // Defaults a write unit must not inherit.
      statement.execute(
          "ALTER DATABASE current_database_placeholder SET default_transaction_isolation = 'serializable'"
              .replace("current_database_placeholder", "\"" + databaseName(url) + "\""));
    }
    db = MetricsDatabase.builder(TestSchema.SCHEMA).url(url).user("postgres").poolSize(1).open();
    runs = new RunDao(db);
  }

  @AfterEach
  void close() {
    db.close();
    PostgresServer.dropDatabase(url);
  }

  private static String databaseName(String url) {
    int query = url.indexOf('?');
    return url.substring(url.lastIndexOf('/') + 1, query < 0 ? url.length() : query);
  }

  /** The requests {@code work} sends, counted on its second run (the first prepares statements). */
  private static <T> int requests(Supplier<T> work) {
    work.get();
    return DriverMessages.count(DriverMessages.REQUEST, work::get);
  }

  @Test
  void writeUnitSendsItsBeginWithItsFirstStatement() {
    AtomicInteger next = new AtomicInteger();
    int sent =
        requests(
            () ->
                db.inWholeTransaction(
                    tx -> {
                      runs.insert(run("w" + next.incrementAndGet()));
                      runs.insert(run("w" + next.incrementAndGet()));
                      return null;
                    }));
    // Two inserts (the first with BEGIN) and COMMIT; a BEGIN of its own would make it 4.
    assertEquals(3, sent);
    assertEquals(4, runs.count());
  }

  @Test
  void writeUnitRunsAtReadCommittedWhateverTheDatabaseDefault() {
    List<String> seen =
        db.inTransaction(
            tx -> {
              runs.insert(run("first"));
              return characteristics(tx.connection());
            });
    assertEquals(List.of("read committed", "off"), seen);
    // A unit whose work takes the connection before any statement begins explicitly, as before.
    assertEquals(
        List.of("read committed", "off"), db.inTransaction(tx -> characteristics(tx.connection())));
    assertEquals(List.of("repeatable read", "on"), db.read(tx -> characteristics(tx.connection())));
  }

  @Test
  void writeUnitThatRunsNothingCommitsNothing() {
    assertEquals("done", db.inTransaction(tx -> "done"));
    assertEquals(0, db.transactions().activeConnections());
    runs.insert(Run.of("after", Instant.EPOCH, "p"));
    assertTrue(runs.exists("after"));
  }

  @Test
  void workThatClosesItsConnectionAfterADaoWriteStoresNothing() {
    assertThrows(
        MetricsException.class,
        () ->
            db.runInTransaction(
                tx -> {
                  runs.insert(Run.of("closed", Instant.EPOCH, "p"));
                  tx.connection().close();
                }));
    assertEquals(0, runs.count());
  }

  @Test
  void readUnitTakesItsSavepointWithItsBegin() {
    runs.insert(Run.of("r", Instant.EPOCH, "p"));
    int sent = requests(() -> db.read(tx -> runs.findById("r").orElseThrow().equals(runs.findById("r").orElseThrow())));
    // BEGIN with the savepoint, two queries, COMMIT; a savepoint per statement would make it 8.
    assertEquals(4, sent);
  }

  @Test
  void failedStatementInReadUnitIsUndoneAndTheSnapshotGoesOn() throws SQLException {
    runs.insert(Run.of("before", Instant.EPOCH, "p"));
    StatementRunner statements = new StatementRunner(db.transactions(), e -> new MetricsException(e.getMessage(), e));
    long[] counts =
        db.read(
            tx -> {
              long first = runs.count();
              try (Connection other = PostgresServer.connect(url);
                  Statement statement = other.createStatement()) {
                statement.execute(
                    "INSERT INTO benchmark_runs (run_id, \"timestamp\", project_name, benchmark_name)"
                        + " VALUES ('later', now(), 'later', 'bench')");
              }
              assertThrows(MetricsException.class, () -> statements.firstLong("SELECT 1 / 0", s -> {}));
              long second = runs.count();
              return new long[] {first, second};
            });
    assertEquals(1, counts[0]);
    assertEquals(1, counts[1], "the snapshot of the read unit");
    assertEquals(2, runs.count());
  }

  @Test
  void readUnitWhoseTransactionTheWorkEndedStaysFailed() {
    StatementRunner statements = new StatementRunner(db.transactions(), e -> new MetricsException(e.getMessage(), e));
    assertThrows(
        MetricsException.class,
        () ->
            db.read(
                tx -> {
                  try (Statement statement = tx.connection().createStatement()) {
                    statement.execute("SELECT 1 / 0");
                  } catch (SQLException expected) {
                    // The transaction has failed; the unit must not heal it by itself.
                  }
                  assertThrows(MetricsException.class, () -> statements.firstLong("SELECT 1", s -> {}));
                  return null;
                }));
  }

  /** A run of a project of its own (a project has one run per benchmark). */
  private static Run run(String id) {
    return Run.of(id, Instant.EPOCH, id);
  }

  private static List<String> characteristics(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')")) {
      rs.next();
      return List.of(rs.getString(1), rs.getString(2));
    }
  }
}

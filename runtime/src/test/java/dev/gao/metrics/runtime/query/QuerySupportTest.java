package dev.gao.metrics.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.QueryPreparationException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The helpers of generated query implementations, and the check of their PostgreSQL statements when
 * they are bound to a database, on every engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class QuerySupportTest {
  private static final String INSERT =
      "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name)"
          + " VALUES (?, '2026-01-01T00:00:00Z', ?, 'b')";

  /** The columns of benchmark_runs, in table order, as a generated reader of a run reads them. */
  private static final List<String> RUN_COLUMNS =
      List.of("run_id", "timestamp", "project_name", "benchmark_name", "version", "metadata", "created_at");

  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;
  private MetricsDatabase db;

  @BeforeEach
  void open() {
    target = Target.of(engine, temp, "queries");
    db = target.open(TestSchema.SCHEMA);
  }

  @AfterEach
  void close() {
    assertEquals(0, db.transactions().activeConnections());
    db.close();
  }

  /** Exposes the protected helpers. */
  static final class Queries extends QuerySupport {
    Queries(MetricsDatabase database, String schema) {
      this(database, schema, List.of());
    }

    Queries(MetricsDatabase database, String schema, List<QueryStatement> postgresStatements) {
      super(database, schema, postgresStatements);
    }

    Engine runsOn() {
      return engine();
    }

    int insert(String id, String project) {
      return executeUpdate(
          INSERT,
          statement -> {
            statement.setString(1, id);
            statement.setString(2, project);
          });
    }

    List<String> ids() {
      return queryList("SELECT run_id FROM benchmark_runs ORDER BY run_id", StatementBinder.NONE, rs -> rs.getString(1));
    }

    Optional<String> one(String project) {
      return queryOne(
          "SELECT run_id FROM benchmark_runs WHERE project_name = ?",
          statement -> statement.setString(1, project),
          rs -> rs.getString(1));
    }

    String single(String sql) {
      return querySingle(sql, StatementBinder.NONE, rs -> rs.getString(1));
    }

    long required(String sql) {
      return queryRequired(sql, StatementBinder.NONE, rs -> rs.getLong(1));
    }

    Stream<String> stream() {
      return queryStream("SELECT run_id FROM benchmark_runs ORDER BY run_id", StatementBinder.NONE, rs -> rs.getString(1));
    }

    boolean hasCodec() {
      return json() != null;
    }
  }

  @Test
  void everyHelperRunsOnTheDatabase() {
    Queries queries = new Queries(db, "TestMetrics");
    assertEquals(engine, queries.runsOn());
    assertSame(db, queries.database());
    assertTrue(queries.hasCodec());
    assertEquals(1, queries.insert("r1", "a"));
    int written = db.inTransaction(tx -> queries.insert("r2", "b"));
    assertEquals(1, written);
    assertEquals(List.of("r1", "r2"), queries.ids());
    assertEquals(Optional.of("r1"), queries.one("a"));
    assertEquals(Optional.empty(), queries.one("none"));
    assertNull(queries.single("SELECT run_id FROM benchmark_runs WHERE 1 = 0"));
    assertEquals(2L, queries.required("SELECT count(*) FROM benchmark_runs"));
    try (Stream<String> ids = queries.stream()) {
      assertEquals(List.of("r1", "r2"), ids.toList());
    }
    MetricsException tooMany =
        assertThrows(MetricsException.class, () -> queries.single("SELECT run_id FROM benchmark_runs"));
    assertTrue(tooMany.getMessage().contains("at most one row"), tooMany.getMessage());
    MetricsException none =
        assertThrows(MetricsException.class, () -> queries.required("SELECT 1 FROM benchmark_runs WHERE 1 = 0"));
    assertTrue(none.getMessage().contains("got none"), none.getMessage());
    assertThrows(UniqueViolationException.class, () -> queries.insert("r1", "a"));
    assertThrows(MetricsException.class, () -> queries.single("SELECT nothing FROM benchmark_runs"));
  }

  @Test
  void refusesADatabaseOfAnotherSchema() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Queries(db, "Other"));
    assertTrue(e.getMessage().contains("schema Other"), e.getMessage());
  }

  /**
   * Two queries written in SQLite's dialect only: PostgreSQL refuses both when they are bound, in
   * one report naming each method with the server's reason; SQLite checked them while compiling and
   * binds them as they are.
   */
  @Test
  void statementsThePostgresServerRefusesAreReportedTogether() {
    List<QueryStatement> statements =
        List.of(
            QueryStatement.value(
                "RunQueries.runsOnModel(String)",
                "SELECT count(*) FROM benchmark_runs WHERE json_extract(metadata, '$.model') = ?",
                1),
            QueryStatement.rows("RunQueries.latest(int)", "SELECT * FROM benchmark_runs LIMIT ?", 1, RUN_COLUMNS),
            QueryStatement.value(
                "RunQueries.years()", "SELECT DISTINCT strftime('%Y', timestamp) FROM benchmark_runs", 0));
    if (target.sqlite()) {
      assertEquals(Engine.SQLITE, new Queries(db, "TestMetrics", statements).runsOn());
      return;
    }
    QueryPreparationException e =
        assertThrows(QueryPreparationException.class, () -> new Queries(db, "TestMetrics", statements));
    assertEquals(
        List.of("RunQueries.runsOnModel(String)", "RunQueries.years()"),
        e.failures().stream().map(QueryPreparationException.Failure::method).toList());
    assertTrue(e.failures().get(0).reason().startsWith("function json_extract(jsonb, unknown) does not exist"), e.getMessage());
    assertTrue(e.failures().get(1).reason().startsWith("function strftime(unknown, timestamp with time zone) does not exist"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("2 of 3 queries do not prepare on PostgreSQL database jdbc:postgresql:"), e.getMessage());
    assertTrue(e.getMessage().contains("\n  - RunQueries.runsOnModel(String): function json_extract"), e.getMessage());
    assertTrue(e.getMessage().contains("\n  - RunQueries.years(): function strftime"), e.getMessage());
    assertFalse(e.getMessage().contains("RunQueries.latest"), e.getMessage());
    assertTrue(e.getMessage().contains("postgres = \"...\""), e.getMessage());
  }

  /** Preparing a statement on PostgreSQL parses and plans it on the server, and runs nothing. */
  @Test
  void checkingRunsNoStatement() throws SQLException {
    Queries writer = new Queries(db, "TestMetrics");
    writer.insert("r1", "a");
    writer.insert("r2", "b");
    List<QueryStatement> statements =
        List.of(
            QueryStatement.changes("RunQueries.deleteAll()", "DELETE FROM benchmark_runs", 0),
            QueryStatement.changes("RunQueries.rename(String)", "UPDATE benchmark_runs SET project_name = ?", 1),
            QueryStatement.changes(
                "RunQueries.add(String)",
                "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name)"
                    + " VALUES (?, '2026-01-01T00:00:00Z', 'p', 'b')",
                1),
            QueryStatement.rows("RunQueries.all()", "SELECT * FROM benchmark_runs", 0, RUN_COLUMNS),
            QueryStatement.value(
                "RunQueries.projectOf(String)", "SELECT project_name FROM benchmark_runs WHERE run_id = ?", 1),
            QueryStatement.value(
                "RunQueries.unknownUntilBound(String)",
                "SELECT count(*) FROM benchmark_runs WHERE ? IS NULL",
                1));
    Queries checked = new Queries(db, "TestMetrics", statements);
    assertEquals(engine, checked.runsOn());
    assertEquals(List.of(List.of("r1", "a"), List.of("r2", "b")),
        target.query("SELECT run_id, project_name FROM benchmark_runs ORDER BY run_id"));
  }

  /** A statement that prepares but returns other columns than its reader reads is refused too. */
  @Test
  void resultColumnsOtherThanTheReaderReadsAreReported() {
    List<QueryStatement> statements =
        List.of(
            QueryStatement.rows(
                "RunQueries.latest()", "SELECT run_id, project_name AS project FROM benchmark_runs", 0,
                List.of("run_id", "project_name")),
            QueryStatement.value("RunQueries.two()", "SELECT run_id, project_name FROM benchmark_runs", 0),
            QueryStatement.changes("RunQueries.returning()", "DELETE FROM benchmark_runs RETURNING run_id", 0),
            QueryStatement.value("RunQueries.positional()", "SELECT count(*) FROM benchmark_runs WHERE run_id = ?", 0),
            QueryStatement.rows("RunQueries.byCase()", "SELECT run_id AS \"RUN_ID\" FROM benchmark_runs", 0,
                List.of("run_id")));
    if (target.sqlite()) {
      new Queries(db, "TestMetrics", statements);
      return;
    }
    QueryPreparationException e =
        assertThrows(QueryPreparationException.class, () -> new Queries(db, "TestMetrics", statements));
    assertEquals(
        List.of(
            new QueryPreparationException.Failure(
                "RunQueries.latest()",
                "returns the columns [run_id, project], but the generated code reads [run_id, project_name] (the"
                    + " columns of the SQLite statement, by name and in this order)"),
            new QueryPreparationException.Failure(
                "RunQueries.two()", "returns 2 columns [run_id, project_name], but the method reads one value"),
            new QueryPreparationException.Failure(
                "RunQueries.returning()",
                "returns rows [run_id], but the method returns the number of affected rows"),
            new QueryPreparationException.Failure(
                "RunQueries.positional()",
                "has 1 parameters, but the generated code binds 0 (a ? in the SQL is a parameter too; write"
                    + " PostgreSQL's ? operators as ??)")),
        e.failures());
    assertTrue(e.getMessage().startsWith("4 of 5 queries do not prepare"), e.getMessage());
  }

  /**
   * Inside a unit of work, a refused statement is described in a savepoint of its own: the unit's
   * transaction goes on, and its work is kept.
   */
  @Test
  void aRefusalInsideAUnitLeavesItsTransactionUsable() {
    Queries writer = new Queries(db, "TestMetrics");
    List<QueryStatement> statements =
        List.of(QueryStatement.value("RunQueries.missing()", "SELECT count(*) FROM no_such_table", 0));
    int written =
        db.inTransaction(
            tx -> {
              writer.insert("r1", "a");
              if (!target.sqlite()) {
                QueryPreparationException e =
                    assertThrows(QueryPreparationException.class, () -> new Queries(db, "TestMetrics", statements));
                assertTrue(
                    e.failures().get(0).reason().startsWith("relation \"no_such_table\" does not exist"),
                    e.getMessage());
              }
              return writer.insert("r2", "b");
            });
    assertEquals(1, written);
    assertEquals(List.of("r1", "r2"), writer.ids());
  }
}

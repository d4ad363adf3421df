package dev.gao.metrics.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers of generated query implementations, against a real database file. */
class QuerySupportTest {
  private static final String INSERT =
      "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name) VALUES (?, 't', ?, 'b')";

  /** Exposes the protected helpers. */
  static final class Queries extends QuerySupport {
    Queries(MetricsDatabase database, String schema) {
      super(database, schema, List.of());
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
  void everyHelperRunsOnTheDatabase(@TempDir Path folder) {
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, folder.resolve("q.db"))) {
      Queries queries = new Queries(db, "TestMetrics");
      assertSame(db, queries.database());
      assertTrue(queries.hasCodec());
      assertEquals(1, queries.insert("r1", "a"));
      int written = db.inTransaction(tx -> queries.insert("r2", "b"));
      assertEquals(1, written);
      assertEquals(List.of("r1", "r2"), queries.ids());
      assertEquals(Optional.of("r1"), queries.one("a"));
      assertEquals(Optional.empty(), queries.one("none"));
      assertNull(queries.single("SELECT run_id FROM benchmark_runs WHERE 0"));
      assertEquals(2L, queries.required("SELECT count(*) FROM benchmark_runs"));
      try (Stream<String> ids = queries.stream()) {
        assertEquals(List.of("r1", "r2"), ids.toList());
      }
      MetricsException tooMany =
          assertThrows(MetricsException.class, () -> queries.single("SELECT run_id FROM benchmark_runs"));
      assertTrue(tooMany.getMessage().contains("at most one row"), tooMany.getMessage());
      MetricsException none =
          assertThrows(MetricsException.class, () -> queries.required("SELECT 1 FROM benchmark_runs WHERE 0"));
      assertTrue(none.getMessage().contains("got none"), none.getMessage());
      assertThrows(UniqueViolationException.class, () -> queries.insert("r1", "a"));
      assertThrows(MetricsException.class, () -> queries.single("SELECT nothing FROM benchmark_runs"));
    }
  }

  @Test
  void refusesADatabaseOfAnotherSchema(@TempDir Path folder) {
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, folder.resolve("q.db"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Queries(db, "Other"));
      assertTrue(e.getMessage().contains("schema Other"), e.getMessage());
    }
  }
}

package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statement listener sees every query, write and stream the library runs, with a duration. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class StatementListenerTest {
  @Parameter Engine engine;
  @TempDir Path dir;

  private record Seen(String sql, long nanos) {}

  @Test
  void everyStatementIsReportedOnceWithItsDuration() {
    List<Seen> seen = new ArrayList<>();
    try (MetricsDatabase db =
        Target.of(engine, dir, "listener")
            .builder(ComparisonSchema.SCHEMA, "listened")
            .statementListener((sql, nanos) -> seen.add(new Seen(sql, nanos)))
            .open()) {
      ComparisonData.insert(
          db, List.of(Run.timed("a", Instant.parse("2026-06-01T00:00:00Z"), "b", "1", 10)));
      assertEquals(List.of(), seen, "raw JDBC inside a transaction is not the library's");

      Analytics analytics = new Analytics(db, ComparisonSchema.MODEL);
      analytics.trend("perf.seconds", RunFilter.ALL, Interval.RUN, 2);
      assertEquals(1, seen.size());
      String value =
          engine == Engine.SQLITE ? "c.\"seconds\"" : "CAST(c.\"seconds\" AS double precision)";
      assertTrue(
          seen.get(0)
              .sql()
              .startsWith(
                  "WITH s AS (SELECT r.\"run_id\" AS id, r.\"timestamp\" AS t, "
                      + value
                      + " AS x FROM \"runs\" r LEFT JOIN \"perf\" c"),
          seen.get(0).sql());
      assertTrue(seen.get(0).nanos() > 0);

      new RunRetention(db, ComparisonSchema.MODEL).delete("a");
      assertEquals(4, seen.size());
      assertTrue(seen.get(3).sql().startsWith("DELETE FROM \"runs\""), seen.get(3).sql());

      StatementRunner runner = new StatementRunner(db.transactions(), e -> null);
      try (Stream<String> rows =
          runner.stream("SELECT run_id FROM runs", StatementBinder.NONE, rs -> rs.getString(1))) {
        assertEquals(0, rows.count());
      }
      assertEquals("SELECT run_id FROM runs", seen.get(4).sql());
      db.transactions().statementListener(null);
      analytics.count(RunFilter.ALL);
      assertEquals(5, seen.size());
    }
  }
}

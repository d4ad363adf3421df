package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL the statistics are one aggregation over the runs, planned as the statement a person
 * would write with ordered aggregates: the runs are not materialized (which would keep the planner
 * from scanning them in parallel) and no window ranks every value (whose sort spills to disk at the
 * default {@code work_mem}). The answers themselves are checked on both engines by {@link
 * AnalyticsTest}.
 */
class PostgresStatsPlanTest {
  @TempDir Path dir;

  @Test
  void statisticsReadTheRunsOnceWithoutWindowOrMaterializedTable() {
    List<String> seen = new ArrayList<>();
    try (MetricsDatabase db =
        Target.of(Engine.POSTGRESQL, dir, "stats_plan")
            .builder(ComparisonSchema.SCHEMA, "plan")
            .statementListener((sql, nanos) -> seen.add(sql))
            .open()) {
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        runs.add(Run.timed("r" + i, Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i), "b" + (i % 3), "1", i));
      }
      ComparisonData.insert(db, runs);
      seen.clear();
      List<MetricStats> stats =
          new Analytics(db, ComparisonSchema.MODEL).stats("perf.seconds", List.of("benchmark"), RunFilter.ALL);
      assertEquals(3, stats.size());
      assertEquals(1, seen.size(), seen.toString());
      String sql = seen.get(0);
      List<String> plan =
          db.read(
              tx -> {
                List<String> lines = new ArrayList<>();
                try (PreparedStatement explain = tx.connection().prepareStatement("EXPLAIN " + sql)) {
                  int parameters = explain.getParameterMetaData().getParameterCount();
                  for (int i = 1; i <= parameters; i++) {
                    explain.setString(i, "failed");
                  }
                  try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                      lines.add(rs.getString(1));
                    }
                  }
                }
                return lines;
              });
      String text = String.join("\n", plan);
      assertFalse(text.contains("WindowAgg"), text);
      assertFalse(text.contains("CTE Scan"), text);
      assertTrue(text.contains("Aggregate"), text);
    }
  }
}

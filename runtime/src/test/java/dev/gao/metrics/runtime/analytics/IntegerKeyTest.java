package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schema unlike the benchmark one: integer run ids, an offset time column, no status. */
class IntegerKeyTest {
  private static final TableInfo TRIALS =
      new TableInfo(
          "trials",
          "test.Trial",
          List.of(
              new ColumnInfo("id", "INTEGER", "long", true, null, 1, false),
              new ColumnInfo("at", "TEXT", "java.time.OffsetDateTime", true, null, 0, false),
              new ColumnInfo("name", "TEXT", "java.lang.String", true, null, 0, false)),
          true,
          List.of(),
          List.of(),
          "CREATE TABLE \"trials\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " \"at\" TEXT NOT NULL, \"name\" TEXT NOT NULL) STRICT");
  private static final TableInfo SAMPLES =
      new TableInfo(
          "samples",
          "test.Sample",
          List.of(
              new ColumnInfo("trial_id", "INTEGER", "int", true, null, 0, false),
              new ColumnInfo(
                  "value",
                  "REAL",
                  "double",
                  true,
                  null,
                  0,
                  false,
                  new MetricInfo("", Better.HIGHER, Double.NEGATIVE_INFINITY, 1e9))),
          false,
          List.of(),
          List.of(new ForeignKeyInfo("trial_id", "trials", "id", "CASCADE", "NO ACTION")),
          "CREATE TABLE \"samples\" (\"trial_id\" INTEGER NOT NULL REFERENCES \"trials\" (\"id\")"
              + " ON DELETE CASCADE, \"value\" REAL NOT NULL) STRICT");
  private static final SchemaInfo SCHEMA =
      new SchemaInfo("Trials", 1, "h", List.of(TRIALS, SAMPLES));

  @TempDir Path dir;

  @Test
  void readsAndAggregatesRunsOfAnotherShape() throws Exception {
    RunModel model = RunModel.builder(SCHEMA).runTable("trials").timeColumn("at").build();
    try (MetricsDatabase db = MetricsDatabase.open(SCHEMA, dir.resolve("trials.db"))) {
      db.runInTransaction(
          tx -> {
            try (var statement = tx.connection().createStatement()) {
              statement.executeUpdate(
                  "INSERT INTO trials (at, name) VALUES"
                      + " ('2026-01-01T00:00:00.000000000Z', 'a'),"
                      + " ('2026-01-02T00:00:00.000000000Z', 'b'),"
                      + " ('2026-01-03T00:00:00.000000000Z', 'c')");
              statement.executeUpdate(
                  "INSERT INTO samples VALUES (1, 1.0), (1, 3.0), (2, 5.0), (2, 7.0), (3, -2.0)");
            }
          });
      Analytics analytics = new Analytics(db, model);
      List<RunRow> rows =
          analytics.runs(
              RunFilter.ALL.oldestFirst().between(Instant.parse("2026-01-02T00:00:00Z"), null));
      assertEquals(List.of(2L, 3L), rows.stream().map(RunRow::id).toList());
      assertEquals(
          OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC), rows.get(0).get("at"));

      Map<Object, WholeRun> whole = analytics.wholeRuns(List.of(3, 1L, "2", 9));
      assertEquals(List.of(3L, 1L, 2L), List.copyOf(whole.keySet()));
      assertEquals(
          List.of(1.0, 3.0),
          whole.get(1L).rows("samples").stream().map(r -> r.get("value")).toList());
      assertEquals(1, whole.get(1L).rows("samples").get(0).get("trial_id"));

      MetricStats stats = analytics.stats("samples.value", List.of(), RunFilter.ALL).get(0);
      // samples has several rows per trial: each trial counts once, with its total (4, 12, -2)
      assertEquals(3, stats.runs());
      assertEquals(3, stats.count());
      assertEquals(14.0 / 3, stats.mean(), 1e-12);
      assertEquals(4.0, stats.median());
      assertEquals(12.0, stats.p95());
      assertEquals(-2.0, stats.min());
      assertEquals(12.0, stats.max());
      double mean = 14.0 / 3;
      double squares =
          (4 - mean) * (4 - mean) + (12 - mean) * (12 - mean) + (-2 - mean) * (-2 - mean);
      assertEquals(Math.sqrt(squares / 2), stats.stddev(), 1e-12);
      assertNull(stats.failureRate());

      MetricStats single =
          analytics
              .stats(
                  "samples.value",
                  List.of(),
                  RunFilter.ALL.between(null, Instant.parse("2026-01-01T12:00:00Z")))
              .get(0);
      assertEquals(1, single.count());
      assertEquals(4.0, single.median());
      assertEquals(4.0, single.p95());
      assertNull(single.stddev());
    }
  }
}

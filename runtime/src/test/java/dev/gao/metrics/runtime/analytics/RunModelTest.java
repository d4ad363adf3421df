package dev.gao.metrics.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunModelTest {
  @TempDir Path dir;

  @Test
  void describesTheRuntimeFixtureSchema() {
    RunModel model =
        RunModel.builder(TestSchema.SCHEMA)
            .runTable("benchmark_runs")
            .timeColumn("timestamp")
            .dimensions("project_name", "benchmark_name")
            .dimensions("version")
            .build();
    assertEquals("benchmark_runs", model.runTable().name());
    assertEquals(TestSchema.SCHEMA, model.schema());
    assertEquals(Set.of("performance_metrics"), model.childTables().keySet());
    assertEquals("run_id", model.childTables().get("performance_metrics").column());
    assertEquals(Map.of(), model.metrics());
    assertEquals(Optional.empty(), model.statusColumn());
    assertEquals(Set.of(), model.failedStatuses());
    assertEquals(List.of("project_name", "benchmark_name", "version"), model.dimensions());
    assertEquals("timestamp", model.timeColumn());
    assertEquals(Optional.empty(), model.finishColumn());
    assertTrue(model.toString().contains("benchmark_runs"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> model.metric("performance_metrics.tokens"));
    assertTrue(e.getMessage().contains("is not a metric: declare it with @Metric"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.metric("nodot"));
    assertTrue(e.getMessage().startsWith("unknown metric nodot"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.table("nope"));
    assertTrue(e.getMessage().contains("has no table nope"), e.getMessage());
  }

  @Test
  void aFinishColumnIsATimeColumnOfTheRunTable() {
    RunModel model =
        RunModel.builder(AnalyticsSchema.SCHEMA)
            .runTable("runs")
            .timeColumn("timestamp")
            .finishColumn("timestamp")
            .build();
    assertEquals(Optional.of("timestamp"), model.finishColumn());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunModel.builder(AnalyticsSchema.SCHEMA)
                    .runTable("runs")
                    .timeColumn("timestamp")
                    .finishColumn("project_name")
                    .build());
    assertTrue(
        e.getMessage().startsWith("finish column runs.project_name must be a TEXT column of type"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunModel.builder(AnalyticsSchema.SCHEMA)
                    .runTable("runs")
                    .timeColumn("timestamp")
                    .finishColumn("ended")
                    .build());
    assertTrue(e.getMessage().startsWith("finish column ended does not exist"), e.getMessage());
  }

  @Test
  void failedStatusesMustBeValuesTheStatusColumnCanHold() {
    TableInfo jobs =
        new TableInfo(
            "jobs",
            "test.Job",
            List.of(
                new ColumnInfo("id", "TEXT", "java.lang.String", true, null, 1, false),
                new ColumnInfo("at", "TEXT", "java.time.Instant", true, null, 0, false),
                new ColumnInfo("state", "TEXT", "test.State", true, null, 0, false)),
            false,
            List.of(),
            List.of(),
            "CREATE TABLE \"jobs\" (\"id\" TEXT NOT NULL PRIMARY KEY, \"at\" TEXT NOT NULL,"
                + " \"state\" TEXT NOT NULL, CONSTRAINT \"ck_jobs_state\" CHECK (\"state\" IN ('FAILED', 'OK', 'it''s')))");
    SchemaInfo schema = new SchemaInfo("Jobs", 1, "h", List.of(jobs));
    IllegalArgumentException lowerCase =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunModel.builder(schema).runTable("jobs").timeColumn("at").status("state", "failed").build());
    assertEquals(
        "failed status 'failed' is not a value of status column jobs.state, which holds one of [FAILED, OK, it's]"
            + " (statuses are compared as stored); did you mean 'FAILED'?",
        lowerCase.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunModel.builder(schema).runTable("jobs").timeColumn("at").status("state", "TIMEOUT").build());
    assertTrue(unknown.getMessage().startsWith("failed status 'TIMEOUT' is not a value"), unknown.getMessage());
    RunModel model = RunModel.builder(schema).runTable("jobs").timeColumn("at").status("state", "FAILED", "it's").build();
    assertEquals(java.util.Set.of("FAILED", "it's"), model.failedStatuses());
  }

  @Test
  void rejectsARunTableWithoutASingleColumnKey() {
    TableInfo keyless =
        new TableInfo(
            "events",
            "test.Event",
            List.of(
                new ColumnInfo("at", "TEXT", "java.time.Instant", true, null, 0, false),
                new ColumnInfo("value", "REAL", "double", true, null, 0, false)),
            false,
            List.of(),
            List.of(),
            "CREATE TABLE \"events\" (\"at\" TEXT NOT NULL, \"value\" REAL NOT NULL)");
    SchemaInfo schema = new SchemaInfo("Events", 1, "h", List.of(keyless));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunModel.builder(schema).runTable("events").timeColumn("at").build());
    assertTrue(e.getMessage().contains("single-column primary key"), e.getMessage());
  }

  @Test
  void analyticsRefuseAModelOfAnotherSchema() {
    RunModel model = AnalyticsSchema.model();
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, dir.resolve("other.db"))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Analytics(db, model));
      assertTrue(e.getMessage().contains("describes schema AnalyticsTest"), e.getMessage());
    }
  }

  @Test
  void metricRefNeedsMetadata() {
    ColumnInfo plain = new ColumnInfo("x", "REAL", "double", true, null, 0, false);
    assertThrows(
        IllegalArgumentException.class, () -> new MetricRef("t", plain, "run_id", false, null));
    ColumnInfo metric =
        new ColumnInfo(
            "x", "REAL", "double", true, null, 0, false, new MetricInfo("s", Better.LOWER, 0, 1));
    MetricRef ref = new MetricRef("t", metric, "run_id", false, null);
    assertEquals("t.x", ref.name());
    assertFalse(ref.isMap());
    IllegalArgumentException notMap =
        assertThrows(IllegalArgumentException.class, () -> ref.withKey("k"));
    assertTrue(notMap.getMessage().contains("not a JSON map column"), notMap.getMessage());
    ColumnInfo map =
        new ColumnInfo(
            "m", "TEXT", "java.util.Map", false, null, 0, true, new MetricInfo("s", Better.LOWER,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    MetricRef mapRef = new MetricRef("t", map, "run_id", true, null);
    assertTrue(mapRef.isMap());
    assertEquals("t.m[a.b]", mapRef.withKey("a.b").name());
    assertTrue(mapRef.withKey("a.b").manyPerRun());
  }

  @Test
  void filtersAreValuesWithReadableText() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    RunFilter a = RunFilter.ALL.where("p", "x").status("ok").between(from, null).limit(5);
    RunFilter b = RunFilter.ALL.where("p", "x").status("ok").between(from, null).limit(5);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.offset(1));
    assertNotEquals(a, a.oldestFirst());
    assertNotEquals(a, "text");
    assertEquals(Optional.of(from), a.from());
    assertEquals(Optional.empty(), a.to());
    assertEquals(5, a.limit());
    assertEquals(0, a.offset());
    assertTrue(a.isNewestFirst());
    assertFalse(a.isWithoutFailed());
    assertTrue(a.withoutFailed().isWithoutFailed());
    assertNotEquals(a, a.withoutFailed());
    assertTrue(a.withoutFailed().toString().contains("withoutFailed=true"));
    assertTrue(a.toString().contains("statuses=[ok]"), a.toString());
    assertEquals(Map.of("p", Set.of("x")), a.dimensions());
    assertEquals(Set.of("ok"), a.statuses());
  }

  @Test
  void bareMetricNamesResolveWhenOneTableHasThem() {
    // perf and quality both have a metric column named tokens
    SchemaInfo schema =
        new SchemaInfo(
            "Shared",
            1,
            "hash-shared",
            List.of(
                AnalyticsSchema.RUNS,
                AnalyticsSchema.child("perf", "total_time", "REAL", "double", "tokens"),
                AnalyticsSchema.child("quality", "coverage", "REAL", "double", "tokens")));
    RunModel model = RunModel.builder(schema).runTable("runs").timeColumn("timestamp").build();
    assertEquals("perf.total_time", model.metric("total_time").name());
    assertEquals("runs.duration_s", model.metric("duration_s").name());
    assertEquals("quality.coverage", model.qualify("coverage"));
    assertEquals("quality.tokens", model.qualify("quality.tokens"), "a table.column stays as it is");
    assertEquals(model.metric("perf.total_time"), model.metric("total_time"));

    IllegalArgumentException several =
        assertThrows(IllegalArgumentException.class, () -> model.metric("tokens"));
    assertEquals(
        "metric tokens is in several tables: perf.tokens, quality.tokens; name one of them as table.column",
        several.getMessage());
    assertThrows(IllegalArgumentException.class, () -> model.qualify("tokens"));

    IllegalArgumentException typo =
        assertThrows(IllegalArgumentException.class, () -> model.metric("totl_time"));
    assertTrue(
        typo.getMessage().startsWith("unknown metric totl_time; did you mean perf.total_time? (metrics: "),
        typo.getMessage());
    IllegalArgumentException part =
        assertThrows(IllegalArgumentException.class, () -> model.metric("perf.token"));
    assertTrue(
        part.getMessage().startsWith("unknown metric perf.token; did you mean perf.tokens or quality.tokens?"),
        part.getMessage());
    IllegalArgumentException far =
        assertThrows(IllegalArgumentException.class, () -> model.metric("zzz"));
    assertEquals(
        "unknown metric zzz; metrics: runs.duration_s, perf.total_time, perf.tokens, quality.coverage,"
            + " quality.tokens",
        far.getMessage());
    assertEquals(List.of("perf.total_time"), MetricNames.closeTo("TOTAL_TIME", model.metrics()), "case is ignored");
    assertEquals(0, MetricNames.distance("", ""));
    assertEquals(3, MetricNames.distance("kitten", "sitting"));
  }
}

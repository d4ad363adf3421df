package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.util.List;

/**
 * A run table and two child tables with metric metadata, written as the processor writes them for
 * both engines.
 */
final class AnalyticsSchema {
  static final TableInfo RUNS =
      new TableInfo(
          "runs",
          "test.Run",
          List.of(
              new ColumnInfo("run_id", "TEXT", "java.lang.String", true, null, 1, false),
              new ColumnInfo("timestamp", "TEXT", "java.time.Instant", true, null, 0, false),
              new ColumnInfo("project_name", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("benchmark_name", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("version", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("status", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("metadata", "TEXT", "java.util.Map", false, null, 0, true),
              new ColumnInfo(
                  "duration_s",
                  "REAL",
                  "java.lang.Double",
                  false,
                  null,
                  0,
                  false,
                  new MetricInfo("s", Better.LOWER, 0, Double.POSITIVE_INFINITY))),
          false,
          List.of(
              new IndexInfo(
                  "idx_runs_project_time",
                  List.of("project_name", "timestamp"),
                  false,
                  false,
                  "CREATE INDEX \"idx_runs_project_time\" ON \"runs\" (\"project_name\","
                      + " \"timestamp\")"),
              new IndexInfo(
                  "idx_runs_time",
                  List.of("timestamp"),
                  false,
                  false,
                  "CREATE INDEX \"idx_runs_time\" ON \"runs\" (\"timestamp\")")),
          List.of(),
          "CREATE TABLE \"runs\" (\"run_id\" TEXT NOT NULL PRIMARY KEY, \"timestamp\" TEXT NOT"
              + " NULL, \"project_name\" TEXT NOT NULL, \"benchmark_name\" TEXT NOT NULL,"
              + " \"version\" TEXT NOT NULL, \"status\" TEXT NOT NULL, \"metadata\" TEXT CHECK"
              + " (json_valid(\"metadata\")), \"duration_s\" REAL) STRICT")
          .on(
              Engine.POSTGRESQL,
              "CREATE TABLE \"runs\" (\"run_id\" text NOT NULL PRIMARY KEY, \"timestamp\""
                  + " timestamp with time zone NOT NULL, \"project_name\" text NOT NULL,"
                  + " \"benchmark_name\" text NOT NULL, \"version\" text NOT NULL, \"status\" text"
                  + " NOT NULL, \"metadata\" jsonb, \"duration_s\" double precision)");

  static final TableInfo PERF = child("perf", "total_time", "REAL", "double", "tokens");
  static final TableInfo QUALITY = child("quality", "coverage", "REAL", "double", "lint_errors");

  static final SchemaInfo SCHEMA =
      new SchemaInfo("AnalyticsTest", 1, "hash-1", List.of(RUNS, PERF, QUALITY));

  private AnalyticsSchema() {}

  static TableInfo child(
      String name, String real, String sqlType, String javaType, String integer) {
    return new TableInfo(
        name,
        "test." + name,
        List.of(
            new ColumnInfo("id", "INTEGER", "long", true, null, 1, false),
            new ColumnInfo("run_id", "TEXT", "java.lang.String", true, null, 0, false),
            new ColumnInfo(
                real,
                sqlType,
                javaType,
                true,
                null,
                0,
                false,
                new MetricInfo("u", Better.HIGHER, 0, Double.POSITIVE_INFINITY)),
            new ColumnInfo(
                integer,
                "INTEGER",
                "long",
                false,
                null,
                0,
                false,
                new MetricInfo("count", Better.LOWER, 0, Double.POSITIVE_INFINITY)),
            new ColumnInfo("label", "TEXT", "java.lang.String", false, null, 0, false)),
        true,
        List.of(
            new IndexInfo(
                "idx_" + name + "_run_id",
                List.of("run_id"),
                false,
                true,
                "CREATE INDEX \"idx_" + name + "_run_id\" ON \"" + name + "\" (\"run_id\")")),
        List.of(new ForeignKeyInfo("run_id", "runs", "run_id", "CASCADE", "NO ACTION")),
        "CREATE TABLE \""
            + name
            + "\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"run_id\" TEXT NOT NULL REFERENCES"
            + " \"runs\" (\"run_id\") ON DELETE CASCADE ON UPDATE NO ACTION, \""
            + real
            + "\" REAL NOT NULL, \""
            + integer
            + "\" INTEGER, \"label\" TEXT) STRICT")
        .on(
            Engine.POSTGRESQL,
            "CREATE TABLE \""
                + name
                + "\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, \"run_id\" text"
                + " NOT NULL, \""
                + real
                + "\" double precision NOT NULL, \""
                + integer
                + "\" bigint, \"label\" text, CONSTRAINT \"fk_"
                + name
                + "_run_id\" FOREIGN KEY (\"run_id\") REFERENCES \"runs\" (\"run_id\") ON DELETE"
                + " CASCADE)");
  }

  static RunModel model() {
    return RunModel.builder(SCHEMA)
        .runTable("runs")
        .timeColumn("timestamp")
        .dimensions("project_name", "benchmark_name", "version")
        .status("status", "failed", "timeout")
        .build();
  }
}

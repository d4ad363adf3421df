package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.util.List;

/**
 * Runs with a metric of their own, a child table with one row per run (numbers of every direction
 * and a JSON map of numbers) and a child table with several rows per run, written as the processor
 * writes them.
 */
final class ComparisonSchema {
  private static final double NO_MIN = Double.NEGATIVE_INFINITY;
  private static final double NO_MAX = Double.POSITIVE_INFINITY;

  static final TableInfo RUNS =
      new TableInfo(
          "runs",
          "test.Run",
          List.of(
              new ColumnInfo("run_id", "TEXT", "java.lang.String", true, null, 1, false),
              new ColumnInfo("timestamp", "TEXT", "java.time.Instant", true, null, 0, false),
              new ColumnInfo("benchmark", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("version", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("status", "TEXT", "java.lang.String", false, null, 0, false),
              metric("score", "REAL", "java.lang.Double", false, "points", Better.HIGHER)),
          false,
          List.of(
              new IndexInfo(
                  "idx_runs_time",
                  List.of("timestamp"),
                  false,
                  false,
                  "CREATE INDEX \"idx_runs_time\" ON \"runs\" (\"timestamp\")")),
          List.of(),
          "CREATE TABLE \"runs\" (\"run_id\" TEXT NOT NULL PRIMARY KEY, \"timestamp\" TEXT NOT"
              + " NULL, \"benchmark\" TEXT NOT NULL, \"version\" TEXT NOT NULL, \"status\" TEXT,"
              + " \"score\" REAL) STRICT");

  static final TableInfo PERF =
      new TableInfo(
          "perf",
          "test.Perf",
          List.of(
              new ColumnInfo("id", "INTEGER", "long", true, null, 1, false),
              new ColumnInfo("run_id", "TEXT", "java.lang.String", true, null, 0, false),
              metric("seconds", "REAL", "double", true, "s", Better.LOWER),
              metric("cost", "REAL", "double", true, "USD", Better.LOWER),
              metric("drift", "REAL", "java.lang.Double", false, "", Better.NONE),
              new ColumnInfo(
                  "tokens_by_agent",
                  "TEXT",
                  "java.util.Map",
                  false,
                  null,
                  0,
                  true,
                  new MetricInfo("tokens", Better.LOWER, NO_MIN, NO_MAX))),
          true,
          List.of(
              new IndexInfo(
                  "idx_perf_run_id",
                  List.of("run_id"),
                  true,
                  false,
                  "CREATE UNIQUE INDEX \"idx_perf_run_id\" ON \"perf\" (\"run_id\")")),
          List.of(new ForeignKeyInfo("run_id", "runs", "run_id", "NO ACTION", "NO ACTION")),
          "CREATE TABLE \"perf\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"run_id\" TEXT NOT"
              + " NULL REFERENCES \"runs\" (\"run_id\") ON DELETE NO ACTION ON UPDATE NO ACTION,"
              + " \"seconds\" REAL NOT NULL, \"cost\" REAL NOT NULL, \"drift\" REAL,"
              + " \"tokens_by_agent\" TEXT CHECK (json_valid(\"tokens_by_agent\"))) STRICT");

  static final TableInfo USAGE =
      new TableInfo(
          "usage",
          "test.Usage",
          List.of(
              new ColumnInfo("id", "INTEGER", "long", true, null, 1, false),
              new ColumnInfo("run_id", "TEXT", "java.lang.String", true, null, 0, false),
              new ColumnInfo("model", "TEXT", "java.lang.String", true, null, 0, false),
              metric("tokens", "INTEGER", "long", true, "tokens", Better.LOWER)),
          true,
          List.of(
              new IndexInfo(
                  "idx_usage_run_id",
                  List.of("run_id"),
                  false,
                  true,
                  "CREATE INDEX \"idx_usage_run_id\" ON \"usage\" (\"run_id\")")),
          List.of(new ForeignKeyInfo("run_id", "runs", "run_id", "NO ACTION", "NO ACTION")),
          "CREATE TABLE \"usage\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"run_id\" TEXT NOT"
              + " NULL REFERENCES \"runs\" (\"run_id\") ON DELETE NO ACTION ON UPDATE NO ACTION,"
              + " \"model\" TEXT NOT NULL, \"tokens\" INTEGER NOT NULL) STRICT");

  static final SchemaInfo SCHEMA =
      new SchemaInfo("ComparisonTest", 1, "hash-c", List.of(RUNS, PERF, USAGE));

  static final RunModel MODEL =
      RunModel.builder(SCHEMA)
          .runTable("runs")
          .timeColumn("timestamp")
          .dimensions("benchmark", "version", "status")
          .status("status", "failed", "timeout")
          .build();

  private ComparisonSchema() {}

  private static ColumnInfo metric(
      String name, String sqlType, String javaType, boolean notNull, String unit, Better better) {
    return new ColumnInfo(
        name,
        sqlType,
        javaType,
        notNull,
        null,
        0,
        false,
        new MetricInfo(unit, better, NO_MIN, NO_MAX));
  }
}

package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.Column;
import dev.gao.metrics.annotations.Index;
import dev.gao.metrics.annotations.Json;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.Nullable;
import dev.gao.metrics.annotations.PrimaryKey;
import java.time.Instant;
import java.util.Map;

/**
 * One benchmark run: which project and benchmark ran, when, and at which benchmark version. The four
 * metric tables hang off it by {@code run_id}.
 *
 * @param runId unique id of the run, chosen by the collector
 * @param timestamp when the run started (UTC)
 * @param projectName the project the agents built
 * @param benchmarkName the benchmark that was run
 * @param version the benchmark's own version (not the schema version); {@code null} stores
 *     {@code 1.0.0}
 * @param metadata free-form details of the run (model, prompt set, machine...); {@code null} stores
 *     {@code {}} (since version 5, as GAO-Dev writes an empty map)
 * @param createdAt when the row was written; {@code null} lets the database stamp it
 * @param status where the run stands (since version 2); {@code null} stores {@code completed}
 * @param finishedAt when the run ended, if it has (since version 2)
 */
@MetricsTable(
    name = "benchmark_runs",
    indexes = {
      @Index(name = "idx_runs_timestamp", columns = "timestamp"),
      @Index(name = "idx_runs_project", columns = "project_name"),
      @Index(name = "idx_runs_benchmark", columns = "benchmark_name"),
      // since version 4: the newest runs of a project or benchmark come straight from the index,
      // without sorting all of its runs
      @Index(name = "idx_runs_project_timestamp", columns = {"project_name", "timestamp"}),
      @Index(name = "idx_runs_benchmark_timestamp", columns = {"benchmark_name", "timestamp"})
    })
public record BenchmarkRun(
    @PrimaryKey String runId,
    Instant timestamp,
    String projectName,
    String benchmarkName,
    @Column(defaultValue = "'1.0.0'") String version,
    @Json @Column(defaultValue = "'{}'") Map<String, Object> metadata,
    @Nullable @Column(defaultValue = "CURRENT_TIMESTAMP") Instant createdAt,
    @Column(defaultValue = "'completed'") RunStatus status,
    @Nullable Instant finishedAt) {}

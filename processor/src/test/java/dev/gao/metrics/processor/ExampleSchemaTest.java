package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The shape of the benchmark metrics schema: named indexes, cascading run ids, defaults. */
class ExampleSchemaTest {
  private static final JavaFileObject RUN =
      Sources.java(
          "BenchmarkRun",
          "@MetricsTable(name = \"benchmark_runs\", indexes = {",
          "  @Index(name = \"idx_runs_timestamp\", columns = \"timestamp\"),",
          "  @Index(name = \"idx_runs_project\", columns = \"project_name\"),",
          "  @Index(name = \"idx_runs_benchmark\", columns = \"benchmark_name\")})",
          "public record BenchmarkRun(",
          "  @PrimaryKey String runId, Instant timestamp, String projectName, String benchmarkName,",
          "  @Column(defaultValue = \"'1.0.0'\") String version,",
          "  @Nullable @Json Map<String, Object> metadata,",
          "  @Nullable @Column(defaultValue = \"CURRENT_TIMESTAMP\") Instant createdAt) {}");
  private static final JavaFileObject PERFORMANCE =
      Sources.java(
          "PerformanceMetrics",
          "@MetricsTable(name = \"performance_metrics\",",
          "  indexes = @Index(name = \"idx_performance_run_id\", columns = \"run_id\"))",
          "public record PerformanceMetrics(",
          "  @PrimaryKey(autoGenerate = true) long id,",
          "  @ForeignKey(table = BenchmarkRun.class, onDelete = ForeignKey.Action.CASCADE) String runId,",
          "  double totalTimeSeconds, @Nullable @Json Map<String, Double> phaseTimes, long tokenUsageTotal,",
          "  @Nullable @Json Map<String, Long> tokenUsageByAgent, int apiCallsCount, double apiCallsCost) {}");
  private static final JavaFileObject SCHEMA =
      Sources.java(
          "GaoMetrics",
          "@MetricsSchema(version = 1, tables = {BenchmarkRun.class, PerformanceMetrics.class})",
          "public interface GaoMetrics {}");

  @Test
  void tablesMatchTheStoredSchema() {
    Compilation c = Sources.compile(RUN, PERFORMANCE, SCHEMA);
    assertThat(c).succeeded();
    String runs = Sources.generated(c, "p.BenchmarkRunDao");
    assertTrue(
        runs.contains(
            " * CREATE TABLE \"benchmark_runs\" (\n"
                + " *   \"run_id\" TEXT NOT NULL PRIMARY KEY,\n"
                + " *   \"timestamp\" TEXT NOT NULL,\n"
                + " *   \"project_name\" TEXT NOT NULL,\n"
                + " *   \"benchmark_name\" TEXT NOT NULL,\n"
                + " *   \"version\" TEXT NOT NULL DEFAULT '1.0.0',\n"
                + " *   \"metadata\" TEXT,\n"
                + " *   \"created_at\" TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now')),\n"
                + " *   CHECK (\"metadata\" IS NULL OR json_valid(\"metadata\"))\n"
                + " * ) STRICT;\n"
                + " * CREATE INDEX \"idx_runs_timestamp\" ON \"benchmark_runs\" (\"timestamp\");\n"
                + " * CREATE INDEX \"idx_runs_project\" ON \"benchmark_runs\" (\"project_name\");\n"
                + " * CREATE INDEX \"idx_runs_benchmark\" ON \"benchmark_runs\" (\"benchmark_name\");\n"
                + " * CREATE TRIGGER \"tr_benchmark_runs_time_insert\" AFTER INSERT ON \"benchmark_runs\"\n"),
        runs);
    assertTrue(
        runs.contains(
            " * CREATE TRIGGER \"tr_benchmark_runs_time_update\" AFTER UPDATE OF \"timestamp\", \"created_at\""
                + " ON \"benchmark_runs\"\n"),
        runs);
    assertTrue(runs.contains("public List<BenchmarkRun> findByProjectName(String projectName)"), runs);
    String performance = Sources.generated(c, "p.PerformanceMetricsDao");
    assertTrue(
        performance.contains(
            " * CREATE TABLE \"performance_metrics\" (\n"
                + " *   \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                + " *   \"run_id\" TEXT NOT NULL,\n"
                + " *   \"total_time_seconds\" REAL NOT NULL,\n"
                + " *   \"phase_times\" TEXT,\n"
                + " *   \"token_usage_total\" INTEGER NOT NULL,\n"
                + " *   \"token_usage_by_agent\" TEXT,\n"
                + " *   \"api_calls_count\" INTEGER NOT NULL,\n"
                + " *   \"api_calls_cost\" REAL NOT NULL,\n"
                + " *   FOREIGN KEY (\"run_id\") REFERENCES \"benchmark_runs\" (\"run_id\") ON DELETE CASCADE,\n"
                + " *   CHECK (\"phase_times\" IS NULL OR json_valid(\"phase_times\")),\n"
                + " *   CHECK (\"token_usage_by_agent\" IS NULL OR json_valid(\"token_usage_by_agent\"))\n"
                + " * ) STRICT;\n"
                + " * CREATE INDEX \"idx_performance_run_id\" ON \"performance_metrics\" (\"run_id\");\n"
                + " * </pre>"),
        performance);
    assertTrue(performance.contains("public long insert(PerformanceMetrics row)"), performance);
    assertTrue(performance.contains("public List<PerformanceMetrics> findByRunId(String runId)"), performance);
  }
}

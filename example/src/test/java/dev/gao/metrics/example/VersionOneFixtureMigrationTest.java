package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version-1 file written by version-1 code (committed under src/test/resources/fixtures) moves to
 * the current version and back to 1 with every value preserved.
 */
class VersionOneFixtureMigrationTest {
  static final List<String> V1_TABLES =
      List.of("benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics");

  @TempDir Path folder;

  private Path copyOf(String fixture) throws Exception {
    Path file = folder.resolve(fixture);
    Files.copy(Path.of("src/test/resources/fixtures", fixture), file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  @Test
  void versionOneFileUpgradesToTheCurrentVersionAndBackWithEveryValuePreserved() throws Exception {
    Path file = copyOf("gao-metrics-v1.db");
    Map<String, List<Map<String, Object>>> original = TableDump.rows(file, V1_TABLES);
    assertEquals(List.of("1"), TableDump.column(file, "PRAGMA user_version"));
    int runs = original.get("benchmark_runs").size();
    assertTrue(runs > 0);

    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
      assertEquals(List.of(), store.database().validate());
      for (Map<String, Object> row : original.get("benchmark_runs")) {
        CompleteRun run = store.find((String) row.get("run_id")).orElseThrow();
        String statusInMetadata = (String) run.run().metadata().get("status");
        assertEquals(RunStatus.valueOf(statusInMetadata), run.run().status(), "status filled from metadata");
        assertEquals(null, run.run().finishedAt());
        assertEquals(List.of(), run.tokenUsage());
      }
      List<List<Integer>> steps =
          store.database().history().stream().map(h -> List.of(h.fromVersion(), h.toVersion())).toList();
      assertEquals(List.of(List.of(1, 2), List.of(2, 3), List.of(3, 4), List.of(4, 5), List.of(5, 6)), steps, "every upgrade step is recorded");
      assertTrue(
          store.database().history().stream().allMatch(h -> h.downgradeSql() != null && !h.downgradeSql().isBlank()),
          "each with its way back down");
    }
    try (Stream<Path> siblings = Files.list(folder)) {
      assertTrue(siblings.anyMatch(p -> p.getFileName().toString().endsWith(".backup")), "a backup was taken");
    }
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), TableDump.column(file, "PRAGMA foreign_key_check"));

    try (MetricsDatabase db =
        MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file).targetVersion(1).open()) {
      assertEquals(1, db.storedVersion());
      assertEquals(List.of(), db.validate());
    }
    assertEquals(List.of("1"), TableDump.column(file, "PRAGMA user_version"));
    assertEquals(original, TableDump.rows(file, V1_TABLES), "every version-1 value survived the way up and back down");
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), TableDump.column(file, "PRAGMA foreign_key_check"));
    assertFalse(TableDump.column(file, "SELECT name FROM sqlite_schema").contains("token_usage"));
  }
}

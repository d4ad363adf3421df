package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.BenchmarkRunDao;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.dao.SortOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by GAO-Dev's earlier Python store (made by fixtures/make_legacy_store.py): not
 * STRICT, no version marker, timestamps in mixed ISO-8601 forms, created_at from CURRENT_TIMESTAMP,
 * JSON from json.dumps. Opening it adopts it as version 1 and migrates it to 2; every value keeps its
 * meaning.
 */
class LegacyPythonStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  /** Reads a Python-store timestamp independently of the library: offsets honoured, naive = UTC. */
  private static Instant pythonTimestamp(String text) {
    if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
      return OffsetDateTime.parse(text).toInstant();
    }
    if (text.contains(" ")) {
      return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC);
    }
    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
  }

  @Test
  void aLegacyFileIsAdoptedMigratedAndReadsBackWithTheSameMeaning() throws Exception {
    Path file = folder.resolve("legacy.db");
    Files.copy(Path.of("src/test/resources/fixtures/legacy-python-store.db"), file);
    Map<String, List<Map<String, Object>>> legacy = TableDump.rows(file, VersionOneFixtureMigrationTest.V1_TABLES);
    assertEquals(List.of("0"), TableDump.column(file, "PRAGMA user_version"));

    List<Instant> expectedOrder = new ArrayList<>();
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
      assertEquals(List.of(), store.database().validate());
      for (int i = 0; i < legacy.get("benchmark_runs").size(); i++) {
        Map<String, Object> row = legacy.get("benchmark_runs").get(i);
        String runId = (String) row.get("run_id");
        CompleteRun run = store.find(runId).orElseThrow();
        Instant timestamp = pythonTimestamp((String) row.get("timestamp"));
        expectedOrder.add(timestamp);
        assertEquals(timestamp, run.run().timestamp(), runId + " timestamp " + row.get("timestamp"));
        assertEquals(pythonTimestamp((String) row.get("created_at")), run.run().createdAt(), runId + " created_at");
        assertEquals(row.get("version"), run.run().version());
        assertEquals(JSON.readValue((String) row.get("metadata"), new TypeReference<Map<String, Object>>() {}),
            run.run().metadata());
        assertEquals(RunStatus.completed, run.run().status(), "runs of the old store had finished");

        Map<String, Object> perf = legacy.get("performance_metrics").get(i);
        assertEquals(runId, perf.get("run_id"));
        assertEquals(((Number) perf.get("total_time_seconds")).doubleValue(), run.performance().totalTimeSeconds());
        assertEquals(JSON.readValue((String) perf.get("token_usage_by_agent"), new TypeReference<Map<String, Long>>() {}),
            run.performance().tokenUsageByAgent());
        assertEquals(JSON.readValue((String) perf.get("phase_times"), new TypeReference<Map<String, Double>>() {}),
            run.performance().phaseTimes());
        Map<String, Object> autonomy = legacy.get("autonomy_metrics").get(i);
        assertEquals(JSON.readValue((String) autonomy.get("manual_interventions_types"), new TypeReference<List<String>>() {}),
            run.autonomy().manualInterventionsTypes());
        Map<String, Object> quality = legacy.get("quality_metrics").get(i);
        assertEquals(((Number) quality.get("code_coverage_percentage")).doubleValue(), run.quality().codeCoveragePercentage());
        assertEquals(JSON.readValue((String) quality.get("linting_errors_by_severity"), new TypeReference<Map<String, Integer>>() {}),
            run.quality().lintingErrorsBySeverity());
        Map<String, Object> workflow = legacy.get("workflow_metrics").get(i);
        assertEquals(((Number) workflow.get("stories_created")).intValue(), run.workflow().storiesCreated());
      }
      expectedOrder.sort(Comparator.naturalOrder());
      List<Instant> ordered =
          store.runs().list(BenchmarkRunDao.COL_TIMESTAMP, SortOrder.ASC, 1_000, 0).stream()
              .map(BenchmarkRun::timestamp)
              .toList();
      assertEquals(expectedOrder, ordered, "after adoption, timestamps sort chronologically in SQL");
      assertNotNull(store.database().history());
    }
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"));
    assertEquals(List.of(), TableDump.column(file, "PRAGMA foreign_key_check"));
    assertTrue(
        TableDump.column(file, "SELECT sql FROM sqlite_schema WHERE name = 'benchmark_runs'").get(0).contains("STRICT"));
  }
}

package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTesterTest {
  @TempDir Path temp;

  private static MigrationTester sample(SchemaInfo schema) {
    List<Map<String, Object>> runs = new ArrayList<>();
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("run_id", "r" + i);
      run.put("started_at", "2025-05-01T09:30:0" + i + ".000000000Z");
      run.put("ended_at", i == 2 ? null : "2025-05-01T10:00:0" + i + ".000000000Z");
      run.put("project", "p" + i);
      run.put("metadata", "{\"tag\":\"t" + i + "\"}");
      runs.add(run);
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("run_id", "r" + i);
      metric.put("seconds", i + 0.5);
      metric.put("tokens", 10L * i);
      metric.put("day", "2025-01-0" + (i + 1));
      metric.put("local_at", null);
      metric.put("id", i + 1);
      metrics.add(metric);
    }
    Map<String, List<Map<String, Object>>> metricRows = new LinkedHashMap<>();
    metricRows.put("metrics", metrics);
    return MigrationTester.of(schema).rows("runs", runs).rows(metricRows);
  }

  @Test
  void aCorrectChainPassesBothWays() {
    sample(Versions.schema(4)).check(temp, 1, 4);
    sample(Versions.schema(4)).check(temp, 2, 3);
  }

  @Test
  void aStepThatLosesAValueIsReportedWithTableRowAndColumn() {
    SchemaInfo lossy =
        Versions.schema(
            4,
            step -> {
              if (step.fromVersion() != 3 || step.toVersion() != 4) {
                return step;
              }
              List<String> statements = new ArrayList<>(step.statements());
              statements.set(
                  1,
                  "INSERT INTO \"runs__new\" ("
                      + Versions.RUNS_V4_COLUMNS
                      + ") SELECT \"run_id\", \"started_at\", NULL, \"project\", \"metadata\","
                      + " \"created_at\", \"status\" FROM \"runs\"");
              return MigrationStep.of(3, 4, statements, List.of(), true);
            });
    AssertionError e = assertThrows(AssertionError.class, () -> sample(lossy).check(temp, 1, 4));
    String message = e.getMessage();
    assertTrue(
        message.contains(
            "after migrating 1 -> 4: table runs, row {run_id='r0'}, column ended_at: was"
                + " '2025-05-01T10:00:00.000000000Z', is NULL"),
        message);
    assertTrue(message.contains("did not preserve 8 values"), message);
    assertTrue(message.contains("after migrating back 4 -> 1"), message);
  }

  @Test
  void aStepThatFailsIsReported() {
    SchemaInfo failing =
        Versions.schema(
            2,
            step ->
                step.upgrade()
                    ? step
                    : MigrationStep.of(2, 1, List.of("DROP TABLE \"nope\""), List.of(), false));
    AssertionError e =
        assertThrows(AssertionError.class, () -> sample(failing).check(temp, 1, 2));
    assertTrue(e.getMessage().contains("Could not migrate back 2 -> 1"), e.getMessage());
    assertTrue(e.getMessage().contains("no such table: nope"), e.getMessage());
  }

  @Test
  void unknownVersionsAndColumnsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> sample(Versions.schema(2)).check(temp, 1, 3));
    MigrationTester bad =
        MigrationTester.of(Versions.schema(2))
            .rows("runs", List.of(Map.of("nope", 1)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> bad.check(temp, 1, 2));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }
}

package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files this project writes, migrates and adopts stay valid for the SQLite versions GAO-Dev's users
 * open them with: Debian 12's {@code sqlite3} shell and Python 3.11's {@code sqlite3} module are
 * SQLite 3.40, where {@code json_valid(NULL)} is 0, so a bare {@code CHECK (json_valid(c))} on a
 * nullable column reports every NULL in {@code PRAGMA integrity_check}. Each file is checked with
 * both programs, and with the bundled SQLite, after each way of writing it.
 */
class OldSqliteIntegrityTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path folder;

  private static String shellVersion;
  private static String pythonVersion;

  @BeforeAll
  static void programs() throws Exception {
    shellVersion = OtherPrograms.shellVersion();
    pythonVersion = OtherPrograms.pythonVersion();
  }

  private static void assertValidEverywhere(Path file, String when) throws Exception {
    assertEquals(List.of(), OtherPrograms.shellProblems(file), when + ": sqlite3 shell " + shellVersion);
    assertEquals(List.of(), OtherPrograms.pythonProblems(file), when + ": Python sqlite3 " + pythonVersion);
    assertEquals(List.of("ok"), TableDump.column(file, "PRAGMA integrity_check"), when + ": bundled SQLite");
    assertEquals(List.of(), TableDump.column(file, "PRAGMA foreign_key_check"), when + ": bundled SQLite");
  }

  /** Records demo runs, some with every map and list left null, then deletes one of each kind. */
  private static void recordAndDelete(Path file, String when) throws Exception {
    List<CompleteRun> runs = new DemoRuns(11, START).matrix(1);
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (CompleteRun run : runs.subList(0, 4)) {
        store.record(run);
      }
      store.record(withoutMapsAndLists(runs.get(4)));
      store.record(withoutMapsAndLists(runs.get(5)));
    }
    assertValidEverywhere(file, when + ", after record");
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertTrue(store.delete(runs.get(0).run().runId()));
      assertTrue(store.delete(runs.get(5).run().runId()));
    }
    assertValidEverywhere(file, when + ", after delete");
  }

  /** The run with {@code null} for its metadata and every JSON metric, as a caller may pass them. */
  static CompleteRun withoutMapsAndLists(CompleteRun run) {
    var r = run.run();
    var p = run.performance();
    var a = run.autonomy();
    var q = run.quality();
    var w = run.workflow();
    return new CompleteRun(
        new BenchmarkRun(
            r.runId(), r.timestamp(), r.projectName(), r.benchmarkName(), r.version(), null, r.createdAt(), r.status(),
            r.finishedAt()),
        new PerformanceMetrics(
            p.id(), p.runId(), p.totalTimeSeconds(), null, p.tokenUsageTotal(), null, p.apiCallsCount(), p.apiCallsCost()),
        new AutonomyMetrics(
            a.id(), a.runId(), 0, null, a.promptsNeededInitial(), a.promptsNeededFollowup(), a.oneShotSuccessRate(),
            a.errorRecoveryRate(), a.agentHandoffsSuccessful(), a.agentHandoffsFailed()),
        new QualityMetrics(
            q.id(), q.runId(), q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(), 0, null,
            q.typeErrorsCount(), 0, null, q.functionalCompletenessPercentage()),
        new WorkflowMetrics(
            w.id(), w.runId(), w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(), null, w.reworkCount()),
        run.tokenUsage());
  }

  @Test
  void aNewFileIsValidInEverySqliteVersion() throws Exception {
    Path file = folder.resolve("new.db");
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
    }
    assertValidEverywhere(file, "new");
    recordAndDelete(file, "new");
  }

  @Test
  void aVersionFourFileWithNullJsonIsMigratedToAFileValidInEverySqliteVersion() throws Exception {
    Path file = folder.resolve("v4.db");
    try (MetricsDatabase db = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file).targetVersion(4).open()) {
      assertEquals(4, db.storedVersion());
    }
    // What version 4 let a caller store: NULL in every nullable JSON column.
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA foreign_keys = ON");
      statement.execute(
          "INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, metadata)"
              + " VALUES ('v4-run', '2026-03-01T10:00:00.000000000Z', 'todo-app', 'greenfield-webapp', NULL)");
      statement.execute(
          "INSERT INTO performance_metrics (run_id, total_time_seconds, phase_times, token_usage_total,"
              + " token_usage_by_agent, api_calls_count, api_calls_cost) VALUES ('v4-run', 900, NULL, 0, NULL, 0, 0)");
      statement.execute(
          "INSERT INTO autonomy_metrics (run_id, manual_interventions_count, manual_interventions_types,"
              + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate, error_recovery_rate,"
              + " agent_handoffs_successful, agent_handoffs_failed) VALUES ('v4-run', 0, NULL, 1, 0, 1, 1, 0, 0)");
      statement.execute(
          "INSERT INTO quality_metrics (run_id, tests_written, tests_passing, code_coverage_percentage,"
              + " linting_errors_count, linting_errors_by_severity, type_errors_count, security_vulnerabilities_count,"
              + " security_vulnerabilities_by_severity, functional_completeness_percentage)"
              + " VALUES ('v4-run', 0, 0, 0, 0, NULL, 0, 0, NULL, 100)");
      statement.execute(
          "INSERT INTO workflow_metrics (run_id, stories_created, stories_completed, avg_cycle_time_seconds,"
              + " phase_distribution, rework_count) VALUES ('v4-run', 1, 1, 60, NULL, 0)");
    }
    if (OtherPrograms.failsNullJsonChecks(shellVersion)) {
      // The checks have power: this SQLite reports the NULLs a version-4 file holds.
      assertFalse(OtherPrograms.shellProblems(file).isEmpty(), "sqlite3 " + shellVersion + " on the version-4 file");
    }

    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
      assertEquals(List.of(), store.database().validate());
      CompleteRun run = store.find("v4-run").orElseThrow();
      assertEquals(Map.of(), run.run().metadata(), "NULL metadata became an empty map");
      assertEquals(Map.of(), run.performance().phaseTimes());
      assertEquals(Map.of(), run.performance().tokenUsageByAgent());
      assertEquals(List.of(), run.autonomy().manualInterventionsTypes(), "NULL list became an empty list");
      assertEquals(Map.of(), run.quality().lintingErrorsBySeverity());
      assertEquals(Map.of(), run.quality().securityVulnerabilitiesBySeverity());
      assertEquals(Map.of(), run.workflow().phaseDistribution());
    }
    assertEquals(
        List.of("{}"), TableDump.column(file, "SELECT metadata FROM benchmark_runs WHERE run_id = 'v4-run'"),
        "stored as GAO-Dev writes an empty map");
    assertEquals(
        List.of("[]"),
        TableDump.column(file, "SELECT manual_interventions_types FROM autonomy_metrics WHERE run_id = 'v4-run'"));
    assertValidEverywhere(file, "migrated from version 4");
    recordAndDelete(file, "migrated from version 4");
  }

  @Test
  void aVersionOneFileMigratedToTheCurrentVersionIsValidInEverySqliteVersion() throws Exception {
    Path file = OtherPrograms.fixture("gao-metrics-v1.db", folder.resolve("v1.db"));
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
    }
    assertValidEverywhere(file, "migrated from version 1");
    recordAndDelete(file, "migrated from version 1");
  }

  @Test
  void anAdoptedFileOfThePythonStoreIsValidInEverySqliteVersion() throws Exception {
    Path file = OtherPrograms.fixture("legacy-python-store.db", folder.resolve("legacy.db"));
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
      assertTrue(
          store.database().history().stream().anyMatch(h -> h.downgradeSql() == null),
          "the adopt row has no way down: its NULL must pass the history table's check");
    }
    assertValidEverywhere(file, "adopted");
    recordAndDelete(file, "adopted");
  }

  @Test
  void aFileDowngradedToVersionFourIsStillValidInEverySqliteVersion() throws Exception {
    Path file = folder.resolve("down.db");
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      store.record(withoutMapsAndLists(new DemoRuns(3, START).matrix(1).get(0)));
    }
    try (MetricsDatabase db = MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(file).targetVersion(4).open()) {
      assertEquals(4, db.storedVersion());
      assertEquals(List.of(), db.validate());
    }
    assertValidEverywhere(file, "downgraded to version 4");
  }
}

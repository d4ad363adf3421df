package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file this project migrated keeps working for GAO-Dev's Python store: a script written here does
 * what that store does through Python's {@code sqlite3} module (its INSERT statements with {@code
 * json.dumps} values and {@code datetime.isoformat()} times, then {@code json.loads} of every JSON
 * column when it reads a run back), against the migrated file and runs recorded by this project.
 */
class PythonStoreOnMigratedFileTest {
  /**
   * The writes and reads of GAO-Dev's store, as Python's sqlite3 module makes them: one transaction
   * per run, one row per table, every JSON column through json.dumps / json.loads.
   */
  private static final String PYTHON_STORE =
      String.join(
          "\n",
          "import json, sqlite3, sys",
          "path, command = sys.argv[1], sys.argv[2]",
          "c = sqlite3.connect(path)",
          "c.row_factory = sqlite3.Row",
          "def save(run_id, timestamp):",
          "    with c:",
          "        c.execute('INSERT INTO benchmark_runs (run_id, timestamp, project_name, benchmark_name, version,"
              + " metadata) VALUES (?, ?, ?, ?, ?, ?)',",
          "                  (run_id, timestamp, 'todo-app', 'greenfield-webapp', '1.0.0', json.dumps({'model': 'm1'})))",
          "        c.execute('INSERT INTO performance_metrics (run_id, total_time_seconds, phase_times, token_usage_total,"
              + " token_usage_by_agent, api_calls_count, api_calls_cost) VALUES (?, ?, ?, ?, ?, ?, ?)',",
          "                  (run_id, 1200.5, json.dumps({'implementation': 800.0}), 1000, json.dumps({'amelia': 1000}),"
              + " 12, 0.5))",
          "        c.execute('INSERT INTO autonomy_metrics (run_id, manual_interventions_count, manual_interventions_types,"
              + " prompts_needed_initial, prompts_needed_followup, one_shot_success_rate, error_recovery_rate,"
              + " agent_handoffs_successful, agent_handoffs_failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',",
          "                  (run_id, 1, json.dumps(['decision']), 1, 2, 0.8, 0.9, 10, 0))",
          "        c.execute('INSERT INTO quality_metrics (run_id, tests_written, tests_passing, code_coverage_percentage,"
              + " linting_errors_count, linting_errors_by_severity, type_errors_count, security_vulnerabilities_count,"
              + " security_vulnerabilities_by_severity, functional_completeness_percentage)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',",
          "                  (run_id, 10, 9, 80.0, 5, json.dumps({}), 0, 0, json.dumps({}), 90.0))",
          "        c.execute('INSERT INTO workflow_metrics (run_id, stories_created, stories_completed,"
              + " avg_cycle_time_seconds, phase_distribution, rework_count) VALUES (?, ?, ?, ?, ?, ?)',",
          "                  (run_id, 3, 3, 600.0, json.dumps({'implementation': 0.6, 'planning': 0.4}), 0))",
          "if command == 'save':",
          "    save(sys.argv[3], sys.argv[4])",
          "elif command == 'read':",
          "    count = 0",
          "    for run in c.execute('SELECT * FROM benchmark_runs ORDER BY timestamp DESC').fetchall():",
          "        json.loads(run['metadata'])",
          "        p = c.execute('SELECT * FROM performance_metrics WHERE run_id = ?', (run['run_id'],)).fetchone()",
          "        a = c.execute('SELECT * FROM autonomy_metrics WHERE run_id = ?', (run['run_id'],)).fetchone()",
          "        q = c.execute('SELECT * FROM quality_metrics WHERE run_id = ?', (run['run_id'],)).fetchone()",
          "        w = c.execute('SELECT * FROM workflow_metrics WHERE run_id = ?', (run['run_id'],)).fetchone()",
          "        for value in (p['phase_times'], p['token_usage_by_agent'], a['manual_interventions_types'],",
          "                      q['linting_errors_by_severity'], q['security_vulnerabilities_by_severity'],",
          "                      w['phase_distribution']):",
          "            json.loads(value)",
          "        print(run['run_id'], run['timestamp'])",
          "        count += 1",
          "    print('read', count)",
          "c.close()",
          "");

  @TempDir Path folder;

  private Path file;

  @BeforeEach
  void migrateAGaoDevFile() throws Exception {
    file = OtherPrograms.fixture("legacy-python-store.db", folder.resolve("metrics.db"));
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(GaoMetricsSchema.VERSION, store.database().storedVersion());
      // Runs this project records with no maps or lists at all, as a caller may leave them.
      for (CompleteRun run : new DemoRuns(5, Instant.parse("2025-01-20T08:00:00Z")).matrix(1).subList(0, 2)) {
        store.record(OldSqliteIntegrityTest.withoutMapsAndLists(run));
      }
    }
  }

  private List<String> pythonReadsEveryRun() throws Exception {
    return List.of(OtherPrograms.python(PYTHON_STORE, file.toString(), "read").strip().split("\n"));
  }

  @Test
  void thePythonStoreReadsEveryRunOfTheMigratedFileIncludingOnesWithoutMaps() throws Exception {
    List<String> lines = pythonReadsEveryRun();
    int runs;
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      runs = (int) store.runs().count();
    }
    assertEquals("read " + runs, lines.get(lines.size() - 1), String.join("\n", lines));
  }

  @Test
  void runsThePythonStoreWritesWithOffsetsSortAndFilterAsTheInstantsTheyName() throws Exception {
    // 01:30 at +02:00 is the day before in UTC; as text it would sort after every run of 2031-03-01.
    OtherPrograms.python(PYTHON_STORE, file.toString(), "save", "py-offset", "2031-03-01T01:30:00.250000+02:00");
    OtherPrograms.python(PYTHON_STORE, file.toString(), "save", "py-utc", "2031-03-01T00:00:00.500000+00:00");
    OtherPrograms.python(PYTHON_STORE, file.toString(), "save", "py-naive", "2031-02-28T23:45:00");
    assertEquals(
        List.of("2031-02-28T23:30:00.250000000Z"),
        TableDump.column(file, "SELECT timestamp FROM benchmark_runs WHERE run_id = 'py-offset'"),
        "stored in the canonical UTC form");

    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      assertEquals(List.of(), store.database().validate());
      CompleteRun offset = store.find("py-offset").orElseThrow();
      assertEquals(Instant.parse("2031-02-28T23:30:00.250Z"), offset.run().timestamp());
      assertEquals(Map.of("amelia", 1000L), offset.performance().tokenUsageByAgent());
      assertEquals(List.of("decision"), offset.autonomy().manualInterventionsTypes());

      Analytics analytics = GaoRunModel.analytics(store);
      List<Object> newestFirst =
          analytics.runs(RunFilter.ALL.between(Instant.parse("2031-02-28T00:00:00Z"), null)).stream()
              .map(RunRow::id)
              .toList();
      assertEquals(List.of("py-utc", "py-naive", "py-offset"), newestFirst, "ordered by instant, not by text");
      List<Object> sinceMarch =
          analytics.runs(RunFilter.ALL.between(Instant.parse("2031-03-01T00:00:00Z"), null)).stream()
              .map(RunRow::id)
              .toList();
      assertEquals(List.of("py-utc"), sinceMarch, "the +02:00 run started on 28 February in UTC");
    }
    List<String> lines = pythonReadsEveryRun();
    assertTrue(lines.get(0).startsWith("py-utc 2031-03-01T00:00:00.500000000Z"), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("py-naive 2031-02-28T23:45:00.000000000Z"), String.join("\n", lines));
  }

  @Test
  void aTimeThePythonStoreCannotMeanIsRefusedWithTheColumnNamedAndNothingStored() throws Exception {
    OtherPrograms.Output output =
        OtherPrograms.run(List.of("python3", "-c", PYTHON_STORE, file.toString(), "save", "py-bad", "last tuesday"), "");
    assertEquals(1, output.exitCode(), output.out());
    assertTrue(output.err().contains("benchmark_runs.timestamp: not an ISO-8601 time"), output.err());
    assertEquals(List.of("0"), TableDump.column(file, "SELECT count(*) FROM benchmark_runs WHERE run_id = 'py-bad'"));
    assertEquals(
        List.of("0"), TableDump.column(file, "SELECT count(*) FROM performance_metrics WHERE run_id = 'py-bad'"));
  }
}

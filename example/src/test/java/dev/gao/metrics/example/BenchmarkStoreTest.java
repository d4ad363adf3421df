package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.BenchmarkRunDao;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.dao.SortOrder;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recording and reading complete GAO-Dev runs through the generated DAOs, on a real SQLite file and
 * on a real PostgreSQL database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class BenchmarkStoreTest {
  @Parameter Engine engine;
  @TempDir Path folder;
  private BenchmarkStore store;
  private DemoRuns demo;
  private String url;

  @BeforeEach
  void open() {
    if (engine == Engine.SQLITE) {
      store = BenchmarkStore.open(folder.resolve("metrics.db"));
    } else {
      url = PostgresServer.newDatabase("benchmark_store");
      store =
          new BenchmarkStore(
              MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").open());
    }
    demo = new DemoRuns(7, Instant.parse("2026-03-01T09:00:00Z"));
  }

  /** The first column of a query, read with plain JDBC. */
  private List<String> column(String sql) throws SQLException {
    if (engine == Engine.SQLITE) {
      return TableDump.column(folder.resolve("metrics.db"), sql);
    }
    List<String> values = new ArrayList<>();
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRecordedRunReadsBackWholeWithExactValues() {
    List<CompleteRun> written = demo.matrix(2);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    written.forEach(store::record);
    Instant after = Instant.now();

    for (CompleteRun expected : written) {
      CompleteRun actual = store.find(expected.runId()).orElseThrow();
      BenchmarkRun run = actual.run();
      assertEquals(expected.run().timestamp(), run.timestamp(), "timestamps survive exactly");
      assertEquals(expected.run().projectName(), run.projectName());
      assertEquals(expected.run().metadata(), run.metadata(), "unicode and quotes in JSON survive");
      assertNotNull(run.createdAt(), "created_at comes from the column default");
      assertTrue(!run.createdAt().isBefore(before) && !run.createdAt().isAfter(after), run.createdAt().toString());

      assertEquals(withId(expected.performance(), actual.performance().id()), actual.performance());
      assertEquals(withId(expected.autonomy(), actual.autonomy().id()), actual.autonomy());
      assertEquals(withId(expected.quality(), actual.quality().id()), actual.quality());
      assertEquals(withId(expected.workflow(), actual.workflow().id()), actual.workflow());
      assertEquals(expected.run().status(), run.status());
      assertEquals(expected.run().finishedAt(), run.finishedAt());
      assertEquals(expected.tokenUsage().size(), actual.tokenUsage().size());
      for (int i = 0; i < expected.tokenUsage().size(); i++) {
        TokenUsage e = expected.tokenUsage().get(i);
        TokenUsage a = actual.tokenUsage().get(i);
        assertEquals(new TokenUsage(a.id(), e.runId(), e.model(), e.tokenType(), e.tokens(), e.costUsd(),
            e.priceTableVersion()), a);
      }
      assertEquals(expected.performance().tokenUsageTotal(),
          actual.tokenUsage().stream().mapToLong(TokenUsage::tokens).sum(), "token usage sums to the total");
      Object tokens = actual.performance().tokenUsageByAgent().get("amelia");
      assertEquals(Long.class, tokens.getClass(), "Map<String, Long> reads back with Long values");
      Object lint = actual.quality().lintingErrorsBySeverity().get("warning");
      assertEquals(Integer.class, lint.getClass(), "Map<String, Integer> reads back with Integer values");
    }
    assertEquals(written.size(), store.runs().count());
  }

  @Test
  void aNullVersionTakesTheColumnDefault() {
    CompleteRun run = demo.next("todo-app", "greenfield-webapp", "ignored");
    BenchmarkRun r = run.run();
    store.record(
        new CompleteRun(
            new BenchmarkRun(r.runId(), r.timestamp(), r.projectName(), r.benchmarkName(), null, null, null, null, null),
            run.performance(),
            run.autonomy(),
            run.quality(),
            run.workflow(),
            run.tokenUsage()));
    BenchmarkRun stored = store.runs().findById(r.runId()).orElseThrow();
    assertEquals("1.0.0", stored.version());
    assertEquals(RunStatus.completed, stored.status(), "status takes its column default");
    assertEquals(Map.of(), stored.metadata(), "null metadata is GAO-Dev's default, empty, and stored as {}");
    assertEquals(null, stored.finishedAt());
  }

  @Test
  void nullAndEmptyBreakdownsAreStoredAsEmptyJsonAndReadBackEmpty() throws Exception {
    CompleteRun demoRun = demo.next("todo-app", "greenfield-webapp", "1.0.0");
    BenchmarkRun r = demoRun.run();
    PerformanceMetrics p = demoRun.performance();
    AutonomyMetrics a = demoRun.autonomy();
    QualityMetrics q = demoRun.quality();
    WorkflowMetrics w = demoRun.workflow();
    // null maps and lists for some, empty ones for the others: both are the same breakdown, none
    CompleteRun run =
        new CompleteRun(
            new BenchmarkRun(r.runId(), r.timestamp(), r.projectName(), r.benchmarkName(), r.version(), null, null,
                r.status(), r.finishedAt()),
            new PerformanceMetrics(0, p.runId(), p.totalTimeSeconds(), null, p.tokenUsageTotal(), Map.of(),
                p.apiCallsCount(), p.apiCallsCost()),
            new AutonomyMetrics(0, a.runId(), 3, null, a.promptsNeededInitial(), a.promptsNeededFollowup(),
                a.oneShotSuccessRate(), a.errorRecoveryRate(), a.agentHandoffsSuccessful(), a.agentHandoffsFailed()),
            new QualityMetrics(0, q.runId(), q.testsWritten(), q.testsPassing(), q.codeCoveragePercentage(), 5,
                Map.of(), q.typeErrorsCount(), 2, null, q.functionalCompletenessPercentage()),
            new WorkflowMetrics(0, w.runId(), w.storiesCreated(), w.storiesCompleted(), w.avgCycleTimeSeconds(), null,
                w.reworkCount()),
            List.of());
    store.record(run);

    String id = "'" + r.runId() + "'";
    assertEquals(List.of("{}"), column("SELECT CAST(metadata AS text) FROM benchmark_runs WHERE run_id = " + id));
    assertEquals(List.of("{}|{}"), column(
        "SELECT CAST(phase_times AS text) || '|' || CAST(token_usage_by_agent AS text) FROM performance_metrics"
            + " WHERE run_id = " + id));
    assertEquals(List.of("[]"), column(
        "SELECT CAST(manual_interventions_types AS text) FROM autonomy_metrics WHERE run_id = " + id));
    assertEquals(List.of("{}|{}"), column(
        "SELECT CAST(linting_errors_by_severity AS text) || '|' || CAST(security_vulnerabilities_by_severity AS text)"
            + " FROM quality_metrics WHERE run_id = " + id));
    assertEquals(List.of("{}"), column(
        "SELECT CAST(phase_distribution AS text) FROM workflow_metrics WHERE run_id = " + id));

    CompleteRun back = store.find(r.runId()).orElseThrow();
    assertEquals(Map.of(), back.run().metadata());
    assertEquals(Map.of(), back.performance().phaseTimes());
    assertEquals(Map.of(), back.performance().tokenUsageByAgent());
    assertEquals(List.of(), back.autonomy().manualInterventionsTypes());
    assertEquals(3, back.autonomy().manualInterventionsCount());
    assertEquals(Map.of(), back.quality().lintingErrorsBySeverity());
    assertEquals(5, back.quality().lintingErrorsCount());
    assertEquals(Map.of(), back.quality().securityVulnerabilitiesBySeverity());
    assertEquals(Map.of(), back.workflow().phaseDistribution());
    assertEquals(List.of(), back.tokenUsage());
    assertEquals(run.performance(), new PerformanceMetrics(0, back.performance().runId(),
        back.performance().totalTimeSeconds(), back.performance().phaseTimes(), back.performance().tokenUsageTotal(),
        back.performance().tokenUsageByAgent(), back.performance().apiCallsCount(), back.performance().apiCallsCost()));
    assertEquals(List.of(), RunDocumentValidator.validate(back).errors());
    assertEquals(List.of(), RunDocumentValidator.validate(back).warnings(),
        "counts without a breakdown are no warning: GAO-Dev's fixtures write them");
  }

  @Test
  void deletingARunCascadesToItsMetrics() {
    List<CompleteRun> runs = demo.matrix(1);
    runs.forEach(store::record);
    String victim = runs.get(3).runId();

    assertTrue(store.delete(victim));
    assertFalse(store.delete(victim));
    assertTrue(store.find(victim).isEmpty());
    assertTrue(store.performance().findByRunId(victim).isEmpty());
    assertTrue(store.autonomy().findByRunId(victim).isEmpty());
    assertTrue(store.quality().findByRunId(victim).isEmpty());
    assertTrue(store.workflow().findByRunId(victim).isEmpty());
    assertEquals(List.of(), store.tokenUsage().findByRunId(victim));
    assertEquals(runs.size() - 1, store.performance().count());
    assertEquals(runs.size() - 1, store.workflow().count());
    assertEquals((runs.size() - 1) * 8L, store.tokenUsage().count());
  }

  @Test
  void aMetricRowOfAnUnknownRunIsRefusedNamingTableColumnAndValue() {
    CompleteRun run = demo.next("todo-app", "bugfix-suite", "1.0.0");
    ForeignKeyViolationException error =
        assertThrows(ForeignKeyViolationException.class, () -> store.performance().insert(run.performance()));
    assertTrue(error.getMessage().contains("performance_metrics"), error.getMessage());
    assertTrue(error.getMessage().contains("run_id"), error.getMessage());
    assertTrue(error.getMessage().contains(run.runId()), error.getMessage());
    assertEquals(0, store.performance().count());
  }

  @Test
  void recordAllStoresEveryRowOfEveryRunInBatches() {
    List<CompleteRun> written = demo.matrix(3);
    assertEquals(written.size(), store.recordAll(written));
    long tokenRows = written.stream().mapToLong(r -> r.tokenUsage().size()).sum();
    assertEquals(written.size(), store.runs().count());
    assertEquals(written.size(), store.performance().count());
    assertEquals(written.size(), store.workflow().count());
    assertEquals(tokenRows, store.tokenUsage().count());
    for (CompleteRun expected : written) {
      CompleteRun actual = store.find(expected.runId()).orElseThrow();
      assertEquals(expected.run().timestamp(), actual.run().timestamp());
      assertEquals(withId(expected.performance(), actual.performance().id()), actual.performance());
      assertEquals(withId(expected.autonomy(), actual.autonomy().id()), actual.autonomy());
      assertEquals(withId(expected.quality(), actual.quality().id()), actual.quality());
      assertEquals(withId(expected.workflow(), actual.workflow().id()), actual.workflow());
      assertEquals(
          expected.tokenUsage().stream().map(TokenUsage::tokens).toList(),
          actual.tokenUsage().stream().map(TokenUsage::tokens).toList());
    }
    // the keys of batched rows are assigned in order, as single inserts would
    List<Long> ids = new ArrayList<>();
    for (CompleteRun run : written) {
      ids.add(store.find(run.runId()).orElseThrow().performance().id());
    }
    assertEquals(ids.stream().sorted().toList(), ids);
    assertEquals(written.size(), ids.get(ids.size() - 1) - ids.get(0) + 1);
  }

  @Test
  void recordAllWithOneBadRunStoresNothing() {
    List<CompleteRun> runs = new ArrayList<>(demo.matrix(2));
    CompleteRun run = runs.get(runs.size() / 2);
    WorkflowMetrics w = run.workflow();
    WorkflowMetrics broken =
        new WorkflowMetrics(0, w.runId(), w.storiesCreated(), w.storiesCompleted(), -1.0, w.phaseDistribution(),
            w.reworkCount());
    runs.set(runs.size() / 2,
        new CompleteRun(run.run(), run.performance(), run.autonomy(), run.quality(), broken, run.tokenUsage()));
    MetricsException error = assertThrows(MetricsException.class, () -> store.recordAll(runs));
    assertTrue(error.getMessage().contains("workflow_metrics"), error.getMessage());
    assertTrue(error.getMessage().contains("avg_cycle_time_seconds"), error.getMessage());
    assertTrue(error.getMessage().contains("-1.0"), error.getMessage());
    assertEquals(0, store.runs().count(), "the runs batch was rolled back with the rest");
    assertEquals(0, store.performance().count());
    assertEquals(0, store.tokenUsage().count());
  }

  @Test
  void aRunWithABadValueIsNotStoredAtAll() {
    CompleteRun run = demo.next("invoice-api", "bugfix-suite", "1.1.0");
    QualityMetrics q = run.quality();
    QualityMetrics broken =
        new QualityMetrics(0, q.runId(), q.testsWritten(), q.testsPassing(), Double.NaN, q.lintingErrorsCount(),
            q.lintingErrorsBySeverity(), q.typeErrorsCount(), q.securityVulnerabilitiesCount(),
            q.securityVulnerabilitiesBySeverity(), q.functionalCompletenessPercentage());
    CompleteRun bad =
        new CompleteRun(run.run(), run.performance(), run.autonomy(), broken, run.workflow(), run.tokenUsage());

    InvalidValueException error = assertThrows(InvalidValueException.class, () -> store.record(bad));
    assertTrue(error.getMessage().contains("quality_metrics"), error.getMessage());
    assertTrue(error.getMessage().contains("code_coverage_percentage"), error.getMessage());
    assertTrue(error.getMessage().contains("NaN"), error.getMessage());
    assertFalse(store.runs().exists(run.runId()), "the parent row was rolled back with the rest");
    assertEquals(0, store.performance().count());
    assertEquals(0, store.autonomy().count());
  }

  @Test
  void aValueOutsideItsDeclaredRangeIsRefusedNamingTableColumnAndValue() {
    CompleteRun run = demo.next("invoice-api", "bugfix-suite", "1.1.0");
    QualityMetrics q = run.quality();
    QualityMetrics outOfRange =
        new QualityMetrics(0, q.runId(), q.testsWritten(), q.testsPassing(), 101.5, q.lintingErrorsCount(),
            q.lintingErrorsBySeverity(), q.typeErrorsCount(), q.securityVulnerabilitiesCount(),
            q.securityVulnerabilitiesBySeverity(), q.functionalCompletenessPercentage());
    CompleteRun bad =
        new CompleteRun(run.run(), run.performance(), run.autonomy(), outOfRange, run.workflow(), run.tokenUsage());

    CheckViolationException error = assertThrows(CheckViolationException.class, () -> store.record(bad));
    assertEquals("quality_metrics", error.table());
    assertEquals("code_coverage_percentage", error.column());
    assertEquals(101.5, error.value());
    assertTrue(error.getMessage().contains("101.5"), error.getMessage());
    assertFalse(store.runs().exists(run.runId()), "nothing of the run was stored");
    assertEquals(
        new MetricInfo("%", Better.HIGHER, 0, 100),
        store.quality().table().column("code_coverage_percentage").metric());
  }

  @Test
  void timestampsSortChronologicallyInSqlIncludingSubSecondValues() {
    // the finest step each engine keeps: SQLite's text the nanosecond, PostgreSQL the microsecond
    String step = engine == Engine.SQLITE ? "000000001" : "000001";
    String last = engine == Engine.SQLITE ? "999999999" : "999999";
    List<Instant> instants =
        List.of(
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00.5Z"),
            Instant.parse("2026-01-01T00:00:00." + step + "Z"),
            Instant.parse("2025-12-31T23:59:59." + last + "Z"),
            Instant.parse("1969-07-20T20:17:40Z"),
            Instant.parse("2026-01-01T00:00:01Z"));
    List<String> ids = new ArrayList<>();
    for (Instant instant : instants) {
      CompleteRun run = demo.next("todo-app", "greenfield-webapp", "1.0.0");
      BenchmarkRun r = run.run();
      store.record(
          new CompleteRun(
              new BenchmarkRun(r.runId(), instant, r.projectName(), r.benchmarkName(), r.version(), r.metadata(), null,
                  r.status(), r.finishedAt()),
              run.performance(), run.autonomy(), run.quality(), run.workflow(), run.tokenUsage()));
      ids.add(r.runId());
    }
    List<Instant> sorted = new ArrayList<>(instants);
    sorted.sort(Comparator.naturalOrder());

    List<Instant> ascending =
        store.runs().list(BenchmarkRunDao.COL_TIMESTAMP, SortOrder.ASC, 100, 0).stream()
            .map(BenchmarkRun::timestamp)
            .toList();
    assertEquals(sorted, ascending);
    List<Instant> descending =
        store.runs().list(BenchmarkRunDao.COL_TIMESTAMP, SortOrder.DESC, 100, 0).stream()
            .map(BenchmarkRun::timestamp)
            .toList();
    List<Instant> reversed = new ArrayList<>(sorted);
    Collections.reverse(reversed);
    assertEquals(reversed, descending);
    assertEquals(instants.size(), ids.size());
  }

  private static PerformanceMetrics withId(PerformanceMetrics m, long id) {
    return new PerformanceMetrics(id, m.runId(), m.totalTimeSeconds(), m.phaseTimes(), m.tokenUsageTotal(),
        m.tokenUsageByAgent(), m.apiCallsCount(), m.apiCallsCost());
  }

  private static AutonomyMetrics withId(AutonomyMetrics m, long id) {
    return new AutonomyMetrics(id, m.runId(), m.manualInterventionsCount(), m.manualInterventionsTypes(),
        m.promptsNeededInitial(), m.promptsNeededFollowup(), m.oneShotSuccessRate(), m.errorRecoveryRate(),
        m.agentHandoffsSuccessful(), m.agentHandoffsFailed());
  }

  private static QualityMetrics withId(QualityMetrics m, long id) {
    return new QualityMetrics(id, m.runId(), m.testsWritten(), m.testsPassing(), m.codeCoveragePercentage(),
        m.lintingErrorsCount(), m.lintingErrorsBySeverity(), m.typeErrorsCount(), m.securityVulnerabilitiesCount(),
        m.securityVulnerabilitiesBySeverity(), m.functionalCompletenessPercentage());
  }

  private static WorkflowMetrics withId(WorkflowMetrics m, long id) {
    return new WorkflowMetrics(id, m.runId(), m.storiesCreated(), m.storiesCompleted(), m.avgCycleTimeSeconds(),
        m.phaseDistribution(), m.reworkCount());
  }

  @Test
  void metadataMapsKeepTheirShape() {
    CompleteRun run = demo.next("weather-dashboard", "greenfield-webapp", "1.1.0");
    store.record(run);
    Map<String, Object> metadata = store.find(run.runId()).orElseThrow().run().metadata();
    assertEquals("baseline \"v2\" — 'tuned'", metadata.get("prompt_set"));
    assertEquals("Zoë Ørsted", metadata.get("operator"));
  }

  @Test
  void findReadsARunInOneJoinPlusItsTokenRows() {
    CompleteRun written = demo.next("alpha", "todo-app", "1.0.0");
    store.record(written);
    List<String> statements = new ArrayList<>();
    store.database().transactions().statementListener((sql, nanos) -> statements.add(sql));
    try {
      CompleteRun read = store.find(written.runId()).orElseThrow();
      assertEquals(written.runId(), read.run().runId());
      assertEquals(written.quality().codeCoveragePercentage(), read.quality().codeCoveragePercentage());
      assertEquals(written.tokenUsage().size(), read.tokenUsage().size());
      assertEquals(2, statements.size(), statements.toString());
      assertTrue(statements.get(0).startsWith("SELECT r.*, p.*, a.*, q.*, w.* FROM benchmark_runs r"), statements.get(0));
      assertTrue(statements.get(1).contains("token_usage"), statements.get(1));
    } finally {
      store.database().transactions().statementListener(null);
    }
  }

  @Test
  void eachMetricRowReadsFromItsOwnTableInTheJoin() {
    List<CompleteRun> written = demo.matrix(1);
    written.forEach(store::record);
    for (CompleteRun expected : written) {
      CompleteRun read = store.find(expected.runId()).orElseThrow();
      // Every table has id and run_id; each row must get its own table's values.
      assertEquals(store.performance().findByRunId(expected.runId()).orElseThrow(), read.performance());
      assertEquals(store.autonomy().findByRunId(expected.runId()).orElseThrow(), read.autonomy());
      assertEquals(store.quality().findByRunId(expected.runId()).orElseThrow(), read.quality());
      assertEquals(store.workflow().findByRunId(expected.runId()).orElseThrow(), read.workflow());
      assertEquals(expected.runId(), read.workflow().runId());
    }
  }

  @Test
  void aRunWithoutAMetricRowNamesTheMissingTable() {
    CompleteRun written = demo.next("alpha", "todo-app", "1.0.0");
    store.record(written);
    long qualityId = store.quality().findByRunId(written.runId()).orElseThrow().id();
    assertTrue(store.quality().deleteById(qualityId));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.find(written.runId()));
    assertEquals("run '" + written.runId() + "' has no row in quality_metrics", e.getMessage());
    assertTrue(store.find("no-such-run").isEmpty());
  }
}

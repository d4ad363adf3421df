package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.cli.CliRun.Result;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.ChangePointOptions;
import dev.gao.metrics.runtime.analytics.MetricCheck;
import dev.gao.metrics.runtime.analytics.MetricDelta;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RegressionOptions;
import dev.gao.metrics.runtime.analytics.RegressionReport;
import dev.gao.metrics.runtime.analytics.RunComparison;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.Thresholds;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regressions}, {@code compare} and {@code changes} with {@code --format markdown}, {@code
 * junit} and {@code github}, run in-process on the demo's runs (its deliberate regression: the
 * newest run, weather-dashboard / bugfix-suite / 1.1.0; its sustained shift: todo-app /
 * bugfix-suite / 1.1.0), each output read back by a real parser and checked against what the
 * analytics return: the JUnit XML by Maven Surefire's own report reader ({@link
 * TestSuiteXmlParser}, the reader of {@code surefire-report-plugin}), the markdown by
 * commonmark-java with GitHub's tables extension and jsoup, the workflow commands by a pattern of
 * GitHub's documented syntax {@code ::command key=value,key=value::message}, unescaped as GitHub's
 * runner unescapes them.
 */
class CiFormatsTest {
  private static final Instant START = Instant.parse("2026-06-01T07:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FORMATS = List.of("table", "json", "markdown", "junit", "github");

  /** A workflow command as GitHub documents it: {@code ::name key=value,key=value::message}. */
  private static final Pattern WORKFLOW_COMMAND = Pattern.compile("^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$");

  @TempDir Path folder;
  private Path db;
  private List<CompleteRun> runs;
  private String newest;

  @BeforeEach
  void recordDemo() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(42, START).matrix(6);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
    CompleteRun last = runs.stream().max(Comparator.comparing((CompleteRun r) -> r.run().timestamp())).orElseThrow();
    assertEquals(List.of("weather-dashboard", "bugfix-suite", "1.1.0"),
        List.of(last.run().projectName(), last.run().benchmarkName(), last.run().version()));
    newest = last.runId();
  }

  private Result cli(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--db", db.toString()));
    return run(full.toArray(String[]::new));
  }

  private RegressionReport regressions(String runId, RegressionOptions options) {
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      return GaoRunModel.analytics(store).regressions(runId, options);
    }
  }

  private RunComparison comparison(String baseline, String candidate) {
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      return GaoRunModel.analytics(store).compare(baseline, candidate, Thresholds.relative(0.05));
    }
  }

  private static List<String> numberMetrics() {
    return GaoRunModel.MODEL.metrics().values().stream()
        .filter(m -> !m.isMap() && m.key() == null)
        .map(MetricRef::name)
        .toList();
  }

  private List<ChangePoint> changePoints() {
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      Analytics analytics = GaoRunModel.analytics(store);
      return analytics.changePoints(numberMetrics(), RunFilter.ALL, ChangePointOptions.DEFAULT);
    }
  }

  /** The run before the newest one of the regressed series. */
  private String previous() {
    return runs.stream()
        .filter(r -> !r.runId().equals(newest) && r.run().projectName().equals("weather-dashboard")
            && r.run().benchmarkName().equals("bugfix-suite") && r.run().version().equals("1.1.0"))
        .max(Comparator.comparing((CompleteRun r) -> r.run().timestamp()))
        .orElseThrow()
        .runId();
  }

  private static List<String> names(List<MetricCheck> checks) {
    return checks.stream().map(c -> c.metric().name()).toList();
  }

  private static long count(RegressionReport report, Change... changes) {
    return report.checks().stream().filter(c -> List.of(changes).contains(c.change())).count();
  }

  // ---- JUnit XML ----

  private static List<ReportTestSuite> surefire(String xml) throws Exception {
    TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
    List<ReportTestSuite> suites = parser.parse(
        new InputStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    assertTrue(parser.isValid());
    return suites;
  }

  /** The totals on {@code <testsuites>}: tests, failures, errors, skipped. */
  private static int[] totals(String xml) throws Exception {
    org.w3c.dom.Element root = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("0", root.getAttribute("time"));
    return new int[] {
      Integer.parseInt(root.getAttribute("tests")),
      Integer.parseInt(root.getAttribute("failures")),
      Integer.parseInt(root.getAttribute("errors")),
      Integer.parseInt(root.getAttribute("skipped"))
    };
  }

  private static List<String> failing(ReportTestSuite suite) {
    return suite.getTestCases().stream().filter(ReportTestCase::hasFailure).map(ReportTestCase::getName).toList();
  }

  @Test
  void regressionsJunitIsOneSuiteWithATestCasePerMetricAndTheRunsStatus() throws Exception {
    RegressionReport report = regressions(newest, RegressionOptions.againstLatest(10));
    assertTrue(report.hasRegressions());
    Result result = cli("regressions", "--format", "junit");
    assertEquals(1, result.exitCode(), result.all());
    assertEquals("", result.err());
    assertTrue(result.out().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "), result.out());

    List<ReportTestSuite> suites = surefire(result.out());
    assertEquals(1, suites.size());
    ReportTestSuite suite = suites.get(0);
    assertEquals("gao-metrics.regressions.weather-dashboard.bugfix-suite.1.1.0", suite.getFullClassName());
    assertEquals(report.checks().size() + 1, suite.getNumberOfTests(), "a test case per metric and one for the status");
    assertEquals(report.regressions().size(), suite.getNumberOfFailures());
    assertEquals(0, suite.getNumberOfErrors());
    assertEquals(count(report, Change.INSUFFICIENT_DATA, Change.MISSING), suite.getNumberOfSkipped());
    assertEquals(names(report.regressions()), failing(suite));
    List<String> all = new ArrayList<>(names(report.checks()));
    all.add("status");
    assertEquals(all, suite.getTestCases().stream().map(ReportTestCase::getName).toList());
    Map<String, MetricCheck> byName = new HashMap<>();
    report.checks().forEach(c -> byName.put(c.metric().name(), c));
    for (ReportTestCase test : suite.getTestCases()) {
      assertEquals(suite.getFullClassName(), test.getFullClassName());
      if (test.hasFailure()) {
        MetricCheck check = byName.get(test.getName());
        assertEquals("regressed", test.getFailureType());
        assertTrue(test.getFailureMessage().contains("against a baseline mean of " + Values.rounded(check.mean())),
            test.getFailureMessage());
        assertTrue(test.getFailureMessage().contains(Values.percent(check.relativeDelta())), test.getFailureMessage());
        assertEquals(test.getFailureMessage(), test.getFailureDetail());
      }
    }
    assertArrayEquals(new int[] {report.checks().size() + 1, report.regressions().size(), 0, 0}, totals(result.out()));
    assertEquals(result.out(), cli("regressions", "--format", "junit").out(), "the same data gives the same bytes");
  }

  @Test
  void regressionsJunitSkipsWhatCouldNotBeTestedAndFailsAFailedRun() throws Exception {
    // 5 earlier runs and --min-samples 6: nothing is tested, and nothing fails
    Result untested = cli("regressions", "--min-samples", "6", "--format", "junit");
    assertEquals(0, untested.exitCode(), untested.all());
    RegressionReport report = regressions(newest, RegressionOptions.againstLatest(10).minSamples(6));
    ReportTestSuite suite = surefire(untested.out()).get(0);
    assertEquals(report.checks().size(), suite.getNumberOfSkipped());
    assertEquals(0, suite.getNumberOfFailures());
    for (ReportTestCase test : suite.getTestCases()) {
      if (!test.getName().equals("status")) {
        assertTrue(test.hasSkipped(), test.getName());
        assertEquals("5 baseline values, fewer than the 6 needed; not tested", test.getFailureMessage());
      }
    }

    CompleteRun failed = runs.stream().filter(r -> r.run().status() == RunStatus.failed).findFirst().orElseThrow();
    Result failedRun = cli("regressions", failed.runId(), "--format", "junit");
    assertEquals(1, failedRun.exitCode(), failedRun.all());
    assertTrue(failedRun.err().contains("itself did not succeed (status failed)"), failedRun.err());
    ReportTestSuite failedSuite = surefire(failedRun.out()).get(0);
    List<String> expected = new ArrayList<>(names(regressions(failed.runId(), RegressionOptions.againstLatest(10)).regressions()));
    expected.add("status");
    assertEquals(expected, failing(failedSuite));
    ReportTestCase status = failedSuite.getTestCases().get(failedSuite.getTestCases().size() - 1);
    assertEquals("failed run", status.getFailureType());
    assertTrue(status.getFailureMessage().contains("run " + failed.runId() + " ("), status.getFailureMessage());
  }

  @Test
  void compareJunitFailsTheRegressedMetricsButExitsZero() throws Exception {
    String previous = previous();
    RunComparison comparison = comparison(previous, newest);
    Result result = cli("compare", previous, newest, "--format", "junit", "--changed-only");
    assertEquals(0, result.exitCode(), result.all());
    ReportTestSuite suite = surefire(result.out()).get(0);
    assertEquals("gao-metrics.compare.weather-dashboard.bugfix-suite.1.1.0", suite.getFullClassName());
    assertEquals(comparison.deltas().size(), suite.getNumberOfTests(), "every metric, --changed-only or not");
    assertEquals(comparison.only(Change.REGRESSED).size(), suite.getNumberOfFailures());
    assertEquals(comparison.only(Change.MISSING).size(), suite.getNumberOfSkipped());
    assertEquals(comparison.only(Change.REGRESSED).stream().map(d -> d.metric().name()).toList(), failing(suite));
    assertArrayEquals(
        new int[] {comparison.deltas().size(), comparison.only(Change.REGRESSED).size(), 0,
            comparison.only(Change.MISSING).size()},
        totals(result.out()));
  }

  @Test
  void changesJunitHasASuitePerHistoryFailingWhileARegressionIsOpen() throws Exception {
    List<ChangePoint> found = changePoints();
    Set<String> open = new TreeSet<>();
    found.stream().filter(ChangePoint::openRegression).forEach(c -> open.add(c.metric().name()));
    assertFalse(open.isEmpty());
    assertTrue(found.stream().filter(ChangePoint::openRegression).allMatch(c ->
        List.of(c.group().get("project_name"), c.group().get("benchmark_name"), c.group().get("version"))
            .equals(DemoRuns.SHIFTED_SERIES)));
    Result result = cli("changes", "--format", "junit");
    assertEquals(1, result.exitCode(), result.all());
    List<ReportTestSuite> suites = surefire(result.out());

    // the histories and their runs that count (failed and timed-out runs are left out), from the demo's runs
    Map<String, Integer> histories = new LinkedHashMap<>();
    runs.stream()
        .sorted(Comparator.comparing((CompleteRun r) -> r.run().projectName())
            .thenComparing(r -> r.run().benchmarkName()).thenComparing(r -> r.run().version()))
        .forEach(r -> histories.merge(
            "gao-metrics.changes." + r.run().projectName() + "." + r.run().benchmarkName() + "." + r.run().version(),
            r.run().status() == RunStatus.failed || r.run().status() == RunStatus.timeout ? 0 : 1,
            Integer::sum));
    assertEquals(List.copyOf(histories.keySet()), suites.stream().map(ReportTestSuite::getFullClassName).toList());
    int metrics = numberMetrics().size();
    int skipped = 0;
    for (ReportTestSuite suite : suites) {
      assertEquals(metrics, suite.getNumberOfTests(), suite.getFullClassName());
      assertEquals(numberMetrics(), suite.getTestCases().stream().map(ReportTestCase::getName).toList());
      int counted = histories.get(suite.getFullClassName());
      assertEquals(counted < 8 ? metrics : 0, suite.getNumberOfSkipped(), suite.getFullClassName() + ": " + counted + " runs");
      skipped += suite.getNumberOfSkipped();
      if (suite.getFullClassName().equals("gao-metrics.changes.todo-app.bugfix-suite.1.1.0")) {
        assertEquals(List.copyOf(open), failing(suite).stream().sorted().toList());
        for (ReportTestCase test : suite.getTestCases()) {
          if (test.hasFailure()) {
            assertEquals("regressed", test.getFailureType());
            assertTrue(test.getFailureMessage().endsWith("; open: the newest run is at the new level"),
                test.getFailureMessage());
          }
        }
      } else {
        assertEquals(0, suite.getNumberOfFailures(), suite.getFullClassName());
      }
    }
    assertArrayEquals(new int[] {metrics * suites.size(), open.size(), 0, skipped}, totals(result.out()));

    Result stable = cli("changes", "--project", "invoice-api", "--format", "junit");
    assertEquals(0, stable.exitCode(), stable.all());
    assertEquals(0, totals(stable.out())[1]);
  }

  // ---- markdown ----

  private static Document markdown(String text) {
    List<Extension> extensions = List.of(TablesExtension.create());
    Parser parser = Parser.builder().extensions(extensions).build();
    HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions).build();
    return Jsoup.parse(renderer.render(parser.parse(text)));
  }

  /** The rows of the one table: header cell to cell text. */
  private static List<Map<String, String>> rows(Document html) {
    assertEquals(1, html.select("table").size(), html.html());
    List<String> header = html.select("table thead th").eachText();
    List<Map<String, String>> rows = new ArrayList<>();
    for (Element tr : html.select("table tbody tr")) {
      List<String> cells = tr.select("td").eachText();
      assertEquals(header.size(), cells.size(), tr.outerHtml());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void regressionsMarkdownListsTheRegressedMetricsOrEveryOneWithAll() {
    RegressionReport report = regressions(newest, RegressionOptions.againstLatest(10));
    Result result = cli("regressions", "--format", "markdown");
    assertEquals(1, result.exitCode(), result.all());
    Document html = markdown(result.out());
    assertEquals("gao-metrics regressions: run " + newest + " (weather-dashboard, bugfix-suite 1.1.0) against the"
        + " latest 10 comparable runs (found 5)", html.select("h3").text());
    Element summary = html.select("p").first();
    assertNotNull(summary);
    assertEquals(report.regressions().size() + " regressed", summary.select("strong").text());
    assertEquals(report.regressions().size() + " regressed, " + count(report, Change.IMPROVED) + " improved, "
        + count(report, Change.UNCHANGED) + " unchanged", summary.text());
    List<Map<String, String>> rows = rows(html);
    assertEquals(List.of("metric", "unit", "better", "baseline mean", "candidate", "delta %", "p", "verdict"),
        List.copyOf(rows.get(0).keySet()));
    assertEquals(names(report.regressions()), rows.stream().map(r -> r.get("metric")).toList());
    for (int i = 0; i < rows.size(); i++) {
      MetricCheck check = report.regressions().get(i);
      Map<String, String> row = rows.get(i);
      assertEquals("regressed", row.get("verdict"));
      assertEquals(check.metric().info().unit(), row.get("unit"));
      assertEquals(check.metric().info().better().name().toLowerCase(java.util.Locale.ROOT), row.get("better"));
      assertEquals(Values.rounded(check.candidate()), row.get("candidate"));
      assertEquals(Values.rounded(check.mean()), row.get("baseline mean"));
      assertEquals(Values.percent(check.relativeDelta()), row.get("delta %"));
      assertTrue(row.get("p").matches("<0\\.0001|0\\.\\d{4}"), row.get("p"));
      assertTrue(check.pValue() < 0.05);
    }
    assertTrue(html.select("table tbody tr td:eq(0)").stream().anyMatch(td -> td.text().contains("[amelia]")),
        "a map key's brackets show as they are");

    List<Map<String, String>> every = rows(markdown(cli("regressions", "--all", "--format", "markdown").out()));
    assertEquals(names(report.checks()), every.stream().map(r -> r.get("metric")).toList());
    for (int i = 0; i < every.size(); i++) {
      assertEquals(CompareCommand.change(report.checks().get(i).change()), every.get(i).get("verdict"));
    }

    Result nothing = cli("regressions", "--min-samples", "6", "--format", "markdown");
    assertEquals(0, nothing.exitCode(), nothing.all());
    Document none = markdown(nothing.out());
    assertEquals(0, none.select("table").size());
    assertTrue(none.select("p").eachText().contains("No metric regressed."), nothing.out());
    assertTrue(none.select("p").first().text().endsWith(report.checks().size() + " not tested"), nothing.out());
    assertTrue(none.select("p").eachText().contains(report.checks().size()
        + " metrics had fewer than 6 baseline values and were not tested."), nothing.out());
  }

  @Test
  void regressionsMarkdownSaysWhenThereIsNoBaseline() {
    CompleteRun oldest = runs.stream().min(Comparator.comparing((CompleteRun r) -> r.run().timestamp())).orElseThrow();
    Result result = cli("regressions", oldest.runId(), "--format", "markdown");
    Document html = markdown(result.out());
    assertTrue(html.select("p").eachText().contains("No comparable earlier run, so nothing was tested."), result.out());
    assertTrue(html.select("p").eachText().contains("No metric regressed."), result.out());
  }

  @Test
  void compareMarkdownFollowsChangedOnly() {
    String previous = previous();
    RunComparison comparison = comparison(previous, newest);
    Document all = markdown(cli("compare", previous, newest, "--format", "markdown").out());
    assertEquals("gao-metrics compare: run " + newest + " (weather-dashboard, bugfix-suite 1.1.0) against run "
        + previous + " (weather-dashboard, bugfix-suite 1.1.0)", all.select("h3").text());
    List<Map<String, String>> rows = rows(all);
    assertEquals(comparison.deltas().size(), rows.size());
    assertEquals(List.of("metric", "unit", "better", "baseline", "candidate", "delta", "delta %", "verdict"),
        List.copyOf(rows.get(0).keySet()));
    for (int i = 0; i < rows.size(); i++) {
      MetricDelta delta = comparison.deltas().get(i);
      assertEquals(delta.metric().name(), rows.get(i).get("metric"));
      assertEquals(CompareCommand.change(delta.change()), rows.get(i).get("verdict"));
      assertEquals(Values.rounded(delta.baseline()), rows.get(i).get("baseline"));
      assertEquals(Values.rounded(delta.candidate()), rows.get(i).get("candidate"));
    }
    assertEquals(comparison.only(Change.REGRESSED).size() + " regressed", all.select("p strong").text());

    List<Map<String, String>> changed = rows(markdown(cli("compare", previous, newest, "--format", "markdown",
        "--changed-only").out()));
    assertEquals(comparison.deltas().stream().filter(d -> d.change() != Change.UNCHANGED).map(d -> d.metric().name())
        .toList(), changed.stream().map(r -> r.get("metric")).toList());

    Document same = markdown(cli("compare", newest, newest, "--format", "markdown", "--changed-only").out());
    assertEquals(0, same.select("table").size());
    assertTrue(same.select("p").eachText().contains("No metric changed beyond its threshold."));
    assertEquals(0, same.select("strong").size(), "0 regressed is not bold");
  }

  @Test
  void changesMarkdownListsEveryChangePoint() {
    List<ChangePoint> found = changePoints();
    Result result = cli("changes", "--format", "markdown");
    assertEquals(1, result.exitCode(), result.all());
    Document html = markdown(result.out());
    assertEquals("gao-metrics changes: " + numberMetrics().size() + " metrics in 12 histories", html.select("h3").text());
    long open = found.stream().filter(ChangePoint::openRegression).count();
    assertEquals(open + " open regressions", html.select("p strong").text());
    assertTrue(html.select("p").first().text().startsWith(open + " open regressions, " + found.size() + " change points"),
        result.out());
    List<Map<String, String>> rows = rows(html);
    assertEquals(found.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ChangePoint c = found.get(i);
      Map<String, String> row = rows.get(i);
      assertEquals(String.join(" / ", DemoRuns.SHIFTED_SERIES), row.get("history"));
      assertEquals(c.metric().name(), row.get("metric"));
      assertEquals(String.valueOf(c.runId()), row.get("run"));
      assertEquals(Values.rounded(c.meanBefore()), row.get("mean before"));
      assertEquals(Values.rounded(c.meanAfter()), row.get("mean after"));
      assertEquals(Values.percent(c.relativeChange()), row.get("change"));
      assertEquals(c.change().name().toLowerCase(java.util.Locale.ROOT) + (c.open() ? " (open)" : ""), row.get("verdict"));
    }
    assertTrue(rows.stream().anyMatch(r -> r.get("verdict").equals("regressed (open)")));

    Document none = markdown(cli("changes", "--project", "invoice-api", "--format", "markdown").out());
    assertEquals(0, none.select("table").size());
    assertTrue(none.select("p").eachText().contains("No change points in " + numberMetrics().size()
        + " metrics in 4 histories."), none.html());
  }

  // ---- GitHub workflow commands ----

  /** A workflow command read back: its name, its properties and message unescaped. */
  record WorkflowCommand(String name, Map<String, String> properties, String message) {}

  /** Unescapes a message as GitHub's runner does: {@code %0D}, {@code %0A}, then {@code %25}. */
  static String unescapeData(String text) {
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
  }

  /** Unescapes a property value as GitHub's runner does: also {@code %3A} and {@code %2C}, {@code %25} last. */
  static String unescapeProperty(String text) {
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
  }

  static WorkflowCommand parseCommand(String line) {
    Matcher m = WORKFLOW_COMMAND.matcher(line);
    assertTrue(m.matches(), "not a workflow command: " + line);
    Map<String, String> properties = new LinkedHashMap<>();
    if (m.group(2) != null) {
      for (String pair : m.group(2).split(",")) {
        int equals = pair.indexOf('=');
        assertTrue(equals > 0, line);
        properties.put(pair.substring(0, equals), unescapeProperty(pair.substring(equals + 1)));
      }
    }
    return new WorkflowCommand(m.group(1), properties, unescapeData(m.group(3)));
  }

  /** Every line but the last is a workflow command; the last is a plain summary. */
  private static List<WorkflowCommand> github(String out, String command) {
    List<String> lines = out.lines().toList();
    assertFalse(lines.isEmpty());
    String summary = lines.get(lines.size() - 1);
    assertTrue(summary.startsWith("gao-metrics " + command + ": "), summary);
    assertFalse(WORKFLOW_COMMAND.matcher(summary).matches());
    return lines.subList(0, lines.size() - 1).stream().map(CiFormatsTest::parseCommand).toList();
  }

  private static List<String> titles(List<WorkflowCommand> commands, String name) {
    return commands.stream().filter(c -> c.name().equals(name)).map(c -> c.properties().get("title")).toList();
  }

  @Test
  void regressionsGithubHasAnErrorPerRegressionAndAWarningPerUntestedMetric() {
    RegressionReport report = regressions(newest, RegressionOptions.againstLatest(10));
    Result result = cli("regressions", "--format", "github");
    assertEquals(1, result.exitCode(), result.all());
    List<WorkflowCommand> commands = github(result.out(), "regressions");
    assertEquals(report.regressions().stream().map(c -> c.metric().name() + " regressed").toList(),
        titles(commands, "error"));
    assertEquals(report.checks().stream().filter(c -> c.change() == Change.IMPROVED)
        .map(c -> c.metric().name() + " improved").toList(), titles(commands, "notice"));
    for (WorkflowCommand command : commands) {
      assertEquals(Set.of("title"), command.properties().keySet());
      assertTrue(command.message().contains(", threshold 5%, "), command.message());
    }
    WorkflowCommand first = commands.get(0);
    MetricCheck check = report.regressions().get(0);
    assertEquals(Values.rounded(check.candidate()) + " " + check.metric().info().unit() + " against a baseline mean of "
        + Values.rounded(check.mean()) + " " + check.metric().info().unit(), first.message().substring(0,
        first.message().indexOf(" (sd ")));
    String summary = result.out().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(summary.startsWith("gao-metrics regressions: " + report.regressions().size() + " regressed, "), summary);

    Result untested = cli("regressions", "--min-samples", "6", "--format", "github");
    assertEquals(0, untested.exitCode());
    List<WorkflowCommand> warnings = github(untested.out(), "regressions");
    assertEquals(report.checks().stream().map(c -> c.metric().name() + " not tested").toList(), titles(warnings, "warning"));
    assertEquals(warnings.size(), titles(warnings, "warning").size(), "warnings only");
  }

  @Test
  void changesGithubHasAnErrorPerOpenRegressionAndANoticePerImprovement() {
    List<ChangePoint> found = changePoints();
    Result result = cli("changes", "--format", "github");
    assertEquals(1, result.exitCode(), result.all());
    List<WorkflowCommand> commands = github(result.out(), "changes");
    String history = " in " + String.join(" / ", DemoRuns.SHIFTED_SERIES);
    assertEquals(found.stream().filter(ChangePoint::openRegression).map(c -> c.metric().name() + " regressed" + history)
        .toList(), titles(commands, "error"));
    assertEquals(found.stream().filter(c -> c.change() == Change.REGRESSED && !c.open())
        .map(c -> c.metric().name() + " regressed (closed)" + history).toList(), titles(commands, "warning"));
    assertEquals(found.stream().filter(c -> c.change() == Change.IMPROVED).map(c -> c.metric().name() + " improved" + history)
        .toList(), titles(commands, "notice"));
    for (WorkflowCommand command : commands) {
      assertTrue(command.message().startsWith("from run "), command.message());
      assertTrue(command.message().matches(".*: [+-]\\d+\\.\\d%, p .*"), command.message());
    }
    Result stable = cli("changes", "--project", "invoice-api", "--format", "github");
    assertEquals(0, stable.exitCode());
    assertEquals(List.of(), github(stable.out(), "changes"));
  }

  @Test
  void compareGithubAnnotatesRegressionsAndImprovements() {
    String previous = previous();
    RunComparison comparison = comparison(previous, newest);
    Result result = cli("compare", previous, newest, "--format", "github");
    assertEquals(0, result.exitCode(), result.all());
    List<WorkflowCommand> commands = github(result.out(), "compare");
    assertEquals(comparison.only(Change.REGRESSED).stream().map(d -> d.metric().name() + " regressed").toList(),
        titles(commands, "error"));
    assertEquals(comparison.only(Change.IMPROVED).stream().map(d -> d.metric().name() + " improved").toList(),
        titles(commands, "notice"));
  }

  // ---- runs without some values: missing metrics are skipped and warned about ----

  @Test
  void metricsOnlyOneRunHasAreSkippedAndWarnedAbout() throws Exception {
    db = folder.resolve("crafted.db");
    ObjectNode base = (ObjectNode) JSON.readTree(Files.readString(Path.of("run-document.json")));
    base.put("run_id", "base");
    ObjectNode candidate = base.deepCopy();
    candidate.put("run_id", "cand");
    candidate.put("timestamp", "2026-11-21T10:14:03.512+01:00");
    candidate.put("finished_at", "2026-11-21T10:12:40.762Z");
    ((ObjectNode) candidate.get("performance").get("phase_times")).remove("planning");
    ((ObjectNode) candidate.get("performance").get("token_usage_by_agent")).put("zed", 100);
    ((ObjectNode) candidate.get("workflow").get("phase_distribution")).put("analysis", 20);
    Result recorded = run(base + "\n" + candidate + "\n", false, "record", "--db", db.toString());
    assertEquals(0, recorded.exitCode(), recorded.all());

    Result compared = cli("compare", "base", "cand", "--format", "junit");
    assertEquals(0, compared.exitCode(), compared.all());
    ReportTestSuite suite = surefire(compared.out()).get(0);
    assertEquals(2, suite.getNumberOfSkipped());
    Map<String, String> skipped = new TreeMap<>();
    suite.getTestCases().stream().filter(ReportTestCase::hasSkipped)
        .forEach(t -> skipped.put(t.getName(), t.getFailureMessage()));
    assertEquals(Map.of(
        "performance_metrics.phase_times[planning]", "only the baseline run has a value, 422.07 s; not compared",
        "performance_metrics.token_usage_by_agent[zed]", "only the candidate run has a value, 100 tokens; not compared"),
        skipped);
    assertEquals(List.of("performance_metrics.phase_times[planning] missing",
        "performance_metrics.token_usage_by_agent[zed] missing"),
        titles(github(cli("compare", "base", "cand", "--format", "github").out(), "compare"), "warning"));

    Result named = cli("regressions", "cand", "--baseline", "base", "--format", "markdown", "--all");
    assertEquals(0, named.exitCode(), named.all());
    Document html = markdown(named.out());
    assertTrue(html.select("p").eachText().contains("2 metrics had no value in one of the two runs and were not tested:"
        + " performance_metrics.phase_times[planning], performance_metrics.token_usage_by_agent[zed]."), named.out());
    Map<String, String> verdicts = new TreeMap<>();
    rows(html).forEach(r -> verdicts.put(r.get("metric"), r.get("verdict")));
    assertEquals("not tested (missing)", verdicts.get("performance_metrics.phase_times[planning]"));
    assertEquals("unchanged", verdicts.get("performance_metrics.total_time_seconds"));
    assertEquals("changed", verdicts.get("workflow_metrics.phase_distribution[analysis]"), "no better direction");
    assertTrue(html.select("p").first().text().endsWith(", 1 changed, 2 not tested"), html.html());
    assertEquals("baseline", rows(html).get(0).keySet().toArray()[3]);
    ReportTestSuite namedSuite = surefire(cli("regressions", "cand", "--baseline", "base", "--format", "junit").out()).get(0);
    assertEquals(2, namedSuite.getNumberOfSkipped());
    assertTrue(namedSuite.getTestCases().stream().filter(ReportTestCase::hasSkipped)
        .anyMatch(t -> t.getFailureMessage().equals("run base has no value; not tested")));

    Result latest = cli("regressions", "cand", "--last", "2", "--min-samples", "2", "--format", "markdown");
    assertEquals(0, latest.exitCode(), latest.all());
    List<String> paragraphs = markdown(latest.out()).select("p").eachText();
    assertTrue(paragraphs.contains("1 metric had no value in the run and was not tested:"
        + " performance_metrics.phase_times[planning]."), latest.out());
    assertTrue(paragraphs.stream().anyMatch(p -> p.matches("\\d+ metrics had fewer than 2 baseline values and were not"
        + " tested\\.")), latest.out());
  }

  // ---- a history that regressed and recovered: a closed regression and an open improvement ----

  @Test
  void aClosedRegressionIsAWarningAndAnOpenImprovementANotice() throws Exception {
    db = folder.resolve("history.db");
    ObjectNode template = (ObjectNode) JSON.readTree(Files.readString(Path.of("run-document.json")));
    template.remove("finished_at");
    int[] noise = {0, 3, -2, 1, -3, 2, -1, 0};
    StringBuilder documents = new StringBuilder();
    Instant time = Instant.parse("2026-03-01T00:00:00Z");
    for (int i = 0; i < 24; i++) {
      ObjectNode run = template.deepCopy();
      run.put("run_id", "h-" + i);
      run.put("project_name", "lab");
      run.put("timestamp", time.plusSeconds(3600L * i).toString());
      ((ObjectNode) run.get("performance")).put("total_time_seconds", new int[] {100, 200, 120}[i / 8] + noise[i % 8]);
      ((ObjectNode) run.get("performance").get("phase_times")).put("planning", 400 + noise[(i + 3) % 8]);
      documents.append(run).append('\n');
    }
    ObjectNode solo = template.deepCopy();
    solo.put("run_id", "solo");
    solo.put("project_name", "solo");
    solo.put("timestamp", time.plusSeconds(3600L * 20 + 60).toString());
    ((ObjectNode) solo.get("performance")).put("total_time_seconds", 121);
    ((ObjectNode) solo.get("performance").get("phase_times")).put("planning", 401);
    documents.append(solo).append('\n');
    Result recorded = run(documents.toString(), false, "record", "--db", db.toString());
    assertEquals(0, recorded.exitCode(), recorded.all());

    String[] metrics = {"--metric", "total_time_seconds", "--metric", "performance_metrics.phase_times[planning]"};
    List<ChangePoint> found;
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      found = GaoRunModel.analytics(store).changePoints(
          List.of("performance_metrics.total_time_seconds", "performance_metrics.phase_times[planning]"), RunFilter.ALL,
          ChangePointOptions.DEFAULT);
    }
    assertEquals(List.of(Change.REGRESSED, Change.IMPROVED), found.stream().map(ChangePoint::change).toList());
    assertEquals(List.of(false, true), found.stream().map(ChangePoint::open).toList());

    List<String> args = new ArrayList<>(List.of("changes", "--format", "github"));
    args.addAll(List.of(metrics));
    Result github = cli(args.toArray(String[]::new));
    assertEquals(0, github.exitCode(), github.all());
    List<WorkflowCommand> commands = github(github.out(), "changes");
    assertEquals(List.of("performance_metrics.total_time_seconds regressed (closed) in lab / greenfield-webapp / 1.1.0"),
        titles(commands, "warning"));
    assertTrue(commands.get(0).message().endsWith("; a later change followed"), commands.get(0).message());
    assertEquals(List.of("performance_metrics.total_time_seconds improved in lab / greenfield-webapp / 1.1.0"),
        titles(commands, "notice"));
    assertEquals(List.of(), titles(commands, "error"));
    String summary = github.out().lines().reduce((a, b) -> b).orElseThrow();
    assertEquals("gao-metrics changes: 0 open regressions, 2 change points, 2 metric histories too short to test;"
        + " 2 metrics in 2 histories", summary);

    args.set(2, "junit");
    Result junit = cli(args.toArray(String[]::new));
    List<ReportTestSuite> suites = surefire(junit.out());
    assertEquals(List.of("gao-metrics.changes.lab.greenfield-webapp.1.1.0", "gao-metrics.changes.solo.greenfield-webapp.1.1.0"),
        suites.stream().map(ReportTestSuite::getFullClassName).toList());
    assertEquals(List.of(0, 0), suites.stream().map(ReportTestSuite::getNumberOfFailures).toList(),
        "a closed regression fails no test");
    assertEquals(List.of(0, 2), suites.stream().map(ReportTestSuite::getNumberOfSkipped).toList());
    assertEquals("1 run has a value; a change needs at least 8 (4 on each side); not tested",
        suites.get(1).getTestCases().get(1).getFailureMessage());

    Document one = markdown(cli("changes", "--format", "markdown", "--project", "solo", metrics[0], metrics[1], metrics[2],
        metrics[3]).out());
    assertEquals("gao-metrics changes: 2 metrics in 1 history", one.select("h3").text());
    assertTrue(one.select("p").first().text().endsWith("2 metric histories too short to test"), one.html());
    assertTrue(one.select("p").eachText().contains("No change points in 2 metrics in 1 history."), one.html());
    Document all = markdown(cli("changes", "--format", "markdown", "--metric", "total_time_seconds", "--comparable-by", "")
        .out());
    assertEquals("gao-metrics changes: 1 metric in 1 history", all.select("h3").text());
    assertEquals(List.of("all runs", "all runs"), rows(all).stream().map(r -> r.get("history")).toList());
    assertEquals("regressed", rows(all).get(0).get("verdict"));
    assertEquals("improved (open)", rows(all).get(1).get("verdict"));
    assertEquals("0 open regressions, 2 change points", all.select("p").first().text());
  }

  /** The properties of the first suite, name to value. */
  private static Map<String, String> properties(String xml) throws Exception {
    org.w3c.dom.NodeList nodes = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getElementsByTagName("property");
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      org.w3c.dom.Element property = (org.w3c.dom.Element) nodes.item(i);
      properties.put(property.getAttribute("name"), property.getAttribute("value"));
    }
    return properties;
  }

  @Test
  void theJunitPropertiesNameTheRunsAndTheOptions() throws Exception {
    String previous = previous();
    assertEquals(Map.of("candidate", newest, "baseline", "run " + previous, "threshold", "0%",
            "threshold performance_metrics.total_time_seconds", "10%"),
        properties(cli("regressions", "--baseline", previous, "--threshold", "0", "--threshold-for",
            "total_time_seconds=10", "--format", "junit").out()));
    Map<String, String> latest = properties(cli("regressions", "--format", "junit").out());
    assertEquals(List.of("candidate", "baseline", "threshold", "alpha", "min samples"), List.copyOf(latest.keySet()));
    assertEquals("0.05", latest.get("alpha"));
    assertEquals(Map.of("baseline", previous, "candidate", newest, "threshold", "5%",
            "threshold performance_metrics.api_calls_cost", "50%"),
        properties(cli("compare", previous, newest, "--threshold-for", "api_calls_cost=50", "--format", "junit").out()));
    assertEquals("50", properties(cli("changes", "--window", "50", "--format", "junit").out()).get("window"));

  }

  // ---- exit codes, --json and --output ----

  @Test
  void exitCodesAreTheSameInEveryFormat() {
    String previous = previous();
    for (String format : FORMATS) {
      assertEquals(1, cli("regressions", "--format", format).exitCode(), format);
      assertEquals(0, cli("regressions", "--min-samples", "6", "--format", format).exitCode(), format);
      assertEquals(1, cli("changes", "--format", format).exitCode(), format);
      assertEquals(0, cli("changes", "--project", "invoice-api", "--format", format).exitCode(), format);
      assertEquals(0, cli("compare", previous, newest, "--format", format).exitCode(), format);
    }
    assertEquals(cli("regressions", "--json").out(), cli("regressions", "--format", "json").out());
    assertEquals(cli("regressions", "--json").out(), cli("regressions", "--json", "--format", "json").out());
    assertEquals(cli("changes", "--json").out(), cli("changes", "--format", "json").out());
    assertEquals(cli("compare", previous, newest).out(), cli("compare", previous, newest, "--format", "table").out());
  }

  @Test
  void jsonWithAnotherFormatIsAUsageErrorNamingBoth() {
    String previous = previous();
    String[][] cases = {
      {"regressions", "--json", "--format", "markdown"},
      {"changes", "--format", "junit", "--json"},
      {"compare", previous, newest, "--json", "--format", "github"},
      {"regressions", "--json", "--format", "table"},
    };
    for (String[] args : cases) {
      Result result = cli(args);
      assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.all());
      assertEquals("", result.out());
      assertEquals(1, result.err().strip().lines().count(), result.err());
      assertTrue(result.err().startsWith("gao-metrics " + args[0] + ": give --json or --format "), result.err());
      assertTrue(result.err().contains("not both"), result.err());
    }
    Result unknown = cli("regressions", "--format", "xml");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("table, json, markdown, junit, github"), unknown.err());
    Result force = cli("regressions", "--force");
    assertEquals(2, force.exitCode());
    assertTrue(force.err().contains("--force applies to --output"), force.err());
  }

  @Test
  void outputWritesTheFileWholeAndNeverOverTheDatabase() throws Exception {
    Path report = folder.resolve("reports/regressions.xml");
    Result written = cli("regressions", "--format", "junit", "--output", report.toString());
    assertEquals(1, written.exitCode(), written.all());
    assertEquals("", written.out());
    String xml = Files.readString(report, StandardCharsets.UTF_8);
    assertEquals(cli("regressions", "--format", "junit").out(), xml);
    ReportTestSuite suite = new TestSuiteXmlParser(new NullConsoleLogger()).parse(report.toString()).get(0);
    assertEquals(regressions(newest, RegressionOptions.againstLatest(10)).regressions().size(), suite.getNumberOfFailures());

    Result exists = cli("changes", "--format", "markdown", "--output", report.toString());
    assertEquals(2, exists.exitCode(), exists.all());
    assertTrue(exists.err().contains("exists; pass --force"), exists.err());
    assertEquals(xml, Files.readString(report));
    for (String[] command : new String[][] {{"changes"}, {"regressions"}, {"compare", previous(), newest}}) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--format", "markdown", "--output", report.toString(), "--db", db.toString()));
      Result declined = run("n\n", true, args.toArray(String[]::new));
      assertEquals(0, declined.exitCode(), declined.all());
      assertEquals("nothing written\n", declined.out());
      assertTrue(declined.err().contains("replace " + report.toRealPath() + "? [y/N]"), declined.err());
      assertEquals(xml, Files.readString(report));
    }
    Result forced = cli("changes", "--format", "markdown", "--output", report.toString(), "--force");
    assertEquals(1, forced.exitCode(), forced.all());
    assertEquals(cli("changes", "--format", "markdown").out(), Files.readString(report));

    byte[] database = Files.readAllBytes(db);
    Result refused = cli("compare", previous(), newest, "--format", "github", "--output", db.toString(), "--force");
    assertEquals(2, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("the metrics database being read"), refused.err());
    assertArrayEquals(database, Files.readAllBytes(db));

    Path table = folder.resolve("table.txt");
    assertEquals(0, cli("compare", previous(), newest, "--output", table.toString()).exitCode());
    assertEquals(cli("compare", previous(), newest).out(), Files.readString(table));
  }
}

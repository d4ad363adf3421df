package dev.gao.metrics.example.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The HTML reports of {@code gao-metrics report} in a real browser (Debian's headless Chromium), on
 * the demo database: each page (run, comparison, trend, and the site's dashboard, trend and
 * comparison pages) logs no warning or error, loads nothing but its own file, draws every chart of
 * its data island with the island's series and points, and shows the hovered point's run or label
 * and value in a tooltip; series hide on a click on the legend, a drag zooms, headings sort tables.
 * Screenshots go to {@code target/report-screenshots}.
 */
class BrowserReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT = "weather-dashboard";
  private static final String BENCHMARK = "bugfix-suite";

  @TempDir static Path folder;
  private static Chromium browser;
  private static Path db;
  private static Path runReport;
  private static Path compareReport;
  private static Path trendReport;
  private static Path site;
  private static String regressedRun;

  @BeforeAll
  static void demoDatabaseReportsAndBrowser() throws IOException {
    browser = Chromium.start(folder);
    db = folder.resolve("metrics.db");
    cli("demo", "--db", db.toString(), "--seed", "7");
    // the demo's deliberate regression: the newest run of weather-dashboard, bugfix-suite, 1.1.0
    JsonNode series = JSON.readTree(cli("runs", "--json", "--limit", "2", "--project", PROJECT, "--benchmark", BENCHMARK,
        "--version", "1.1.0", "--db", db.toString()));
    regressedRun = series.get(0).get("run_id").asText();
    String before = series.get(1).get("run_id").asText();
    runReport = folder.resolve("reports/run.html");
    cli("report", "run", regressedRun, "--db", db.toString(), "--output", runReport.toString());
    compareReport = folder.resolve("reports/compare.html");
    cli("report", "compare", before, regressedRun, "--db", db.toString(), "--output", compareReport.toString());
    trendReport = folder.resolve("reports/trend.html");
    cli("report", "trend", "--metric", "total_time_seconds", "--metric", "token_usage_total", "--by", "version",
        "--window", "3", "--project", PROJECT, "--benchmark", BENCHMARK, "--db", db.toString(), "--output", trendReport.toString());
    site = folder.resolve("site");
    cli("report", "site", "--db", db.toString(), "--output", site.toString());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theRunPageDrawsABarChartForEveryBreakdownWithValues() throws IOException {
    ReportPage page = ReportPage.open(browser, runReport);
    assertLoadsCleanlyAndDrawsItsCharts(page);
    List<String> withValues = new ArrayList<>();
    for (JsonNode map : page.data().get("maps")) {
      if (!map.get("keys").isEmpty()) {
        withValues.add(map.get("metric").asText());
      }
    }
    List<ChartSpec> charts = page.charts();
    assertEquals(withValues, charts.stream().map(ChartSpec::title).toList(), "one bar chart per breakdown with values");
    assertTrue(charts.size() >= 2, "the newest run has phase times and tokens by agent at least");
    for (ChartSpec chart : charts) {
      assertEquals("bars", chart.kind());
      List<Double> values = chart.series().get(0).values();
      JsonNode labels = page.data().get("charts").get(charts.indexOf(chart)).get("labels");
      for (int i : List.of(0, values.size() - 1)) {
        page.assertTooltip(chart, 0, i, labels.get(i).asText(), ReportPage.number(values.get(i)));
      }
    }
    assertScreenshotIsThePage("run");
  }

  @Test
  void theComparisonPageDrawsTheRelativeChangeOfEveryMetric() throws IOException {
    ReportPage page = ReportPage.open(browser, compareReport);
    assertLoadsCleanlyAndDrawsItsCharts(page);
    ChartSpec chart = page.charts().get(0);
    JsonNode labels = page.data().get("charts").get(0).get("labels");
    List<String> changed = new ArrayList<>();
    for (JsonNode delta : page.data().get("deltas")) {
      if (!delta.get("relativeDelta").isNull()) {
        changed.add(delta.get("metric").asText());
      }
    }
    assertEquals(changed, JSON.convertValue(labels, List.class));
    int seconds = changed.indexOf("performance_metrics.total_time_seconds");
    page.assertTooltip(chart, 0, seconds, "performance_metrics.total_time_seconds",
        ReportPage.number(chart.series().get(0).values().get(seconds)));
    WebElement verdict = browser.driver().findElement(
        By.cssSelector("tr[data-metric='performance_metrics.total_time_seconds'] td:last-child"));
    assertEquals("regressed", verdict.getText());
    assertEquals("rgba(213, 94, 0, 1)", verdict.getCssValue("color"), "a regression in vermillion");
    assertTableSorts(page, "table.deltas", 6);
    assertScreenshotIsThePage("compare");
  }

  @Test
  void theTrendPageOverlaysVersionsAndTogglesAndZooms() throws IOException {
    ReportPage page = ReportPage.open(browser, trendReport);
    assertLoadsCleanlyAndDrawsItsCharts(page);
    List<ChartSpec> charts = page.charts();
    assertEquals(2, charts.size());
    ChartSpec chart = charts.get(0);
    assertEquals(List.of("version 1.0.0", "version 1.0.0 moving average", "version 1.1.0",
        "version 1.1.0 moving average"), chart.series().stream().map(ChartSpec.Series::label).toList());
    JsonNode ids = page.data().get("charts").get(0).get("ids");
    for (int s : List.of(0, 2)) {
      List<Double> values = chart.series().get(s).values();
      int last = lastDrawn(values);
      page.assertTooltip(chart, s, last, "run " + ids.get(last).asText(), ReportPage.number(values.get(last)));
    }
    // a click on a legend entry hides that series; another shows it again
    WebElement legend = browser.driver().findElements(By.cssSelector("#" + chart.id() + " .u-legend .u-series")).get(1)
        .findElement(By.cssSelector(".u-label"));
    // the legend shows the hovered point's values: leave the plot first, so that it stays still
    new Actions(browser.driver()).moveToElement(browser.driver().findElement(By.tagName("h1"))).perform();
    new Actions(browser.driver()).moveToElement(legend).click().perform();
    assertEquals(Boolean.FALSE, browser.script("return window.gaoReport.charts[arguments[0]].series[1].show;", chart.id()));
    new Actions(browser.driver()).moveToElement(legend).click().perform();
    assertEquals(Boolean.TRUE, browser.script("return window.gaoReport.charts[arguments[0]].series[1].show;", chart.id()));
    // a drag across the plot zooms in on that span of time
    WebElement over = browser.driver().findElement(By.cssSelector("#" + chart.id() + " .u-over"));
    List<?> before = (List<?>) browser.script(
        "var u = window.gaoReport.charts[arguments[0]]; return [u.scales.x.min, u.scales.x.max];", chart.id());
    int width = over.getSize().getWidth();
    new Actions(browser.driver())
        .moveToElement(over, -width / 4, 0).clickAndHold().moveByOffset(width / 2, 0).release().perform();
    List<?> after = (List<?>) browser.script(
        "var u = window.gaoReport.charts[arguments[0]]; return [u.scales.x.min, u.scales.x.max];", chart.id());
    double span = ((Number) before.get(1)).doubleValue() - ((Number) before.get(0)).doubleValue();
    double zoomed = ((Number) after.get(1)).doubleValue() - ((Number) after.get(0)).doubleValue();
    assertTrue(zoomed < span * 0.75, "zoomed from " + before + " to " + after);
    // every chart has its data as a table
    assertEquals(charts.size(), browser.driver().findElements(By.cssSelector("details.data table.chart-data")).size());
    assertScreenshotIsThePage("trend");
  }

  @Test
  void theSiteShowsTheDashboardAndMarksTheRegressionWithItsEvidence() throws IOException {
    ReportPage index = ReportPage.open(browser, site.resolve("index.html"));
    assertLoadsCleanlyAndDrawsItsCharts(index);
    WebElement regressed = browser.driver().findElement(By.cssSelector("table.regressions tr[data-run='" + regressedRun + "']"));
    assertTrue(regressed.getText().contains(PROJECT + " / " + BENCHMARK + " / 1.1.0"), regressed.getText());
    int sparklines = browser.driver().findElements(By.cssSelector("table.groups svg.spark polyline")).size();
    assertEquals(index.data().get("groups").size() * index.data().get("keyMetrics").size(), sparklines);
    assertScreenshotIsThePage("site-index");

    // the benchmark's trend page, reached by the dashboard's link
    String trendFile = null;
    for (JsonNode group : index.data().get("groups")) {
      if (group.get("latest").asText().equals(regressedRun)) {
        trendFile = group.get("pages").get("trend").asText();
      }
    }
    assertNotNull(trendFile);
    ReportPage trend = ReportPage.open(browser, site.resolve(trendFile));
    assertLoadsCleanlyAndDrawsItsCharts(trend);
    ChartSpec seconds = trend.charts().stream()
        .filter(c -> c.title().equals("performance_metrics.total_time_seconds")).findFirst().orElseThrow();
    ChartSpec.Series marks = seconds.series().get(seconds.series().size() - 1);
    assertEquals("marks", marks.role());
    int at = -1;
    JsonNode chartData = null;
    for (JsonNode c : trend.data().get("charts")) {
      if (c.get("id").asText().equals(seconds.id())) {
        chartData = c;
      }
    }
    assertNotNull(chartData);
    for (int i = 0; i < chartData.get("ids").size(); i++) {
      if (chartData.get("ids").get(i).asText().equals(regressedRun)) {
        at = i;
      }
    }
    assertTrue(at >= 0, "the regressed run is drawn");
    String evidence = chartData.get("series").get(seconds.series().size() - 1).get("evidence").get(at).asText();
    assertTrue(evidence.startsWith("regressed: "), evidence);
    trend.assertTooltip(seconds, seconds.series().size() - 1, at, "run " + regressedRun, evidence);
    assertScreenshotIsThePage("site-trend");

    // the demo's sustained shift: a filled dot where it starts, the shift in its tooltip
    String shiftedTrend = null;
    for (JsonNode group : index.data().get("groups")) {
      JsonNode values = group.get("values");
      if (List.of(values.get("project_name").asText(), values.get("benchmark_name").asText(), values.get("version").asText())
          .equals(dev.gao.metrics.example.DemoRuns.SHIFTED_SERIES)) {
        shiftedTrend = group.get("pages").get("trend").asText();
      }
    }
    assertNotNull(shiftedTrend);
    ReportPage shifted = ReportPage.open(browser, site.resolve(shiftedTrend));
    assertLoadsCleanlyAndDrawsItsCharts(shifted);
    ChartSpec time = shifted.charts().stream()
        .filter(c -> c.title().equals("performance_metrics.total_time_seconds")).findFirst().orElseThrow();
    int shifts = time.series().size() - 1;
    assertEquals("changes", time.series().get(shifts).role(), "the last series of the chart marks the change points");
    int start = lastDrawn(time.series().get(shifts).values());
    assertTrue(start >= 0, "a change point is drawn");
    JsonNode shiftedData = null;
    for (JsonNode c : shifted.data().get("charts")) {
      if (c.get("id").asText().equals(time.id())) {
        shiftedData = c;
      }
    }
    assertNotNull(shiftedData);
    String shiftText = shiftedData.get("series").get(shifts).get("evidence").get(start).asText();
    assertTrue(shiftText.startsWith("level shift: ") && shiftText.contains("regressed"), shiftText);
    shifted.assertTooltip(time, shifts, start, "run " + shiftedData.get("ids").get(start).asText(), shiftText);
    assertEquals(1, browser.driver().findElements(
        By.cssSelector("table.changes tr[data-metric='performance_metrics.total_time_seconds']")).size());
    assertScreenshotIsThePage("site-trend-shift");

    // the comparison page the dashboard links
    for (JsonNode group : index.data().get("groups")) {
      if (group.get("latest").asText().equals(regressedRun)) {
        ReportPage compare = ReportPage.open(browser, site.resolve(group.get("pages").get("compare").asText()));
        assertLoadsCleanlyAndDrawsItsCharts(compare);
        assertScreenshotIsThePage("site-compare");
      }
    }
  }

  /** No console problem, no load but the file itself, and every chart of the island drawn. */
  private static void assertLoadsCleanlyAndDrawsItsCharts(ReportPage page) {
    page.assertNoConsoleProblems();
    page.assertLoadedOnlyItself();
    page.assertChartsDrawn();
  }

  /** A click on a numeric column's heading sorts the rows by its exact values, again reverses them. */
  private static void assertTableSorts(ReportPage page, String table, int column) {
    WebElement heading = browser.driver().findElements(By.cssSelector(table + " thead th")).get(column);
    heading.click();
    List<Double> ascending = columnValues(table, column);
    List<Double> sorted = new ArrayList<>(ascending);
    sorted.sort(null);
    assertEquals(sorted, ascending, "ascending by column " + column);
    heading.click();
    List<Double> descending = columnValues(table, column);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, descending, "descending by column " + column);
    page.assertNoConsoleProblems();
  }

  private static List<Double> columnValues(String table, int column) {
    List<?> values = (List<?>) browser.script(
        "var column = arguments[1];"
            + " return Array.from(document.querySelectorAll(arguments[0] + ' tbody tr')).map(function (r) {"
            + " var c = r.cells[column]; var t = c.getAttribute('data-sort') || c.getAttribute('data-value');"
            + " return t ? parseFloat(t) : -Infinity; });",
        table, column);
    List<Double> numbers = new ArrayList<>();
    values.forEach(v -> numbers.add(v instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY));
    return numbers;
  }

  private static void assertScreenshotIsThePage(String name) throws IOException {
    Path shot = browser.screenshot(name);
    int[] size = pngSize(shot);
    List<?> document = (List<?>) browser.script(
        "var d = document.documentElement; return [d.clientWidth, d.scrollHeight];");
    assertEquals(((Number) document.get(0)).intValue(), size[0], name + ": screenshot width");
    // a full-page capture lays the page out again at its whole height, which may move it by a line
    int height = ((Number) document.get(1)).intValue();
    assertTrue(Math.abs(height - size[1]) <= Math.max(40, height / 100), name + ": screenshot height " + size[1]
        + " against the page's " + height);
  }

  private static int lastDrawn(List<Double> values) {
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i) != null) {
        return i;
      }
    }
    return -1;
  }

  /** Width and height from a PNG file's header. */
  private static int[] pngSize(Path png) throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 24 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png + " is no PNG");
    ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
    return new int[] {header.getInt(), header.getInt()};
  }

  /** Runs the command line in-process; fails the test unless it exits 0. Returns standard output. */
  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = GaoMetricsCli.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    assertEquals(0, exitCode, "gao-metrics " + String.join(" ", args) + ": " + out + err);
    return out.toString();
  }
}

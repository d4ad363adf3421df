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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The HTML reports of {@code gao-metrics report} in a real browser (Debian's headless Chromium):
 * they log no warning or error, load nothing but their own file, and draw what their data island
 * holds. Screenshots go to {@code target/report-screenshots}.
 */
class BrowserReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path folder;
  private static Chromium browser;
  private static Path runReport;

  @BeforeAll
  static void demoDatabaseReportsAndBrowser() throws IOException {
    browser = Chromium.start(folder);
    Path db = folder.resolve("metrics.db");
    cli("demo", "--db", db.toString(), "--seed", "7", "--repeats", "1");
    JsonNode newest = JSON.readTree(cli("runs", "--json", "--limit", "1", "--db", db.toString()));
    String runId = newest.get(0).get("run_id").asText();
    runReport = folder.resolve("reports/run.html");
    cli("report", "run", runId, "--db", db.toString(), "--output", runReport.toString());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theRunPageDrawsABarChartForEveryBreakdownAndLoadsNothingElse() throws IOException {
    ReportPage page = ReportPage.open(browser, runReport);
    page.assertNoConsoleProblems();
    page.assertLoadedOnlyItself();

    JsonNode maps = page.data().get("maps");
    int drawn = 0;
    for (int i = 0; i < maps.size(); i++) {
      JsonNode map = maps.get(i);
      String id = "chart-" + i;
      if (map.get("keys").isEmpty()) {
        assertTrue(browser.driver().findElements(By.id(id)).isEmpty(), map.get("metric") + " has no values and no chart");
        continue;
      }
      page.assertOneChartIn(id);
      drawn++;
    }
    assertTrue(drawn >= 2, "the demo's newest run has phase times and tokens by agent at least: " + maps);
    assertEquals(drawn, page.drawnCharts(), "one chart per breakdown with values, and no other");
    if (page.followsChartContract()) {
      page.assertChartsDrawn();
    }

    Path shot = browser.screenshot("run");
    int[] size = pngSize(shot);
    Object document = browser.script("var d = document.documentElement;"
        + " return [d.clientWidth, d.scrollWidth, d.scrollHeight, window.innerWidth, window.innerHeight];");
    List<?> documentSize = (List<?>) document;
    assertEquals(((Number) documentSize.get(0)).intValue(), size[0], "screenshot width: the page's " + documentSize);
    assertEquals(((Number) documentSize.get(2)).intValue(), size[1], "screenshot height: the whole page's");
    assertTrue(size[1] > Chromium.HEIGHT, "the run page is longer than the window: " + size[1]);
  }

  /**
   * Pages that follow the chart contract ({@link ReportPage}) show a {@code .tip} with the point's
   * label and value; until then the run page's bar charts show the hovered key and value in
   * uPlot's legend, and that is what is checked.
   */
  @Test
  void hoveringABarShowsItsKeyAndValue() throws IOException {
    ReportPage page = ReportPage.open(browser, runReport);
    if (page.followsChartContract()) {
      List<ChartSpec> charts = page.charts();
      assertFalse(charts.isEmpty(), "the run page has charts to hover");
      for (ChartSpec chart : charts) {
        for (int s = 0; s < chart.series().size(); s++) {
          List<Double> values = chart.series().get(s).values();
          for (int i : List.of(firstDrawn(values), lastDrawn(values))) {
            if (i >= 0) {
              page.assertTooltip(chart, s, i);
            }
          }
        }
      }
    } else {
      JsonNode maps = page.data().get("maps");
      int hovered = 0;
      for (int m = 0; m < maps.size(); m++) {
        JsonNode keys = maps.get(m).get("keys");
        for (int k : keys.isEmpty() ? List.<Integer>of() : List.of(0, keys.size() - 1)) {
          assertLegendShowsHoveredBar(page, "chart-" + m, keys, maps.get(m).get("values"), k);
          hovered++;
        }
      }
      assertTrue(hovered >= 4, "bars hovered: " + hovered);
    }
    page.assertNoConsoleProblems();
    browser.screenshot("run-hovered");
  }

  /**
   * Hovers bar {@code index} of the chart in {@code id}, whose x scale runs from -0.5 to the
   * number of keys less 0.5, and expects uPlot's legend to show that key and its value (uPlot writes
   * it with the browser's number format: grouped, at most three decimals).
   */
  private static void assertLegendShowsHoveredBar(ReportPage page, String id, JsonNode keys, JsonNode values, int index) {
    WebElement over = browser.driver().findElement(By.id(id)).findElement(By.cssSelector(".u-over"));
    Map<?, ?> box = (Map<?, ?>) browser.script(
        "var b = arguments[0].getBoundingClientRect(); return {width: b.width, height: b.height};", over);
    double width = ((Number) box.get("width")).doubleValue();
    double height = ((Number) box.get("height")).doubleValue();
    page.hover(over, width, height, (index + 0.5) / keys.size() * width, height / 2);
    String key = keys.get(index).asText();
    List<?> legend = ReportPage.waitFor("the legend of " + id, () -> {
      Object shown = browser.script(
          "var rows = document.getElementById(arguments[0]).querySelectorAll('.u-legend .u-series');"
              + " return rows.length < 2 ? null"
              + "   : [rows[0].querySelector('.u-value').textContent, rows[1].querySelector('.u-value').textContent];",
          id);
      return shown != null && key.equals(((List<?>) shown).get(0)) ? (List<?>) shown : null;
    });
    assertNotNull(legend, "hovering bar " + index + " of " + id + " shows key " + key + " in the legend");
    double value = values.get(index).asDouble();
    double shown = Double.parseDouble(legend.get(1).toString().replace(",", ""));
    assertEquals(value, shown, 0.0005 + Math.ulp(value), "the legend's value of " + key + " in " + id);
  }

  private static int firstDrawn(List<Double> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        return i;
      }
    }
    return -1;
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

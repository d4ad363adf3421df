package dev.gao.metrics.example.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * A report file open in {@link Chromium}, with its data island parsed in Java, and the assertions
 * every report page must pass: nothing logged as a warning or error, nothing loaded but the file
 * itself, and every chart of the data island's {@code charts} drawn as the chart contract says.
 *
 * <p>The chart contract: each entry of {@code charts} (see {@link ChartSpec}) is drawn into the
 * element with its {@code id}, which then has {@code data-drawn-series} (series drawn, x left out)
 * and {@code data-drawn-points} (values drawn that are not null); {@code
 * window.gaoReport.charts[id]} is its uPlot instance; hovering a point shows a {@code .tip} element
 * in the container with the point's x label and its value, written as the tables write numbers.
 */
final class ReportPage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final Chromium browser;
  private final Path file;
  private final JsonNode data;

  private ReportPage(Chromium browser, Path file, JsonNode data) {
    this.browser = browser;
    this.file = file;
    this.data = data;
  }

  /** Opens {@code file} in the browser (returning once it has loaded) and parses its data island. */
  static ReportPage open(Chromium browser, Path file) throws IOException {
    Element island = Jsoup.parse(Files.readString(file)).selectFirst("script#report-data[type=application/json]");
    assertNotNull(island, file + " has no <script id=\"report-data\" type=\"application/json\">");
    JsonNode data = JSON.readTree(island.data());
    browser.open(file);
    return new ReportPage(browser, file, data);
  }

  JsonNode data() {
    return data;
  }

  Chromium browser() {
    return browser;
  }

  /** The data island's {@code charts}; empty while the page has none. */
  List<ChartSpec> charts() {
    return ChartSpec.all(data);
  }

  /**
   * Whether the page follows the chart contract: its data island has {@code charts}, or it
   * defines {@code window.gaoReport}. Either one makes the whole contract required.
   */
  boolean followsChartContract() {
    return data.has("charts") || Boolean.TRUE.equals(browser.script("return window.gaoReport !== undefined;"));
  }

  /** No console message of level WARNING or SEVERE (script errors among them). */
  void assertNoConsoleProblems() {
    List<String> problems = new ArrayList<>();
    for (LogEntry entry : browser.console()) {
      if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
        problems.add(entry.getLevel() + " " + entry.getMessage());
      }
    }
    assertEquals(List.of(), problems, "console warnings and errors of " + file);
  }

  /** The page requested its own file and nothing else, and loaded no resource after it. */
  void assertLoadedOnlyItself() {
    assertEquals(List.of(Chromium.url(file)), browser.requests(), "every request the page made");
    assertEquals(List.of(), browser.resourceUrls(), "the page's resource timing entries");
  }

  /** The number of uPlot charts in the whole page. */
  int drawnCharts() {
    return ((Number) browser.script("return document.querySelectorAll('.uplot').length;")).intValue();
  }

  /**
   * The element {@code id} holds one uPlot chart with at least one canvas. Returns the number of
   * canvases.
   */
  int assertOneChartIn(String id) {
    Object counts = browser.script(
        "var e = document.getElementById(arguments[0]);"
            + " return e === null ? null : [e.querySelectorAll('.uplot').length, e.querySelectorAll('canvas').length];",
        id);
    assertNotNull(counts, "no element #" + id + " to draw the chart in");
    List<?> both = (List<?>) counts;
    assertEquals(1, ((Number) both.get(0)).intValue(), "uPlot charts in #" + id);
    int canvases = ((Number) both.get(1)).intValue();
    assertTrue(canvases >= 1, "#" + id + " has no canvas");
    return canvases;
  }

  /** Every chart of the data island is drawn as the contract says, and no other chart is on the page. */
  void assertChartsDrawn() {
    List<ChartSpec> charts = charts();
    for (ChartSpec chart : charts) {
      assertChartDrawn(chart);
    }
    assertEquals(charts.size(), drawnCharts(), "uPlot charts on the page, against the data island's charts");
  }

  /**
   * One chart is drawn into its element: one uPlot chart there, {@code data-drawn-series} and
   * {@code data-drawn-points} as the data island gives them, and {@code window.gaoReport.charts[id]}
   * the uPlot instance drawn there, holding the island's values.
   */
  void assertChartDrawn(ChartSpec chart) {
    assertNotNull(chart.id(), "a chart without an id: " + chart);
    assertTrue(chart.kind().equals("bars") || chart.kind().equals("lines"), "chart kind of " + chart.id() + ": " + chart.kind());
    assertOneChartIn(chart.id());
    WebElement container = browser.driver().findElement(By.id(chart.id()));
    assertEquals(String.valueOf(chart.series().size()), container.getDomAttribute("data-drawn-series"),
        "data-drawn-series of #" + chart.id());
    assertEquals(String.valueOf(chart.points()), container.getDomAttribute("data-drawn-points"),
        "data-drawn-points of #" + chart.id());
    Object drawn = browser.script(
        "var r = window.gaoReport, u = r && r.charts && r.charts[arguments[0]];"
            + " if (!u) { return null; }"
            + " return { inside: document.getElementById(arguments[0]).contains(u.root),"
            + "   series: u.series.length - 1, points: u.data[0].length,"
            + "   values: u.data.slice(1).map(function (s) { return Array.from(s); }) };",
        chart.id());
    assertNotNull(drawn, "window.gaoReport.charts[\"" + chart.id() + "\"] is no uPlot instance");
    Map<?, ?> instance = (Map<?, ?>) drawn;
    assertEquals(Boolean.TRUE, instance.get("inside"), "the uPlot instance of " + chart.id() + " is drawn in #" + chart.id());
    assertEquals(chart.series().size(), ((Number) instance.get("series")).intValue(), "series of " + chart.id());
    assertEquals(chart.x().size(), ((Number) instance.get("points")).intValue(), "x values of " + chart.id());
    List<?> values = (List<?>) instance.get("values");
    for (int s = 0; s < chart.series().size(); s++) {
      List<Double> shown = new ArrayList<>();
      for (Object value : (List<?>) values.get(s)) {
        shown.add(value == null ? null : ((Number) value).doubleValue());
      }
      assertEquals(chart.series().get(s).values(), shown,
          "values of series " + chart.series().get(s).label() + " in " + chart.id());
    }
  }

  /**
   * Moves the mouse over point {@code point} of series {@code series} (0 is the first series after
   * x) of {@code chart}, then expects a {@code .tip} in the chart's element whose text holds the x
   * label ({@link ChartSpec#xText}) and the value as the tables write it, each as a whole word
   * ({@link #containsWhole}).
   */
  void assertTooltip(ChartSpec chart, int series, int point) {
    Double value = chart.series().get(series).values().get(point);
    assertNotNull(value, "point " + point + " of series " + series + " of " + chart.id() + " is not drawn");
    assertTooltip(chart, series, point, chart.xText(point), number(value));
  }

  /** As {@link #assertTooltip(ChartSpec, int, int)}, with the texts the tip must contain given. */
  void assertTooltip(ChartSpec chart, int series, int point, String... expected) {
    Object where = browser.script(
        "var u = window.gaoReport.charts[arguments[0]], s = arguments[1] + 1, i = arguments[2];"
            + " var over = u.root.querySelector('.u-over');"
            + " over.scrollIntoView({block: 'center', inline: 'center'});"
            + " var box = over.getBoundingClientRect();"
            + " return [box.width, box.height, u.valToPos(u.data[0][i], 'x'),"
            + "   u.valToPos(u.data[s][i], u.series[s].scale)];",
        chart.id(), series, point);
    List<?> numbers = (List<?>) where;
    WebElement over = browser.driver().findElement(By.id(chart.id())).findElement(By.cssSelector(".u-over"));
    hover(over, number(numbers, 0), number(numbers, 1), number(numbers, 2), number(numbers, 3));
    String what = "the tooltip of point " + point + " of series " + series + " in " + chart.id();
    String text = waitFor(what, () -> {
      Object tip = browser.script(
          "var t = document.getElementById(arguments[0]).querySelector('.tip');"
              + " return t && t.getClientRects().length > 0 && getComputedStyle(t).visibility !== 'hidden'"
              + "   ? t.textContent : null;",
          chart.id());
      if (tip == null) {
        return null;
      }
      for (String part : expected) {
        if (!containsWhole(tip.toString(), part)) {
          return null;
        }
      }
      return tip.toString();
    });
    assertNotNull(text, what + " should show " + List.of(expected) + "; it is " + browser.script(
        "var t = document.getElementById(arguments[0]).querySelector('.tip'); return t && t.outerHTML;", chart.id()));
  }

  /**
   * Moves the mouse to ({@code x}, {@code y}) in CSS pixels from the top left corner of {@code
   * over}, a plot area {@code width} by {@code height}, kept a pixel inside its edges.
   */
  void hover(WebElement over, double width, double height, double x, double y) {
    browser.script("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", over);
    double inX = Math.max(1, Math.min(width - 2, x));
    double inY = Math.max(1, Math.min(height - 2, y));
    new Actions(browser.driver())
        .moveToElement(over, (int) Math.round(inX - width / 2), (int) Math.round(inY - height / 2))
        .perform();
  }

  /** Polls {@code probe} until it gives a value or {@link #SETTLE} passes; null when it never did. */
  static <T> T waitFor(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null || System.nanoTime() > deadline) {
        return value;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + what);
      }
    }
  }

  /**
   * Whether {@code part} occurs in {@code text} not run together with more of a word or number:
   * {@code 1102.25} is not in {@code 1102.254}, nor {@code 5} in {@code -5}.
   */
  static boolean containsWhole(String text, String part) {
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      int end = at + part.length();
      boolean startsAlone = at == 0 || !joins(text.charAt(at - 1)) || !joins(part.charAt(0));
      boolean endsAlone = end == text.length() || !joins(text.charAt(end)) || !joins(part.charAt(part.length() - 1));
      if (startsAlone && endsAlone) {
        return true;
      }
    }
    return false;
  }

  private static boolean joins(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
  }

  /**
   * A number as the report's tables and tooltips show it: at most six significant digits, a value
   * of a million or more as a whole number, plain, without trailing zeros.
   */
  static String number(double value) {
    BigDecimal exact = BigDecimal.valueOf(value);
    if (Math.abs(value) >= 1e6) {
      return exact.setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }
    return exact.round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  private static double number(List<?> numbers, int index) {
    return ((Number) numbers.get(index)).doubleValue();
  }
}

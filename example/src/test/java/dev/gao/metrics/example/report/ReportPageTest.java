package dev.gao.metrics.example.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The chart-contract assertions of {@link ReportPage} on a small page that follows the contract
 * (drawn with the uPlot every report inlines), so they are known to work before the reports adopt
 * it, and to fail when a page breaks it.
 */
class ReportPageTest {
  private static final String CHARTS = """
      [{"id": "phases", "kind": "bars", "title": "phase times", "unit": "s",
        "x": ["analysis", "implementation", "planning"],
        "series": [{"label": "s", "values": [183.709, 1102.254, 0], "role": "value"}]},
       {"id": "trend", "kind": "lines", "title": "total time", "unit": "s",
        "x": [1, 2, 3, 4],
        "series": [{"label": "time", "values": [1500.5, null, 1389, 2224.581], "role": "value"},
                   {"label": "mean", "values": [1500.5, 1450, 1444.75, 1640.2], "role": "average"}]}]
      """;

  /** Draws {@code charts} as the contract says; {@code POINTS_OFFSET} lets a test break the count. */
  private static final String SCRIPT = """
      (function () {
        'use strict';
        var data = JSON.parse(document.getElementById('report-data').textContent);
        window.gaoReport = { charts: {} };
        data.charts.forEach(function (chart) {
          var target = document.getElementById(chart.id);
          var bars = chart.kind === 'bars';
          var xs = bars ? chart.x.map(function (key, i) { return i; }) : chart.x;
          var tip = document.createElement('div');
          tip.className = 'tip';
          tip.style.display = 'none';
          var scales = { x: { time: false } };
          if (bars) { scales.x.range = [-0.5, chart.x.length - 0.5]; }
          var u = new uPlot({
            width: 600, height: 240, title: chart.title, scales: scales,
            series: [{}].concat(chart.series.map(function (s) {
              return bars ? { label: s.label, stroke: '#0072b2', fill: '#0072b2', paths: uPlot.paths.bars({ size: [0.6, 80] }) }
                          : { label: s.label, stroke: '#0072b2' };
            })),
            hooks: { setCursor: [function (u) {
              var i = u.cursor.idx;
              if (i == null) { tip.style.display = 'none'; return; }
              tip.textContent = chart.x[i] + ': ' + chart.series.map(function (s) {
                return s.label + ' ' + (s.values[i] === null ? '-' : String(+s.values[i].toPrecision(6)));
              }).join(', ');
              tip.style.display = 'block';
            }] }
          }, [xs].concat(chart.series.map(function (s) { return s.values; })), target);
          target.appendChild(tip);
          var points = 0;
          chart.series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) { points++; } }); });
          target.setAttribute('data-drawn-series', String(chart.series.length));
          target.setAttribute('data-drawn-points', String(points + POINTS_OFFSET));
          window.gaoReport.charts[chart.id] = u;
        });
      })();
      """;

  @TempDir static Path folder;
  private static Chromium browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = Chromium.start(folder);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static Path page(String name, int pointsOffset) throws IOException {
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + name + "</title>\n<style>"
        + uplot("uPlot.min.css") + "</style></head><body>\n<div id=\"phases\"></div><div id=\"trend\"></div>\n"
        + "<script id=\"report-data\" type=\"application/json\">{\"charts\": " + CHARTS + "}</script>\n<script>"
        + uplot("uPlot.iife.min.js") + "</script>\n<script>"
        + SCRIPT.replace("POINTS_OFFSET", String.valueOf(pointsOffset)) + "</script></body></html>\n";
    return Files.writeString(folder.resolve(name + ".html"), html);
  }

  /** uPlot's files as the runtime carries them for the reports. */
  private static String uplot(String name) throws IOException {
    try (InputStream in = ReportPageTest.class.getResourceAsStream("/dev/gao/metrics/runtime/report/uplot/" + name)) {
      if (in == null) {
        throw new IOException("the runtime's classes lack uPlot's " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPageThatFollowsTheContractPassesEveryCheck() throws IOException {
    ReportPage page = ReportPage.open(browser, page("contract", 0));
    assertTrue(page.followsChartContract());
    List<ChartSpec> charts = page.charts();
    assertEquals(List.of("phases", "trend"), charts.stream().map(ChartSpec::id).toList());
    assertEquals(7, charts.get(1).points(), "null values are not points");
    page.assertChartsDrawn();
    page.assertTooltip(charts.get(0), 0, 1);
    page.assertTooltip(charts.get(0), 0, 2);
    page.assertTooltip(charts.get(1), 0, 3);
    page.assertTooltip(charts.get(1), 1, 1);
    page.assertTooltip(charts.get(1), 0, 0, "1: ", "time 1500.5", "mean 1500.5");
    page.assertNoConsoleProblems();
    page.assertLoadedOnlyItself();
  }

  @Test
  void aWrongPointCountFailsNamingTheChart() throws IOException {
    ReportPage page = ReportPage.open(browser, page("miscounted", 1));
    AssertionFailedError failed =
        assertThrows(AssertionFailedError.class, () -> page.assertChartDrawn(page.charts().get(0)));
    assertEquals("data-drawn-points of #phases ==> expected: <3> but was: <4>", failed.getMessage());
  }

  @Test
  void aTipWithoutTheExpectedTextFails() throws IOException {
    ReportPage page = ReportPage.open(browser, page("tip", 0));
    ChartSpec phases = page.charts().get(0);
    AssertionFailedError failed =
        assertThrows(AssertionFailedError.class, () -> page.assertTooltip(phases, 0, 1, "implementation", "1102.254"));
    assertTrue(failed.getMessage().startsWith(
        "the tooltip of point 1 of series 0 in phases should show [implementation, 1102.254]; it is <div class=\"tip\""),
        failed.getMessage());
    assertTrue(failed.getMessage().contains("implementation: s 1102.25<"), failed.getMessage());
  }

  @Test
  void theTipsTextsAreMatchedAsWholeWords() {
    assertTrue(ReportPage.containsWhole("implementation: s 1102.254", "1102.254"));
    assertTrue(ReportPage.containsWhole("1: time 1500.5, mean 1500.5", "1: "));
    assertTrue(ReportPage.containsWhole("a (12) b", "(12)"));
    assertFalse(ReportPage.containsWhole("implementation: s 1102.254", "1102.25"));
    assertFalse(ReportPage.containsWhole("x -5", "5"));
    assertFalse(ReportPage.containsWhole("run-12", "run"));
    assertTrue(ReportPage.containsWhole("run-12 run 7", "run"));
  }

  @Test
  void aPageWithoutTheContractIsToldApart() throws IOException {
    Path plain = Files.writeString(folder.resolve("plain.html"),
        "<!DOCTYPE html><html><head><title>plain</title></head><body>"
            + "<script id=\"report-data\" type=\"application/json\">{\"maps\": []}</script></body></html>");
    ReportPage page = ReportPage.open(browser, plain);
    assertFalse(page.followsChartContract());
    assertEquals(List.of(), page.charts());
    page.assertChartsDrawn();
  }

  @Test
  void aScriptErrorAndALoadedFileAreReported() throws IOException {
    Files.writeString(folder.resolve("other.js"), "window.loaded = true;\n");
    Path broken = Files.writeString(folder.resolve("broken.html"),
        "<!DOCTYPE html><html><head><title>broken</title></head><body>"
            + "<script id=\"report-data\" type=\"application/json\">{}</script>"
            + "<script src=\"other.js\"></script><script>console.warn('careful'); undefinedCall();</script></body></html>");
    ReportPage page = ReportPage.open(browser, broken);
    AssertionFailedError console = assertThrows(AssertionFailedError.class, page::assertNoConsoleProblems);
    assertTrue(console.getMessage().contains("WARNING") && console.getMessage().contains("careful"), console.getMessage());
    assertTrue(console.getMessage().contains("SEVERE") && console.getMessage().contains("undefinedCall"),
        console.getMessage());
    AssertionFailedError loaded = assertThrows(AssertionFailedError.class, page::assertLoadedOnlyItself);
    assertTrue(loaded.getMessage().contains(Chromium.url(folder.resolve("other.js"))), loaded.getMessage());
  }
}

package dev.gao.metrics.runtime.analytics;

import static dev.gao.metrics.runtime.analytics.ComparisonData.agents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.report.RunReport;
import dev.gao.metrics.runtime.schema.Engine;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTML report of one run over a generic model, on both engines: every number on the page, in
 * its tables and in its data island, is the one {@link Analytics#runDetail} returns; text that
 * looks like markup stays text; the same data gives the same bytes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RunReportTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String ODD_ID = "</script><script>alert(1)</script>&amp;\"'<!--";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameter Engine engine;
  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;

  @BeforeEach
  void setUp() {
    db = ComparisonData.open(Target.of(engine, dir, "runreporttest"), "report");
    analytics = new Analytics(db, ComparisonSchema.MODEL);
    ComparisonData.insert(
        db,
        List.of(
            new Run("a", T0, "suite", "1.0", "completed", 0.8, 100.25, 2.5, -1.5,
                agents("amelia", 1000, "bob", 0, "x\"y</script>", 7), List.of(10L, 20L, 5L)),
            new Run(ODD_ID, T0.plusSeconds(60), "<b>suite</b> & co", "1.0 \"beta\"", "failed",
                null, 3.0, 0.1, null, null, List.of())));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void everyMetricInTablesAndDataIslandIsWhatTheAnalyticsReturn() throws Exception {
    RunDetail detail = analytics.runDetail("a");
    Document page = Jsoup.parse(new RunReport(analytics).render("a", null, null));
    JsonNode data = island(page);

    Map<String, Double> fromTables = new LinkedHashMap<>();
    for (Element row : page.select("table.metrics tr[data-metric]")) {
      String cell = row.select("td").get(1).text();
      fromTables.put(row.attr("data-metric"), cell.equals("-") ? null : Double.parseDouble(cell));
    }
    Map<String, Double> fromIsland = new LinkedHashMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    Map<String, String> better = new LinkedHashMap<>();
    for (JsonNode table : data.get("metrics")) {
      for (JsonNode metric : table.get("metrics")) {
        String name = metric.get("name").asText();
        assertEquals(table.get("table").asText(), name.substring(0, name.indexOf('.')));
        fromIsland.put(name, metric.get("value").isNull() ? null : metric.get("value").asDouble());
        units.put(name, metric.get("unit").asText());
        better.put(name, metric.get("better").asText());
      }
    }
    Map<String, Double> expected = new LinkedHashMap<>();
    for (MetricRef metric : ComparisonSchema.MODEL.metrics().values()) {
      if (!metric.isMap()) {
        expected.put(metric.name(), detail.values().get(metric));
        assertEquals(metric.info().unit(), units.get(metric.name()));
        assertEquals(metric.info().better().name().toLowerCase(java.util.Locale.ROOT), better.get(metric.name()));
      }
    }
    assertEquals(expected, fromTables);
    assertEquals(expected, fromIsland);
    assertEquals(35.0, expected.get("usage.tokens"), "the usage rows summed");
    assertEquals(-1.5, expected.get("perf.drift"));
    assertEquals("higher is better", page.select("tr[data-metric=runs.score] td").get(3).text());
    assertEquals("lower is better", page.select("tr[data-metric=perf.seconds] td").get(3).text());
    assertEquals("neither", page.select("tr[data-metric=perf.drift] td").get(3).text());
  }

  @Test
  void mapMetricsAreTablesAndChartDataWithTheAnalyticsValues() throws Exception {
    RunDetail detail = analytics.runDetail("a");
    Document page = Jsoup.parse(new RunReport(analytics).render("a", null, null));
    Map<String, Double> expected = new LinkedHashMap<>();
    detail.values().forEach((metric, value) -> {
      if (metric.key() != null) {
        expected.put(metric.key(), value);
      }
    });
    assertEquals(3, expected.size());

    Map<String, Double> table = new LinkedHashMap<>();
    for (Element row : page.select("table.map[data-map=perf.tokens_by_agent] tbody tr")) {
      table.put(row.attr("data-key"), Double.parseDouble(row.select("td").get(1).text()));
      assertEquals(row.attr("data-key"), row.select("td").get(0).text());
    }
    assertEquals(expected, table);

    JsonNode map = island(page).get("maps").get(0);
    assertEquals("perf.tokens_by_agent", map.get("metric").asText());
    assertEquals("tokens", map.get("unit").asText());
    Map<String, Double> chart = new LinkedHashMap<>();
    for (int i = 0; i < map.get("keys").size(); i++) {
      chart.put(map.get("keys").get(i).asText(), map.get("values").get(i).asDouble());
    }
    assertEquals(expected, chart);
    assertEquals(1, page.select("div.chart#chart-0").size(), "one chart per map with values");
  }

  @Test
  void childRowsAreSummedByEachTextColumn() throws Exception {
    Document page = Jsoup.parse(new RunReport(analytics).render("a", null, null));
    List<Map<String, Object>> rows = analytics.wholeRuns(List.of("a")).get("a").rows("usage");
    Map<String, Double> expected = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      expected.merge((String) row.get("model"), ((Number) row.get("tokens")).doubleValue(), Double::sum);
    }
    Map<String, Double> table = new LinkedHashMap<>();
    for (Element row : page.select("table.breakdown[data-table=usage][data-by=model] tbody tr")) {
      table.put(row.attr("data-key"), Double.parseDouble(row.select("td").get(1).text()));
    }
    assertEquals(expected, table);
    JsonNode breakdown = island(page).get("breakdowns").get(0);
    assertEquals("model", breakdown.get("by").asText());
    assertEquals("tokens", breakdown.get("columns").get(0).asText());
    Map<String, Double> fromIsland = new LinkedHashMap<>();
    breakdown.get("rows").forEach(r -> fromIsland.put(r.get("key").asText(), r.get("values").get(0).asDouble()));
    assertEquals(expected, fromIsland);
    assertEquals(analytics.runDetail("a").values().get(ComparisonSchema.MODEL.metric("usage.tokens")),
        table.values().stream().mapToDouble(Double::doubleValue).sum());
  }

  @Test
  void textThatLooksLikeMarkupStaysText() throws Exception {
    String title = "Report </title><script>alert(2)</script> & \"more\"";
    String html = new RunReport(analytics).render(ODD_ID, title, null);
    Document page = Jsoup.parse(html);
    assertEquals(title, page.title());
    assertEquals(title, page.selectFirst("h1").text());
    assertEquals(ODD_ID, page.selectFirst("tr[data-fact=run_id] td").text());
    assertEquals("<b>suite</b> & co", page.selectFirst("tr[data-fact=benchmark] td").text());
    assertEquals("1.0 \"beta\"", page.selectFirst("tr[data-fact=version] td").text());
    JsonNode data = island(page);
    assertEquals(ODD_ID, data.get("run").get("id").asText());
    assertEquals(title, data.get("title").asText());
    // the page's own three scripts are all there is: none was opened or closed by a value
    assertEquals(3, page.select("script").size());
    assertEquals(3, count(html, "</script>"));
    assertEquals(0, page.select("b, i").size(), "no element from a value");
    assertEquals("failed", data.get("run").get("status").asText());
    assertTrue(data.get("run").get("failed").asBoolean());
    assertEquals("status-failed", page.selectFirst("tr[data-fact=status] td").className());
  }

  @Test
  void keysThatLookLikeMarkupStayText() throws Exception {
    String html = new RunReport(analytics).render("a", null, null);
    Document page = Jsoup.parse(html);
    assertTrue(page.select("table.map tr[data-key]").stream()
        .anyMatch(row -> row.attr("data-key").equals("x\"y</script>")
            && row.selectFirst("td").text().equals("x\"y</script>")));
    assertEquals(3, count(html, "</script>"));
    assertTrue(island(page).get("maps").get(0).get("keys").toString().contains("x\\\"y</script>"));
  }

  @Test
  void theSameDataGivesTheSameBytes() {
    RunReport report = new RunReport(analytics);
    byte[] first = report.render("a", "T", null).getBytes(StandardCharsets.UTF_8);
    byte[] second = new RunReport(new Analytics(db, ComparisonSchema.MODEL)).render("a", "T", null)
        .getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(first, second);
    StringWriter written = new StringWriter();
    report.write("a", "T", null, written);
    assertEquals(new String(first, StandardCharsets.UTF_8), written.toString());
    assertFalse(written.toString().contains("rendered"));
    Instant at = Instant.parse("2026-07-01T00:00:00Z");
    Document stamped = Jsoup.parse(report.render("a", "T", at));
    assertEquals(at.toString(), stamped.selectFirst("tr[data-fact=rendered] td").text());
  }

  @Test
  void thePageFetchesNothingAndCarriesUplotWithItsLicense() {
    String html = new RunReport(analytics).render("a", null, null);
    Document page = Jsoup.parse(html);
    assertEquals(0, page.select("[src], [href], link, img, iframe").size());
    assertFalse(html.contains("@import"));
    assertTrue(html.contains("uPlot 1.6.30"));
    assertTrue(html.contains("Permission is hereby granted, free of charge"), "uPlot's MIT license");
    assertTrue(html.contains("var uPlot"), "uPlot's script inline");
    assertTrue(html.contains(".uplot"), "uPlot's stylesheet inline");
    assertTrue(html.contains("prefers-color-scheme:dark"));
    assertTrue(html.contains("@media print"));
    assertTrue(html.contains("#0072B2") && html.contains("#E69F00"), "Okabe-Ito colours");
  }

  @Test
  void withoutAFinishColumnThereIsNoDuration() throws Exception {
    JsonNode run = island(Jsoup.parse(new RunReport(analytics).render("a", null, null))).get("run");
    assertEquals(T0.toString(), run.get("start").asText());
    assertTrue(run.get("finish").isNull());
    assertTrue(run.get("durationSeconds").isNull());
  }

  @Test
  void anUnknownRunIsNotFound() {
    RunReport report = new RunReport(analytics);
    assertThrows(RunNotFoundException.class, () -> report.render("nope", null, null));
    assertThrows(RunNotFoundException.class, () -> analytics.runDetail("nope"));
  }

  @Test
  void aRunWithoutChildRowsHasDashesAndNoCharts() throws Exception {
    Document page = Jsoup.parse(new RunReport(analytics).render(ODD_ID, null, null));
    assertEquals("-", page.selectFirst("tr[data-metric=runs.score] td.num").text());
    assertEquals("3", page.selectFirst("tr[data-metric=perf.seconds] td.num").text());
    assertEquals(0, page.select("div.chart").size());
    assertEquals(0, page.select("table.breakdown").size());
    assertTrue(page.selectFirst("p.summary").text().contains("2 of 5 metrics have a value"),
        page.selectFirst("p.summary").text());
  }

  private static JsonNode island(Document page) throws Exception {
    Element script = page.selectFirst("script#report-data[type=application/json]");
    assertNotNull(script);
    return JSON.readTree(script.data());
  }

  private static int count(String text, String part) {
    List<Integer> at = new ArrayList<>();
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      at.add(i);
    }
    return at.size();
  }
}

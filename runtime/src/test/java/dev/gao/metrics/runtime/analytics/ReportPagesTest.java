package dev.gao.metrics.runtime.analytics;

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
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.report.CompareReport;
import dev.gao.metrics.runtime.report.ReportSite;
import dev.gao.metrics.runtime.report.TrendReport;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
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
 * The comparison, trend and site reports over a generic model, on both engines: every number on a
 * page, in its tables and its data island, is the one the analytics return for the same question;
 * the site's pages link only to each other and are the same bytes for the same data.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ReportPagesTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NUMBERS =
      List.of("runs.score", "perf.seconds", "perf.cost", "perf.drift", "usage.tokens");
  private static final String REGRESSED_RUN = "suite-2.0-11";

  @Parameter Engine engine;
  @TempDir Path dir;
  private MetricsDatabase db;
  private Analytics analytics;

  @BeforeEach
  void setUp() {
    db = ComparisonData.open(Target.of(engine, dir, "reportpagestest"), "pages");
    analytics = new Analytics(db, ComparisonSchema.MODEL);
    ComparisonData.insert(db, runs());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  /**
   * Two benchmarks of two versions, 12 runs each an hour apart with 5% noise; one failed run, one
   * without child rows, and the last run of suite 2.0 three times as slow and costly.
   */
  private static List<Run> runs() {
    Random random = new Random(7);
    List<Run> runs = new ArrayList<>();
    int n = 0;
    for (String benchmark : List.of("other", "suite")) {
      for (String version : List.of("1.0", "2.0")) {
        for (int i = 0; i < 12; i++) {
          String id = benchmark + "-" + version + "-" + i;
          double factor = id.equals(REGRESSED_RUN) ? 3 : 1 + 0.05 * random.nextGaussian();
          Instant time = T0.plus(Duration.ofHours(n++)).plusMillis(random.nextInt(1000));
          String status = id.equals("other-1.0-5") ? "failed" : "completed";
          if (id.equals("other-2.0-3")) {
            runs.add(new Run(id, time, benchmark, version, status, null, null, null, null, null, List.of()));
            continue;
          }
          runs.add(
              new Run(id, time, benchmark, version, status, 80.0 + random.nextInt(10), 100 * factor,
                  2 * factor, random.nextGaussian(), ComparisonData.agents("amelia", 1000 + i, "bob", 20),
                  List.of((long) (50 * factor), (long) (10 + i))));
        }
      }
    }
    return runs;
  }

  @Test
  void aHistoryGivesEachGroupTheTrendTheAnalyticsGive() {
    RunHistory history = analytics.history(NUMBERS, RunFilter.ALL);
    assertEquals(48, history.size());
    List<Map<String, Object>> groups = history.groups(List.of("benchmark", "version"));
    assertEquals(4, groups.size());
    assertEquals(Map.of("benchmark", "other", "version", "1.0"), groups.get(0));
    for (Map<String, Object> group : groups) {
      for (String metric : NUMBERS) {
        for (boolean withoutFailed : new boolean[] {false, true}) {
          RunFilter filter =
              RunFilter.ALL.where("benchmark", (String) group.get("benchmark")).where("version", (String) group.get("version"));
          List<TrendPoint> expected =
              analytics.trend(metric, withoutFailed ? filter.withoutFailed() : filter, Interval.RUN, 3);
          List<TrendPoint> actual = history.trend(ComparisonSchema.MODEL.metric(metric).name(), group, withoutFailed, 3);
          assertPoints(expected, actual, metric + " " + group + " without failed " + withoutFailed);
        }
      }
    }
    int failed = 0;
    for (int run = 0; run < history.size(); run++) {
      failed += history.failed(run) ? 1 : 0;
    }
    assertEquals(1, failed);
  }

  @Test
  void aHistoryReadsNumberColumnsOfEveryMatchingRun() {
    assertThrows(IllegalArgumentException.class, () -> analytics.history(List.of("perf.tokens_by_agent"), RunFilter.ALL));
    assertThrows(IllegalArgumentException.class, () -> analytics.history(NUMBERS, RunFilter.ALL.limit(3)));
    RunHistory history = analytics.history(NUMBERS, RunFilter.ALL.where("benchmark", "suite"));
    assertEquals(24, history.size());
    assertThrows(IllegalArgumentException.class, () -> history.value("runs.nope", 0));
    assertThrows(IllegalArgumentException.class, () -> history.dimension("nope", 0));
  }

  @Test
  void aComparisonPageHoldsTheNumbersOfCompare() throws Exception {
    RunComparison comparison = analytics.compare("suite-2.0-10", REGRESSED_RUN, Thresholds.DEFAULT);
    String html = new CompareReport(analytics).render("suite-2.0-10", REGRESSED_RUN, Thresholds.DEFAULT, null, null);
    Document page = Jsoup.parse(html);
    JsonNode data = island(page);
    assertEquals("Run " + REGRESSED_RUN + " against suite-2.0-10", page.title());
    assertEquals(comparison.deltas().size(), data.get("deltas").size());
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < comparison.deltas().size(); i++) {
      MetricDelta delta = comparison.deltas().get(i);
      JsonNode d = data.get("deltas").get(i);
      assertEquals(delta.metric().name(), d.get("metric").asText());
      assertEquals(delta.baseline(), number(d.get("baseline")));
      assertEquals(delta.candidate(), number(d.get("candidate")));
      assertEquals(delta.absoluteDelta(), number(d.get("absoluteDelta")));
      assertEquals(delta.relativeDelta(), number(d.get("relativeDelta")));
      String verdict = delta.change().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      assertEquals(verdict, d.get("change").asText());
      Element row = page.selectFirst("table.deltas tr[data-metric=\"" + delta.metric().name() + "\"]");
      assertNotNull(row, delta.metric().name());
      assertEquals(delta.baseline(), cellValue(row.select("td").get(3)));
      assertEquals(delta.candidate(), cellValue(row.select("td").get(4)));
      assertEquals(delta.absoluteDelta(), cellValue(row.select("td").get(5)));
      assertEquals(verdict, row.select("td").get(7).text());
      assertEquals("verdict-" + delta.change().name().toLowerCase(Locale.ROOT), row.select("td").get(7).className());
      counts.merge(verdict, 1, Integer::sum);
    }
    assertEquals("regressed", page.selectFirst("tr[data-metric=perf.seconds] td.verdict-regressed").text());
    counts.forEach((verdict, count) -> assertEquals(count, data.get("counts").get(verdict).asInt(), verdict));
    for (Element span : page.select("p.summary span[data-count]")) {
      assertEquals(counts.get(span.attr("data-count")) + " " + span.attr("data-count"), span.text());
    }
    JsonNode chart = data.get("charts").get(0);
    assertEquals("bars", chart.get("kind").asText());
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (MetricDelta delta : comparison.deltas()) {
      if (delta.relativeDelta() != null) {
        labels.add(delta.metric().name());
        values.add(delta.relativeDelta() * 100);
      }
    }
    assertEquals(labels, JSON.convertValue(chart.get("labels"), List.class));
    assertEquals(values, JSON.convertValue(chart.get("series").get(0).get("values"), List.class));
    assertEquals(1, page.select("div.chart#" + chart.get("id").asText()).size());
  }

  @Test
  void aTrendPageHoldsTheTrendsAndTheirSummaries() throws Exception {
    RunFilter filter = RunFilter.ALL.where("benchmark", "suite").withoutFailed();
    String html =
        new TrendReport(analytics)
            .render(List.of("seconds", "usage.tokens"), "version", filter, Interval.RUN, 3, Thresholds.DEFAULT, null, null);
    Document page = Jsoup.parse(html);
    JsonNode data = island(page);
    assertEquals("Trend of perf.seconds, usage.tokens", page.title());
    int trend = 0;
    int chart = 0;
    for (String metric : List.of("perf.seconds", "usage.tokens")) {
      int points = 0;
      for (String version : List.of("1.0", "2.0")) {
        List<TrendPoint> expected = analytics.trend(metric, filter.where("version", version), Interval.RUN, 3);
        points += expected.size();
        TrendSummary summary = TrendSummary.of(ComparisonSchema.MODEL.metric(metric), expected, 0.05);
        JsonNode t = data.get("trends").get(trend++);
        assertEquals(metric, t.get("metric").asText());
        assertEquals("version " + version, t.get("group").asText());
        assertSummary(summary, t);
        Element row = page.selectFirst("table.trends tr[data-metric=\"" + metric + "\"][data-group=\"version " + version + "\"]");
        assertNotNull(row);
        assertEquals(summary.points(), Integer.parseInt(row.select("td").get(2).text()));
        assertEquals(summary.mean(), cellValue(row.select("td").get(3)));
        assertEquals(summary.slopePerDay(), cellValue(row.select("td").get(8)));
        assertEquals(summary.rSquared(), cellValue(row.select("td").get(9)));
        assertEquals(summary.direction().name().toLowerCase(Locale.ROOT).replace('_', ' '), row.select("td").get(13).text());
      }
      JsonNode c = data.get("charts").get(chart++);
      assertEquals("lines", c.get("kind").asText());
      assertEquals(points, c.get("x").size(), "one x per point of every version");
      assertEquals(4, c.get("series").size(), "a line and a moving average per version");
      assertEquals(points, drawn(c, "values"));
      assertTrue(c.get("note").isNull(), "nothing thinned");
    }
    // the regressed run makes suite 2.0's seconds the trend that most needs attention
    assertTrue(page.selectFirst("li[data-insight=needs-attention]").text().contains("perf.seconds (version 2.0)"),
        page.selectFirst("li[data-insight=needs-attention]").text());
    assertEquals(0, page.select("p.note[data-thinned]").size());
  }

  @Test
  void aLongSeriesIsThinnedToRealPointsAndThePageSaysSo() throws Exception {
    List<Run> many = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 3000; i++) {
      many.add(Run.timed("long-" + i, T0.plus(Duration.ofDays(30)).plusSeconds(60L * i), "long", "1.0", 50 + random.nextGaussian()));
    }
    many.set(1234, Run.timed("long-1234", many.get(1234).time(), "long", "1.0", 500));
    ComparisonData.insert(db, many);
    RunFilter filter = RunFilter.ALL.where("benchmark", "long");
    String html =
        new TrendReport(analytics).render(List.of("perf.seconds"), null, filter, Interval.RUN, 5, Thresholds.DEFAULT, null, null);
    assertTrue(html.length() < 2_000_000, html.length() + " characters");
    Document page = Jsoup.parse(html);
    JsonNode chart = island(page).get("charts").get(0);
    Map<String, TrendPoint> byRun = new HashMap<>();
    List<TrendPoint> all = analytics.trend("perf.seconds", filter, Interval.RUN, 5);
    all.forEach(p -> byRun.put((String) p.runId(), p));
    int drawn = chart.get("x").size();
    assertTrue(drawn <= 1200 && drawn >= 600, drawn + " points drawn");
    for (int i = 0; i < drawn; i++) {
      TrendPoint point = byRun.get(chart.get("ids").get(i).asText());
      assertEquals(point.value(), chart.get("series").get(0).get("values").get(i).asDouble());
      assertEquals(point.time().toEpochMilli() / 1000.0, chart.get("x").get(i).asDouble(), 1e-6);
    }
    assertTrue(JSON.convertValue(chart.get("ids"), List.class).contains("long-1234"), "the spike is drawn");
    Element note = page.selectFirst("p.note[data-thinned]");
    assertEquals(drawn + "/3000", note.attr("data-thinned"));
    assertTrue(note.text().startsWith("Showing " + drawn + " of 3000 points"), note.text());
    assertEquals(3000, island(page).get("trends").get(0).get("points").asInt(), "the statistics cover every point");
  }

  @Test
  void aSiteHoldsTheNumbersOfTheAnalyticsAndLinksOnlyToItself() throws Exception {
    Path site = dir.resolve("site");
    ReportSite.Written written = new ReportSite(analytics).write(site, null, null);
    assertEquals(48, written.runs());
    assertEquals(4, written.groups());
    Document index = Jsoup.parse(Files.readString(written.index()));
    JsonNode groups = island(index).get("groups");
    assertEquals(4, groups.size());
    RegressionOptions options = RegressionOptions.againstLatest(10).comparableBy(List.of("benchmark", "version"));
    Map<String, MetricStats> stats = new HashMap<>();
    for (MetricStats s : analytics.stats("perf.seconds", List.of("benchmark", "version"), RunFilter.ALL)) {
      stats.put(s.group().get("benchmark") + "/" + s.group().get("version"), s);
    }
    for (JsonNode group : groups) {
      String benchmark = group.get("values").get("benchmark").asText();
      String version = group.get("values").get("version").asText();
      RunFilter filter = RunFilter.ALL.where("benchmark", benchmark).where("version", version);
      assertEquals(stats.get(benchmark + "/" + version).failureRate(), group.get("failureRate").asDouble());
      assertEquals(stats.get(benchmark + "/" + version).runs(), group.get("runs").asLong());
      String latest = (String) analytics.latest(1, filter).get(0).id();
      assertEquals(latest, group.get("latest").asText());
      RegressionReport report = analytics.regressions(latest, options);
      List<String> regressed =
          report.checks().stream().filter(c -> c.change() == Change.REGRESSED).map(c -> c.metric().name()).toList();
      assertEquals(regressed, JSON.convertValue(group.get("regressed"), List.class), benchmark + "/" + version);
      List<TrendPoint> seconds = analytics.trend("perf.seconds", filter.withoutFailed(), Interval.RUN, 1);
      List<Double> spark = seconds.subList(Math.max(0, seconds.size() - 40), seconds.size()).stream().map(TrendPoint::value).toList();
      assertEquals(spark, JSON.convertValue(group.get("sparklines").get("perf.seconds"), List.class));
      for (String page : List.of("trend", "run", "compare")) {
        assertTrue(Files.exists(site.resolve(group.get("pages").get(page).asText())), page);
      }
    }
    // the regressed run: named on the dashboard, with evidence on its trend page and a mark on the chart
    Element row = index.selectFirst("table.regressions tr[data-run=" + REGRESSED_RUN + "]");
    assertNotNull(row, "the regressed run is on the dashboard");
    assertNotNull(row.selectFirst("a[data-metric=perf.seconds]"));
    String trendFile = groups.get(3).get("pages").get("trend").asText();
    Document trend = Jsoup.parse(Files.readString(site.resolve(trendFile)));
    JsonNode data = island(trend);
    MetricCheck check =
        analytics.regressions(REGRESSED_RUN, options).checks().stream()
            .filter(c -> c.metric().name().equals("perf.seconds")).findFirst().orElseThrow();
    JsonNode evidence = null;
    for (JsonNode r : data.get("regressions")) {
      if (r.get("metric").asText().equals("perf.seconds")) {
        evidence = r;
      }
    }
    assertNotNull(evidence);
    assertEquals(check.candidate(), evidence.get("candidate").asDouble());
    assertEquals(check.mean(), evidence.get("mean").asDouble());
    assertEquals(check.stddev(), evidence.get("stddev").asDouble());
    assertEquals(check.pValue(), evidence.get("pValue").asDouble());
    assertEquals(check.samples(), evidence.get("samples").asLong());
    JsonNode chart = null;
    for (JsonNode c : data.get("charts")) {
      if (c.get("title").asText().equals("perf.seconds")) {
        chart = c;
      }
    }
    assertNotNull(chart);
    JsonNode marks = chart.get("series").get(chart.get("series").size() - 1);
    assertEquals("marks", marks.get("role").asText());
    int at = JSON.convertValue(chart.get("ids"), List.class).indexOf(REGRESSED_RUN);
    assertEquals(check.candidate(), marks.get("values").get(at).asDouble());
    assertEquals(evidence.get("evidence").asText(), marks.get("evidence").get(at).asText());
    assertTrue(evidence.get("evidence").asText().startsWith("regressed: "), evidence.toString());
    for (String version : List.of("1.0", "2.0")) {
      List<TrendPoint> points =
          analytics.trend("perf.seconds", RunFilter.ALL.where("benchmark", "suite").where("version", version).withoutFailed(), Interval.RUN, 5);
      JsonNode t = null;
      for (JsonNode candidate : data.get("trends")) {
        if (candidate.get("metric").asText().equals("perf.seconds") && candidate.get("group").asText().equals("version " + version)) {
          t = candidate;
        }
      }
      assertNotNull(t);
      assertSummary(TrendSummary.of(ComparisonSchema.MODEL.metric("perf.seconds"), points, 0.05), t);
    }
    // links resolve, to pages of the site and ids on them; nothing leaves the folder
    List<Path> files;
    try (Stream<Path> list = Files.list(site)) {
      files = list.sorted().toList();
    }
    assertEquals(written.files().stream().sorted().toList(), files);
    for (Path file : files) {
      Document page = Jsoup.parse(Files.readString(file));
      assertEquals(0, page.select("[src], link, img, iframe").size(), file.toString());
      for (Element link : page.select("a[href]")) {
        String href = link.attr("href");
        String target = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
        assertFalse(target.contains("/") || target.contains(":"), href);
        Path linked = target.isEmpty() ? file : site.resolve(target);
        assertTrue(Files.exists(linked), file.getFileName() + " links to " + href);
        if (href.contains("#")) {
          String id = href.substring(href.indexOf('#') + 1);
          assertNotNull(Jsoup.parse(Files.readString(linked)).getElementById(id), href);
        }
      }
    }
    // the same data gives the same bytes
    ReportSite.Written again = new ReportSite(analytics).write(dir.resolve("again"), null, null);
    for (int i = 0; i < written.files().size(); i++) {
      assertEquals(written.files().get(i).getFileName(), again.files().get(i).getFileName());
      assertArrayEquals(Files.readAllBytes(written.files().get(i)), Files.readAllBytes(again.files().get(i)));
    }
  }

  @Test
  void aSiteCanBeLaidOutByOtherDimensions() throws Exception {
    ReportSite site = new ReportSite(analytics).pages(List.of(), "benchmark").keyMetrics(List.of("cost"));
    ReportSite.Written written = site.write(dir.resolve("flat"), "Flat", null);
    assertEquals(2, written.groups());
    JsonNode data = island(Jsoup.parse(Files.readString(written.index())));
    assertEquals(List.of("perf.cost"), JSON.convertValue(data.get("keyMetrics"), List.class));
    assertEquals(1, written.files().stream().filter(f -> f.getFileName().toString().startsWith("trend-")).count());
    assertThrows(IllegalArgumentException.class, () -> site.pages(List.of("benchmark"), "benchmark"));
    assertThrows(IllegalArgumentException.class, () -> site.keyMetrics(List.of("perf.tokens_by_agent")));
    assertThrows(IllegalArgumentException.class, () -> site.window(0));
  }

  @Test
  void theTrendPagesMarkAndListTheChangePoints() throws Exception {
    List<Run> shifted = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 60; i++) {
      shifted.add(Run.timed("shift-" + i, T0.plus(Duration.ofDays(10)).plus(Duration.ofHours(i)), "shifty", "1.0",
          (i >= 40 ? 130 : 100) * (1 + 0.02 * random.nextGaussian())));
    }
    ComparisonData.insert(db, shifted);
    List<ChangePoint> expected = analytics.changePoints(List.of("perf.seconds"), RunFilter.ALL.where("benchmark", "shifty"),
        ChangePointOptions.DEFAULT);
    assertEquals(1, expected.size(), expected.toString());
    assertEquals("shift-40", expected.get(0).runId());

    Document trend = Jsoup.parse(new TrendReport(analytics).render(List.of("perf.seconds"), "version",
        RunFilter.ALL.where("benchmark", "shifty").withoutFailed(), Interval.RUN, 5, Thresholds.DEFAULT, null, null));
    Document site = Jsoup.parse(Files.readString(dir.resolve("site").resolve(
        island(Jsoup.parse(Files.readString(new ReportSite(analytics).write(dir.resolve("site"), null, null).index())))
            .get("groups").get(2).get("pages").get("trend").asText())));
    for (Document page : List.of(trend, site)) {
      JsonNode data = island(page);
      JsonNode changes = data.get("changes");
      assertEquals(1, changes.size(), changes.toString());
      ChangePoint change = expected.get(0);
      assertEquals("shift-40", changes.get(0).get("run").asText());
      assertEquals(change.meanBefore(), changes.get(0).get("meanBefore").asDouble());
      assertEquals(change.meanAfter(), changes.get(0).get("meanAfter").asDouble());
      assertEquals(change.pValue(), changes.get(0).get("pValue").asDouble());
      assertEquals("regressed", changes.get(0).get("direction").asText());
      assertTrue(changes.get(0).get("open").asBoolean());
      assertNotNull(page.selectFirst("table.changes tr[data-run=shift-40][data-metric=perf.seconds]"));
      JsonNode chart = null;
      for (JsonNode c : data.get("charts")) {
        if (c.get("title").asText().equals("perf.seconds")) {
          chart = c;
        }
      }
      assertNotNull(chart);
      JsonNode shifts = chart.get("series").get(chart.get("series").size() - 1);
      assertEquals("changes", shifts.get("role").asText());
      int at = JSON.convertValue(chart.get("ids"), List.class).indexOf("shift-40");
      assertEquals(shifted.get(40).seconds(), shifts.get("values").get(at).asDouble());
      assertTrue(shifts.get("evidence").get(at).asText().startsWith("level shift: "), shifts.get("evidence").get(at).asText());
    }
  }

  private static void assertPoints(List<TrendPoint> expected, List<TrendPoint> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      TrendPoint e = expected.get(i);
      TrendPoint a = actual.get(i);
      assertEquals(e.time(), a.time(), what);
      assertEquals(e.runId(), a.runId(), what);
      assertEquals(e.value(), a.value(), what);
      if (e.movingAverage() == null) {
        assertEquals(null, a.movingAverage(), what);
      } else {
        assertEquals(e.movingAverage(), a.movingAverage(), 1e-9 * Math.max(1, Math.abs(e.movingAverage())), what);
      }
    }
  }

  private static void assertSummary(TrendSummary expected, JsonNode actual) {
    assertEquals(expected.points(), actual.get("points").asInt());
    assertEquals(expected.mean(), number(actual.get("mean")));
    assertEquals(expected.median(), number(actual.get("median")));
    assertEquals(expected.stddev(), number(actual.get("stddev")));
    assertEquals(expected.min(), number(actual.get("min")));
    assertEquals(expected.max(), number(actual.get("max")));
    assertEquals(expected.slopePerDay(), number(actual.get("slopePerDay")));
    assertEquals(expected.rSquared(), number(actual.get("rSquared")));
    assertEquals(expected.first(), number(actual.get("first")));
    assertEquals(expected.last(), number(actual.get("last")));
    assertEquals(expected.change(), number(actual.get("change")));
    assertEquals(expected.direction().name().toLowerCase(Locale.ROOT).replace('_', ' '), actual.get("direction").asText());
  }

  private static int drawn(JsonNode chart, String role) {
    int count = 0;
    for (JsonNode series : chart.get("series")) {
      if (series.get("role").asText().equals(role)) {
        for (JsonNode value : series.get("values")) {
          count += value.isNull() ? 0 : 1;
        }
      }
    }
    return count;
  }

  private static Double number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  private static Double cellValue(Element cell) {
    return cell.hasAttr("data-value") ? Double.valueOf(cell.attr("data-value")) : null;
  }

  private static JsonNode island(Document page) throws Exception {
    Element script = page.selectFirst("script#report-data[type=application/json]");
    assertNotNull(script);
    return JSON.readTree(script.data());
  }
}

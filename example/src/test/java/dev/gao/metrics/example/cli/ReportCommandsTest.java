package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.example.cli.CliRun.Result;
import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.MetricDelta;
import dev.gao.metrics.runtime.analytics.RegressionOptions;
import dev.gao.metrics.runtime.analytics.RunComparison;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.analytics.TrendPoint;
import dev.gao.metrics.runtime.analytics.TrendSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report compare}, {@code report trend} and {@code report site} on the demo's runs: each
 * page holds what the analytics return for the same question, errors have the exit codes of the
 * other commands, the site's folder is refused when it holds other files, and {@code --open}
 * starts the browser {@code $BROWSER} names on the written file.
 */
class ReportCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private Path db;
  private List<CompleteRun> runs;
  private String regressed;
  private String before;

  @BeforeEach
  void recordRuns() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(16, Instant.parse("2026-06-01T07:00:00.123456Z")).matrix(6);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
    // the matrix's last run is its deliberate regression; the one before is of the same series
    regressed = runs.get(runs.size() - 1).runId();
    before = runs.get(runs.size() - 2).runId();
  }

  @Test
  void aComparisonPageHoldsWhatCompareReturns() throws Exception {
    Path file = folder.resolve("compare.html");
    Result result = run("report", "compare", before, regressed, "--db", db.toString(), "--output", file.toString(),
        "--threshold", "10%");
    assertEquals(0, result.exitCode(), result.all());
    assertEquals("", result.all());
    assertEquals("rw-------", CliRun.permissions(file));
    RunComparison comparison;
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      comparison = GaoRunModel.analytics(store).compare(before, regressed, Thresholds.relative(0.10));
    }
    Document page = Jsoup.parse(Files.readString(file));
    JsonNode deltas = island(page).get("deltas");
    assertEquals(comparison.deltas().size(), deltas.size());
    for (int i = 0; i < deltas.size(); i++) {
      MetricDelta delta = comparison.deltas().get(i);
      assertEquals(delta.metric().name(), deltas.get(i).get("metric").asText());
      assertEquals(delta.candidate(), number(deltas.get(i).get("candidate")));
      assertEquals(delta.relativeDelta(), number(deltas.get(i).get("relativeDelta")));
      assertEquals(0.10, deltas.get(i).get("threshold").asDouble());
      assertEquals(delta.change().name().toLowerCase(Locale.ROOT).replace('_', ' '), deltas.get(i).get("change").asText());
    }
    assertEquals("regressed",
        page.selectFirst("tr[data-metric=performance_metrics.total_time_seconds] td:last-child").text());
    Result stdout = run("report", "compare", before, regressed, "--db", db.toString(), "--threshold", "10%");
    assertEquals(0, stdout.exitCode(), stdout.all());
    assertArrayEquals(Files.readAllBytes(file), stdout.out().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownRunOrABadOptionHasTheExitCodesOfTheOtherCommands() {
    Result unknown = run("report", "compare", before, "no-such-run", "--db", db.toString());
    assertEquals(3, unknown.exitCode(), unknown.all());
    assertEquals(1, unknown.err().lines().count(), unknown.err());
    assertTrue(unknown.err().startsWith("gao-metrics report compare: no run \"no-such-run\" in " + db), unknown.err());
    Result threshold = run("report", "compare", before, regressed, "--db", db.toString(), "--threshold", "-5");
    assertEquals(2, threshold.exitCode(), threshold.all());
    Result metric = run("report", "trend", "--metric", "no_such_metric", "--db", db.toString());
    assertEquals(2, metric.exitCode(), metric.all());
    assertTrue(metric.err().contains("unknown metric no_such_metric"), metric.err());
    Result by = run("report", "trend", "--metric", "total_time_seconds", "--by", "colour", "--db", db.toString());
    assertEquals(2, by.exitCode(), by.all());
    Result interval = run("report", "trend", "--metric", "total_time_seconds", "--interval", "fortnight", "--db", db.toString());
    assertEquals(2, interval.exitCode(), interval.all());
    assertTrue(interval.err().contains("invalid --interval \"fortnight\""), interval.err());
    Result open = run("report", "trend", "--metric", "total_time_seconds", "--open", "--db", db.toString());
    assertEquals(2, open.exitCode(), open.all());
    assertTrue(open.err().contains("--open needs --output"), open.err());
    Result latest = run("report", "site", "--output", folder.resolve("s").toString(), "--latest", "0", "--db", db.toString());
    assertEquals(2, latest.exitCode(), latest.all());
    Result key = run("report", "site", "--output", folder.resolve("s").toString(), "--key-metric",
        "performance_metrics.phase_times", "--db", db.toString());
    assertEquals(2, key.exitCode(), key.all());
    assertTrue(key.err().contains("is a JSON map"), key.err());
    assertFalse(Files.exists(folder.resolve("s")));
  }

  @Test
  void aTrendPageHoldsTheTrendsAndTheirSummaries() throws Exception {
    Path file = folder.resolve("trend.html");
    Result result = run("report", "trend", "--metric", "total_time_seconds", "--metric", "code_coverage_percentage",
        "--by", "version", "--project", "weather-dashboard", "--window", "3", "--db", db.toString(),
        "--output", file.toString(), "--title", "Weather <dashboard>");
    assertEquals(0, result.exitCode(), result.all());
    Document page = Jsoup.parse(Files.readString(file));
    assertEquals("Weather <dashboard>", page.title());
    JsonNode trends = island(page).get("trends");
    int at = 0;
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      Analytics analytics = GaoRunModel.analytics(store);
      for (String metric : List.of("performance_metrics.total_time_seconds", "quality_metrics.code_coverage_percentage")) {
        for (String version : List.of("1.0.0", "1.1.0")) {
          RunFilter filter = RunFilter.ALL.where("project_name", "weather-dashboard").where("version", version).withoutFailed();
          List<TrendPoint> points = analytics.trend(metric, filter, Interval.RUN, 3);
          TrendSummary summary = TrendSummary.of(GaoRunModel.MODEL.metric(metric), points, 0.05);
          JsonNode trend = trends.get(at++);
          assertEquals(metric, trend.get("metric").asText());
          assertEquals("version " + version, trend.get("group").asText());
          assertEquals(summary.points(), trend.get("points").asInt());
          assertEquals(summary.mean(), number(trend.get("mean")));
          assertEquals(summary.median(), number(trend.get("median")));
          assertEquals(summary.slopePerDay(), number(trend.get("slopePerDay")));
          assertEquals(summary.rSquared(), number(trend.get("rSquared")));
          assertEquals(summary.change(), number(trend.get("change")));
          assertEquals(summary.direction().name().toLowerCase(Locale.ROOT).replace('_', ' '), trend.get("direction").asText());
        }
      }
    }
    assertEquals(4, trends.size());
  }

  @Test
  void theSiteMarksTheDemosRegressionAndLinksItsPages() throws Exception {
    Path site = folder.resolve("site");
    Result result = run("report", "site", "--output", site.toString(), "--db", db.toString());
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("wrote "), result.out());
    assertTrue(result.out().contains(" of " + runs.size() + " runs in 12 groups"), result.out());
    Document index = Jsoup.parse(Files.readString(site.resolve("index.html")));
    JsonNode groups = island(index).get("groups");
    assertEquals(12, groups.size());
    JsonNode group = null;
    for (JsonNode candidate : groups) {
      if (candidate.get("latest").asText().equals(regressed)) {
        group = candidate;
      }
    }
    assertNotNull(group, "the regressed run is a group's latest run");
    List<String> expected;
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      expected = GaoRunModel.analytics(store).regressions(regressed, RegressionOptions.againstLatest(10)).checks().stream()
          .filter(c -> c.change() == Change.REGRESSED).map(c -> c.metric().name()).toList();
    }
    assertTrue(expected.contains("performance_metrics.total_time_seconds"), expected.toString());
    assertEquals(expected, JSON.convertValue(group.get("regressed"), List.class));
    assertNotNull(index.selectFirst("table.regressions tr[data-run=" + regressed + "]"));
    for (String page : List.of("trend", "run", "compare")) {
      assertTrue(Files.exists(site.resolve(group.get("pages").get(page).asText())), page);
    }
    Document trend = Jsoup.parse(Files.readString(site.resolve(group.get("pages").get("trend").asText())));
    assertNotNull(trend.selectFirst("table.regressions tr[data-run=" + regressed
        + "][data-metric=performance_metrics.total_time_seconds]"));
    assertEquals("rwx------", CliRun.permissions(site));
    assertEquals("rw-------", CliRun.permissions(site.resolve("index.html")));
    // every link of every page leads to a page of the site, and to an element there: a regressed key
    // of a JSON map (phase times) to its row on the comparison page, a number metric to its chart
    int links = 0;
    try (var files = Files.list(site)) {
      for (Path file : files.toList()) {
        for (var link : Jsoup.parse(Files.readString(file)).select("a[href]")) {
          String href = link.attr("href");
          String target = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
          Path linked = target.isEmpty() ? file : site.resolve(target);
          assertTrue(Files.exists(linked), file.getFileName() + " links to " + href);
          if (href.contains("#")) {
            assertNotNull(Jsoup.parse(Files.readString(linked)).getElementById(href.substring(href.indexOf('#') + 1)),
                file.getFileName() + " links to " + href);
          }
          links++;
        }
      }
    }
    assertTrue(expected.stream().anyMatch(m -> m.contains("[")), "a key of a JSON map regressed: " + expected);
    assertTrue(links > 100, links + " links");
  }

  @Test
  void theSitesFolderHoldsOnlyTheSite() throws Exception {
    Path site = folder.resolve("site");
    assertEquals(0, run("report", "site", "--output", site.toString(), "--db", db.toString()).exitCode());
    Path stale = Files.writeString(site.resolve("run-gone-0000abcd.html"), "an earlier site's page");
    Result again = run("report", "site", "--output", site.toString(), "--db", db.toString());
    assertEquals(0, again.exitCode(), again.all());
    assertFalse(Files.exists(stale), "a page this site no longer has is removed");

    Path notes = Files.writeString(site.resolve("notes.txt"), "mine");
    Result refused = run("report", "site", "--output", site.toString(), "--db", db.toString());
    assertEquals(2, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("holds notes.txt, which is not a page of a site"), refused.err());
    Result forced = run("report", "site", "--output", site.toString(), "--db", db.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced.all());
    assertEquals("mine", Files.readString(notes));

    Result file = run("report", "site", "--output", notes.toString(), "--db", db.toString());
    assertEquals(2, file.exitCode(), file.all());
    assertTrue(file.err().contains("is a file, not a folder"), file.err());
  }

  @Test
  void openStartsTheBrowserOnTheWrittenFile() throws Exception {
    Path log = folder.resolve("opened.txt");
    Path browser = folder.resolve("browser.sh");
    Files.writeString(browser, "#!/bin/sh\necho \"$1\" > '" + log + "'\n");
    Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
    Path site = folder.resolve("site");
    Result result = runWith(Map.of("BROWSER", browser.toString()),
        "report", "site", "--output", site.toString(), "--open", "--db", db.toString());
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(site.resolve("index.html").toAbsolutePath().toString(), waitForLine(log));

    Files.delete(log);
    Path page = folder.resolve("run.html");
    Result one = runWith(Map.of("BROWSER", browser.toString()),
        "report", "run", regressed, "--output", page.toString(), "--open", "--db", db.toString());
    assertEquals(0, one.exitCode(), one.all());
    assertEquals(page.toAbsolutePath().toString(), waitForLine(log));

    Result missing = runWith(Map.of("BROWSER", folder.resolve("no-browser").toString()),
        "report", "run", regressed, "--output", page.toString(), "--force", "--open", "--db", db.toString());
    assertEquals(3, missing.exitCode(), missing.all());
    assertTrue(missing.err().contains("cannot start the browser"), missing.err());
    assertTrue(Files.exists(page), "the page is written before the browser is started");
  }

  private static String waitForLine(Path log) throws InterruptedException, java.io.IOException {
    for (int i = 0; i < 100 && !(Files.exists(log) && Files.readString(log).endsWith("\n")); i++) {
      Thread.sleep(50);
    }
    return Files.readString(log).strip();
  }

  private static Result runWith(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = GaoMetricsCli.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private static Double number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  private static JsonNode island(Document page) throws Exception {
    return JSON.readTree(page.selectFirst("script#report-data").data());
  }
}

package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.ChangePointDetector;
import dev.gao.metrics.runtime.analytics.ChangePointOptions;
import dev.gao.metrics.runtime.analytics.MetricCheck;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RegressionOptions;
import dev.gao.metrics.runtime.analytics.RegressionReport;
import dev.gao.metrics.runtime.analytics.RunComparison;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunHistory;
import dev.gao.metrics.runtime.analytics.RunModel;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.analytics.TrendSeries;
import dev.gao.metrics.runtime.analytics.TrendSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A static site of reports over every run: a folder of self-contained HTML pages that link to each
 * other and fetch nothing.
 *
 * <ul>
 *   <li>{@code index.html}, the dashboard: one row per comparable group (by default the model's
 *       {@link RunModel#comparableBy() comparable dimensions}, for GAO-Dev project, benchmark and
 *       version) with its number of runs, failure rate, latest run and status, a sparkline of each
 *       key metric over the group's latest runs, and the metrics whose latest value regressed
 *       ({@link Analytics#regressions}, against the group's latest runs before it; a latest run
 *       that failed is shown as failed, not checked);
 *   <li>one trend page per value of the page dimensions (all comparable dimensions but the last,
 *       for GAO-Dev project and benchmark): every number metric's trend with one line and one
 *       moving average per value of the overlay dimension (the last, for GAO-Dev the version), the
 *       regressed runs marked with their evidence, and each trend's summary ({@link
 *       TrendSummary}); failed runs are left out of the trends;
 *   <li>the run page ({@link RunReport}) of each group's latest run, and the comparison page
 *       ({@link CompareReport}) of it against the group's run before it that did not fail.
 * </ul>
 *
 * <p>Every run's values are read at once ({@link Analytics#history}); the regression checks, run
 * pages and comparisons read one group each. The groups' checks and the pages are done by up to
 * four threads (no more than the processors); the pages are the same whatever the order. Immutable:
 * the settings return a changed copy.
 */
public final class ReportSite {
  /** The number of a group's latest runs a sparkline shows. */
  static final int SPARK_RUNS = 40;

  private final Analytics analytics;
  private final List<String> pageBy;
  private final String overlayBy;
  private final List<String> keyMetrics;
  private final RegressionOptions regressions;
  private final Thresholds thresholds;
  private final int window;

  /**
   * A site of the runs {@code analytics} reads, with the default settings: pages and overlays by
   * the comparable dimensions, the first number metric of each table as key metrics (at most
   * four), regressions against the latest 10 comparable runs, 5% thresholds and a moving average
   * over 5 points.
   *
   * @param analytics the analytics over a database
   */
  public ReportSite(Analytics analytics) {
    this(analytics, defaultPages(analytics.model()), defaultOverlay(analytics.model()),
        defaultKeys(analytics.model()), RegressionOptions.againstLatest(10), Thresholds.DEFAULT, 5);
  }

  private ReportSite(
      Analytics analytics,
      List<String> pageBy,
      String overlayBy,
      List<String> keyMetrics,
      RegressionOptions regressions,
      Thresholds thresholds,
      int window) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
    this.pageBy = List.copyOf(pageBy);
    this.overlayBy = overlayBy;
    this.keyMetrics = List.copyOf(keyMetrics);
    this.regressions = regressions;
    this.thresholds = thresholds;
    this.window = window;
  }

  /**
   * Sets the dimensions that get a trend page each, and the one whose values are overlaid on it.
   *
   * @param pageBy the page dimensions, possibly none (one page)
   * @param overlayBy the overlay dimension, or null for one line per page
   * @return the changed site
   * @throws IllegalArgumentException for an unknown dimension or one named twice
   */
  public ReportSite pages(List<String> pageBy, String overlayBy) {
    List<String> pages = pageBy.stream().map(analytics.model()::dimension).toList();
    String overlay = overlayBy == null ? null : analytics.model().dimension(overlayBy);
    if (pages.stream().distinct().count() != pages.size() || (overlay != null && pages.contains(overlay))) {
      throw new IllegalArgumentException(
          "each dimension may be named once among the page dimensions " + pages + " and the overlay " + overlay);
    }
    return new ReportSite(analytics, pages, overlay, keyMetrics, regressions, thresholds, window);
  }

  /**
   * Sets the metrics the dashboard draws a sparkline of.
   *
   * @param metrics number metrics, {@code table.column}
   * @return the changed site
   * @throws IllegalArgumentException for an unknown metric or a key of a JSON map
   */
  public ReportSite keyMetrics(List<String> metrics) {
    List<String> names = new ArrayList<>();
    for (String metric : metrics) {
      MetricRef ref = analytics.model().metric(metric);
      if (ref.isMap() || ref.key() != null) {
        throw new IllegalArgumentException("a key metric is a number column; " + ref.name() + " is a JSON map");
      }
      names.add(ref.name());
    }
    return new ReportSite(analytics, pageBy, overlayBy, names, regressions, thresholds, window);
  }

  /**
   * Sets how each group's latest run is checked for regressions; its comparable dimensions are
   * the site's page and overlay dimensions.
   *
   * @param options the baseline and decision rules
   * @return the changed site
   */
  public ReportSite regressions(RegressionOptions options) {
    return new ReportSite(analytics, pageBy, overlayBy, keyMetrics, Objects.requireNonNull(options, "options"), thresholds, window);
  }

  /**
   * Sets the thresholds of the comparison pages and of the trends' directions.
   *
   * @param thresholds the relative thresholds
   * @return the changed site
   */
  public ReportSite thresholds(Thresholds thresholds) {
    return new ReportSite(analytics, pageBy, overlayBy, keyMetrics, regressions, Objects.requireNonNull(thresholds, "thresholds"), window);
  }

  /**
   * Sets the number of points the trend pages' moving averages span.
   *
   * @param window at least 1
   * @return the changed site
   */
  public ReportSite window(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    return new ReportSite(analytics, pageBy, overlayBy, keyMetrics, regressions, thresholds, window);
  }

  /**
   * What a site holds.
   *
   * @param index the dashboard's file
   * @param files every file written, the dashboard first
   * @param runs the number of runs
   * @param groups the number of comparable groups
   * @param regressedGroups the number of groups whose latest run regressed
   */
  public record Written(Path index, List<Path> files, int runs, int groups, int regressedGroups) {
    /**
     * Copies the files.
     *
     * @param index the dashboard
     * @param files the files
     * @param runs the runs
     * @param groups the groups
     * @param regressedGroups the regressed groups
     */
    public Written {
      files = List.copyOf(files);
    }
  }

  /**
   * Writes the site into a folder, created if missing (with its missing parents, readable by their
   * owner only, as the pages are); files of the same names are replaced.
   *
   * @param folder the folder
   * @param title the dashboard's title, or null for {@code Benchmark runs}
   * @param renderedAt the time to print as the rendering time, or null to print none
   * @return what was written
   * @throws UncheckedIOException if a file cannot be written
   */
  public Written write(Path folder, String title, Instant renderedAt) {
    Objects.requireNonNull(folder, "folder");
    RunModel model = analytics.model();
    List<String> metrics =
        model.metrics().values().stream().filter(m -> !m.isMap() && m.key() == null).map(MetricRef::name).toList();
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("a site charts number metrics, and the run model has none: " + model);
    }
    List<String> comparable = new ArrayList<>(pageBy);
    if (overlayBy != null) {
      comparable.add(overlayBy);
    }
    RegressionOptions checks = regressions.comparableBy(comparable);
    ExecutorService workers = Executors.newFixedThreadPool(THREADS, ReportSite::worker);
    try {
      RunHistory history = analytics.history(metrics, RunFilter.ALL);
      List<Group> groups =
          all(
              workers,
              history.groups(comparable).stream()
                  .map(values -> (Callable<Group>) () -> group(history, values, checks))
                  .toList());
      createFolder(folder);
      Map<Map<String, Object>, List<Group>> pages = new LinkedHashMap<>();
      for (Group group : groups) {
        pages.computeIfAbsent(pageValues(group.values()), k -> new ArrayList<>()).add(group);
      }
      String heading = title != null ? title : "Benchmark runs";
      Set<String> latest = new HashSet<>();
      groups.forEach(g -> latest.add(String.valueOf(g.latest())));
      List<Callable<Path>> tasks = new ArrayList<>();
      Path index = folder.resolve("index.html");
      tasks.add(() -> write(index, Dashboard.render(this, heading, history, pages, renderedAt)));
      for (Map.Entry<Map<String, Object>, List<Group>> page : pages.entrySet()) {
        Path file = folder.resolve(trendPage(page.getKey()));
        tasks.add(() -> write(file, trendPage(heading, history, page.getKey(), page.getValue(), renderedAt)));
        String nav = nav(heading, page.getKey());
        for (Group group : page.getValue()) {
          Path run = folder.resolve(runPage(group.latest()));
          tasks.add(() -> write(run, new RunReport(analytics).render(group.latest(), null, renderedAt, nav)));
          if (group.comparison() != null) {
            Path compare = folder.resolve(comparePage(group.comparison()));
            tasks.add(
                () ->
                    write(
                        compare,
                        new CompareReport(analytics, id -> latest.contains(String.valueOf(id)) ? runPage(id) : null)
                            .render(group.comparison(), null, renderedAt, nav)));
          }
        }
      }
      List<Path> files = all(workers, tasks);
      int regressed = (int) groups.stream().filter(g -> !g.regressed().isEmpty()).count();
      return new Written(index, files, history.size(), groups.size(), regressed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the site into " + folder + ": " + e.getMessage(), e);
    } finally {
      workers.shutdownNow();
    }
  }

  /** The threads that read and render the pages: the processors, at most four. */
  private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private static Thread worker(Runnable task) {
    Thread thread = new Thread(task, "gao-metrics-report-site");
    thread.setDaemon(true);
    return thread;
  }

  /** Runs the tasks on the workers, the results in the tasks' order; a task's failure is rethrown. */
  private static <T> List<T> all(ExecutorService workers, List<Callable<T>> tasks) throws IOException {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(workers.submit(task));
    }
    List<T> results = new ArrayList<>();
    try {
      for (Future<T> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the site", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
    return results;
  }

  /** Writes a page, created readable by its owner only where the file system has POSIX permissions. */
  private static Path write(Path file, String page) throws IOException {
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions here: the file gets the folder's defaults
    }
    Files.writeString(file, page, StandardCharsets.UTF_8);
    return file;
  }

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

  /** Creates the folder and its missing parents, owner-only where the file system has POSIX permissions. */
  private static void createFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Path parent = folder.toAbsolutePath().getParent();
    if (parent != null) {
      createFolder(parent);
    }
    if (parent != null && Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
    } else {
      Files.createDirectory(folder);
    }
  }
  /** One comparable group: its runs, latest run, comparison and regression check. */
  record Group(
      Map<String, Object> values,
      int[] runs,
      int failed,
      Object latest,
      int latestIndex,
      RunComparison comparison,
      RegressionReport check,
      List<MetricCheck> regressed) {}

  /**
   * A group's runs in a history, its latest run checked for regressions and compared with the run
   * before it that did not fail.
   */
  private Group group(RunHistory history, Map<String, Object> values, RegressionOptions checks) {
    int[] runs = history.runs(values);
    int failed = 0;
    for (int run : runs) {
      failed += history.failed(run) ? 1 : 0;
    }
    int last = runs[runs.length - 1];
    Object latest = history.runId(last);
    RunComparison comparison = null;
    for (int i = runs.length - 2; i >= 0 && comparison == null; i--) {
      if (!history.failed(runs[i])) {
        comparison = analytics.compare(history.runId(runs[i]), latest, thresholds);
      }
    }
    RegressionReport check = analytics.regressions(latest, checks);
    // a failed run's metrics say that it failed, not that the code regressed: its status shows it
    List<MetricCheck> regressed =
        check.candidateFailed()
            ? List.of()
            : check.checks().stream().filter(c -> c.change() == Change.REGRESSED).toList();
    return new Group(values, runs, failed, latest, last, comparison, check, regressed);
  }

  private Map<String, Object> pageValues(Map<String, Object> group) {
    Map<String, Object> page = new LinkedHashMap<>();
    pageBy.forEach(d -> page.put(d, group.get(d)));
    return page;
  }

  List<String> pageBy() {
    return pageBy;
  }

  String overlayBy() {
    return overlayBy;
  }

  List<String> keyMetrics() {
    return keyMetrics;
  }

  Analytics analytics() {
    return analytics;
  }

  /** The trend page of the runs of one page group. */
  private String trendPage(
      String site, RunHistory history, Map<String, Object> page, List<Group> groups, Instant renderedAt) {
    String heading = page.isEmpty() ? "Every run" : groupText(page);
    Charts charts = new Charts();
    List<TrendCharts.Row> rows = new ArrayList<>();
    List<Map<String, Object>> trends = new ArrayList<>();
    List<ChangePoint> changes = new ArrayList<>();
    StringBuilder sections = new StringBuilder(256 * 1024);
    for (MetricRef metric : history.metrics()) {
      List<TrendCharts.Line> lines = new ArrayList<>();
      for (Group group : groups) {
        TrendSeries points = history.series(metric.name(), group.values(), true, window);
        if (points.size() == 0) {
          continue;
        }
        String label = overlayBy == null ? metric.name() : overlayBy + " " + group.values().get(overlayBy);
        Map<String, String> marks = new LinkedHashMap<>();
        for (MetricCheck check : group.regressed()) {
          if (check.metric().name().equals(metric.name())) {
            marks.put(String.valueOf(group.latest()), evidence(check));
          }
        }
        TrendSummary summary = TrendSummary.of(metric, points, thresholds.of(metric));
        rows.add(new TrendCharts.Row(metric.name(), label, summary));
        trends.add(TrendCharts.data(metric.name(), label, summary));
        Map<String, ChangePoint> shifts = new LinkedHashMap<>();
        for (ChangePoint change : ChangePointDetector.changePoints(metric, group.values(), points, ChangePointOptions.DEFAULT)) {
          shifts.put(String.valueOf(change.runId()), change);
          changes.add(change);
        }
        lines.add(new TrendCharts.Line(label, points, marks, shifts));
      }
      if (lines.isEmpty()) {
        continue;
      }
      sections.append("<h3 id=\"").append(RunFacts.anchor(metric.name())).append("\">")
          .append(Html.text(metric.name()))
          .append(metric.info().unit().isEmpty() ? "" : " (" + Html.text(metric.info().unit()) + ")")
          .append(" <span class=\"muted better-").append(metric.info().better().name().toLowerCase(Locale.ROOT)).append("\">")
          .append(RunFacts.betterText(metric.info().better())).append("</span></h3>\n");
      TrendCharts.chart(sections, charts, metric, metric.name(), lines, TrendCharts.SITE_BUDGET);
    }
    StringBuilder body = new StringBuilder(sections.length() + 64 * 1024);
    int runs = 0;
    for (Group group : groups) {
      runs += group.runs().length;
    }
    body.append("<p class=\"scope\">")
        .append(runs)
        .append(runs == 1 ? " run" : " runs")
        .append(overlayBy == null ? "" : ", one line per " + Html.text(overlayBy))
        .append("; failed runs are left out of the trends; dashed lines are moving averages over ")
        .append(window)
        .append(" runs; circled points are runs whose regression check flagged the metric, filled"
            + " purple dots the runs where a level shift starts (a change point)")
        .append(renderedAt == null ? "" : "; rendered " + Html.text(renderedAt.toString()))
        .append(".</p>\n");
    latestTable(body, groups);
    regressionTable(body, groups);
    TrendCharts.changeTable(body, changes, true);
    TrendCharts.insights(body, rows);
    body.append("<h2>Trends</h2>\n");
    TrendCharts.table(body, rows, true);
    body.append("<h2>Charts</h2>\n<p class=\"note\">JSON map metrics (one value per key) are on the run pages.</p>\n")
        .append(sections);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", heading);
    data.put("page", textValues(page));
    data.put("overlayBy", overlayBy);
    data.put("regressions", regressionData(groups));
    data.put("changes", changes.stream().map(TrendCharts::changeData).toList());
    data.put("trends", trends);
    data.put("charts", charts.list());
    StringBuilder out = new StringBuilder(body.length() + 128 * 1024);
    ReportPage.write(out, heading, nav(site, null), body, data);
    return out.toString();
  }

  private void latestTable(StringBuilder out, List<Group> groups) {
    out.append("<h2>Latest runs</h2>\n<div class=\"wide\"><table class=\"latest sortable\">\n<thead><tr><th>")
        .append(overlayBy == null ? "group" : Html.text(overlayBy))
        .append("</th><th class=\"num\">runs</th><th class=\"num\">failure rate</th><th>latest run</th>")
        .append("<th>status</th><th>compared with the run before</th><th>regressed</th></tr></thead>\n<tbody>\n");
    for (Group group : groups) {
      out.append("<tr data-group=\"").append(Html.text(groupText(group.values()))).append("\"><td>")
          .append(Html.text(overlayBy == null ? groupText(group.values()) : String.valueOf(group.values().get(overlayBy))))
          .append("</td><td class=\"num\">").append(group.runs().length)
          .append("</td><td class=\"num\">").append(RunFacts.percent(failureRate(group)).replace("+", ""))
          .append("</td><td class=\"id\"><a href=\"").append(Html.text(runPage(group.latest()))).append("\">")
          .append(Html.text(String.valueOf(group.latest()))).append("</a></td><td")
          .append(group.check().candidateFailed() ? " class=\"status-failed\">" : ">")
          .append(Html.text(String.valueOf(status(group))))
          .append("</td><td>");
      if (group.comparison() != null) {
        out.append("<a href=\"").append(Html.text(comparePage(group.comparison()))).append("\">")
            .append(Html.text(String.valueOf(group.comparison().baseline().id()))).append("</a>");
      } else {
        out.append("<span class=\"muted\">no earlier run</span>");
      }
      out.append("</td><td class=\"num\">").append(group.regressed().size()).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  private void regressionTable(StringBuilder out, List<Group> groups) {
    out.append("<h2>Regressions</h2>\n");
    if (groups.stream().allMatch(g -> g.regressed().isEmpty())) {
      out.append("<p class=\"regressions-none\">No latest run regressed against the ")
          .append(regressions.latest())
          .append(" comparable runs before it.</p>\n");
      return;
    }
    out.append("<p>Each latest run against the ")
        .append(regressions.latest())
        .append(" comparable runs before it that did not fail.</p>\n")
        .append("<div class=\"wide\"><table class=\"regressions sortable\">\n<thead><tr><th>")
        .append(overlayBy == null ? "group" : Html.text(overlayBy))
        .append("</th><th>metric</th><th class=\"num\">value</th><th class=\"num\">baseline mean</th>")
        .append("<th class=\"num\">sd</th><th class=\"num\">min</th><th class=\"num\">max</th>")
        .append("<th class=\"num\">runs</th><th class=\"num\">change</th><th class=\"num\">p</th></tr></thead>\n<tbody>\n");
    for (Group group : groups) {
      for (MetricCheck check : group.regressed()) {
        out.append("<tr data-run=\"").append(Html.text(String.valueOf(group.latest())))
            .append("\" data-metric=\"").append(Html.text(check.metric().name())).append("\"><td>")
            .append(Html.text(overlayBy == null ? groupText(group.values()) : String.valueOf(group.values().get(overlayBy))))
            .append("</td><td>").append(metricName(group, check.metric(), "", ""))
            .append("</td>");
        for (Double value : new Double[] {check.candidate(), check.mean(), check.stddev(), check.min(), check.max()}) {
          out.append(Html.cell(value));
        }
        out.append("<td class=\"num\">").append(check.samples()).append("</td><td class=\"num verdict-regressed\" data-sort=\"")
            .append(check.relativeDelta() == null ? "" : Html.number(check.relativeDelta())).append("\">")
            .append(RunFacts.percent(check.relativeDelta())).append("</td>")
            .append(Html.cell(check.pValue())).append("</tr>\n");
      }
    }
    out.append("</tbody>\n</table></div>\n");
  }

  private List<Map<String, Object>> regressionData(List<Group> groups) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Group group : groups) {
      for (MetricCheck check : group.regressed()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("group", textValues(group.values()));
        r.put("run", String.valueOf(group.latest()));
        r.put("metric", check.metric().name());
        r.put("candidate", check.candidate());
        r.put("mean", check.mean());
        r.put("stddev", check.stddev());
        r.put("min", check.min());
        r.put("max", check.max());
        r.put("samples", check.samples());
        r.put("relativeDelta", check.relativeDelta());
        r.put("pValue", check.pValue());
        r.put("evidence", evidence(check));
        list.add(r);
      }
    }
    return list;
  }

  /** A regressed metric's evidence in one line. */
  static String evidence(MetricCheck check) {
    String unit = check.metric().info().unit().isEmpty() ? "" : " " + check.metric().info().unit();
    StringBuilder text = new StringBuilder("regressed: ")
        .append(check.candidate() == null ? "-" : Html.display(check.candidate()) + unit)
        .append(" against a mean of ")
        .append(check.mean() == null ? "-" : Html.display(check.mean()) + unit);
    if (check.stddev() != null) {
      text.append(" \u00b1 ").append(Html.display(check.stddev()));
    }
    text.append(" over ").append(check.samples()).append(check.samples() == 1 ? " run" : " runs");
    if (check.relativeDelta() != null) {
      text.append(", ").append(RunFacts.percent(check.relativeDelta()));
    }
    if (check.pValue() != null) {
      text.append(", p = ").append(Html.display(check.pValue()));
    }
    return text.toString();
  }

  static double failureRate(Group group) {
    return group.runs().length == 0 ? 0 : (double) group.failed() / group.runs().length;
  }

  Object status(Group group) {
    return analytics.model().statusColumn().map(c -> group.check().candidate().get(c)).orElse("-");
  }

  /** Links back to the dashboard and, below it, to a trend page. */
  String nav(String site, Map<String, Object> page) {
    StringBuilder nav = new StringBuilder("<a href=\"index.html\">").append(Html.text(site)).append("</a>");
    if (page != null) {
      nav.append(" \u203a <a href=\"").append(Html.text(trendPage(page))).append("\">")
          .append(Html.text(page.isEmpty() ? "Every run" : groupText(page))).append("</a>");
    }
    return nav.toString();
  }

  static Map<String, Object> textValues(Map<String, Object> values) {
    Map<String, Object> text = new LinkedHashMap<>();
    values.forEach((k, v) -> text.put(k, v == null ? null : String.valueOf(v)));
    return text;
  }

  /** Dimension values as a page names them: {@code todo-app / greenfield / 1.0.0}. */
  static String groupText(Map<String, Object> values) {
    List<String> parts = new ArrayList<>();
    values.values().forEach(v -> parts.add(v == null ? "-" : String.valueOf(v)));
    return parts.isEmpty() ? "all runs" : String.join(" / ", parts);
  }

  static String trendPage(Map<String, Object> page) {
    return "trend-" + slug(page.values().stream().map(String::valueOf).toList()) + ".html";
  }

  static String runPage(Object runId) {
    return "run-" + slug(List.of(String.valueOf(runId))) + ".html";
  }

  static String comparePage(RunComparison comparison) {
    return "compare-"
        + slug(List.of(String.valueOf(comparison.baseline().id()), String.valueOf(comparison.candidate().id())))
        + ".html";
  }

  /**
   * Where a regressed metric of a group is shown: a number metric's chart on its trend page
   * ({@code trend} is that page's file, empty on the page itself), a key of a JSON map its row on
   * the group's comparison page; null when there is neither.
   */
  static String metricLink(Group group, MetricRef metric, String trend) {
    if (metric.key() == null && !metric.isMap()) {
      return trend + "#" + RunFacts.anchor(metric.name());
    }
    return group.comparison() == null ? null : comparePage(group.comparison()) + "#" + RunFacts.anchor(metric.name());
  }

  /** A link to where a regressed metric is shown, or its name alone when there is none. */
  static String metricName(Group group, MetricRef metric, String trend, String attributes) {
    String link = metricLink(group, metric, trend);
    return link == null
        ? "<span" + attributes + ">" + Html.text(metric.name()) + "</span>"
        : "<a" + attributes + " href=\"" + Html.text(link) + "\">" + Html.text(metric.name()) + "</a>";
  }

  /**
   * A file name part that is the same for the same values and differs for different ones: the
   * values in lower case with anything but letters and digits as a hyphen (at most 60
   * characters), then 8 hex digits of their SHA-256.
   */
  static String slug(List<String> values) {
    String joined = String.join("\u0000", values);
    String readable =
        String.join("-", values).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (readable.length() > 60) {
      readable = readable.substring(0, 60);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
      return (readable.isEmpty() ? "" : readable + "-") + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static List<String> defaultPages(RunModel model) {
    List<String> comparable = model.comparableBy();
    return comparable.isEmpty() ? List.of() : comparable.subList(0, comparable.size() - 1);
  }

  private static String defaultOverlay(RunModel model) {
    List<String> comparable = model.comparableBy();
    return comparable.isEmpty() ? null : comparable.get(comparable.size() - 1);
  }

  private static List<String> defaultKeys(RunModel model) {
    Map<String, String> firstPerTable = new LinkedHashMap<>();
    for (MetricRef metric : model.metrics().values()) {
      if (!metric.isMap() && metric.key() == null) {
        firstPerTable.putIfAbsent(metric.table(), metric.name());
      }
    }
    return firstPerTable.values().stream().limit(4).toList();
  }
}

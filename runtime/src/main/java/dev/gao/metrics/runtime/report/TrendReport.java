package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.ChangePointDetector;
import dev.gao.metrics.runtime.analytics.ChangePointOptions;
import dev.gao.metrics.runtime.analytics.Interval;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.MetricStats;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.analytics.TrendPoint;
import dev.gao.metrics.runtime.analytics.TrendSeries;
import dev.gao.metrics.runtime.analytics.TrendSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trends of some metrics as one self-contained HTML page: insights (how many trends improve or
 * degrade, the one that improved most and the one that needs attention most), a table of every
 * trend's mean, median, standard deviation, minimum, maximum, slope per day, r², first and last
 * value, change first to last and direction, and per metric a line chart with its moving average,
 * optionally one line per value of a dimension (versions or projects overlaid), with the change
 * points of each line ({@link ChangePointDetector}, default options; one point per run only)
 * marked and listed. Every number is the one {@link Analytics#trend}, {@link TrendSummary#of} and
 * {@link ChangePointDetector#changePoints} give for the same question.
 *
 * <p>The data island holds {@code title}, {@code filter} (as text), {@code interval}, {@code
 * window}, {@code overlayBy}, {@code trends} (one per metric and group: {@code metric}, {@code
 * group} and the summary's fields, the direction in words), {@code changes} (the change points)
 * and {@code charts}.
 */
public final class TrendReport {
  private final Analytics analytics;

  /**
   * Creates the trend reports of the runs {@code analytics} reads.
   *
   * @param analytics the analytics over a database
   */
  public TrendReport(Analytics analytics) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
  }

  /**
   * Renders the trends of some metrics.
   *
   * @param metrics the metrics, as {@link Analytics#trend} takes them, at least one
   * @param overlayBy a dimension whose values each get their own line, or null for one line
   * @param filter the runs, as {@link Analytics#trend} takes them
   * @param interval one point per run, or per period
   * @param window the points the moving average spans, at least 1
   * @param thresholds the relative change of a fitted line that counts as a direction, per metric
   * @param title the page's title, or null for one naming the metrics
   * @param renderedAt the time to print as the rendering time, or null to print none
   * @return the page
   * @throws IllegalArgumentException for no metric, an unknown metric or dimension, or a window
   *     below 1
   */
  public String render(
      List<String> metrics,
      String overlayBy,
      RunFilter filter,
      Interval interval,
      int window,
      Thresholds thresholds,
      String title,
      Instant renderedAt) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(thresholds, "thresholds");
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("a trend report needs at least one metric");
    }
    String dimension = overlayBy == null ? null : analytics.model().dimension(overlayBy);
    List<MetricRef> refs = metrics.stream().map(analytics.model()::metric).distinct().toList();
    String heading =
        title != null
            ? title
            : "Trend of " + String.join(", ", refs.stream().map(MetricRef::name).toList());
    List<TrendCharts.Row> rows = new ArrayList<>();
    List<Map<String, Object>> trends = new ArrayList<>();
    List<ChangePoint> changes = new ArrayList<>();
    Charts charts = new Charts();
    StringBuilder sections = new StringBuilder(64 * 1024);
    for (MetricRef metric : refs) {
      List<TrendCharts.Line> lines = new ArrayList<>();
      for (String group : groups(metric, dimension, filter)) {
        RunFilter of = group == null ? filter : filter.where(dimension, group);
        List<TrendPoint> points = analytics.trend(metric.name(), of, interval, window);
        TrendSummary summary = TrendSummary.of(metric, points, thresholds.of(metric));
        String label = group == null ? metric.name() : dimension + " " + group;
        rows.add(new TrendCharts.Row(metric.name(), group == null ? "" : label, summary));
        trends.add(TrendCharts.data(metric.name(), group == null ? null : label, summary));
        TrendSeries series = TrendSeries.of(points);
        Map<String, ChangePoint> shifts = new LinkedHashMap<>();
        if (interval == Interval.RUN) {
          Map<String, Object> values = group == null ? Map.of() : Map.of(dimension, group);
          for (ChangePoint change : ChangePointDetector.changePoints(metric, values, series, ChangePointOptions.DEFAULT)) {
            shifts.put(String.valueOf(change.runId()), change);
            changes.add(change);
          }
        }
        lines.add(new TrendCharts.Line(label, series, Map.of(), shifts));
      }
      sections.append("<h3>").append(Html.text(metric.name())).append("</h3>\n");
      if (lines.stream().allMatch(l -> l.points().size() == 0)) {
        sections.append("<p class=\"muted\">No run has a value.</p>\n");
        continue;
      }
      TrendCharts.chart(sections, charts, metric, metric.name(), lines, TrendCharts.REPORT_BUDGET);
    }
    StringBuilder body = new StringBuilder(96 * 1024);
    body.append("<p class=\"scope\">")
        .append(interval == Interval.RUN ? "One point per run" : "One point per " + RunFacts.word(interval) + " (the mean of its runs)")
        .append(", moving average over ")
        .append(window)
        .append(window == 1 ? " point" : " points")
        .append("; runs: ")
        .append(Html.text(describe(filter)))
        .append(dimension == null ? "" : "; one line per " + Html.text(dimension))
        .append(renderedAt == null ? "" : "; rendered " + Html.text(renderedAt.toString()))
        .append(".</p>\n");
    TrendCharts.insights(body, rows);
    body.append("<h2>Trends</h2>\n");
    TrendCharts.table(body, rows, dimension != null);
    if (interval == Interval.RUN) {
      TrendCharts.changeTable(body, changes, dimension != null);
    }
    body.append("<h2>Charts</h2>\n").append(sections);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", heading);
    data.put("filter", describe(filter));
    data.put("interval", RunFacts.word(interval));
    data.put("window", window);
    data.put("overlayBy", dimension);
    data.put("trends", trends);
    data.put("changes", changes.stream().map(TrendCharts::changeData).toList());
    data.put("charts", charts.list());
    StringBuilder out = new StringBuilder(body.length() + 128 * 1024);
    ReportPage.write(out, heading, body, data);
    return out.toString();
  }

  /** The values of the overlay dimension among the runs with a value, or one null group. */
  private List<String> groups(MetricRef metric, String dimension, RunFilter filter) {
    List<String> groups = new ArrayList<>();
    if (dimension == null) {
      groups.add(null);
      return groups;
    }
    for (MetricStats stats : analytics.stats(metric.name(), List.of(dimension), filter)) {
      Object value = stats.group().get(dimension);
      if (stats.count() > 0 && value != null) {
        groups.add(String.valueOf(value));
      }
    }
    return groups;
  }

  /** A filter in words. */
  static String describe(RunFilter filter) {
    List<String> parts = new ArrayList<>();
    filter.dimensions().forEach((dimension, values) -> parts.add(dimension + " " + String.join(" or ", values)));
    if (!filter.statuses().isEmpty()) {
      parts.add("status " + String.join(" or ", filter.statuses()));
    }
    if (filter.isWithoutFailed()) {
      parts.add("without failed runs");
    }
    filter.from().ifPresent(from -> parts.add("from " + from));
    filter.to().ifPresent(to -> parts.add("before " + to));
    if (filter.limit() > 0) {
      parts.add("the newest " + filter.limit() + " points");
    }
    return parts.isEmpty() ? "all" : String.join(", ", parts);
  }
}

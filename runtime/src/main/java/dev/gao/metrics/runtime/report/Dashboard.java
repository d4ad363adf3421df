package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.MetricCheck;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RunHistory;
import dev.gao.metrics.runtime.analytics.TrendSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The site's front page: the latest regressions with their evidence, then one row per comparable
 * group with its runs, failure rate, latest run, status, a sparkline of each key metric and the
 * metrics that regressed. The data island holds {@code title}, {@code runs}, {@code keyMetrics}
 * and {@code groups} (each {@code values}, {@code runs}, {@code failed}, {@code failureRate},
 * {@code latest}, {@code status}, {@code sparklines} (metric to the values drawn, oldest first),
 * {@code regressed} (metric names) and {@code pages} ({@code trend}, {@code run}, {@code compare})).
 */
final class Dashboard {
  private static final int WIDTH = 120;
  private static final int HEIGHT = 28;

  private Dashboard() {}

  static String render(
      ReportSite site,
      String title,
      RunHistory history,
      Map<Map<String, Object>, List<ReportSite.Group>> pages,
      Instant renderedAt) {
    List<ReportSite.Group> groups = pages.values().stream().flatMap(List::stream).toList();
    List<String> dimensions = new ArrayList<>(site.pageBy());
    if (site.overlayBy() != null) {
      dimensions.add(site.overlayBy());
    }
    int regressed = (int) groups.stream().filter(g -> !g.regressed().isEmpty()).count();
    StringBuilder body = new StringBuilder(256 * 1024);
    body.append("<p class=\"scope\">")
        .append(history.size())
        .append(history.size() == 1 ? " run" : " runs")
        .append(" in ")
        .append(groups.size())
        .append(groups.size() == 1 ? " group" : " groups")
        .append(dimensions.isEmpty() ? "" : " of " + Html.text(String.join(", ", dimensions)))
        .append("; the latest run of ")
        .append(regressed)
        .append(regressed == 1 ? " group" : " groups")
        .append(" regressed")
        .append(renderedAt == null ? "" : "; rendered " + Html.text(renderedAt.toString()))
        .append(".</p>\n");
    body.append("<h2>Regressions</h2>\n");
    if (regressed == 0) {
      body.append("<p class=\"regressions-none\">No group's latest run regressed.</p>\n");
    } else {
      body.append("<div class=\"wide\"><table class=\"regressions sortable\">\n<thead><tr><th>group</th>")
          .append("<th>latest run</th><th class=\"num\">metrics</th><th>regressed</th></tr></thead>\n<tbody>\n");
      for (Map.Entry<Map<String, Object>, List<ReportSite.Group>> page : pages.entrySet()) {
        String trend = ReportSite.trendPage(page.getKey());
        for (ReportSite.Group group : page.getValue()) {
          if (group.regressed().isEmpty()) {
            continue;
          }
          body.append("<tr data-run=\"").append(Html.text(String.valueOf(group.latest()))).append("\"><td><a href=\"")
              .append(Html.text(trend)).append("\">").append(Html.text(ReportSite.groupText(group.values())))
              .append("</a></td><td class=\"id\"><a href=\"").append(Html.text(ReportSite.runPage(group.latest())))
              .append("\">").append(Html.text(String.valueOf(group.latest()))).append("</a></td><td class=\"num\">")
              .append(group.regressed().size()).append("</td><td>");
          for (int i = 0; i < group.regressed().size(); i++) {
            MetricCheck check = group.regressed().get(i);
            String attributes = " data-metric=\"" + Html.text(check.metric().name()) + "\" title=\""
                + Html.text(ReportSite.evidence(check)) + "\"";
            body.append(i == 0 ? "" : ", ").append(ReportSite.metricName(group, check.metric(), trend, attributes))
                .append(" <span class=\"verdict-regressed\">")
                .append(RunFacts.percent(check.relativeDelta())).append("</span>");
          }
          body.append("</td></tr>\n");
        }
      }
      body.append("</tbody>\n</table></div>\n");
    }
    body.append("<h2>Groups</h2>\n<div class=\"wide\"><table class=\"groups sortable\">\n<thead><tr>");
    for (String dimension : dimensions) {
      body.append("<th>").append(Html.text(dimension)).append("</th>");
    }
    body.append("<th class=\"num\">runs</th><th class=\"num\">failure rate</th><th>latest run</th><th>time (UTC)</th>")
        .append("<th>status</th>");
    List<MetricRef> keys = new ArrayList<>();
    for (String key : site.keyMetrics()) {
      MetricRef metric = site.analytics().model().metric(key);
      keys.add(metric);
      body.append("<th>").append(Html.text(metric.name()))
          .append(metric.info().unit().isEmpty() ? "" : " (" + Html.text(metric.info().unit()) + ")")
          .append("</th>");
    }
    body.append("<th>regressed</th></tr></thead>\n<tbody>\n");
    List<Map<String, Object>> groupData = new ArrayList<>();
    for (Map.Entry<Map<String, Object>, List<ReportSite.Group>> page : pages.entrySet()) {
      String trend = ReportSite.trendPage(page.getKey());
      for (ReportSite.Group group : page.getValue()) {
        groupData.add(row(body, site, history, group, dimensions, keys, trend));
      }
    }
    body.append("</tbody>\n</table></div>\n<p class=\"note\">Sparklines: each key metric over the group's latest ")
        .append(ReportSite.SPARK_RUNS)
        .append(" runs that did not fail; the last point is the latest, in vermillion when it regressed.</p>\n");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", title);
    data.put("runs", history.size());
    data.put("keyMetrics", keys.stream().map(MetricRef::name).toList());
    data.put("groups", groupData);
    data.put("charts", List.of());
    StringBuilder out = new StringBuilder(body.length() + 128 * 1024);
    ReportPage.write(out, title, body, data);
    return out.toString();
  }

  private static Map<String, Object> row(
      StringBuilder out,
      ReportSite site,
      RunHistory history,
      ReportSite.Group group,
      List<String> dimensions,
      List<MetricRef> keys,
      String trend) {
    out.append("<tr data-group=\"").append(Html.text(ReportSite.groupText(group.values()))).append("\">");
    for (int i = 0; i < dimensions.size(); i++) {
      Object value = group.values().get(dimensions.get(i));
      String text = value == null ? "-" : String.valueOf(value);
      out.append("<td>");
      if (i == 0) {
        out.append("<a href=\"").append(Html.text(trend)).append("\">").append(Html.text(text)).append("</a>");
      } else {
        out.append(Html.text(text));
      }
      out.append("</td>");
    }
    double failureRate = ReportSite.failureRate(group);
    Object status = site.status(group);
    out.append("<td class=\"num\">").append(group.runs().length).append("</td><td class=\"num\" data-sort=\"")
        .append(Html.number(failureRate)).append("\">")
        .append(RunFacts.percent(failureRate).replace("+", "")).append("</td><td class=\"id\"><a href=\"")
        .append(Html.text(ReportSite.runPage(group.latest()))).append("\">")
        .append(Html.text(String.valueOf(group.latest()))).append("</a></td><td>")
        .append("<span title=\"").append(history.time(group.latestIndex()).toString()).append("\">")
        .append(minutes(history.time(group.latestIndex()))).append("</span></td><td")
        .append(group.check().candidateFailed() ? " class=\"status-failed\">" : ">")
        .append(Html.text(String.valueOf(status))).append("</td>");
    Map<String, Object> sparklines = new LinkedHashMap<>();
    for (MetricRef key : keys) {
      TrendSeries points = history.series(key.name(), group.values(), true, 1);
      boolean bad = group.regressed().stream().anyMatch(c -> c.metric().name().equals(key.name()));
      List<Double> values = new ArrayList<>();
      for (int i = Math.max(0, points.size() - ReportSite.SPARK_RUNS); i < points.size(); i++) {
        values.add(points.value(i));
      }
      sparklines.put(key.name(), values);
      out.append("<td data-spark=\"").append(Html.text(key.name())).append("\">");
      spark(out, key, values, bad);
      out.append("</td>");
    }
    out.append("<td>");
    List<String> regressed = new ArrayList<>();
    for (MetricCheck check : group.regressed()) {
      regressed.add(check.metric().name());
      out.append(regressed.size() > 1 ? ", " : "")
          .append(ReportSite.metricName(group, check.metric(), trend, " class=\"verdict-regressed\""));
    }
    if (group.comparison() != null) {
      out.append(regressed.isEmpty() ? "" : " ").append("<a class=\"compare\" href=\"")
          .append(Html.text(ReportSite.comparePage(group.comparison()))).append("\">compare</a>");
    }
    out.append("</td></tr>\n");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("values", ReportSite.textValues(group.values()));
    data.put("runs", group.runs().length);
    data.put("failed", group.failed());
    data.put("failureRate", failureRate);
    data.put("latest", String.valueOf(group.latest()));
    data.put("status", status == null ? null : String.valueOf(status));
    data.put("sparklines", sparklines);
    data.put("regressed", regressed);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("trend", trend);
    links.put("run", ReportSite.runPage(group.latest()));
    links.put("compare", group.comparison() == null ? null : ReportSite.comparePage(group.comparison()));
    data.put("pages", links);
    return data;
  }

  /** A sparkline as inline SVG: a polyline of the values and a dot on the last. */
  private static void spark(StringBuilder out, MetricRef metric, List<Double> values, boolean bad) {
    if (values.isEmpty()) {
      out.append("<span class=\"muted\">-</span>");
      return;
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double span = max - min;
    StringBuilder points = new StringBuilder();
    double lastX = 0;
    double lastY = 0;
    for (int i = 0; i < values.size(); i++) {
      lastX = values.size() == 1 ? WIDTH / 2.0 : 2 + i * (WIDTH - 4.0) / (values.size() - 1);
      lastY = span == 0 ? HEIGHT / 2.0 : HEIGHT - 3 - (values.get(i) - min) / span * (HEIGHT - 6);
      points.append(i == 0 ? "" : " ").append(coordinate(lastX)).append(',').append(coordinate(lastY));
    }
    double latest = values.get(values.size() - 1);
    String unit = metric.info().unit().isEmpty() ? "" : " " + metric.info().unit();
    out.append("<svg class=\"spark\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" data-points=\"").append(values.size()).append("\"><title>")
        .append(Html.text(metric.name())).append(": latest ").append(Html.text(Html.display(latest) + unit))
        .append(", ").append(values.size()).append(values.size() == 1 ? " run" : " runs").append(" from ")
        .append(Html.text(Html.display(min))).append(" to ").append(Html.text(Html.display(max)))
        .append("</title><polyline points=\"").append(points).append("\"/><circle")
        .append(bad ? " class=\"bad\"" : "").append(" cx=\"").append(coordinate(lastX))
        .append("\" cy=\"").append(coordinate(lastY)).append("\" r=\"2.5\"/></svg> ")
        .append("<span class=\"num\" data-value=\"").append(Html.number(latest)).append("\">")
        .append(Html.display(latest)).append("</span>");
  }

  /** A time to the minute, in UTC: {@code 2026-12-03 01:05}. */
  private static String minutes(Instant time) {
    String text = time.toString();
    return text.substring(0, Math.min(16, text.length())).replace('T', ' ');
  }

  private static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}

package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.ChangePoint;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.TrendDirection;
import dev.gao.metrics.runtime.analytics.TrendSeries;
import dev.gao.metrics.runtime.analytics.TrendSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The trend charts and trend tables the trend report and the site's pages share: one line chart
 * per metric with a series and a dashed moving average per group (a version, a project), marks on
 * the runs a regression check flagged and the change points (where a level shift starts), and a
 * table of each group's {@link TrendSummary}.
 *
 * <p>A chart draws at most a budget of points, shared by its series. A longer series is thinned,
 * never cut: it is split into equal slices of consecutive points and
 * of each slice the first, the lowest, the highest and the last point are drawn (spikes and steps
 * stay visible), and every marked run is kept; each drawn point is a real point with its own value
 * and moving average, and the chart says how many of how many points it shows.
 */
final class TrendCharts {
  /** The most points a chart of the trend report draws before its series are thinned. */
  static final int REPORT_BUDGET = 1200;

  /** The most points each chart of a site's page draws, so that a page of many charts stays small. */
  static final int SITE_BUDGET = 360;

  /** The fewest points a series may be thinned to. */
  static final int MIN_PER_LINE = 40;

  private TrendCharts() {}

  /**
   * One group's points of a metric.
   *
   * @param label the group's name in the legend
   * @param points the points, oldest first
   * @param marks run id (as text) to the evidence of a flagged run
   * @param changes run id (as text) to the change point that starts there
   */
  record Line(String label, TrendSeries points, Map<String, String> marks, Map<String, ChangePoint> changes) {
    Line(String label, TrendSeries points, Map<String, String> marks) {
      this(label, points, marks, Map.of());
    }
  }

  /**
   * Adds the chart of one metric and writes its element and its note.
   *
   * @return the number of points drawn
   */
  static int chart(
      StringBuilder out, Charts charts, MetricRef metric, String title, List<Line> lines, int budget) {
    int perLine = Math.max(MIN_PER_LINE, budget / Math.max(1, lines.size()));
    record Drawn(Instant time, int line, int index) {}
    List<Drawn> drawn = new ArrayList<>();
    int total = 0;
    int kept = 0;
    for (int l = 0; l < lines.size(); l++) {
      Line line = lines.get(l);
      total += line.points().size();
      TreeSet<Integer> keep = keep(line.points(), line.marks(), line.changes(), perLine);
      kept += keep.size();
      for (int i : keep) {
        drawn.add(new Drawn(line.points().time(i), l, i));
      }
    }
    drawn.sort(Comparator.comparing(Drawn::time).thenComparingInt(Drawn::line).thenComparingInt(Drawn::index));
    List<Double> x = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<List<Double>> values = new ArrayList<>();
    List<List<Double>> averages = new ArrayList<>();
    List<Double> marked = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    boolean anyMark = false;
    List<Double> shifted = new ArrayList<>();
    List<String> shifts = new ArrayList<>();
    boolean anyShift = false;
    for (int l = 0; l < lines.size(); l++) {
      values.add(new ArrayList<>());
      averages.add(new ArrayList<>());
    }
    for (Drawn d : drawn) {
      TrendSeries points = lines.get(d.line()).points();
      Object runId = points.runId(d.index());
      x.add(Html.seconds(java.time.Duration.between(Instant.EPOCH, d.time())));
      ids.add(runId == null ? null : String.valueOf(runId));
      counts.add(points.count(d.index()));
      for (int l = 0; l < lines.size(); l++) {
        values.get(l).add(l == d.line() ? points.value(d.index()) : null);
        averages.get(l).add(l == d.line() ? points.movingAverage(d.index()) : null);
      }
      String mark = runId == null ? null : lines.get(d.line()).marks().get(String.valueOf(runId));
      marked.add(mark == null ? null : points.value(d.index()));
      evidence.add(mark);
      anyMark |= mark != null;
      ChangePoint change = runId == null ? null : lines.get(d.line()).changes().get(String.valueOf(runId));
      shifted.add(change == null ? null : points.value(d.index()));
      shifts.add(change == null ? null : shiftText(change));
      anyShift |= change != null;
    }
    List<Map<String, Object>> series = new ArrayList<>();
    for (int l = 0; l < lines.size(); l++) {
      series.add(Charts.series(lines.get(l).label(), values.get(l), "values", l));
      if (averages.get(l).stream().anyMatch(Objects::nonNull)) {
        series.add(Charts.series(lines.get(l).label() + " moving average", averages.get(l), "average", l));
      }
    }
    if (anyMark) {
      Map<String, Object> marks = Charts.series("regressed", marked, "marks", 0);
      marks.put("evidence", evidence);
      series.add(marks);
    }
    if (anyShift) {
      Map<String, Object> changes = Charts.series("level shifts", shifted, "changes", 3);
      changes.put("evidence", shifts);
      series.add(changes);
    }
    String note =
        kept == total
            ? null
            : "Showing " + kept + " of " + total + " points: each series of more than " + perLine
                + " points is split into equal slices of consecutive points, and the first, lowest,"
                + " highest and last point of each slice are drawn, with every flagged run. The"
                + " statistics cover every point.";
    String id =
        charts.lines(
            title,
            metric.info().unit(),
            RunFacts.word(metric.info().better()),
            x,
            ids,
            counts,
            series,
            note);
    Charts.element(
        out,
        id,
        "line chart of "
            + metric.name()
            + " over time"
            + (lines.size() > 1 ? ", one line per group" : "")
            + "; its data is in the table below it");
    if (note != null) {
      out.append("<p class=\"note\" data-thinned=\"").append(kept).append('/').append(total).append("\">")
          .append(Html.text(note)).append("</p>\n");
    }
    return kept;
  }

  /** A change point in one line: {@code level shift: 1458 -> 1820 s (+24.8%), regressed, p = 0.00019}. */
  static String shiftText(ChangePoint change) {
    String unit = change.metric().info().unit().isEmpty() ? "" : " " + change.metric().info().unit();
    return "level shift: "
        + Html.display(change.meanBefore())
        + " \u2192 "
        + Html.display(change.meanAfter())
        + unit
        + " ("
        + RunFacts.percent(change.relativeChange())
        + "), "
        + RunFacts.word(change.change())
        + ", p = "
        + Html.display(change.pValue())
        + (change.open() ? ", still at the new level" : "");
  }

  /** Writes the table of change points, or a sentence when there are none. */
  static void changeTable(StringBuilder out, List<ChangePoint> changes, boolean withGroup) {
    out.append("<h2>Change points</h2>\n");
    if (changes.isEmpty()) {
      out.append("<p class=\"changes-none\">No metric's level shifted (E-divisive means, Student's t-test, p < 0.001 after")
          .append(" correction).</p>\n");
      return;
    }
    out.append("<div class=\"wide\"><table class=\"changes sortable\">\n<thead><tr><th>metric</th>");
    if (withGroup) {
      out.append("<th>group</th>");
    }
    out.append("<th>run</th><th>time</th><th class=\"num\">mean before</th><th class=\"num\">runs</th>")
        .append("<th class=\"num\">mean after</th><th class=\"num\">runs</th><th class=\"num\">change</th>")
        .append("<th>direction</th><th class=\"num\">p</th><th>open</th></tr></thead>\n<tbody>\n");
    for (ChangePoint change : changes) {
      String direction = change.change().name().toLowerCase(Locale.ROOT);
      out.append("<tr data-metric=\"").append(Html.text(change.metric().name())).append("\" data-run=\"")
          .append(Html.text(String.valueOf(change.runId()))).append("\"><td>")
          .append(Html.text(change.metric().name())).append("</td>");
      if (withGroup) {
        out.append("<td>").append(Html.text(groupText(change.group()))).append("</td>");
      }
      out.append("<td class=\"id\">").append(Html.text(String.valueOf(change.runId()))).append("</td><td>")
          .append(Html.text(change.time().toString())).append("</td>")
          .append(Html.cell(change.meanBefore())).append("<td class=\"num\">").append(change.runsBefore()).append("</td>")
          .append(Html.cell(change.meanAfter())).append("<td class=\"num\">").append(change.runsAfter()).append("</td>")
          .append("<td class=\"num verdict-").append(direction).append("\" data-sort=\"")
          .append(change.relativeChange() == null ? "" : Html.number(change.relativeChange())).append("\">")
          .append(RunFacts.percent(change.relativeChange())).append("</td><td class=\"verdict-").append(direction)
          .append("\">").append(RunFacts.word(change.change())).append("</td>").append(Html.cell(change.pValue()))
          .append("<td>").append(change.open() ? "open" : "").append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  /** A change point in the data island. */
  static Map<String, Object> changeData(ChangePoint change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("metric", change.metric().name());
    data.put("group", groupText(change.group()));
    data.put("run", String.valueOf(change.runId()));
    data.put("time", change.time().toString());
    data.put("runsBefore", change.runsBefore());
    data.put("meanBefore", change.meanBefore());
    data.put("stddevBefore", change.stddevBefore());
    data.put("runsAfter", change.runsAfter());
    data.put("meanAfter", change.meanAfter());
    data.put("stddevAfter", change.stddevAfter());
    data.put("relativeChange", change.relativeChange());
    data.put("direction", RunFacts.word(change.change()));
    data.put("pValue", change.pValue());
    data.put("open", change.open());
    return data;
  }

  private static String groupText(Map<String, Object> group) {
    List<String> parts = new ArrayList<>();
    group.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  /** The indexes of the points a series draws. */
  static TreeSet<Integer> keep(TrendSeries points, Map<String, String> marks, Map<String, ChangePoint> changes, int max) {
    TreeSet<Integer> keep = new TreeSet<>();
    int n = points.size();
    if (n <= max) {
      for (int i = 0; i < n; i++) {
        keep.add(i);
      }
      return keep;
    }
    int slices = max / 4;
    for (int s = 0; s < slices; s++) {
      int from = (int) ((long) s * n / slices);
      int to = (int) ((long) (s + 1) * n / slices);
      int low = from;
      int high = from;
      for (int i = from; i < to; i++) {
        if (points.value(i) < points.value(low)) {
          low = i;
        }
        if (points.value(i) > points.value(high)) {
          high = i;
        }
      }
      keep.add(from);
      keep.add(low);
      keep.add(high);
      keep.add(to - 1);
    }
    for (int i = 0; i < n; i++) {
      Object id = points.runId(i);
      if (id != null && (marks.containsKey(String.valueOf(id)) || changes.containsKey(String.valueOf(id)))) {
        keep.add(i);
      }
    }
    return keep;
  }

  /** One row of a trend table: a metric, a group and its summary. */
  record Row(String metric, String group, TrendSummary summary) {}

  /** Writes the table of trend summaries. */
  static void table(StringBuilder out, List<Row> rows, boolean withGroup) {
    out.append("<div class=\"wide\"><table class=\"trends sortable\">\n<thead><tr><th>metric</th>");
    if (withGroup) {
      out.append("<th>group</th>");
    }
    out.append("<th class=\"num\">points</th><th class=\"num\">mean</th><th class=\"num\">median</th>")
        .append("<th class=\"num\">sd</th><th class=\"num\">min</th><th class=\"num\">max</th>")
        .append("<th class=\"num\">slope / day</th><th class=\"num\">r\u00b2</th>")
        .append("<th class=\"num\">first</th><th class=\"num\">last</th>")
        .append("<th class=\"num\">first \u2192 last</th><th>direction</th></tr></thead>\n<tbody>\n");
    for (Row row : rows) {
      TrendSummary s = row.summary();
      out.append("<tr data-metric=\"").append(Html.text(row.metric())).append('"');
      if (withGroup) {
        out.append(" data-group=\"").append(Html.text(row.group())).append('"');
      }
      out.append("><td>").append(Html.text(row.metric())).append("</td>");
      if (withGroup) {
        out.append("<td>").append(Html.text(row.group())).append("</td>");
      }
      out.append("<td class=\"num\">").append(s.points()).append("</td>");
      for (Double value :
          new Double[] {s.mean(), s.median(), s.stddev(), s.min(), s.max(), s.slopePerDay(), s.rSquared(), s.first(), s.last()}) {
        out.append(Html.cell(value));
      }
      out.append("<td class=\"num\" data-sort=\"")
          .append(s.change() == null ? "" : Html.number(s.change()))
          .append("\">")
          .append(RunFacts.percent(s.change()))
          .append("</td><td class=\"")
          .append(directionClass(s.direction()))
          .append("\">")
          .append(RunFacts.word(s.direction()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  /** A summary in the data island. */
  static Map<String, Object> data(String metric, String group, TrendSummary s) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("metric", metric);
    data.put("group", group);
    data.put("points", s.points());
    data.put("mean", s.mean());
    data.put("median", s.median());
    data.put("stddev", s.stddev());
    data.put("min", s.min());
    data.put("max", s.max());
    data.put("slopePerDay", s.slopePerDay());
    data.put("rSquared", s.rSquared());
    data.put("fittedChange", s.fittedChange());
    data.put("first", s.first());
    data.put("last", s.last());
    data.put("change", s.change());
    data.put("threshold", s.threshold());
    data.put("direction", RunFacts.word(s.direction()));
    return data;
  }

  /**
   * The insights of a set of trends: the trend that improved most and the one that most needs
   * attention (the largest fitted change each way), and how many trends go each way.
   */
  static void insights(StringBuilder out, List<Row> rows) {
    Row best = null;
    Row worst = null;
    int improving = 0;
    int degrading = 0;
    for (Row row : rows) {
      TrendSummary s = row.summary();
      if (s.direction() == TrendDirection.IMPROVING) {
        improving++;
        if (best == null || size(s) > size(best.summary())) {
          best = row;
        }
      } else if (s.direction() == TrendDirection.DEGRADING) {
        degrading++;
        if (worst == null || size(s) > size(worst.summary())) {
          worst = row;
        }
      }
    }
    out.append("<h2>Insights</h2>\n<ul class=\"insights\">\n");
    out.append("<li data-insight=\"counts\">")
        .append(improving)
        .append(" improving, ")
        .append(degrading)
        .append(" degrading, ")
        .append(rows.size() - improving - degrading)
        .append(" stable or without a direction, of ")
        .append(rows.size())
        .append(rows.size() == 1 ? " trend" : " trends")
        .append(".</li>\n");
    insight(out, "most-improved", "Most improved", best, "verdict-improved");
    insight(out, "needs-attention", "Needs attention", worst, "verdict-regressed");
    out.append("</ul>\n");
  }

  private static void insight(StringBuilder out, String key, String label, Row row, String cls) {
    out.append("<li data-insight=\"").append(key).append("\">").append(label).append(": ");
    if (row == null) {
      out.append("none.</li>\n");
      return;
    }
    TrendSummary s = row.summary();
    out.append("<span class=\"").append(cls).append("\">").append(Html.text(row.metric()));
    if (row.group() != null && !row.group().isEmpty()) {
      out.append(" (").append(Html.text(row.group())).append(')');
    }
    out.append("</span>, the fitted line moved ")
        .append(s.fittedChange() == null ? "away from a mean of 0" : RunFacts.percent(s.fittedChange()))
        .append(" over ")
        .append(s.points())
        .append(" points (r\u00b2 ")
        .append(s.rSquared() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.rSquared()))
        .append(").</li>\n");
  }

  private static double size(TrendSummary s) {
    return s.fittedChange() == null ? Double.POSITIVE_INFINITY : Math.abs(s.fittedChange());
  }

  private static String directionClass(TrendDirection direction) {
    return switch (direction) {
      case IMPROVING -> "verdict-improved";
      case DEGRADING -> "verdict-regressed";
      case RISING, FALLING -> "verdict-changed";
      default -> "muted";
    };
  }
}

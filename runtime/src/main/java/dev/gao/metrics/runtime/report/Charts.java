package dev.gao.metrics.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of a page, as the page script draws them from the data island's {@code charts} list.
 * Each chart is drawn into the element whose id is the chart's {@code id}:
 *
 * <ul>
 *   <li>{@code bars}: one bar per label, {@code x} the labels' indexes, each series a list of values
 *       in label order;
 *   <li>{@code lines}: {@code x} the points' times in seconds since the epoch, {@code ids} the run
 *       of each point (null for a point that stands for several runs, whose {@code counts} entry
 *       says how many; {@code counts} is null when every point is one run), and series of role {@code values} (points joined by a line), {@code
 *       average} (a dashed line), {@code marks} (large open circles with an {@code evidence} text per
 *       point) or {@code changes} (filled dots where a change point starts, with an {@code evidence}
 *       text), null where a series has no point at that time.
 * </ul>
 */
final class Charts {
  private final List<Map<String, Object>> charts = new ArrayList<>();

  /** The charts added so far, for the data island. */
  List<Map<String, Object>> list() {
    return charts;
  }

  /** The id the next chart gets. */
  String nextId() {
    return "chart-" + charts.size();
  }

  /**
   * Adds a bar chart.
   *
   * @param title the chart's title
   * @param unit the values' unit, or empty
   * @param labels one label per bar group
   * @param series label to values, in label order
   * @return the chart's id
   */
  String bars(String title, String unit, List<String> labels, Map<String, List<Double>> series) {
    Map<String, Object> chart = start("bars", title, unit);
    List<Integer> x = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      x.add(i);
    }
    chart.put("x", x);
    chart.put("labels", labels);
    List<Map<String, Object>> list = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
      list.add(series(entry.getKey(), entry.getValue(), "values", colour++));
    }
    chart.put("series", list);
    charts.add(chart);
    return (String) chart.get("id");
  }

  /**
   * Adds a line chart over time.
   *
   * @param title the chart's title
   * @param unit the values' unit, or empty
   * @param better the metric's better direction, lower case
   * @param x the points' times, seconds since the epoch
   * @param ids the run of each point, or null for a point of several runs
   * @param counts the number of runs of each point
   * @param series the series, made with {@link #series}
   * @param note what the chart shows, when it is not every run (or null)
   * @return the chart's id
   */
  String lines(
      String title,
      String unit,
      String better,
      List<Double> x,
      List<String> ids,
      List<Long> counts,
      List<Map<String, Object>> series,
      String note) {
    Map<String, Object> chart = start("lines", title, unit);
    chart.put("better", better);
    chart.put("x", x);
    chart.put("ids", ids);
    // a chart of one run per point leaves its counts out
    chart.put("counts", counts.stream().allMatch(c -> c == 1) ? null : counts);
    chart.put("series", series);
    chart.put("note", note);
    charts.add(chart);
    return (String) chart.get("id");
  }

  /**
   * One series of a chart.
   *
   * @param label its name in the legend
   * @param values its values, null where it has none
   * @param role {@code values}, {@code average} or {@code marks}
   * @param colour its palette index
   * @return the series
   */
  static Map<String, Object> series(String label, List<Double> values, String role, int colour) {
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("label", label);
    series.put("role", role);
    series.put("colour", colour);
    series.put("values", values);
    return series;
  }

  private Map<String, Object> start(String kind, String title, String unit) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("id", nextId());
    chart.put("kind", kind);
    chart.put("title", title);
    chart.put("unit", unit);
    return chart;
  }

  /**
   * The element a chart is drawn into, described for readers without the picture.
   *
   * @param out where the element goes
   * @param id the chart's id
   * @param description what the chart shows
   */
  static void element(StringBuilder out, String id, String description) {
    out.append("<div class=\"chart\" id=\"")
        .append(id)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.text(description))
        .append("\"></div>\n");
  }
}

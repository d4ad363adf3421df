package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.MetricRef;
import dev.gao.metrics.runtime.analytics.RunDetail;
import dev.gao.metrics.runtime.analytics.RunModel;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The report of one run as one self-contained HTML page: the run's facts (id, dimensions, status,
 * start, finish, duration and its other columns), a summary, every metric grouped by its table with
 * unit and direction, each JSON map metric as a table and a bar chart, and the rows of each child
 * table with several rows per run summed by each of its text columns. Works for any {@link
 * RunModel}: names, units and directions come from the model's metric metadata.
 *
 * <p>The page holds its stylesheet, uPlot's script and stylesheet (with uPlot's MIT license as a
 * comment) and its data, a JSON object in {@code <script id="report-data"
 * type="application/json">}: {@code title}; {@code run} with {@code id}, {@code start}, {@code
 * finish}, {@code durationSeconds}, {@code status}, {@code failed} and {@code facts} (a list of
 * {@code name}, {@code value} text); {@code metrics}, a list per table of {@code table} and {@code
 * metrics} (each {@code name}, {@code column}, {@code value}, {@code unit}, {@code better}); {@code
 * maps} (each {@code metric}, {@code unit}, {@code better}, {@code keys}, {@code values}); and
 * {@code breakdowns} (each {@code table}, {@code by}, {@code columns} and {@code rows} of {@code
 * key} and {@code values}); and {@code charts}, the bar chart of each map with values, as the page
 * script draws it. Every value is the one {@link Analytics#runDetail} returns. The same
 * data and options give the same bytes: nothing on the page depends on when it was rendered unless
 * a rendering time is passed in.
 */
public final class RunReport {
  private final Analytics analytics;

  /**
   * Creates the reports of the runs {@code analytics} reads.
   *
   * @param analytics the analytics over a database
   */
  public RunReport(Analytics analytics) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
  }

  /**
   * Renders the report of a run.
   *
   * @param runId the run's id
   * @param title the page's title, or null for {@code Run <id>}
   * @param renderedAt the time to print as the rendering time, or null to print none
   * @return the page
   * @throws RunNotFoundException if there is no such run
   */
  public String render(Object runId, String title, Instant renderedAt) {
    return render(runId, title, renderedAt, null);
  }

  /** Renders the report of a run with links to the pages around it (HTML), or none. */
  String render(Object runId, String title, Instant renderedAt, String nav) {
    StringBuilder page = new StringBuilder(128 * 1024);
    RunDetail detail = analytics.runDetail(runId);
    new Page(analytics.model(), detail, title, renderedAt, nav).write(page);
    return page.toString();
  }

  /**
   * Renders the report of a run to {@code out}.
   *
   * @param runId the run's id
   * @param title the page's title, or null for {@code Run <id>}
   * @param renderedAt the time to print as the rendering time, or null to print none
   * @param out where the page goes; not closed
   * @throws RunNotFoundException if there is no such run
   * @throws UncheckedIOException if writing fails
   */
  public void write(Object runId, String title, Instant renderedAt, Writer out) {
    String page = render(runId, title, renderedAt);
    try {
      out.write(page);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One page being written. */
  private static final class Page {
    private final RunModel model;
    private final RunDetail detail;
    private final RunRow run;
    private final String title;
    private final Instant renderedAt;
    private final Charts charts = new Charts();
    private final String nav;

    Page(RunModel model, RunDetail detail, String title, Instant renderedAt, String nav) {
      this.nav = nav;
      this.model = model;
      this.detail = detail;
      this.run = detail.run().run();
      this.title = title != null ? title : "Run " + run.id();
      this.renderedAt = renderedAt;
    }

    void write(StringBuilder out) {
      Map<String, Object> data = data();
      StringBuilder body = new StringBuilder(64 * 1024);
      facts(body, data);
      summary(body);
      metrics(body);
      maps(body);
      breakdowns(body);
      data.put("charts", charts.list());
      ReportPage.write(out, title, nav, body, data);
    }

    private void facts(StringBuilder out, Map<String, Object> data) {
      out.append("<h2>Run</h2>\n<table class=\"facts\">\n<tbody>\n");
      @SuppressWarnings("unchecked")
      Map<String, Object> runData = (Map<String, Object>) data.get("run");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> facts = (List<Map<String, Object>>) runData.get("facts");
      for (Map<String, Object> fact : facts) {
        String name = (String) fact.get("name");
        String value = (String) fact.get("value");
        String cls =
            name.equals(model.statusColumn().orElse(null)) && Boolean.TRUE.equals(runData.get("failed"))
                ? " class=\"status-failed\""
                : "";
        out.append("<tr data-fact=\"")
            .append(Html.text(name))
            .append("\"><th>")
            .append(Html.text(name))
            .append("</th><td")
            .append(cls)
            .append('>')
            .append(value == null ? "<span class=\"muted\">-</span>" : Html.text(value))
            .append("</td></tr>\n");
      }
      if (renderedAt != null) {
        out.append("<tr data-fact=\"rendered\"><th>rendered</th><td>")
            .append(Html.text(renderedAt.toString()))
            .append("</td></tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }

    private void summary(StringBuilder out) {
      long metricColumns = model.metrics().values().stream().filter(m -> !m.isMap()).count();
      long withValue = detail.values().keySet().stream().filter(m -> m.key() == null).count();
      out.append("<h2>Summary</h2>\n<p class=\"summary\">");
      String status = model.statusColumn().map(c -> String.valueOf(run.get(c))).orElse(null);
      if (status != null) {
        out.append("Status ").append(Html.text(status)).append(". ");
      }
      Duration duration = RunFacts.duration(model, run);
      if (duration != null) {
        out.append("Took ").append(Html.text(Html.duration(duration))).append(". ");
      }
      out.append(withValue)
          .append(" of ")
          .append(metricColumns)
          .append(" metrics have a value");
      long mapKeys = detail.values().keySet().stream().filter(m -> m.key() != null).count();
      if (mapKeys > 0) {
        out.append(", and ").append(mapKeys).append(mapKeys == 1 ? " map key" : " map keys");
      }
      out.append(".</p>\n");
    }

    private void metrics(StringBuilder out) {
      out.append("<h2>Metrics</h2>\n");
      for (Map.Entry<String, List<MetricRef>> table : byTable().entrySet()) {
        out.append("<h3>")
            .append(Html.text(table.getKey()))
            .append("</h3>\n");
        if (table.getValue().get(0).manyPerRun()) {
          int rows = detail.run().rows(table.getKey()).size();
          out.append("<p class=\"muted\">Summed over the run's ")
              .append(rows)
              .append(rows == 1 ? " row" : " rows")
              .append(" in this table.</p>\n");
        }
        out.append("<table class=\"metrics sortable\" data-table=\"")
            .append(Html.text(table.getKey()))
            .append("\">\n<thead><tr><th>metric</th><th class=\"num\">value</th><th>unit</th>")
            .append("<th>better</th></tr></thead>\n<tbody>\n");
        for (MetricRef metric : table.getValue()) {
          Double value = detail.values().get(metric);
          Better better = metric.info().better();
          out.append("<tr data-metric=\"")
              .append(Html.text(metric.name()))
              .append("\"><td>")
              .append(Html.text(metric.column().name()))
              .append("</td><td class=\"num\">")
              .append(value == null ? "-" : Html.number(value))
              .append("</td><td>")
              .append(Html.text(metric.info().unit()))
              .append("</td><td class=\"better-")
              .append(better.name().toLowerCase(java.util.Locale.ROOT))
              .append("\">")
              .append(RunFacts.betterText(better))
              .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
      }
    }

    private void maps(StringBuilder out) {
      List<MapValues> maps = mapValues();
      if (maps.isEmpty()) {
        return;
      }
      out.append("<h2>Breakdowns</h2>\n");
      for (MapValues map : maps) {
        out.append("<h3>")
            .append(Html.text(map.metric().name()))
            .append("</h3>\n");
        if (map.values().isEmpty()) {
          out.append("<p class=\"muted\">No values.</p>\n");
          continue;
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("value", List.copyOf(map.values().values()));
        String id =
            charts.bars(
                map.metric().name(),
                map.metric().info().unit(),
                List.copyOf(map.values().keySet()),
                series);
        Charts.element(
            out, id, "bar chart of " + map.metric().name() + "; its data is the table below");
        out.append("<table class=\"map sortable\" data-map=\"")
            .append(Html.text(map.metric().name()))
            .append("\">\n<thead><tr><th>key</th><th class=\"num\">")
            .append(Html.text(unitOr(map.metric(), "value")))
            .append("</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Double> entry : map.values().entrySet()) {
          out.append("<tr data-key=\"")
              .append(Html.text(entry.getKey()))
              .append("\"><td>")
              .append(Html.text(entry.getKey()))
              .append("</td><td class=\"num\">")
              .append(Html.number(entry.getValue()))
              .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
      }
    }

    private void breakdowns(StringBuilder out) {
      for (Breakdown breakdown : breakdownValues()) {
        out.append("<h3>")
            .append(Html.text(breakdown.table()))
            .append(" by ")
            .append(Html.text(breakdown.by()))
            .append("</h3>\n<table class=\"breakdown sortable\" data-table=\"")
            .append(Html.text(breakdown.table()))
            .append("\" data-by=\"")
            .append(Html.text(breakdown.by()))
            .append("\">\n<thead><tr><th>")
            .append(Html.text(breakdown.by()))
            .append("</th>");
        for (MetricRef metric : breakdown.metrics()) {
          out.append("<th class=\"num\">")
              .append(Html.text(metric.column().name()))
              .append(metric.info().unit().isEmpty() ? "" : " (" + Html.text(metric.info().unit()) + ")")
              .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, List<Double>> row : breakdown.rows().entrySet()) {
          out.append("<tr data-key=\"")
              .append(Html.text(row.getKey()))
              .append("\"><td>")
              .append(Html.text(row.getKey()))
              .append("</td>");
          for (Double value : row.getValue()) {
            out.append("<td class=\"num\">").append(Html.number(value)).append("</td>");
          }
          out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
      }
    }

    /** The page's data island. */
    private Map<String, Object> data() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("title", title);
      Map<String, Object> runData = new LinkedHashMap<>();
      runData.put("id", String.valueOf(run.id()));
      runData.put("start", timeText(run.get(model.timeColumn())));
      runData.put("finish", model.finishColumn().map(c -> timeText(run.get(c))).orElse(null));
      Duration duration = RunFacts.duration(model, run);
      runData.put("durationSeconds", duration == null ? null : Html.seconds(duration));
      String status = model.statusColumn().map(c -> RunFacts.text(run.get(c))).orElse(null);
      runData.put("status", status);
      runData.put("failed", status != null && model.failedStatuses().contains(status));
      runData.put("facts", RunFacts.facts(model, run));
      data.put("run", runData);
      List<Map<String, Object>> tables = new ArrayList<>();
      for (Map.Entry<String, List<MetricRef>> table : byTable().entrySet()) {
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (MetricRef metric : table.getValue()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", metric.name());
          m.put("column", metric.column().name());
          m.put("value", detail.values().get(metric));
          m.put("unit", metric.info().unit());
          m.put("better", metric.info().better().name().toLowerCase(java.util.Locale.ROOT));
          metrics.add(m);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("table", table.getKey());
        t.put("metrics", metrics);
        tables.add(t);
      }
      data.put("metrics", tables);
      List<Map<String, Object>> maps = new ArrayList<>();
      for (MapValues map : mapValues()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", map.metric().name());
        m.put("unit", map.metric().info().unit());
        m.put("better", map.metric().info().better().name().toLowerCase(java.util.Locale.ROOT));
        m.put("keys", List.copyOf(map.values().keySet()));
        m.put("values", List.copyOf(map.values().values()));
        maps.add(m);
      }
      data.put("maps", maps);
      List<Map<String, Object>> breakdowns = new ArrayList<>();
      for (Breakdown breakdown : breakdownValues()) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("table", breakdown.table());
        b.put("by", breakdown.by());
        b.put("columns", breakdown.metrics().stream().map(m -> m.column().name()).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        breakdown
            .rows()
            .forEach(
                (key, values) -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("key", key);
                  row.put("values", values);
                  rows.add(row);
                });
        b.put("rows", rows);
        breakdowns.add(b);
      }
      data.put("breakdowns", breakdowns);
      return data;
    }

    private static String timeText(Object value) {
      return value == null ? null : value.toString();
    }

    /** The number metrics (not the maps) by table, in model order. */
    private Map<String, List<MetricRef>> byTable() {
      Map<String, List<MetricRef>> tables = new LinkedHashMap<>();
      for (MetricRef metric : model.metrics().values()) {
        if (!metric.isMap()) {
          tables.computeIfAbsent(metric.table(), t -> new ArrayList<>()).add(metric);
        }
      }
      return tables;
    }

    /** Each JSON map metric of the model with the run's value of each key, keys as read. */
    private List<MapValues> mapValues() {
      List<MapValues> maps = new ArrayList<>();
      for (MetricRef metric : model.metrics().values()) {
        if (!metric.isMap()) {
          continue;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        detail
            .values()
            .forEach(
                (ref, value) -> {
                  if (ref.key() != null && ref.table().equals(metric.table())
                      && ref.column().name().equals(metric.column().name())) {
                    values.put(ref.key(), value);
                  }
                });
        maps.add(new MapValues(metric, values));
      }
      return maps;
    }

    /**
     * For each child table with several rows per run, the sums of its number metrics per value of
     * each of its plain text columns (the rows that have no value in that column under "-").
     */
    private List<Breakdown> breakdownValues() {
      List<Breakdown> breakdowns = new ArrayList<>();
      for (Map.Entry<String, List<Map<String, Object>>> child : detail.run().children().entrySet()) {
        TableInfo table =
            model.schema().tables().stream()
                .filter(t -> t.name().equals(child.getKey()))
                .findFirst()
                .orElseThrow();
        List<MetricRef> metrics =
            model.metrics().values().stream()
                .filter(m -> m.table().equals(table.name()) && m.manyPerRun() && !m.isMap())
                .toList();
        if (metrics.isEmpty() || child.getValue().isEmpty()) {
          continue;
        }
        String runColumn = model.childTables().get(table.name()).column();
        for (ColumnInfo column : table.columns()) {
          if (!column.sqlType().equalsIgnoreCase("TEXT")
              || column.json()
              || column.metric() != null
              || column.name().equals(runColumn)
              || table.primaryKey().contains(column.name())
              || column.javaType().startsWith("java.time.")) {
            continue;
          }
          Map<String, BigDecimal[]> sums = new TreeMap<>(RunReport::byCodePoint);
          for (Map<String, Object> row : child.getValue()) {
            Object key = row.get(column.name());
            BigDecimal[] totals =
                sums.computeIfAbsent(key == null ? "-" : key.toString(), k -> zeros(metrics.size()));
            for (int i = 0; i < metrics.size(); i++) {
              Object value = row.get(metrics.get(i).column().name());
              if (value instanceof Number number) {
                totals[i] = totals[i].add(new BigDecimal(number.toString()));
              }
            }
          }
          Map<String, List<Double>> rows = new LinkedHashMap<>();
          sums.forEach(
              (key, totals) -> {
                List<Double> values = new ArrayList<>();
                for (BigDecimal total : totals) {
                  values.add(total.doubleValue());
                }
                rows.put(key, values);
              });
          breakdowns.add(new Breakdown(table.name(), column.name(), metrics, rows));
        }
      }
      return breakdowns;
    }

    private static BigDecimal[] zeros(int size) {
      BigDecimal[] zeros = new BigDecimal[size];
      java.util.Arrays.fill(zeros, BigDecimal.ZERO);
      return zeros;
    }

    private static String unitOr(MetricRef metric, String fallback) {
      return metric.info().unit().isEmpty() ? fallback : metric.info().unit();
    }
  }

  private static int byCodePoint(String left, String right) {
    return java.util.Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
  }

  private static String json(Object value) {
    return ReportPage.json(value);
  }

  /** A JSON map metric with the run's value of each key. */
  private record MapValues(MetricRef metric, Map<String, Double> values) {}

  /** A child table's number metrics summed per value of one of its text columns. */
  private record Breakdown(
      String table, String by, List<MetricRef> metrics, Map<String, List<Double>> rows) {}
}

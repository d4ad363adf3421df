package dev.gao.metrics.runtime.report;

import dev.gao.metrics.runtime.analytics.Analytics;
import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.MetricDelta;
import dev.gao.metrics.runtime.analytics.RunComparison;
import dev.gao.metrics.runtime.analytics.RunModel;
import dev.gao.metrics.runtime.analytics.RunRow;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The comparison of two runs as one self-contained HTML page: both runs' facts side by side, the
 * number of metrics that improved, regressed, stayed within their threshold, changed (a metric
 * without a direction) or are missing, every metric with both values, the absolute and relative
 * delta and the verdict (coloured by direction, and named), and a bar chart of the relative deltas.
 * Every number is the one {@link Analytics#compare} returns.
 *
 * <p>The data island ({@code <script id="report-data" type="application/json">}) holds {@code
 * title}; {@code baseline} and {@code candidate}, each {@code id}, {@code status}, {@code failed}
 * and {@code facts}; {@code counts}, verdict to number of metrics; {@code deltas}, each {@code
 * metric}, {@code unit}, {@code better}, {@code baseline}, {@code candidate}, {@code
 * absoluteDelta}, {@code relativeDelta}, {@code threshold} and {@code change}; and {@code charts}.
 */
public final class CompareReport {
  private final Analytics analytics;
  private final Function<Object, String> runLinks;

  /**
   * Creates the comparisons of the runs {@code analytics} reads.
   *
   * @param analytics the analytics over a database
   */
  public CompareReport(Analytics analytics) {
    this(analytics, id -> null);
  }

  CompareReport(Analytics analytics, Function<Object, String> runLinks) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
    this.runLinks = runLinks;
  }

  /**
   * Renders the comparison of two runs.
   *
   * @param baselineId the baseline run's id
   * @param candidateId the candidate run's id
   * @param thresholds the relative thresholds of the verdicts
   * @param title the page's title, or null for {@code Run <candidate> against <baseline>}
   * @param renderedAt the time to print as the rendering time, or null to print none
   * @return the page
   * @throws RunNotFoundException if either run does not exist
   */
  public String render(
      Object baselineId, Object candidateId, Thresholds thresholds, String title, Instant renderedAt) {
    RunComparison comparison = analytics.compare(baselineId, candidateId, thresholds);
    return render(comparison, title, renderedAt);
  }

  String render(RunComparison comparison, String title, Instant renderedAt) {
    return render(comparison, title, renderedAt, null);
  }

  /** Renders a comparison with links to the pages around it (HTML), or none. */
  String render(RunComparison comparison, String title, Instant renderedAt, String nav) {
    RunModel model = analytics.model();
    String heading =
        title != null
            ? title
            : "Run " + comparison.candidate().id() + " against " + comparison.baseline().id();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", heading);
    data.put("baseline", run(model, comparison.baseline()));
    data.put("candidate", run(model, comparison.candidate()));
    Map<Change, Integer> counts = new EnumMap<>(Change.class);
    for (Change change : Change.values()) {
      counts.put(change, 0);
    }
    comparison.deltas().forEach(d -> counts.merge(d.change(), 1, Integer::sum));
    Map<String, Object> countData = new LinkedHashMap<>();
    counts.forEach((change, count) -> countData.put(RunFacts.word(change), count));
    data.put("counts", countData);
    List<Map<String, Object>> deltas = new ArrayList<>();
    for (MetricDelta delta : comparison.deltas()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("metric", delta.metric().name());
      d.put("unit", delta.metric().info().unit());
      d.put("better", RunFacts.word(delta.metric().info().better()));
      d.put("baseline", delta.baseline());
      d.put("candidate", delta.candidate());
      d.put("absoluteDelta", delta.absoluteDelta());
      d.put("relativeDelta", delta.relativeDelta());
      d.put("threshold", delta.threshold());
      d.put("change", RunFacts.word(delta.change()));
      deltas.add(d);
    }
    data.put("deltas", deltas);

    StringBuilder body = new StringBuilder(64 * 1024);
    facts(body, model, comparison, renderedAt);
    body.append("<h2>Summary</h2>\n<p class=\"summary\">");
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (change, count) -> {
          if (count > 0) {
            parts.add(
                "<span class=\"verdict-"
                    + change.name().toLowerCase(java.util.Locale.ROOT)
                    + "\" data-count=\""
                    + RunFacts.word(change)
                    + "\">"
                    + count
                    + " "
                    + RunFacts.word(change)
                    + "</span>");
          }
        });
    body.append(parts.isEmpty() ? "No metric has a value in either run" : String.join(", ", parts))
        .append(" of ")
        .append(comparison.deltas().size())
        .append(comparison.deltas().size() == 1 ? " metric" : " metrics")
        .append(". A change counts beyond ")
        .append(RunFacts.percent(thresholds(comparison)).replace("+", ""))
        .append(" of the baseline.</p>\n");
    Charts charts = new Charts();
    chart(body, charts, comparison);
    table(body, comparison);
    data.put("charts", charts.list());
    StringBuilder out = new StringBuilder(128 * 1024);
    ReportPage.write(out, heading, nav, body, data);
    return out.toString();
  }

  /** The threshold most metrics had, for the summary line. */
  private static double thresholds(RunComparison comparison) {
    Map<Double, Integer> seen = new LinkedHashMap<>();
    comparison.deltas().forEach(d -> seen.merge(d.threshold(), 1, Integer::sum));
    return seen.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(Thresholds.DEFAULT.defaultThreshold());
  }

  private static Map<String, Object> run(RunModel model, RunRow run) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", String.valueOf(run.id()));
    data.put("status", RunFacts.status(model, run));
    data.put("failed", RunFacts.failed(model, run));
    data.put("facts", RunFacts.facts(model, run));
    return data;
  }

  private void facts(StringBuilder out, RunModel model, RunComparison comparison, Instant renderedAt) {
    List<Map<String, Object>> before = RunFacts.facts(model, comparison.baseline());
    List<Map<String, Object>> after = RunFacts.facts(model, comparison.candidate());
    out.append("<h2>Runs</h2>\n<table class=\"facts\">\n<thead><tr><th></th><th>baseline</th>")
        .append("<th>candidate</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < before.size(); i++) {
      String name = (String) before.get(i).get("name");
      out.append("<tr data-fact=\"").append(Html.text(name)).append("\"><th>").append(Html.text(name)).append("</th>");
      cell(out, model, name, comparison.baseline(), (String) before.get(i).get("value"));
      cell(out, model, name, comparison.candidate(), (String) after.get(i).get("value"));
      out.append("</tr>\n");
    }
    if (renderedAt != null) {
      out.append("<tr data-fact=\"rendered\"><th>rendered</th><td colspan=\"2\">")
          .append(Html.text(renderedAt.toString()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private void cell(StringBuilder out, RunModel model, String name, RunRow run, String value) {
    boolean failedStatus = name.equals(model.statusColumn().orElse(null)) && RunFacts.failed(model, run);
    out.append(failedStatus ? "<td class=\"status-failed\">" : "<td>");
    String link = name.equals(model.idColumn()) ? runLinks.apply(run.id()) : null;
    if (value == null) {
      out.append("<span class=\"muted\">-</span>");
    } else if (link != null) {
      out.append("<a href=\"").append(Html.text(link)).append("\">").append(Html.text(value)).append("</a>");
    } else {
      out.append(Html.text(value));
    }
    out.append("</td>");
  }

  private static void chart(StringBuilder out, Charts charts, RunComparison comparison) {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (MetricDelta delta : comparison.deltas()) {
      if (delta.relativeDelta() != null) {
        labels.add(delta.metric().name());
        values.add(delta.relativeDelta() * 100);
      }
    }
    if (labels.isEmpty()) {
      return;
    }
    out.append("<h2>Relative change</h2>\n");
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("change (%)", values);
    String id = charts.bars("Candidate against baseline, % of the baseline", "%", labels, series);
    Charts.element(
        out, id, "bar chart of each metric's relative change; the table below holds the same numbers");
  }

  private static void table(StringBuilder out, RunComparison comparison) {
    out.append("<h2>Metrics</h2>\n<div class=\"wide\"><table class=\"deltas sortable\">\n<thead><tr><th>metric</th>")
        .append("<th>unit</th><th>better</th><th class=\"num\">baseline</th>")
        .append("<th class=\"num\">candidate</th><th class=\"num\">delta</th>")
        .append("<th class=\"num\">delta %</th><th>verdict</th></tr></thead>\n<tbody>\n");
    for (MetricDelta delta : comparison.deltas()) {
      String change = delta.change().name().toLowerCase(java.util.Locale.ROOT);
      out.append("<tr id=\"")
          .append(RunFacts.anchor(delta.metric().name()))
          .append("\" data-metric=\"")
          .append(Html.text(delta.metric().name()))
          .append("\"><td>")
          .append(Html.text(delta.metric().name()))
          .append("</td><td>")
          .append(Html.text(delta.metric().info().unit()))
          .append("</td><td class=\"better-")
          .append(delta.metric().info().better().name().toLowerCase(java.util.Locale.ROOT))
          .append("\">")
          .append(RunFacts.betterText(delta.metric().info().better()))
          .append("</td>");
      number(out, delta.baseline());
      number(out, delta.candidate());
      number(out, delta.absoluteDelta());
      out.append("<td class=\"num\" data-sort=\"")
          .append(delta.relativeDelta() == null ? "" : Html.number(delta.relativeDelta()))
          .append("\">")
          .append(RunFacts.percent(delta.relativeDelta()))
          .append("</td><td class=\"verdict-")
          .append(change)
          .append("\">")
          .append(RunFacts.word(delta.change()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  private static void number(StringBuilder out, Double value) {
    out.append(Html.cell(value));
  }
}

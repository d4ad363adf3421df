package dev.gao.metrics.example.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a report's {@code charts} list in its data island: {@code {id, kind: "bars" |
 * "lines", title, unit, x: [...], series: [{label, values: [...], role}]}}, drawn into the element
 * with that {@code id}.
 */
record ChartSpec(String id, String kind, String title, String unit, List<JsonNode> x, List<Series> series) {

  /** One drawn series; a value is {@code null} where the series has no point. */
  record Series(String label, List<Double> values, String role) {}

  static List<ChartSpec> all(JsonNode data) {
    List<ChartSpec> charts = new ArrayList<>();
    for (JsonNode chart : data.path("charts")) {
      charts.add(of(chart));
    }
    return charts;
  }

  static ChartSpec of(JsonNode chart) {
    List<JsonNode> x = new ArrayList<>();
    chart.path("x").forEach(x::add);
    List<Series> series = new ArrayList<>();
    for (JsonNode one : chart.path("series")) {
      List<Double> values = new ArrayList<>();
      for (JsonNode value : one.path("values")) {
        values.add(value.isNull() ? null : value.asDouble());
      }
      series.add(new Series(one.path("label").asText(), values, one.path("role").asText(null)));
    }
    return new ChartSpec(
        chart.path("id").asText(null),
        chart.path("kind").asText(null),
        chart.path("title").asText(null),
        chart.path("unit").asText(null),
        x,
        series);
  }

  /** The number of values over all series that are not null: what {@code data-drawn-points} counts. */
  int points() {
    int points = 0;
    for (Series one : series) {
      for (Double value : one.values()) {
        if (value != null) {
          points++;
        }
      }
    }
    return points;
  }

  /** The x value at {@code index} as a reader sees it: a label or run id as it stands, a number as text. */
  String xText(int index) {
    JsonNode value = x.get(index);
    return value.isTextual() ? value.textValue() : value.asText();
  }
}

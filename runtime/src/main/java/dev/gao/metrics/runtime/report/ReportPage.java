package dev.gao.metrics.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The frame every report page shares: the head with its content security policy (nothing may be
 * fetched: no scripts, styles, images, fonts or connections from anywhere, the page's own inline
 * ones excepted), uPlot's and the reports' stylesheets, the body, the data island and the scripts.
 */
final class ReportPage {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Allows the page's inline scripts, styles and data-URL images, and nothing else. */
  static final String POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;"
          + " base-uri 'none'; form-action 'none'";

  private ReportPage() {}

  /**
   * Writes a whole page.
   *
   * @param out where the page goes
   * @param title the page's title, as text
   * @param body the body's HTML, after the heading
   * @param data the data island, written as JSON
   */
  static void write(StringBuilder out, String title, CharSequence body, Map<String, Object> data) {
    write(out, title, null, body, data);
  }

  /**
   * Writes a whole page with links to the pages around it above its heading.
   *
   * @param out where the page goes
   * @param title the page's title, as text
   * @param nav the links' HTML, or null for none
   * @param body the body's HTML, after the heading
   * @param data the data island, written as JSON
   */
  static void write(
      StringBuilder out, String title, String nav, CharSequence body, Map<String, Object> data) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(POLICY)
        .append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<title>")
        .append(Html.text(title))
        .append("</title>\n<style>\n")
        .append(ReportAssets.STYLE)
        .append('\n')
        .append(PageStyle.CSS)
        .append("</style>\n</head>\n<body>\n")
        .append(nav == null ? "" : "<nav class=\"crumbs\">" + nav + "</nav>\n")
        .append("<h1>")
        .append(Html.text(title))
        .append("</h1>\n")
        .append(body)
        .append("<script id=\"report-data\" type=\"application/json\">")
        .append(Html.scriptJson(json(data)))
        .append("</script>\n<script>\n/*\nuPlot ")
        .append(ReportAssets.UPLOT_VERSION)
        .append(", https://github.com/leeoniya/uPlot\n")
        .append(ReportAssets.LICENSE)
        .append("*/\n")
        .append(ReportAssets.SCRIPT)
        .append("\n</script>\n<script>\n")
        .append(PageStyle.SCRIPT)
        .append("</script>\n</body>\n</html>\n");
  }

  /** A value as JSON text. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data cannot be written as JSON: " + e.getMessage(), e);
    }
  }
}

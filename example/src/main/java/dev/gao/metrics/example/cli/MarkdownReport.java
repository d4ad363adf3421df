package dev.gao.metrics.example.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --format markdown}: a summary for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}.
 * A {@code ###} heading naming the command and what it checked, one line of counts (the count the
 * check looks for in bold when above 0), notes, then a GitHub-flavoured table of the listed
 * entries, or one sentence when there are none. Every text from the data is escaped: markdown's
 * punctuation with a backslash, line breaks as {@code <br>}, so that a cell stays one cell.
 */
final class MarkdownReport {
  /** The characters escaped with a backslash: those that start markup inside a line or a cell. */
  private static final String SPECIAL = "\\`*_[]<>|&~";

  private MarkdownReport() {}

  /**
   * Writes the summary.
   *
   * @param report the report
   * @param out where to write
   */
  static void write(CiReport report, PrintWriter out) {
    out.println("### gao-metrics " + report.command() + ": " + escape(report.subject()));
    out.println();
    List<String> counts = new ArrayList<>();
    for (CiReport.Count count : report.counts()) {
      counts.add(count.alarm() && count.count() > 0 ? "**" + escape(count.text()) + "**" : escape(count.text()));
    }
    out.println(String.join(", ", counts));
    for (String note : report.notes()) {
      out.println();
      out.println(escape(note));
    }
    out.println();
    List<CiReport.Entry> listed = report.entries().stream().filter(CiReport.Entry::listed).toList();
    if (listed.isEmpty()) {
      out.println(escape(report.nothingListed()));
      return;
    }
    boolean context = report.contextHeader() != null;
    List<String> header = new ArrayList<>();
    List<String> rule = new ArrayList<>();
    if (context) {
      header.add(escape(report.contextHeader()));
      rule.add("---");
    }
    header.addAll(List.of("metric", "unit", "better"));
    rule.addAll(List.of("---", "---", "---"));
    for (CiReport.Column column : report.columns()) {
      header.add(escape(column.header()));
      rule.add(column.numeric() ? "---:" : "---");
    }
    header.add("verdict");
    rule.add("---");
    out.println(row(header));
    out.println(row(rule));
    for (CiReport.Entry entry : listed) {
      List<String> cells = new ArrayList<>();
      if (context) {
        cells.add(escape(entry.context()));
      }
      cells.add(escape(entry.metric()));
      cells.add(escape(entry.unit()));
      cells.add(escape(entry.better()));
      entry.cells().forEach(cell -> cells.add(escape(cell)));
      cells.add(escape(entry.verdict()));
      out.println(row(cells));
    }
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  /**
   * Text as markdown shows it literally inside a line or a table cell: markup characters escaped
   * with a backslash ({@code |} as {@code \|}), line breaks as {@code <br>}.
   *
   * @param text the text, possibly null (empty)
   * @return the escaped text
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        escaped.append("<br>");
      } else {
        if (SPECIAL.indexOf(c) >= 0) {
          escaped.append('\\');
        }
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}

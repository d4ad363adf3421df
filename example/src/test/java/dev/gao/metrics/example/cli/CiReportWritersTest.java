package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The writers of the CI formats on hostile text: markdown's punctuation, pipes and line breaks in a
 * table cell, GitHub's escapes of {@code %}, CR, LF, {@code :} and {@code ,}, and characters XML
 * cannot hold, each read back by a real parser.
 */
class CiReportWritersTest {
  private static final String HOSTILE = "a|b *c* _d_ `e` <b>f</b> [g](h) &amp; \\ 50%, x:y\nsecond\r\nthird";

  private static CiReport report(String text) {
    CiReport.Entry entry = new CiReport.Entry(
        "gao-metrics.test." + text,
        text,
        text,
        text,
        "lower",
        List.of(text),
        text,
        CiReport.Outcome.FAILED,
        text,
        CiReport.Level.ERROR,
        text,
        true,
        text);
    return new CiReport(
        "test",
        text,
        List.of(new CiReport.Count(1, text, true), new CiReport.Count(0, "fine", false)),
        List.of(text),
        text,
        List.of(new CiReport.Column(text, false)),
        List.of(entry),
        "nothing",
        Map.of(text, text));
  }

  private static String write(CiReport report, String format) throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    switch (format) {
      case "markdown" -> MarkdownReport.write(report, out);
      case "junit" -> JunitReport.write(report, out);
      default -> GithubReport.write(report, out);
    }
    out.flush();
    return text.toString();
  }

  @Test
  void markdownKeepsHostileTextLiteralAndInOneCell() throws Exception {
    List<Extension> extensions = List.of(TablesExtension.create());
    String markdown = write(report(HOSTILE), "markdown");
    Document html = Jsoup.parse(HtmlRenderer.builder().extensions(extensions).build()
        .render(Parser.builder().extensions(extensions).build().parse(markdown)));
    String shown = HOSTILE.replace("\r\n", " ").replace("\n", " ");
    assertEquals("gao-metrics test: " + shown, html.select("h3").text());
    assertEquals("1 " + shown, html.select("p strong").text());
    List<Element> cells = html.select("table tbody tr td");
    assertEquals(6, cells.size(), "history, metric, unit, better, one column, verdict: " + html.html());
    for (int i : new int[] {0, 1, 2, 4, 5}) {
      Element cell = cells.get(i);
      assertEquals(shown, cell.text(), "cell " + i + ": " + cell.outerHtml());
      assertEquals(2, cell.select("br").size(), "line breaks kept as <br>");
      assertEquals(0, cell.select("b, em, strong, code, a").size(), "no markup from the data: " + cell.outerHtml());
    }
    assertEquals(6, html.select("table thead th").size());
    assertEquals("lower", cells.get(3).text());
    assertEquals("a\\|b", MarkdownReport.escape("a|b"));
    assertEquals("", MarkdownReport.escape(null));
    assertEquals("a<br>b<br>c<br>d", MarkdownReport.escape("a\nb\r\nc\rd"));
  }

  @Test
  void githubEscapesAsTheRunnerUnescapes() throws Exception {
    assertEquals("50%25 done%0D%0Anext%0Aline: a, b", GithubReport.data("50% done\r\nnext\nline: a, b"));
    assertEquals("50%25 done%0D%0Anext%0Aline%3A a%2C b", GithubReport.property("50% done\r\nnext\nline: a, b"));
    assertEquals("%2525", GithubReport.data("%25"), "a literal %25 stays literal");
    String line = GithubReport.command(CiReport.Level.WARNING, HOSTILE, HOSTILE);
    assertFalse(line.contains("\n") || line.contains("\r"));
    var command = CiFormatsTest.parseCommand(line);
    assertEquals("warning", command.name());
    assertEquals(Map.of("title", HOSTILE), command.properties());
    assertEquals(HOSTILE, command.message());

    List<String> lines = write(report(HOSTILE), "github").lines().toList();
    assertEquals(2, lines.size(), "one command, one summary line");
    assertEquals(HOSTILE, CiFormatsTest.parseCommand(lines.get(0)).message());
    assertTrue(lines.get(1).startsWith("gao-metrics test: 1 a|b"), lines.get(1));
  }

  @Test
  void junitHoldsEveryCharacterXmlCan() throws Exception {
    String text = HOSTILE + " \u0000\u0001\u001b\ud800 \ud83d\ude00 \uffff ok \"quoted\" 'single'";
    String xml = write(report(text), "junit");
    org.w3c.dom.Document document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    String clean = JunitReport.text(text);
    assertEquals(HOSTILE + " \ufffd\ufffd\ufffd\ufffd \ud83d\ude00 \ufffd ok \"quoted\" 'single'", clean);
    NodeList cases = document.getElementsByTagName("testcase");
    assertEquals(1, cases.getLength());
    org.w3c.dom.Element testCase = (org.w3c.dom.Element) cases.item(0);
    assertEquals(clean.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '), testCase.getAttribute("name"),
        "attribute values normalise line breaks to spaces");
    org.w3c.dom.Element failure = (org.w3c.dom.Element) testCase.getElementsByTagName("failure").item(0);
    assertEquals(clean.replace("\r\n", "\n").replace('\r', '\n'), failure.getTextContent());
    org.w3c.dom.Element property = (org.w3c.dom.Element) document.getElementsByTagName("property").item(0);
    assertEquals(testCase.getAttribute("name"), property.getAttribute("value"));
    assertEquals("", JunitReport.text(null));
    assertEquals("plain", JunitReport.text("plain"));
    assertEquals("a\ufffd", JunitReport.text("a\ud83d"), "a high surrogate at the end");
  }

  @Test
  void aWriterThatFailsIsAnIoException() {
    Writer broken = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void flush() throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void close() {}
    };
    IOException e = assertThrows(IOException.class, () -> JunitReport.write(report("x"), broken));
    assertTrue(e.getMessage().startsWith("cannot write the JUnit XML: "), e.getMessage());
  }

  @Test
  void aReportNeedsACellPerColumn() {
    CiReport.Entry entry = new CiReport.Entry("s", null, "m", "", "none", List.of(), "unchanged",
        CiReport.Outcome.PASSED, null, CiReport.Level.NONE, null, false, "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CiReport(
        "test", "subject", List.of(), List.of(), null, List.of(new CiReport.Column("x", true)), List.of(entry), "none",
        Map.of()));
    assertTrue(e.getMessage().contains("m has 0 cells for 1 columns"), e.getMessage());
    assertEquals("gao-metrics.test.a.1", CiReport.suiteName("test", java.util.Arrays.asList("a", null, 1)));
    assertEquals("none", CiReport.amount(null, "s"));
    assertEquals("1.5", CiReport.amount(1.5, ""));
    assertEquals("no direction is better", CiReport.betterText("none"));
    assertEquals("insufficient data", CiReport.verdict(dev.gao.metrics.runtime.analytics.Change.INSUFFICIENT_DATA));
  }
}

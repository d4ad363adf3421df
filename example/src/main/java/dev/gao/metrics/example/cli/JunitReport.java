package dev.gao.metrics.example.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --format junit}: JUnit XML as CI servers and Maven's own report reader read it. One
 * {@code <testsuites>} with the totals, one {@code <testsuite>} per {@linkplain CiReport#suites
 * suite}, its properties, and one {@code <testcase>} per entry with an outcome: a {@code <failure>}
 * with the evidence for a failed one, a {@code <skipped>} with the reason for one that could not be
 * tested. Times are 0 and there is no timestamp, so the same data always gives the same bytes.
 * Written with the JDK's {@link XMLStreamWriter}, which escapes markup; characters XML 1.0 cannot
 * hold (control characters) are written as U+FFFD.
 */
final class JunitReport {
  private JunitReport() {}

  /**
   * Writes the XML, declared UTF-8, followed by a line break.
   *
   * @param report the report
   * @param out where to write
   * @throws IOException if the XML cannot be written
   */
  static void write(CiReport report, Writer out) throws IOException {
    Map<String, List<CiReport.Entry>> suites = report.suites();
    List<CiReport.Entry> cases = suites.values().stream().flatMap(List::stream).toList();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "gao-metrics " + report.command());
      counts(xml, cases);
      for (Map.Entry<String, List<CiReport.Entry>> suite : suites.entrySet()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", text(suite.getKey()));
        counts(xml, suite.getValue());
        if (!report.properties().isEmpty()) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("properties");
          for (Map.Entry<String, String> property : report.properties().entrySet()) {
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", text(property.getKey()));
            xml.writeAttribute("value", text(property.getValue()));
          }
          xml.writeCharacters("\n    ");
          xml.writeEndElement();
        }
        for (CiReport.Entry entry : suite.getValue()) {
          testCase(xml, entry);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void counts(XMLStreamWriter xml, List<CiReport.Entry> cases) throws XMLStreamException {
    xml.writeAttribute("tests", Integer.toString(cases.size()));
    xml.writeAttribute("failures", Long.toString(count(cases, CiReport.Outcome.FAILED)));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute("skipped", Long.toString(count(cases, CiReport.Outcome.SKIPPED)));
    xml.writeAttribute("time", "0");
  }

  private static long count(List<CiReport.Entry> cases, CiReport.Outcome outcome) {
    return cases.stream().filter(e -> e.outcome() == outcome).count();
  }

  private static void testCase(XMLStreamWriter xml, CiReport.Entry entry) throws XMLStreamException {
    xml.writeCharacters("\n    ");
    switch (entry.outcome()) {
      case FAILED -> {
        xml.writeStartElement("testcase");
        caseAttributes(xml, entry);
        xml.writeCharacters("\n      ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", text(entry.message()));
        xml.writeAttribute("type", text(entry.failureType()));
        xml.writeCharacters(text(entry.message()));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
      }
      case SKIPPED -> {
        xml.writeStartElement("testcase");
        caseAttributes(xml, entry);
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", text(entry.message()));
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
      }
      default -> {
        xml.writeEmptyElement("testcase");
        caseAttributes(xml, entry);
      }
    }
  }

  private static void caseAttributes(XMLStreamWriter xml, CiReport.Entry entry) throws XMLStreamException {
    xml.writeAttribute("classname", text(entry.suite()));
    xml.writeAttribute("name", text(entry.metric()));
    xml.writeAttribute("time", "0");
  }

  /**
   * Text that XML 1.0 can hold: every character but tab, line feed and carriage return below
   * U+0020, unpaired surrogates, U+FFFE and U+FFFF replaced by U+FFFD.
   *
   * @param text the text, possibly null (empty)
   * @return the text to write
   */
  static String text(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder clean = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (clean != null) {
            clean.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && !Character.isLowSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
      }
      if (!ok && clean == null) {
        clean = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (clean != null) {
        clean.append(ok ? c : '\uFFFD');
      }
    }
    return clean == null ? text : clean.toString();
  }
}

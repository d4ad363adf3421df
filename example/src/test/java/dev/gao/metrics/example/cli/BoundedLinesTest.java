package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
  private static List<String> lines(String text, int limit) throws IOException {
    BoundedLines lines = new BoundedLines(new BufferedReader(new StringReader(text)), limit);
    List<String> all = new ArrayList<>();
    for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
      all.add(line.tooLong() ? "<" + line.length() + ">" : line.text());
    }
    return all;
  }

  @Test
  void keepsLinesUpToTheLimitAndCountsLongerOnes() throws IOException {
    assertEquals(List.of("abcd", "<5>", "ab"), lines("abcd\nabcde\nab", 4));
    assertEquals(List.of("abcd"), lines("abcd\n", 4));
    assertEquals(List.of("<6>", "x"), lines("abcdef\nx\n", 4));
  }

  @Test
  void endsLinesAsReadLineDoes() throws IOException {
    assertEquals(List.of("a", "b", "c", "", "d"), lines("a\r\nb\rc\n\nd", 10));
    assertEquals(List.of("", ""), lines("\n\r\n", 10));
    assertEquals(List.of(), lines("", 10));
    String text = "one\r\ntwo\rthree\n\nfour";
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      assertEquals(reader.lines().toList(), lines(text, 100));
    }
  }

  @Test
  void leavesTheRestOfTheInputToTheReader() throws IOException {
    BufferedReader reader = new BufferedReader(new StringReader("first\n[1,\n2]"));
    BoundedLines lines = new BoundedLines(reader, 100);
    assertEquals("first", lines.next().text());
    char[] rest = new char[20];
    int n = reader.read(rest);
    assertEquals("[1,\n2]", new String(rest, 0, n));
    assertNull(lines.next());
  }

  @Test
  void aLineOverTheLimitIsNotKept() throws IOException {
    BoundedLines.Line line =
        new BoundedLines(new BufferedReader(new StringReader("x".repeat(100_000))), 10).next();
    assertTrue(line.tooLong());
    assertEquals(100_000, line.length());
  }
}

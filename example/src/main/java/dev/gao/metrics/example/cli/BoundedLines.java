package dev.gao.metrics.example.cli;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads the lines of a text one at a time, keeping at most a limit of characters of each: a longer
 * line is read to its end without being kept, so that a line of hundreds of megabytes costs its
 * reading time, not its size in memory. Lines end as {@link BufferedReader#readLine} ends them: at
 * {@code \n}, {@code \r} or {@code \r\n}.
 */
final class BoundedLines {
  /**
   * One line.
   *
   * @param text the line without its end, or null when it was longer than the limit
   * @param length its length in characters
   */
  record Line(String text, long length) {
    /** Whether the line was longer than the limit, and so not kept. */
    boolean tooLong() {
      return text == null;
    }
  }

  private final BufferedReader in;
  private final int limit;
  private final StringBuilder buffer = new StringBuilder();

  /**
   * Reads lines from {@code in}, which it reads no further than the end of the line returned
   * last; the rest of the input can be read from {@code in} itself.
   *
   * @param in the text
   * @param limit the most characters of a line that are kept
   */
  BoundedLines(BufferedReader in, int limit) {
    this.in = in;
    this.limit = limit;
  }

  /**
   * The next line.
   *
   * @return the line, or null at the end of the input
   * @throws IOException if the input cannot be read or decoded
   */
  Line next() throws IOException {
    buffer.setLength(0);
    long length = 0;
    int c = in.read();
    if (c < 0) {
      return null;
    }
    while (c >= 0 && c != '\n') {
      if (c == '\r') {
        in.mark(1);
        if (in.read() != '\n') {
          in.reset();
        }
        break;
      }
      length++;
      if (length <= limit) {
        buffer.append((char) c);
      } else if (length == limit + 1L) {
        buffer.setLength(0);
        buffer.trimToSize();
      }
      c = in.read();
    }
    return length > limit ? new Line(null, length) : new Line(buffer.toString(), length);
  }
}

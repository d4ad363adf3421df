package dev.gao.metrics.example.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard input and whether a person is at it: {@code record} reads documents from it, and
 * {@code delete} asks for confirmation on it only when it is a terminal.
 *
 * @param stdin standard input
 * @param interactive whether standard input and output are a terminal ({@code System.console()}
 *     exists); progress and confirmation questions only appear then
 */
record Terminal(InputStream stdin, boolean interactive) {
  /**
   * The process's own standard input and console.
   *
   * @return the terminal of this process
   */
  static Terminal system() {
    return new Terminal(System.in, System.console() != null);
  }

  /**
   * Asks a yes/no question and reads the answer, one line of standard input (read byte by byte,
   * so that nothing after the line is taken from the input).
   *
   * @param err where the question goes
   * @param question the question, ending in {@code [y/N] }
   * @return true only for {@code y} or {@code yes}, in any case; no answer is no
   * @throws IOException if standard input cannot be read
   */
  boolean confirmed(PrintWriter err, String question) throws IOException {
    err.print(question);
    err.flush();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = stdin.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return false;
    }
    String answer = line.toString(StandardCharsets.UTF_8).strip();
    return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
  }
}

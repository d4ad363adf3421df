package dev.gao.metrics.example.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input and whether a person is at it: {@code record} reads documents from it, and
 * {@code delete} asks for confirmation on it only when it is a terminal.
 *
 * @param stdin standard input
 * @param interactive whether standard input is a terminal (also when standard output is
 *     redirected); progress and confirmation questions only appear then
 */
record Terminal(InputStream stdin, boolean interactive) {
  /**
   * The process's own standard input and console.
   *
   * @return the terminal of this process
   */
  static Terminal system() {
    return new Terminal(System.in, System.console() != null || stdinIsTerminal());
  }

  /**
   * Whether standard input is a terminal, whatever standard output is. {@code System.console()}
   * exists only when both are, so {@code gao-metrics prune ... | tee log} typed at a terminal would
   * not ask; a person is at the keyboard all the same. On Linux the answer is where file descriptor
   * 0 points ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere only the console counts.
   */
  static boolean stdinIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
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

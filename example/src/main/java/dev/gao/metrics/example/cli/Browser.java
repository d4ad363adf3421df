package dev.gao.metrics.example.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens a written report in the system's browser: the program {@code $BROWSER} names (as Python's
 * {@code webbrowser} and many tools read it), else {@code open} on macOS, {@code cmd /c start} on
 * Windows and {@code xdg-open} elsewhere. The browser runs on its own; nothing waits for it.
 */
final class Browser {
  private Browser() {}

  /**
   * Starts the browser on a file.
   *
   * @param file the page
   * @param environment the process environment
   * @throws IOException if no browser program can be started, naming the program tried
   */
  static void open(Path file, Map<String, String> environment) throws IOException {
    List<String> command = command(file.toAbsolutePath(), environment);
    try {
      new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start the browser (" + command.get(0) + "): " + e.getMessage()
              + "; set $BROWSER to a browser program, or open " + file.toAbsolutePath().toUri() + " yourself",
          e);
    }
  }

  static List<String> command(Path file, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    String browser = environment.get("BROWSER");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (browser != null && !browser.isBlank()) {
      // $BROWSER may list several programs separated by colons: the first is used
      command.add(browser.split(":")[0].trim());
    } else if (os.startsWith("mac")) {
      command.add("open");
    } else if (os.startsWith("windows")) {
      command.addAll(List.of("cmd", "/c", "start", ""));
    } else {
      command.add("xdg-open");
    }
    command.add(file.toString());
    return command;
  }
}

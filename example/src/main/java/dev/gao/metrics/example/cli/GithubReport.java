package dev.gao.metrics.example.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;

/**
 * {@code --format github}: GitHub Actions workflow commands, one per line ({@code ::error
 * title=T::message} for what failed the check, {@code ::warning} for what could not be checked or
 * a closed regression, {@code ::notice} for an improvement), errors first, then one plain summary
 * line, which GitHub prints as it is. Values are escaped as GitHub's runner unescapes them: in
 * the message {@code %}, CR and LF; in the title also {@code :} and {@code ,}.
 */
final class GithubReport {
  private GithubReport() {}

  /**
   * Writes the workflow commands and the summary line.
   *
   * @param report the report
   * @param out where to write
   */
  static void write(CiReport report, PrintWriter out) {
    report.entries().stream()
        .filter(e -> e.level() != CiReport.Level.NONE)
        .sorted(Comparator.comparing(CiReport.Entry::level))
        .forEach(e -> out.println(command(e.level(), e.title(), e.message())));
    out.println(report.summaryLine().replace('\r', ' ').replace('\n', ' '));
  }

  /**
   * One workflow command: {@code ::error title=T::message}.
   *
   * @param level the command
   * @param title its title
   * @param message its message
   * @return the line
   */
  static String command(CiReport.Level level, String title, String message) {
    return "::" + level.name().toLowerCase(Locale.ROOT) + " title=" + property(title) + "::" + data(message);
  }

  /**
   * A message escaped: {@code %} as {@code %25}, CR as {@code %0D}, LF as {@code %0A}.
   *
   * @param text the text
   * @return the escaped text
   */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /**
   * A property value escaped: as {@link #data}, and {@code :} as {@code %3A}, {@code ,} as {@code %2C}.
   *
   * @param text the text
   * @return the escaped text
   */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}

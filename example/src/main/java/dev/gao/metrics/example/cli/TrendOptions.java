package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.analytics.Interval;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options {@code trend} and {@code report trend} share: the points' interval and the moving average's window. */
final class TrendOptions {
  @Option(
      names = "--interval",
      paramLabel = "INTERVAL",
      defaultValue = "run",
      description = "run, hour, day, week or month (default ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "5",
      description = "Points the moving average spans (default ${DEFAULT-VALUE}; 1 or more).")
  int window;

  /**
   * The interval, after checking both options.
   *
   * @param spec the command, for usage errors
   * @return the interval
   * @throws ParameterException for an unknown interval or a window below 1
   */
  Interval interval(CommandSpec spec) {
    if (window < 1) {
      throw new ParameterException(spec.commandLine(), "--window must be 1 or more but was " + window);
    }
    for (Interval candidate : Interval.values()) {
      if (name(candidate).equals(interval.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    throw new ParameterException(
        spec.commandLine(), "invalid --interval " + Show.quoted(interval) + ": give run, hour, day, week or month");
  }

  /** An interval as the options and the JSON output name it. */
  static String name(Interval interval) {
    return interval.name().toLowerCase(Locale.ROOT);
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.Thresholds;
import java.math.BigDecimal;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The relative thresholds {@code compare} and {@code regressions} share: a default and overrides
 * per metric, each a percentage ({@code 5%} or {@code 5}, both five percent).
 */
final class ThresholdOptions {
  @Option(
      names = "--threshold",
      paramLabel = "PCT",
      defaultValue = "5%",
      description = "How large a relative change must be to count, in percent: 5%% or 5 both mean five percent"
          + " (default ${DEFAULT-VALUE}; 0 or more).")
  String threshold;

  @Option(
      names = "--threshold-for",
      paramLabel = "METRIC=PCT",
      description = "The threshold of one metric, in percent like --threshold (repeatable);"
          + " table.column of a JSON map sets every key, table.column[key] one key; the table may be left out"
          + " when only one table has a metric of that name.")
  List<String> perMetric;

  /**
   * The thresholds these options give.
   *
   * @param spec the command, for usage errors
   * @return the thresholds
   * @throws ParameterException for a value that is not a percentage of 0 or more, or an unknown metric
   */
  Thresholds thresholds(CommandSpec spec) {
    Thresholds thresholds = Thresholds.relative(percent(threshold, "--threshold", spec));
    if (perMetric != null) {
      for (String entry : perMetric) {
        int equals = entry.lastIndexOf('=');
        if (equals <= 0) {
          throw new ParameterException(
              spec.commandLine(),
              "invalid --threshold-for " + Show.quoted(entry) + ": give METRIC=PCT, for example"
                  + " performance_metrics.total_time_seconds=10%");
        }
        String metric = requireMetric(entry.substring(0, equals).strip(), spec);
        thresholds = thresholds.with(metric, percent(entry.substring(equals + 1), "--threshold-for " + metric, spec));
      }
    }
    return thresholds;
  }

  /**
   * Accepts a metric, or a JSON map column as a whole, with or without its table; a usage error
   * naming the metrics otherwise.
   *
   * @return the metric's name with its table
   */
  private static String requireMetric(String metric, CommandSpec spec) {
    try {
      String name = GaoRunModel.MODEL.qualify(metric);
      if (!GaoRunModel.MODEL.metrics().containsKey(name)) {
        GaoRunModel.MODEL.metric(name);
      }
      return name;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid --threshold-for: " + e.getMessage());
    }
  }

  /**
   * Parses a percentage: a number of 0 or more, optionally followed by {@code %}.
   *
   * @param text the value
   * @param option the option, for the message
   * @param spec the command, for usage errors
   * @return the fraction ({@code 5%} is 0.05)
   */
  static double percent(String text, String option, CommandSpec spec) {
    String number = text.strip();
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1).strip();
    }
    BigDecimal value;
    try {
      value = new BigDecimal(number);
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid " + option + " " + Show.quoted(text) + ": give a percentage of 0 or more, such as 5% or 5");
    }
    return value.movePointLeft(2).doubleValue();
  }
}

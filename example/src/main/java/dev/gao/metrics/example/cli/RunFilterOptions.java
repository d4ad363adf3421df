package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.runtime.analytics.RunFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The filters {@code runs}, {@code stats}, {@code export}, {@code trend} and {@code regressions} share: project, benchmark, version,
 * status and a time range. Every value is matched as data, never written into SQL.
 */
final class RunFilterOptions {
  /** The last year a run's time can be stored in (its text would not sort after it). */
  private static final int LAST_YEAR = 9999;

  @Option(names = "--project", paramLabel = "P", description = "Only runs of this project (repeatable: any of them).")
  List<String> projects;

  @Option(names = "--benchmark", paramLabel = "B", description = "Only runs of this benchmark (repeatable: any of them).")
  List<String> benchmarks;

  @Option(names = "--version", paramLabel = "V", description = "Only runs of this benchmark version (repeatable: any of them).")
  List<String> versions;

  @Option(
      names = "--status",
      paramLabel = "S",
      description = "Only runs with this status: running, completed, failed or timeout (repeatable: any of them).")
  List<String> statuses;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Only runs that started at or after TIME: ISO-8601 with offset (2026-06-01T07:00:00Z) or a date"
          + " (2026-06-01, the start of that day in UTC).")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Only runs that started before TIME, in the format of --since; a date includes the whole of"
          + " that day in UTC (--until 2026-06-30 ends before 2026-07-01T00:00:00Z).")
  String until;

  /**
   * Adds these filters to {@code filter}.
   *
   * @param filter the filter to extend
   * @param spec the command, for usage errors
   * @return the extended filter
   * @throws ParameterException for a time that does not parse or a range that ends before it starts
   */
  RunFilter apply(RunFilter filter, CommandSpec spec) {
    RunFilter result = filter;
    result = where(result, "project_name", projects);
    result = where(result, "benchmark_name", benchmarks);
    result = where(result, "version", versions);
    if (statuses != null && !statuses.isEmpty()) {
      List<String> known = Arrays.stream(RunStatus.values()).map(RunStatus::name).toList();
      for (String status : statuses) {
        if (!known.contains(status)) {
          throw new ParameterException(
              spec.commandLine(),
              "invalid --status " + Show.quoted(status) + ": a run's status is one of "
                  + String.join(", ", known));
        }
      }
      result = result.status(statuses.toArray(String[]::new));
    }
    Instant from = time(since, "--since", false, spec);
    Instant to = time(until, "--until", true, spec);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ParameterException(
          spec.commandLine(),
          "--since " + since + " is not before --until " + until + ", so no run could match; swap them");
    }
    return result.between(from, to);
  }

  /**
   * Whether {@code --status} was given.
   *
   * @return true if some status was named
   */
  boolean hasStatus() {
    return statuses != null && !statuses.isEmpty();
  }

  /**
   * The filters as given, for messages: {@code --project "a" --since "2026-06-01"}.
   *
   * @return the options and their quoted values; empty when no filter was given
   */
  String describe() {
    List<String> parts = new ArrayList<>();
    describe(parts, "--project", projects);
    describe(parts, "--benchmark", benchmarks);
    describe(parts, "--version", versions);
    describe(parts, "--status", statuses);
    describe(parts, "--since", since == null ? null : List.of(since));
    describe(parts, "--until", until == null ? null : List.of(until));
    return String.join(" ", parts);
  }

  private static void describe(List<String> parts, String option, List<String> values) {
    if (values != null) {
      values.forEach(value -> parts.add(option + " " + Show.quoted(value)));
    }
  }

  private static RunFilter where(RunFilter filter, String dimension, List<String> values) {
    return values == null || values.isEmpty() ? filter : filter.where(dimension, values.toArray(String[]::new));
  }

  /**
   * Parses an ISO-8601 time with an offset, which keeps its exact meaning, or a date: the start of
   * that day in UTC for a lower bound, the start of the next day for an (exclusive) upper bound, so
   * that {@code --until 2026-06-30} includes the whole of June 30th as GAO-Dev's {@code --until}
   * does.
   *
   * @param text the value, or null
   * @param option the option name, for the message
   * @param end whether the value is an exclusive upper bound
   * @param spec the command, for usage errors
   * @return the instant, or null when {@code text} is null, or when a date ends after the last
   *     storable time (9999-12-31: no upper bound)
   * @throws ParameterException for a value that does not parse, or a year outside 0000 to 9999
   */
  static Instant time(String text, String option, boolean end, CommandSpec spec) {
    if (text == null) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        LocalDate day = LocalDate.parse(text);
        if (end && day.getYear() == LAST_YEAR && day.getDayOfYear() == day.lengthOfYear()) {
          return null;
        }
        instant = (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDate) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid " + option + " " + Show.quoted(text)
                + ": give an ISO-8601 time with offset (2026-06-01T07:00:00Z) or a date (2026-06-01)");
      }
    }
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    if (year < 0 || year > LAST_YEAR) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid " + option + " " + Show.quoted(text) + ": give a time in the years 0000 to 9999 (UTC)");
    }
    return instant;
  }
}

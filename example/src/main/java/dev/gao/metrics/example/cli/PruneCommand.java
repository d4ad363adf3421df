package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.SpaceReclaimed;
import dev.gao.metrics.runtime.analytics.RunFilter;
import dev.gao.metrics.runtime.analytics.RunRetention;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gao-metrics prune}: deletes whole runs older than a duration, in batches, then gives the
 * space back with {@code VACUUM}. Asks first when standard input is a terminal, unless {@code --yes}.
 */
@Command(
    name = "prune",
    description = {
      "Deletes every run that started more than DURATION ago (and matches the filters), with its metric rows"
          + " and token usage, in batches of " + RunRetention.BATCH + " runs; then runs VACUUM to give the space"
          + " back to the file system and prints the size before and after.",
      "Asks for confirmation when run from a terminal, unless --yes. --dry-run prints how many runs would be"
          + " deleted and changes nothing. Progress goes to standard error when it is a terminal."
    })
final class PruneCommand extends DatabaseCommand {
  private static final Pattern SHORT = Pattern.compile("(\\d+)([mhdw])");

  /** The earliest time a run's time can be stored as (its text sorts chronologically from there). */
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "DURATION",
      description = "Delete runs that started before now minus DURATION: a number with m (minutes), h (hours),"
          + " d (days) or w (weeks), like 90d, 12h, 2w, 30m, or ISO-8601 like P90D or PT12H.")
  String olderThan;

  @Mixin RunFilterOptions filters;

  @Option(names = "--dry-run", description = "Print how many runs would be deleted and change nothing.")
  boolean dryRun;

  @Option(names = "--no-vacuum", description = "Do not run VACUUM after deleting (the file keeps its size).")
  boolean noVacuum;

  @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    Duration age = duration(olderThan);
    Instant cutoff = cutoff(age);
    if (filters.since != null || filters.until != null) {
      throw new ParameterException(
          spec.commandLine(), "prune selects runs by --older-than; --since and --until do not apply");
    }
    RunFilter filter = filters.apply(RunFilter.ALL, spec);
    DatabaseLocation database = location();
    PrintWriter out = out();
    PrintWriter err = err();
    boolean interactive = cli().terminal().interactive();
    try (BenchmarkStore store = openCurrent()) {
      RunRetention retention = new RunRetention(store.database(), GaoRunModel.MODEL);
      long matching = retention.count(cutoff, filter);
      String which = plural(matching, "run") + " older than " + cutoff + " (" + olderThan + ")";
      if (dryRun) {
        out.printf(Locale.ROOT, "would delete %s from %s; nothing changed (dry run)%n", which, database);
        return 0;
      }
      if (matching == 0) {
        out.printf(Locale.ROOT, "no runs older than %s (%s) match; nothing deleted%n", cutoff, olderThan);
        return 0;
      }
      if (!yes && interactive && !confirmed(err, which, database)) {
        out.println("nothing deleted");
        return 0;
      }
      Map<String, Long> deleted =
          retention.prune(
              cutoff,
              filter,
              runs -> {
                if (interactive) {
                  err.printf(Locale.ROOT, "gao-metrics prune: %,d runs deleted%n", runs);
                  err.flush();
                }
              });
      long runs = deleted.getOrDefault(GaoRunModel.MODEL.runTable().name(), 0L);
      long rows = deleted.values().stream().mapToLong(Long::longValue).sum();
      out.printf(Locale.ROOT, "deleted %s (%d rows) from %s%n", plural(runs, "run") + " older than " + cutoff, rows, database);
      int width = deleted.keySet().stream().mapToInt(String::length).max().orElse(0);
      deleted.forEach((table, count) -> out.printf(Locale.ROOT, "  %-" + width + "s  %,d rows%n", table, count));
      if (noVacuum) {
        out.println("space not reclaimed (--no-vacuum); the file keeps its size until VACUUM");
      } else {
        SpaceReclaimed space = store.database().reclaimSpace();
        out.printf(Locale.ROOT, "vacuum: %,d bytes before, %,d after (%,d freed)%n",
            space.bytesBefore(), space.bytesAfter(), space.bytesFreed());
      }
    }
    return 0;
  }

  private boolean confirmed(PrintWriter err, String which, DatabaseLocation database) throws IOException {
    err.printf("delete %s and all their metrics from %s? [y/N] ", which, database);
    err.flush();
    String answer =
        new BufferedReader(new InputStreamReader(cli().terminal().stdin(), StandardCharsets.UTF_8)).readLine();
    return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }

  /**
   * Now minus {@code age}, to the microsecond that both engines keep; a usage error when that is
   * before the year 0000, where no run can be.
   */
  private Instant cutoff(Duration age) {
    Instant now = cli().clock().instant().truncatedTo(ChronoUnit.MICROS);
    if (age.compareTo(Duration.between(EARLIEST, now)) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --older-than " + Show.quoted(olderThan) + ": it reaches back before the year 0000; give a shorter"
              + " duration");
    }
    return now.minus(age);
  }

  /**
   * Parses {@code 90d}, {@code 12h}, {@code 2w}, {@code 30m}, or ISO-8601 ({@code P90D}, {@code
   * PT12H}, {@code P2W}).
   */
  private Duration duration(String text) {
    Duration duration = null;
    Matcher matcher = SHORT.matcher(text.strip());
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        duration = switch (matcher.group(2)) {
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofDays(Math.multiplyExact(amount, 7));
        };
      } else if (text.strip().toUpperCase(Locale.ROOT).startsWith("P")) {
        duration = iso(text.strip().toUpperCase(Locale.ROOT));
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      duration = null;
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --older-than " + Show.quoted(text) + ": give a duration above 0 like 90d, 12h, 2w, 30m or P90D");
    }
    return duration;
  }

  /** ISO-8601: a duration (PT12H, P3DT4H) or a period of days and weeks only (P90D, P2W). */
  private static Duration iso(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException notDuration) {
      Period period = Period.parse(text);
      if (period.getYears() != 0 || period.getMonths() != 0) {
        return null;
      }
      return Duration.ofDays(period.getDays());
    }
  }

  private static String plural(long count, String noun) {
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? noun : noun + "s");
  }
}

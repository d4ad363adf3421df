package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.analytics.Change;
import dev.gao.metrics.runtime.analytics.RunRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code regressions}, {@code compare} and {@code changes} report in the formats made for CI
 * ({@code --format markdown}, {@code junit}, {@code github}): each command maps its own result to
 * this model, and {@link MarkdownReport}, {@link JunitReport} and {@link GithubReport} write it.
 *
 * <p>An {@link Entry} is one metric (in {@code changes}: one metric of one history, or one change
 * point). Each writer takes the entries that concern it: the markdown table the {@linkplain
 * Entry#listed listed} ones, the JUnit XML those with an {@linkplain Entry#outcome outcome}, the
 * workflow commands those with a {@linkplain Entry#level level}.
 *
 * @param command the command's name, {@code regressions}
 * @param subject what was checked, for the heading and the last line: {@code run X (p, b v) against ...}
 * @param counts the counts of the summary line, in order
 * @param notes sentences for the markdown summary after the counts (a failed run, nothing tested)
 * @param contextHeader the header of the first column of the markdown table when entries have a
 *     context ({@code history}); null when none has
 * @param columns the number columns of the markdown table, between {@code better} and {@code verdict}
 * @param entries the entries, in the order the command prints them
 * @param nothingListed the sentence the markdown summary has instead of a table without rows
 * @param properties the JUnit properties of every suite: the runs and options of the check
 */
record CiReport(
    String command,
    String subject,
    List<Count> counts,
    List<String> notes,
    String contextHeader,
    List<Column> columns,
    List<Entry> entries,
    String nothingListed,
    Map<String, String> properties) {

  CiReport {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(subject, "subject");
    counts = List.copyOf(counts);
    notes = List.copyOf(notes);
    columns = List.copyOf(columns);
    entries = List.copyOf(entries);
    Objects.requireNonNull(nothingListed, "nothingListed");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    for (Entry entry : entries) {
      if (entry.cells().size() != columns.size()) {
        throw new IllegalArgumentException(
            entry.metric() + " has " + entry.cells().size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** What a JUnit test case of an entry says; {@link #NONE} for an entry that is no test case. */
  enum Outcome {
    PASSED,
    FAILED,
    SKIPPED,
    NONE
  }

  /** The workflow command of an entry in GitHub Actions; {@link #NONE} for none. */
  enum Level {
    ERROR,
    WARNING,
    NOTICE,
    NONE
  }

  /**
   * A column of the markdown table.
   *
   * @param header its header
   * @param numeric whether it holds numbers (right-aligned)
   */
  record Column(String header, boolean numeric) {}

  /**
   * A count of the summary line: {@code 2 regressed}.
   *
   * @param count the number
   * @param what what was counted, after the number
   * @param alarm whether a count above 0 is what the check is looking for (bold in markdown)
   */
  record Count(long count, String what, boolean alarm) {
    /** The count as plain text: {@code 2 regressed}. */
    String text() {
      return count + " " + what;
    }
  }

  /**
   * One metric, or one change point.
   *
   * @param suite the JUnit test suite, which is also the test case's class name:
   *     {@code gao-metrics.regressions.project.benchmark.version}
   * @param context the history the entry belongs to, for the first column of the markdown table
   *     and the workflow command's title; null in a report of one run
   * @param metric the metric's name, and the test case's
   * @param unit the metric's unit
   * @param better which direction is better: {@code lower}, {@code higher}, {@code none}
   * @param cells one cell per {@linkplain CiReport#columns column}
   * @param verdict the verdict in words: {@code regressed}, {@code improved}, {@code not tested}
   * @param outcome the JUnit test case's outcome
   * @param failureType the JUnit failure's type, for a failed test case
   * @param level the workflow command for GitHub Actions
   * @param title the workflow command's title: {@code metric regressed}
   * @param listed whether the markdown table has a row for it
   * @param message the evidence in one line: the failure's and the workflow command's message
   */
  record Entry(
      String suite,
      String context,
      String metric,
      String unit,
      String better,
      List<String> cells,
      String verdict,
      Outcome outcome,
      String failureType,
      Level level,
      String title,
      boolean listed,
      String message) {

    Entry {
      Objects.requireNonNull(suite, "suite");
      Objects.requireNonNull(metric, "metric");
      cells = List.copyOf(cells);
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The counts as plain text: {@code 2 regressed, 3 improved, 40 unchanged}. */
  String countsText() {
    return counts.stream().map(Count::text).collect(Collectors.joining(", "));
  }

  /** The last line of the {@code github} format and a plain summary: the command, counts and subject. */
  String summaryLine() {
    return "gao-metrics " + command + ": " + countsText() + "; " + subject;
  }

  /** The test suites, in the order of their first entry, with their test cases in order. */
  Map<String, List<Entry>> suites() {
    Map<String, List<Entry>> suites = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (entry.outcome() != Outcome.NONE) {
        suites.computeIfAbsent(entry.suite(), s -> new ArrayList<>()).add(entry);
      }
    }
    return suites;
  }

  /**
   * The JUnit class name of a check: {@code gao-metrics.<command>} and the values of its project,
   * benchmark and version (or of the dimensions that make its history), joined by dots.
   *
   * @param command the command
   * @param values the values, in order; null values are left out
   * @return the class name
   */
  static String suiteName(String command, List<?> values) {
    StringBuilder name = new StringBuilder("gao-metrics.").append(command);
    for (Object value : values) {
      if (value != null) {
        name.append('.').append(Values.cell(value));
      }
    }
    return name.toString();
  }

  /**
   * A number with its unit for a message: {@code 1839.119 s}; {@code none} when absent.
   *
   * @param value the number, possibly null
   * @param unit the unit, possibly empty
   * @return the text
   */
  static String amount(Double value, String unit) {
    if (value == null) {
      return "none";
    }
    String number = Values.rounded(value);
    return unit == null || unit.isBlank() ? number : number + " " + unit;
  }

  /**
   * A metric's better direction for a message: {@code lower is better}, {@code no direction is better}.
   *
   * @param better {@code lower}, {@code higher} or {@code none}
   * @return the text
   */
  static String betterText(String better) {
    return better.equals("none") ? "no direction is better" : better + " is better";
  }

  /**
   * A verdict in the words of the CI formats: {@code insufficient data} with a space.
   *
   * @param change the verdict
   * @return the words
   */
  static String verdict(Change change) {
    return CompareCommand.change(change).replace('_', ' ');
  }

  /**
   * A run for a heading: {@code run ID (project, benchmark version)}.
   *
   * @param run the run
   * @return the text
   */
  static String run(RunRow run) {
    return "run " + Values.cell(run.id()) + " (" + Values.cell(run.get("project_name")) + ", "
        + Values.cell(run.get("benchmark_name")) + " " + Values.cell(run.get("version")) + ")";
  }
}

package dev.gao.metrics.runtime.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metric names close to a name that addresses none, for "did you mean" in the error: a column
 * name within a few typing mistakes of the given one (edit distance, case ignored), or one that
 * holds the given name whole ({@code coverage} for {@code code_coverage_percentage}).
 */
final class MetricNames {
  /** At most this many suggestions, the closest first. */
  static final int MAX = 5;

  private MetricNames() {}

  /**
   * The names among {@code metrics} close to {@code name}.
   *
   * @param name the unknown name, with or without its table and key
   * @param metrics every metric by name, {@code table.column}
   * @return up to {@link #MAX} names, closest first; a key of {@code name} is carried over to JSON
   *     map columns
   */
  static List<String> closeTo(String name, Map<String, MetricRef> metrics) {
    int open = name.indexOf('[');
    String key = open >= 0 && name.endsWith("]") ? name.substring(open) : "";
    String given = column(open >= 0 ? name.substring(0, open) : name);
    record Match(String name, int distance) {}
    List<Match> matches = new ArrayList<>();
    for (Map.Entry<String, MetricRef> metric : metrics.entrySet()) {
      String candidate = column(metric.getKey());
      int distance = distance(given, candidate);
      boolean typo = distance <= Math.max(1, Math.min(3, candidate.length() / 4));
      boolean part = given.length() >= 4 && candidate.contains(given);
      if (typo || part) {
        String suggestion = metric.getKey() + (metric.getValue().isMap() ? key : "");
        matches.add(new Match(suggestion, typo ? distance : candidate.length() - given.length()));
      }
    }
    return matches.stream()
        .sorted(Comparator.comparingInt(Match::distance).thenComparing(Match::name))
        .limit(MAX)
        .map(Match::name)
        .toList();
  }

  /** The column of {@code table.column} (or a bare column), lower case. */
  private static String column(String name) {
    return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** The Levenshtein distance: insertions, deletions and substitutions that turn a into b. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

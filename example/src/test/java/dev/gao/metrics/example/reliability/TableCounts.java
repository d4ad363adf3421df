package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.BenchmarkStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The row count of every table of the GAO-Dev schema: proof that a refused write stored nothing. */
final class TableCounts {
  static final List<String> TABLES =
      List.of(
          "benchmark_runs",
          "performance_metrics",
          "autonomy_metrics",
          "quality_metrics",
          "workflow_metrics",
          "token_usage");

  private TableCounts() {}

  static Map<String, Long> of(BenchmarkStore store) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, store.database().rowCount(table));
    }
    return counts;
  }

  static Map<String, Long> of(Path file) {
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      return of(store);
    }
  }
}

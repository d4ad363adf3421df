package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.WholeRun;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GAO-Dev's per-table CSV export ({@code export --format csv --split DIR}): the five files its
 * {@code MetricsExporter.export_to_csv} writes, with its columns in its order, so that spreadsheets
 * built on those files keep working. GAO-Dev leaves its JSON columns and the columns it does not
 * have out; here they follow GAO-Dev's columns, in schema order, JSON as compact JSON text
 * (quoted per RFC 4180, as every field with a comma or quote is). Numbers are written plainly,
 * times as ISO-8601, a missing value as an empty field.
 */
final class SplitCsv {
  private SplitCsv() {}

  /**
   * One of the five files.
   *
   * @param name the file name in the folder
   * @param table the table whose rows it holds, one per run
   * @param gaoDevColumns GAO-Dev's columns of the file, in GAO-Dev's order
   */
  record File(String name, String table, List<String> gaoDevColumns) {
    /**
     * The header: GAO-Dev's columns, then the table's other columns in schema order, without the
     * row id (an internal key GAO-Dev never exported).
     *
     * @return the column names
     */
    List<String> header() {
      List<String> header = new ArrayList<>(gaoDevColumns);
      TableInfo info = ExportWriter.tableInfo(table);
      for (ColumnInfo column : info.columns()) {
        boolean rowId = info.autoIncrement() && column.primaryKeyPosition() > 0;
        if (!rowId && !header.contains(column.name())) {
          header.add(column.name());
        }
      }
      return header;
    }

    /**
     * The record of a run in this file.
     *
     * @param run the whole run
     * @param header the file's {@link #header}
     * @param neutralizeFormulas whether text cells a spreadsheet would evaluate get a leading {@code
     *     '} ({@link ExportWriter#cell})
     * @return the fields, or null when the run has no row in the table (a damaged database:
     *     {@code gao-metrics validate} names it), so that no row of made-up empty values appears
     */
    List<String> row(WholeRun run, List<String> header, boolean neutralizeFormulas) {
      Map<String, Object> values;
      if (table.equals(GaoRunModel.MODEL.runTable().name())) {
        values = run.run().values();
      } else {
        List<Map<String, Object>> rows = run.rows(table);
        if (rows.isEmpty()) {
          return null;
        }
        values = rows.get(0);
      }
      List<String> fields = new ArrayList<>(header.size());
      for (String column : header) {
        fields.add(ExportWriter.cell(column.equals("run_id") ? run.run().id() : values.get(column), neutralizeFormulas));
      }
      return fields;
    }
  }

  /** The five files, in the order GAO-Dev writes them. */
  static final List<File> FILES =
      List.of(
          new File("runs.csv", "benchmark_runs",
              List.of("run_id", "timestamp", "project_name", "benchmark_name", "version")),
          new File("performance.csv", "performance_metrics",
              List.of("run_id", "total_time_seconds", "token_usage_total", "api_calls_count", "api_calls_cost")),
          new File("autonomy.csv", "autonomy_metrics",
              List.of("run_id", "manual_interventions_count", "prompts_needed_initial", "prompts_needed_followup",
                  "one_shot_success_rate", "error_recovery_rate", "agent_handoffs_successful",
                  "agent_handoffs_failed")),
          new File("quality.csv", "quality_metrics",
              List.of("run_id", "tests_written", "tests_passing", "code_coverage_percentage", "linting_errors_count",
                  "type_errors_count", "security_vulnerabilities_count", "functional_completeness_percentage")),
          new File("workflow.csv", "workflow_metrics",
              List.of("run_id", "stories_created", "stories_completed", "avg_cycle_time_seconds", "rework_count")));
}

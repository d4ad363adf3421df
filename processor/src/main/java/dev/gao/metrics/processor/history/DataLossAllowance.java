package dev.gao.metrics.processor.history;

/**
 * One acknowledged data-losing change of a step, as declared with {@code @AllowDataLoss}.
 *
 * @param table the table's name before the step
 * @param column the column's name before the step, or {@code ""} for the whole table
 * @param reason why losing it is acceptable
 */
public record DataLossAllowance(String table, String column, String reason) {
  /** Whether this acknowledges the change of {@code subject} (a column, or {@code ""}) of {@code table}. */
  public boolean covers(String changedTable, String subject) {
    return table.equals(changedTable) && (column.isEmpty() || column.equals(subject));
  }
}

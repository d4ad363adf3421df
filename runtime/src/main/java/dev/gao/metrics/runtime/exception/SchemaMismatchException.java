package dev.gao.metrics.runtime.exception;

import dev.gao.metrics.runtime.schema.SchemaDifference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live database does not have the structure the code expects. The message lists every
 * difference, grouped table by table; {@link #differences()} gives them as records.
 */
public class SchemaMismatchException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /** Every difference; not serialized. */
  private final transient List<SchemaDifference> differences;

  /**
   * Creates the report.
   *
   * @param location the database file or data source
   * @param schemaName the schema name
   * @param schemaVersion the schema version
   * @param differences every difference found, not empty
   * @param advice what to do, as sentences with a leading space
   */
  public SchemaMismatchException(
      String location,
      String schemaName,
      int schemaVersion,
      List<SchemaDifference> differences,
      String advice) {
    super(report(location, schemaName, schemaVersion, differences, advice));
    this.differences = List.copyOf(differences);
  }

  /**
   * Every difference found.
   *
   * @return the differences in report order
   */
  public List<SchemaDifference> differences() {
    return differences;
  }

  private static String report(
      String location,
      String schemaName,
      int version,
      List<SchemaDifference> differences,
      String advice) {
    Map<String, StringBuilder> byTable = new LinkedHashMap<>();
    for (SchemaDifference difference : differences) {
      byTable
          .computeIfAbsent(difference.table(), table -> new StringBuilder())
          .append("\n    - ")
          .append(difference.description());
    }
    StringBuilder message =
        new StringBuilder("Database ")
            .append(location)
            .append(" does not match schema ")
            .append(schemaName)
            .append(" version ")
            .append(version)
            .append(" (")
            .append(differences.size())
            .append(differences.size() == 1 ? " difference" : " differences")
            .append("):");
    byTable.forEach(
        (table, lines) -> message.append("\n  table ").append(table).append(':').append(lines));
    message.append(
        "\nThe database was changed outside gao-metrics or written by code of another schema."
            + advice);
    return message.toString();
  }
}

package dev.gao.metrics.runtime.exception;

import java.util.List;

/**
 * Queries of a {@code @MetricsQueries} interface that the database does not accept: each failed to
 * prepare, or returns other columns than its generated code reads. The message names every such
 * method with the database's reason; {@link #failures()} gives them as records. Nothing was run.
 */
public class QueryPreparationException extends MetricsException {
  /** Version of the serial form. */
  private static final long serialVersionUID = 1L;

  /** Every failure; not serialized. */
  private final transient List<Failure> failures;

  /**
   * One query the database refused.
   *
   * @param method the method, for example {@code GaoQueries.summaries()}
   * @param reason the database's message, or what differs in the result columns
   */
  public record Failure(String method, String reason) {}

  /**
   * Creates the report.
   *
   * @param location the database, as messages name it (its engine and address, without a password)
   * @param total how many queries were prepared
   * @param failures every failure, not empty
   */
  public QueryPreparationException(String location, int total, List<Failure> failures) {
    super(report(location, total, failures));
    this.failures = List.copyOf(failures);
  }

  /**
   * Every query the database refused, in the interface's order.
   *
   * @return the failures
   */
  public List<Failure> failures() {
    return failures;
  }

  private static String report(String location, int total, List<Failure> failures) {
    StringBuilder message =
        new StringBuilder()
            .append(failures.size())
            .append(" of ")
            .append(total)
            .append(total == 1 ? " query" : " queries")
            .append(failures.size() == 1 ? " does" : " do")
            .append(" not prepare on ")
            .append(location)
            .append(':');
    for (Failure failure : failures) {
      message
          .append("\n  - ")
          .append(failure.method())
          .append(": ")
          .append(failure.reason().strip().replace("\n", "\n      "));
    }
    return message
        .append("\nNothing was run. Give each a PostgreSQL variant that this server accepts:")
        .append(" @Query(value = \"...\", postgres = \"...\").")
        .toString();
  }
}

package dev.gao.metrics.runtime.connection;

/**
 * Told about every statement the library's DAOs, queries and analytics run, after it ran: for
 * logging slow queries or checking query plans. Called on the thread that ran the statement; keep
 * it fast and do not throw.
 */
@FunctionalInterface
public interface StatementListener {
  /**
   * A statement ran.
   *
   * @param sql the SQL, with {@code ?} for its parameters
   * @param nanos how long it took: to execute a write; to execute and read every row of a query;
   *     to open the result of a stream
   */
  void executed(String sql, long nanos);
}

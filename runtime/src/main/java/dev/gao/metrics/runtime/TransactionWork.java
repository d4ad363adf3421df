package dev.gao.metrics.runtime;

/**
 * Work that runs in a transaction and returns a result.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface TransactionWork<R> {
  /**
   * Does the work.
   *
   * @param tx the transaction the work runs in
   * @return the result
   * @throws Exception anything; the transaction is rolled back and a checked exception is wrapped
   *     in {@link dev.gao.metrics.runtime.exception.TransactionException}
   */
  R execute(Transaction tx) throws Exception;
}

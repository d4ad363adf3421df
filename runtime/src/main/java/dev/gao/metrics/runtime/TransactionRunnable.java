package dev.gao.metrics.runtime;

/** Work that runs in a transaction and returns nothing. */
@FunctionalInterface
public interface TransactionRunnable {
  /**
   * Does the work.
   *
   * @param tx the transaction the work runs in
   * @throws Exception anything; the transaction is rolled back and a checked exception is wrapped
   *     in {@link dev.gao.metrics.runtime.exception.TransactionException}
   */
  void execute(Transaction tx) throws Exception;
}

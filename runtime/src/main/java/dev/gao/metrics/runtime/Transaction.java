package dev.gao.metrics.runtime;

import dev.gao.metrics.runtime.schema.Engine;
import java.sql.Connection;

/**
 * The unit of work a {@link TransactionWork} runs in. DAO calls made by the same thread on the same
 * database join it.
 */
public interface Transaction {
  /**
   * The connection of this unit, for SQL of your own. Do not close it, commit it or change its
   * auto-commit mode: the unit does that.
   *
   * @return the connection
   */
  Connection connection();

  /**
   * Whether this is a read unit ({@link MetricsDatabase#read}), in which writes are refused.
   *
   * @return true for a read unit
   */
  boolean readOnly();

  /**
   * The engine the unit runs on, for SQL of your own that must differ between engines (a data
   * migration that reads JSON, for example).
   *
   * @return the engine
   */
  Engine engine();
}

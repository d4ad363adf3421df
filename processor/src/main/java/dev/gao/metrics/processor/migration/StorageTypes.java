package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.model.ValueKind;

/** What a database engine answers about how it stores the values of each kind. */
public interface StorageTypes {
  /**
   * Whether the engine stores values of both kinds in columns of one type. A step that drops a
   * column and adds one of the same storage type may be renaming it.
   */
  boolean sameStorage(ValueKind a, ValueKind b);
}

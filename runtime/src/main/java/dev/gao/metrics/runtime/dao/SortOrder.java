package dev.gao.metrics.runtime.dao;

/** The direction of an ORDER BY. */
public enum SortOrder {
  /** Smallest first. */
  ASC,
  /** Largest first. */
  DESC
}

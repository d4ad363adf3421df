package dev.gao.metrics.processor.model;

/** What a query method returns around its rows. */
public enum ResultShape {
  /** {@code void}, {@code int} or {@code long}: the rows an INSERT, UPDATE or DELETE affected. */
  AFFECTED_ROWS,
  /** One row without a wrapper: null (or an error for a primitive) when there is none. */
  SINGLE,
  /** {@code Optional<X>}. */
  OPTIONAL,
  /** {@code List<X>}. */
  LIST,
  /** {@code Stream<X>}, read lazily. */
  STREAM
}

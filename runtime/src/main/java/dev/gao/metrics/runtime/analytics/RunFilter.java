package dev.gao.metrics.runtime.analytics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which runs to read, immutable: each method returns a changed copy. Values are always bound as
 * parameters, never written into SQL. {@link #ALL} selects every run, newest first.
 */
public final class RunFilter {
  /** Every run, newest first, without a limit. */
  public static final RunFilter ALL = new RunFilter(Map.of(), Set.of(), false, null, null, true, 0, 0);

  private final Map<String, Set<String>> dimensions;
  private final Set<String> statuses;
  private final boolean withoutFailed;
  private final Instant from;
  private final Instant to;
  private final boolean newestFirst;
  private final int limit;
  private final long offset;

  private RunFilter(
      Map<String, Set<String>> dimensions,
      Set<String> statuses,
      boolean withoutFailed,
      Instant from,
      Instant to,
      boolean newestFirst,
      int limit,
      long offset) {
    this.dimensions = dimensions;
    this.statuses = statuses;
    this.withoutFailed = withoutFailed;
    this.from = from;
    this.to = to;
    this.newestFirst = newestFirst;
    this.limit = limit;
    this.offset = offset;
  }

  /**
   * Keeps runs whose dimension column equals one of {@code values}; replaces an earlier condition
   * on the same dimension.
   *
   * @param dimension a dimension of the run model
   * @param values the accepted values, at least one
   * @return the changed filter
   */
  public RunFilter where(String dimension, String... values) {
    Objects.requireNonNull(dimension, "dimension");
    Map<String, Set<String>> copy = new LinkedHashMap<>(dimensions);
    copy.put(dimension, values(values, "values of dimension " + dimension));
    return new RunFilter(
        java.util.Collections.unmodifiableMap(copy),
        statuses,
        withoutFailed,
        from,
        to,
        newestFirst,
        limit,
        offset);
  }

  /**
   * Keeps runs whose status is one of {@code values}; needs a model with a status column.
   *
   * @param values the accepted statuses, at least one
   * @return the changed filter
   */
  public RunFilter status(String... values) {
    return new RunFilter(
        dimensions, values(values, "statuses"), withoutFailed, from, to, newestFirst, limit, offset);
  }

  /**
   * Leaves out runs whose status counts as failed in the run model; runs without a status stay.
   * Needs a model with a status column.
   *
   * @return the changed filter
   */
  public RunFilter withoutFailed() {
    return new RunFilter(dimensions, statuses, true, from, to, newestFirst, limit, offset);
  }

  /**
   * Keeps runs at or after {@code from} and before {@code to}; either may be null for no bound.
   *
   * @param from the inclusive lower bound, or null
   * @param to the exclusive upper bound, or null
   * @return the changed filter
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  public RunFilter between(Instant from, Instant to) {
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("time range starts at " + from + " after its end " + to);
    }
    return new RunFilter(dimensions, statuses, withoutFailed, from, to, newestFirst, limit, offset);
  }

  /**
   * Orders runs oldest first.
   *
   * @return the changed filter
   */
  public RunFilter oldestFirst() {
    return new RunFilter(dimensions, statuses, withoutFailed, from, to, false, limit, offset);
  }

  /**
   * Orders runs newest first, the default.
   *
   * @return the changed filter
   */
  public RunFilter newestFirst() {
    return new RunFilter(dimensions, statuses, withoutFailed, from, to, true, limit, offset);
  }

  /**
   * Returns at most {@code limit} runs; 0 for no limit.
   *
   * @param limit the maximum number of runs, at least 0
   * @return the changed filter
   */
  public RunFilter limit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 but was " + limit);
    }
    return new RunFilter(dimensions, statuses, withoutFailed, from, to, newestFirst, limit, offset);
  }

  /**
   * Skips the first {@code offset} runs of the order.
   *
   * @param offset the number of runs to skip, at least 0
   * @return the changed filter
   */
  public RunFilter offset(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
    }
    return new RunFilter(dimensions, statuses, withoutFailed, from, to, newestFirst, limit, offset);
  }

  /**
   * The dimension conditions.
   *
   * @return dimension to accepted values
   */
  public Map<String, Set<String>> dimensions() {
    return dimensions;
  }

  /**
   * The accepted statuses.
   *
   * @return the statuses; empty for any
   */
  public Set<String> statuses() {
    return statuses;
  }

  /**
   * Whether runs whose status counts as failed are left out.
   *
   * @return true if they are
   */
  public boolean isWithoutFailed() {
    return withoutFailed;
  }

  /**
   * The inclusive lower time bound.
   *
   * @return the bound, or empty
   */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /**
   * The exclusive upper time bound.
   *
   * @return the bound, or empty
   */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /**
   * Whether runs are ordered newest first.
   *
   * @return true for newest first, false for oldest first
   */
  public boolean isNewestFirst() {
    return newestFirst;
  }

  /**
   * The maximum number of runs.
   *
   * @return the limit; 0 for none
   */
  public int limit() {
    return limit;
  }

  /**
   * The number of runs skipped.
   *
   * @return the offset
   */
  public long offset() {
    return offset;
  }

  private static Set<String> values(String[] values, String what) {
    Objects.requireNonNull(values, what);
    if (values.length == 0) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    Set<String> set = new LinkedHashSet<>();
    for (String value : values) {
      set.add(Objects.requireNonNull(value, what));
    }
    return java.util.Collections.unmodifiableSet(set);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunFilter f
        && dimensions.equals(f.dimensions)
        && statuses.equals(f.statuses)
        && withoutFailed == f.withoutFailed
        && Objects.equals(from, f.from)
        && Objects.equals(to, f.to)
        && newestFirst == f.newestFirst
        && limit == f.limit
        && offset == f.offset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(dimensions, statuses, withoutFailed, from, to, newestFirst, limit, offset);
  }

  @Override
  public String toString() {
    return "RunFilter[dimensions="
        + dimensions
        + ", statuses="
        + statuses
        + ", withoutFailed="
        + withoutFailed
        + ", from="
        + from
        + ", to="
        + to
        + ", newestFirst="
        + newestFirst
        + ", limit="
        + limit
        + ", offset="
        + offset
        + "]";
  }
}

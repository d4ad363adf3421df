package dev.gao.metrics.runtime;

/**
 * The size of a database before and after {@link MetricsDatabase#reclaimSpace()}.
 *
 * @param bytesBefore the bytes the database's pages took before
 * @param bytesAfter the bytes they take after
 */
public record SpaceReclaimed(long bytesBefore, long bytesAfter) {

  /**
   * The bytes given back.
   *
   * @return {@code bytesBefore - bytesAfter}
   */
  public long bytesFreed() {
    return bytesBefore - bytesAfter;
  }
}

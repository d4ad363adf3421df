package dev.gao.metrics.processor.history;

/**
 * A snapshot file as read.
 *
 * @param snapshot its content, with the engine-neutral identity hash of its tables
 * @param formatVersion the format it is written in
 * @param intact whether the identity hash the file records matches its content
 */
public record SnapshotFile(Snapshot snapshot, int formatVersion, boolean intact) {}

package dev.gao.metrics.processor.history;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.migration.Change;
import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.migration.SchemaDiffer;
import dev.gao.metrics.processor.structure.SchemaShape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Checks the recorded snapshots of a schema against each other and against the current model: the
 * chain of parent hashes, that no version is missing or newer than the current one, and that the
 * current model equals its version's snapshot. A pure function of the file bytes and the model.
 */
public final class HistoryCheck {
  private final SnapshotStore store;

  /** A check naming the files of {@code store} in its messages. */
  public HistoryCheck(SnapshotStore store) {
    this.store = store;
  }

  /**
   * The history of {@code current}.
   *
   * @param files the bytes of every snapshot file present, by version
   * @param current the current model
   * @param renames the renames declared for the step to the current version
   * @param allowed the data losses acknowledged for the step to the current version
   */
  public History check(
      SortedMap<Integer, byte[]> files, SchemaShape current, Renames renames, List<DataLossAllowance> allowed) {
    int version = current.version();
    List<HistoryError> errors = new ArrayList<>();
    if (!files.isEmpty() && files.lastKey() > version) {
      errors.add(HistoryError.of(Message.VERSION_WENT_DOWN, files.lastKey(), version, store.file(files.lastKey())));
      return History.failed(errors);
    }
    for (int v = 1; v < version; v++) {
      if (!files.containsKey(v)) {
        errors.add(HistoryError.of(Message.SNAPSHOT_MISSING, v, store.file(v), version));
      }
    }
    List<Snapshot> snapshots = new ArrayList<>();
    files.forEach((v, bytes) -> read(bytes).ifPresent(snapshots::add));
    for (int v = 1; v <= version; v++) {
      if (files.containsKey(v)) {
        checkOne(v, files, errors);
      }
    }
    if (!errors.isEmpty()) {
      return History.failed(errors);
    }
    String currentHash = SchemaJson.identityHash(current);
    if (files.containsKey(version)) {
      Snapshot recorded = snapshots.get(snapshots.size() - 1);
      if (!recorded.identityHash().equals(currentHash)) {
        List<Change> changes = SchemaDiffer.diff(recorded.schema(), current, Renames.NONE).changes();
        String differences = changes.stream().map(c -> "\n  - " + c.description()).collect(Collectors.joining());
        errors.add(HistoryError.of(Message.SNAPSHOT_DIFFERS, version, store.file(version), version + 1, differences));
        return History.failed(errors);
      }
      return new History(List.of(), snapshots, null);
    }
    String parentHash = version == 1 ? null : sha256(files.get(version - 1));
    Snapshot fresh = new Snapshot(current, currentHash, parentHash, version == 1 ? Renames.NONE : renames, version == 1 ? List.of() : allowed);
    String text = SnapshotWriter.write(fresh);
    snapshots.add(SnapshotReader.read(text));
    return new History(List.of(), snapshots, text);
  }

  private void checkOne(int v, SortedMap<Integer, byte[]> files, List<HistoryError> errors) {
    SnapshotFile file;
    try {
      file = SnapshotReader.readFile(new String(files.get(v), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      errors.add(HistoryError.of(Message.SNAPSHOT_UNREADABLE, store.file(v), e.getMessage()));
      return;
    }
    Snapshot snapshot = file.snapshot();
    if (snapshot.version() != v || !file.intact()) {
      errors.add(
          HistoryError.of(
              Message.SNAPSHOT_UNREADABLE,
              store.file(v),
              "its version or identityHash does not match its content; restore it from version control"));
      return;
    }
    if (v > 1 && files.containsKey(v - 1) && !sha256(files.get(v - 1)).equals(snapshot.parentHash())) {
      errors.add(HistoryError.of(Message.SNAPSHOT_EDITED, store.file(v - 1), v));
    }
  }

  private static Optional<Snapshot> read(byte[] bytes) {
    try {
      return Optional.of(SnapshotReader.read(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.gao.metrics.processor.history;

import java.util.List;

/**
 * The checked history of a schema.
 *
 * @param errors what is wrong with it; when not empty, the other members are empty
 * @param snapshots every version's snapshot, oldest first, ending with the current version
 * @param newSnapshot the text of the current version's snapshot when it must be written, else
 *     {@code null}
 */
public record History(List<HistoryError> errors, List<Snapshot> snapshots, String newSnapshot) {
  /** Copies the lists. */
  public History {
    errors = List.copyOf(errors);
    snapshots = List.copyOf(snapshots);
  }

  static History failed(List<HistoryError> errors) {
    return new History(errors, List.of(), null);
  }
}

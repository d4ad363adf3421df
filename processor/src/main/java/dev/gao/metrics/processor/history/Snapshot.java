package dev.gao.metrics.processor.history;

import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.structure.SchemaShape;
import java.util.List;

/**
 * The recorded form of one schema version.
 *
 * @param schema the schema's name, version and tables
 * @param identityHash the identity hash of the tables
 * @param parentHash the SHA-256 of the exact bytes of the previous version's snapshot file, or
 *     {@code null} for the first version
 * @param renames the renames of the step that led to this version
 * @param allowedDataLoss the data losses acknowledged for the step that led to this version
 */
public record Snapshot(
    SchemaShape schema, String identityHash, String parentHash, Renames renames, List<DataLossAllowance> allowedDataLoss) {
  /** Copies the list. */
  public Snapshot {
    allowedDataLoss = List.copyOf(allowedDataLoss);
  }

  /** The version recorded. */
  public int version() {
    return schema.version();
  }
}

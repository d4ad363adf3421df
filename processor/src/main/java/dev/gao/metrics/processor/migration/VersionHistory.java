package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.structure.SchemaShape;
import java.util.List;

/**
 * The earlier versions of a schema and the steps between all versions, as the schema class holds
 * them.
 *
 * @param versions every version before the current one, oldest first
 * @param identityHashes the identity hash of each of {@code versions}
 * @param steps every step: for each pair of consecutive versions the upgrade, then the downgrade
 */
public record VersionHistory(List<SchemaShape> versions, List<String> identityHashes, List<RenderedStep> steps) {
  /** No earlier versions. */
  public static final VersionHistory NONE = new VersionHistory(List.of(), List.of(), List.of());

  /** Copies the lists. */
  public VersionHistory {
    versions = List.copyOf(versions);
    identityHashes = List.copyOf(identityHashes);
    steps = List.copyOf(steps);
  }
}

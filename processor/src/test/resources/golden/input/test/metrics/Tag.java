package test.metrics;

import dev.gao.metrics.annotations.Column;
import dev.gao.metrics.annotations.ForeignKey;
import dev.gao.metrics.annotations.MetricsTable;
import java.time.LocalDateTime;

/** A label on a run; a plain class with a composite key. */
@MetricsTable(primaryKey = {"run_id", "name"})
public final class Tag {
  @ForeignKey(table = Run.class, onDelete = ForeignKey.Action.CASCADE, onUpdate = ForeignKey.Action.RESTRICT)
  private final String runId;

  private final String name;
  final int weight;
  private final boolean visible;

  @Column(defaultValue = "CURRENT_TIMESTAMP")
  private final LocalDateTime taggedAt;

  /** Creates a tag. */
  public Tag(String runId, String name, int weight, boolean visible, LocalDateTime taggedAt) {
    this.runId = runId;
    this.name = name;
    this.weight = weight;
    this.visible = visible;
    this.taggedAt = taggedAt;
  }

  /** The run. */
  public String getRunId() {
    return runId;
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** Whether it shows. */
  public boolean isVisible() {
    return visible;
  }

  /** When it was tagged. */
  public LocalDateTime getTaggedAt() {
    return taggedAt;
  }
}

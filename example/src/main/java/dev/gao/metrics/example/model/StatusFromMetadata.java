package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.DataMigration;
import dev.gao.metrics.runtime.Transaction;
import dev.gao.metrics.runtime.schema.DataMigrationStep;
import dev.gao.metrics.runtime.schema.Engine;
import java.sql.Statement;

/**
 * Upgrading to version 2 fills the new {@code benchmark_runs.status} from the {@code status} key
 * that collectors of version 1 kept in the run's metadata; runs without it keep the column default,
 * {@code completed}.
 */
@DataMigration(schema = GaoMetrics.class, from = 1, to = 2)
public final class StatusFromMetadata implements DataMigrationStep {
  /** Creates the step; the migrator calls this. */
  public StatusFromMetadata() {}

  @Override
  public void migrate(Transaction transaction) throws Exception {
    String sql =
        transaction.engine() == Engine.POSTGRESQL
            // jsonb is always valid JSON; ->> reads a key as text.
            ? "UPDATE \"benchmark_runs\" SET \"status\" = \"metadata\" ->> 'status'"
                + " WHERE \"metadata\" ->> 'status' IN ('running', 'completed', 'failed', 'timeout')"
            : "UPDATE \"benchmark_runs\" SET \"status\" = json_extract(\"metadata\", '$.status')"
                + " WHERE json_valid(\"metadata\")"
                + " AND json_extract(\"metadata\", '$.status') IN ('running', 'completed', 'failed', 'timeout')";
    try (Statement statement = transaction.connection().createStatement()) {
      statement.executeUpdate(sql);
    }
  }
}

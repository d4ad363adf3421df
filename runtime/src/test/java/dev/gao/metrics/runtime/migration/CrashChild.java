package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.schema.DataMigrationStep;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a child JVM that the crash test kills: migrates the file named by the first argument from
 * version 1 to 4, each upgrade step slowed by a data migration that sleeps inside the step's
 * transaction, so that a kill lands inside steps as well as between them.
 */
public final class CrashChild {
  static final long STEP_SLEEP_MS = 150;

  private CrashChild() {}

  public static void main(String[] args) {
    SchemaInfo slow = Versions.schema(4, step -> step.upgrade() ? slowed(step) : step);
    System.out.println("OPENING");
    System.out.flush();
    try (MetricsDatabase db = MetricsDatabase.open(slow, Path.of(args[0]))) {
      System.out.println("DONE " + db.storedVersion());
    }
  }

  private static MigrationStep slowed(MigrationStep step) {
    List<DataMigrationStep> migrations = new ArrayList<>(step.dataMigrations());
    String marker = "STEP " + step.fromVersion() + "->" + step.toVersion();
    migrations.add(
        transaction -> {
          System.out.println(marker);
          System.out.flush();
          // Touch every metric row so the step's pages reach the WAL before the pause.
          try (var statement = transaction.connection().createStatement()) {
            statement.executeUpdate("UPDATE \"metrics\" SET \"tokens\" = \"tokens\" + 0");
          }
          Thread.sleep(STEP_SLEEP_MS);
        });
    return new MigrationStep(
        step.fromVersion(),
        step.toVersion(),
        step.statements(),
        step.finalStatements(),
        step.foreignKeysOff(),
        step.checksum(),
        migrations);
  }
}

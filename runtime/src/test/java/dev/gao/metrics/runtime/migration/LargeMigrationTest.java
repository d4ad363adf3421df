package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Sample;
import dev.gao.metrics.runtime.fixture.Versions;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrates a file of realistic size up and down, checks every row, and reports the time. */
class LargeMigrationTest {
  private static final int RUNS = 50_000;

  @TempDir Path temp;

  @Test
  void migratesFiftyThousandRunsUpAndDownKeepingEveryRow() throws Exception {
    Path file = temp.resolve("large.db");
    MetricsDatabase.open(Versions.schema(1), file).close();
    try (Connection connection = Databases.connect(file)) {
      Sample.populateV1(connection, RUNS);
    }
    long rows = RUNS * (1L + Sample.METRICS_PER_RUN);

    long start = System.nanoTime();
    try (MetricsDatabase db = MetricsDatabase.open(Versions.schema(4), file)) {
      assertEquals(4, db.storedVersion());
    }
    long upMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Sample.expected(4, RUNS), Sample.actual(file, 4));

    start = System.nanoTime();
    try (MetricsDatabase db =
        MetricsDatabase.builder(Versions.schema(4))
            .file(file)
            .targetVersion(1)
            .backupBeforeMigration(false)
            .open()) {
      assertEquals(1, db.storedVersion());
    }
    long downMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Sample.expected(1, RUNS), Sample.actual(file, 1));
    System.out.println(
        "Migrated "
            + rows
            + " rows 1 -> 4 (backup, ADD COLUMN, index, RENAME COLUMN, new table filled by a data"
            + " migration, rebuild of the parent table) in "
            + upMs
            + " ms, and 4 -> 1 without backup in "
            + downMs
            + " ms");
  }
}

package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Sample;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.Versions;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migrates a database of realistic size up and down on every engine, checks every row, and reports
 * the time.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class LargeMigrationTest {
  private static final int RUNS = 50_000;

  @Parameter Engine engine;
  @TempDir Path temp;

  private static Map<String, List<List<Object>>> rows(Target target, int version)
      throws Exception {
    try (Connection connection = target.connect("large")) {
      return Sample.actual(connection, version);
    }
  }

  @Test
  void migratesFiftyThousandRunsUpAndDownKeepingEveryRow() throws Exception {
    Target target = Target.of(engine, temp, "large");
    try {
      migrateUpAndDown(target);
    } finally {
      target.drop();
    }
  }

  private void migrateUpAndDown(Target target) throws Exception {
    target.open(Versions.schema(1), "large").close();
    try (Connection connection = target.connect("large")) {
      Sample.populateV1(connection, RUNS);
    }
    long rows = RUNS * (1L + Sample.METRICS_PER_RUN);

    long start = System.nanoTime();
    try (MetricsDatabase db = target.open(Versions.schema(4), "large")) {
      assertEquals(4, db.storedVersion());
    }
    long upMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Sample.expected(engine, 4, RUNS), rows(target, 4));

    start = System.nanoTime();
    try (MetricsDatabase db =
        target
            .builder(Versions.schema(4), "large")
            .targetVersion(1)
            .backupBeforeMigration(false)
            .open()) {
      assertEquals(1, db.storedVersion());
    }
    long downMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Sample.expected(engine, 1, RUNS), rows(target, 1));
    System.out.println(
        "Migrated "
            + rows
            + " rows on "
            + engine.displayName()
            + " 1 -> 4 ("
            + (target.sqlite() ? "backup, " : "")
            + "ADD COLUMN, index, RENAME COLUMN, new table filled by a data migration, "
            + (target.sqlite() ? "rebuild of the parent table" : "new default and ADD COLUMN")
            + ") in "
            + upMs
            + " ms, and 4 -> 1 without backup in "
            + downMs
            + " ms");
  }
}

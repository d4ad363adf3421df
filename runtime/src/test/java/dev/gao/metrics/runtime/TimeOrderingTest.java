package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.dao.SortOrder;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Time columns order chronologically in SQL, on every engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class TimeOrderingTest {
  @Parameter Engine engine;
  @TempDir Path temp;

  @Test
  void orderByIsChronologicalForEveryInstant() throws Exception {
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("1900-06-01T00:00:00.5Z"),
                Instant.EPOCH,
                Instant.parse("1970-01-01T00:00:00.000000001Z"),
                Instant.parse("2025-05-05T10:00:00Z"),
                Instant.parse("2025-05-05T10:00:00.1Z"),
                Instant.parse("2025-05-05T10:00:00.09Z"),
                Instant.parse("2025-05-05T10:00:00.000001Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z")));
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      instants.add(Instant.ofEpochSecond(random.nextInt() * 4L, random.nextInt(1_000_000_000)));
    }
    Target target = Target.of(engine, temp, "times");
    // PostgreSQL keeps microseconds and refuses more.
    instants.replaceAll(target::exact);
    List<Instant> shuffled = new ArrayList<>(instants);
    Collections.shuffle(shuffled, random);
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      RunDao runs = new RunDao(db);
      List<Run> rows = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        rows.add(Run.of("r" + i, shuffled.get(i), "p" + i));
      }
      runs.insertAll(rows);
      List<Instant> sorted = new ArrayList<>(instants);
      Collections.sort(sorted);
      assertEquals(
          sorted,
          runs.list(RunDao.COL_TIMESTAMP, SortOrder.ASC, 1000, 0).stream()
              .map(Run::timestamp)
              .toList());
      // Range comparisons in SQL agree too.
      List<String> beforeEpoch =
          target.column(
              "SELECT timestamp FROM benchmark_runs WHERE timestamp <"
                  + " '1970-01-01T00:00:00.000000000Z'");
      assertEquals(
          sorted.stream().filter(t -> t.isBefore(Instant.EPOCH)).count(), beforeEpoch.size());
      if (!target.sqlite()) {
        return;
      }
      // Fixed width, readable in the sqlite3 shell.
      assertEquals(
          List.of("1969-12-31T23:59:59.999999999Z"),
          Databases.column(
              db.file().orElseThrow(),
              "SELECT timestamp FROM benchmark_runs WHERE timestamp LIKE"
                  + " '1969-12-31T23:59:59.9%'"));
    }
  }

  @Test
  void theCurrentTimestampDefaultReadsBackAndSortsAmongWrittenValues() throws Exception {
    Target target = Target.of(engine, temp, "times");
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      RunDao runs = new RunDao(db);
      Instant now = target.exact(Instant.now());
      Instant earlier = now.minusSeconds(3600);
      Instant later = now.plusSeconds(3600);
      runs.insert(new Run("earlier", now, "p1", "b", null, null, earlier));
      runs.insert(Run.of("defaulted", now, "p2"));
      runs.insert(new Run("later", now, "p3", "b", null, null, later));
      runs.insert(new Run("same-second", now, "p4", "b", null, null, now.minusMillis(1500)));

      Instant defaulted = runs.findById("defaulted").orElseThrow().createdAt();
      assertTrue(
          Math.abs(defaulted.toEpochMilli() - now.toEpochMilli()) < 10_000, defaulted.toString());
      if (target.sqlite()) {
        String stored =
            Databases.column(
                    db.file().orElseThrow(),
                    "SELECT created_at FROM benchmark_runs WHERE run_id = 'defaulted'")
                .get(0);
        assertEquals(30, stored.length(), stored);
        assertTrue(stored.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"), stored);
      }
      assertEquals(
          List.of("earlier", "same-second", "defaulted", "later"),
          runs.list(RunDao.COL_CREATED_AT, SortOrder.ASC, 10, 0).stream()
              .map(Run::runId)
              .toList());
    }
  }
}

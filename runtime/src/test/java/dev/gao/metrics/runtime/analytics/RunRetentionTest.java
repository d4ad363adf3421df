package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.SpaceReclaimed;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static dev.gao.metrics.runtime.analytics.ComparisonData.agents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting and pruning whole runs on a real file, then giving the space back. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RunRetentionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Parameter Engine engine;
  @TempDir Path dir;
  private Target target;

  @BeforeEach
  void target() {
    target = Target.of(engine, dir, "retention");
  }

  private static List<Run> runs(int count) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String benchmark = i % 4 == 0 ? "c" : "b";
      runs.add(
          new Run(
              String.format("r%05d", i),
              T0.plusSeconds(60L * i),
              benchmark,
              "1",
              "completed",
              0.5,
              100.0 + i,
              1.0,
              null,
              agents("amelia", i, "bob", 40),
              List.of(1L, 2L)));
    }
    return runs;
  }

  @Test
  void pruneDeletesExactlyTheOlderRunsWithTheirRowsInBatches() throws Exception {
    String file = "prune";
    List<Run> all = runs(3_000);
    Instant cutoff = T0.plusSeconds(60L * 2_500);
    try (MetricsDatabase db = ComparisonData.open(target, file)) {
      ComparisonData.insert(db, all);
      RunRetention retention = new RunRetention(db, ComparisonSchema.MODEL);
      assertEquals(2_500, retention.count(cutoff, RunFilter.ALL));
      // a filter's own later end does not widen the cutoff
      assertEquals(
          2_500, retention.count(cutoff, RunFilter.ALL.between(null, T0.plusSeconds(9_000_000))));
      // a range that starts after the cutoff matches nothing
      assertEquals(0, retention.count(cutoff, RunFilter.ALL.between(cutoff.plusSeconds(1), null)));
      // and its earlier end narrows it
      assertEquals(100, retention.count(cutoff, RunFilter.ALL.between(null, T0.plusSeconds(6_000))));
      List<Long> progress = new ArrayList<>();
      Map<String, Long> deleted = retention.prune(cutoff, RunFilter.ALL, progress::add);
      assertEquals(List.of(1_000L, 2_000L, 2_500L), progress);
      Map<String, Long> expected = new LinkedHashMap<>();
      expected.put("perf", 2_500L);
      expected.put("usage", 5_000L);
      expected.put("runs", 2_500L);
      assertEquals(expected, deleted);
      assertEquals(List.of("perf", "usage", "runs"), List.copyOf(deleted.keySet()));
      assertEquals(Map.of("perf", 0L, "usage", 0L, "runs", 0L),
          retention.prune(cutoff, RunFilter.ALL, progress::add));
    }
    Set<String> expectedIds = new TreeSet<>();
    all.stream().filter(r -> !r.time().isBefore(cutoff)).forEach(r -> expectedIds.add(r.id()));
    assertEquals(expectedIds, ids(file, "SELECT run_id FROM runs"));
    assertEquals(expectedIds, ids(file, "SELECT run_id FROM perf"));
    assertEquals(expectedIds, ids(file, "SELECT DISTINCT run_id FROM usage"));
    assertEquals(1_000, ids(file, "SELECT id FROM usage").size());
  }

  @Test
  void pruneKeepsToItsFilterAndDeleteTakesOneWholeRun() throws Exception {
    String file = "filtered";
    List<Run> all = runs(400);
    Instant cutoff = T0.plusSeconds(60L * 200);
    try (MetricsDatabase db = ComparisonData.open(target, file)) {
      ComparisonData.insert(db, all);
      RunRetention retention = new RunRetention(db, ComparisonSchema.MODEL);
      RunFilter onlyC = RunFilter.ALL.where("benchmark", "c");
      assertEquals(50, retention.count(cutoff, onlyC));
      assertEquals(0, retention.count(cutoff, RunFilter.ALL.where("benchmark", "c' OR '1'='1")));
      assertEquals(50L, retention.prune(cutoff, onlyC, n -> {}).get("runs"));
      Map<String, Long> one = retention.delete("r00001");
      assertEquals(Map.of("perf", 1L, "usage", 2L, "runs", 1L), one);
      assertEquals(Map.of(), retention.delete("'; DELETE FROM runs; --"));
      assertEquals(349, db.rowCount("runs"));
    }
    Set<String> expectedIds = new TreeSet<>();
    all.stream()
        .filter(r -> !(r.benchmark().equals("c") && r.time().isBefore(cutoff)))
        .filter(r -> !r.id().equals("r00001"))
        .forEach(r -> expectedIds.add(r.id()));
    assertEquals(expectedIds, ids(file, "SELECT run_id FROM runs"));
    assertEquals(expectedIds, ids(file, "SELECT DISTINCT run_id FROM usage"));
  }

  @Test
  void reclaimingSpaceAfterPruning() throws Exception {
    try (MetricsDatabase db = ComparisonData.open(target, "space")) {
      ComparisonData.insert(db, runs(5_000));
      new RunRetention(db, ComparisonSchema.MODEL)
          .prune(T0.plusSeconds(60L * 4_500), RunFilter.ALL, n -> {});
      SpaceReclaimed space = db.reclaimSpace();
      assertEquals(space.bytesBefore() - space.bytesAfter(), space.bytesFreed());
      assertEquals(500, db.rowCount("runs"));
      db.runInTransaction(
          tx ->
              assertThrows(IllegalStateException.class, db::reclaimSpace));
      if (target.sqlite()) {
        // VACUUM rewrites the file without the deleted runs' pages
        Path file = target.file("space");
        assertTrue(space.bytesAfter() < space.bytesBefore() / 3, space.toString());
        assertEquals(space.bytesAfter(), Files.size(file));
        assertEquals(0, Files.exists(Path.of(file + "-wal")) ? Files.size(Path.of(file + "-wal")) : 0);
      } else {
        // VACUUM FULL rewrites the tables without the deleted rows; the database's size is what
        // the server reports, its catalogs included, so it does not shrink to a tenth
        assertTrue(space.bytesAfter() > 0, space.toString());
        assertTrue(space.bytesFreed() > 1_000_000, space.toString());
      }
    }
    try (Connection c = target.connect("space");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                target.sqlite()
                    ? "PRAGMA integrity_check"
                    : "SELECT CASE WHEN count(*) = 500 THEN 'ok' END FROM runs")) {
      rs.next();
      assertEquals("ok", rs.getString(1));
    }
  }

  private Set<String> ids(String name, String sql) throws Exception {
    Set<String> ids = new TreeSet<>();
    try (Connection c = target.connect(name);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}

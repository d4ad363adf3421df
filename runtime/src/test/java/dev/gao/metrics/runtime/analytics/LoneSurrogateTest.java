package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.analytics.ComparisonData.Run;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.gao.metrics.runtime.analytics.ComparisonData.agents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text with a lone UTF-16 surrogate is not valid Unicode; the driver would store it as {@code ?},
 * so that {@code "sur-\udc00"} and {@code "sur-\ud801"} both became {@code "sur-?"}. Writing it is
 * refused naming table, column and value, and comparing with it (a filter, a run to delete) is
 * refused too instead of matching another run's {@code ?}.
 */
class LoneSurrogateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aDaoRefusesLoneSurrogatesInTextAndJsonAndStoresNothing() throws Exception {
    Path file = dir.resolve("dao.db");
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.SCHEMA, file)) {
      RunDao runs = new RunDao(db);
      for (String id : List.of("sur-\udc00", "sur-\ud801", "\ud801", "x\udc00\ud801")) {
        InvalidValueException refused =
            assertThrows(
                InvalidValueException.class,
                () -> runs.insert(dev.gao.metrics.runtime.fixture.Run.of(id, T0, "p")));
        assertTrue(refused.getMessage().contains("benchmark_runs.run_id"), refused.getMessage());
        assertTrue(refused.getMessage().contains("not valid Unicode: a lone surrogate"), refused.getMessage());
        assertTrue(refused.getMessage().contains("\\u"), refused.getMessage());
      }
      InvalidValueException at =
          assertThrows(
              InvalidValueException.class,
              () -> runs.insert(dev.gao.metrics.runtime.fixture.Run.of("sur-\udc00", T0, "p")));
      assertTrue(at.getMessage().contains("'sur-\\uDC00'"), at.getMessage());
      assertTrue(at.getMessage().contains("\\uDC00 at index 4"), at.getMessage());
      // A whole pair is a character like any other.
      runs.insert(dev.gao.metrics.runtime.fixture.Run.of("emoji-\ud83d\ude00", T0, "p"));
      assertEquals("emoji-\ud83d\ude00", runs.findById("emoji-\ud83d\ude00").orElseThrow().runId());
      // Inside a JSON column: the metadata map's text.
      InvalidValueException json =
          assertThrows(
              InvalidValueException.class,
              () ->
                  runs.insert(
                      new dev.gao.metrics.runtime.fixture.Run(
                          "meta", T0, "q", "bench", null, Map.of("note\udc00", List.of()), null)));
      assertTrue(json.getMessage().contains("benchmark_runs.metadata"), json.getMessage());
      assertEquals(1, runs.count());
    }
    assertEquals(List.of("emoji-\ud83d\ude00"), Databases.column(file, "SELECT run_id FROM benchmark_runs"));
  }

  @Test
  void deletingOrFilteringByALoneSurrogateNeverReachesAnotherRun() throws Exception {
    try (MetricsDatabase db = ComparisonData.open(Target.of(Engine.SQLITE, dir, "surrogate"), "retention")) {
      ComparisonData.insert(
          db,
          List.of(
              new Run("sur-?", T0, "b", "1", "completed", 0.5, 100.0, 1.0, null, agents("amelia", 1, "bob", 2), List.of(1L)),
              new Run("other", T0.plusSeconds(60), "b?", "1", "completed", 0.5, 101.0, 1.0, null, agents("amelia", 1, "bob", 2), List.of(1L))));
      RunRetention retention = new RunRetention(db, ComparisonSchema.MODEL);
      InvalidValueException refused =
          assertThrows(InvalidValueException.class, () -> retention.delete("sur-\udc00"));
      assertTrue(refused.getMessage().contains("lone surrogate"), refused.getMessage());
      Analytics analytics = new Analytics(db, ComparisonSchema.MODEL);
      assertEquals(2, analytics.runs(RunFilter.ALL).size(), "both runs are still there");
      assertThrows(
          InvalidValueException.class,
          () -> analytics.runs(RunFilter.ALL.where(ComparisonSchema.MODEL.dimensions().get(0), "b\ud801")));
    }
  }
}

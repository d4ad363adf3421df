package test.metrics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.MappingException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Drives the generated queries against a real database file, one return kind after another. */
public final class QueriesScenario {
  private QueriesScenario() {}

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  private static Run run(String id, String project, Instant started, UUID token, Status status, String cost) {
    return new Run(
        id, started, project, null, Map.of("model", "m1"), null, status, token, new BigDecimal(cost),
        new byte[] {1}, LocalDate.of(2026, 1, 2), LocalDateTime.of(2026, 1, 2, 3, 4),
        OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), true, null, "http://x");
  }

  /** Records whose components are table rows, built from one join each. */
  private static void embeddedTables(MetricsDatabase db, ShopQueries queries) {
    List<ShopQueries.SampleOfRun> samples = queries.samplesOfRun("r1");
    check(samples.size() == 2, "embedded rows: " + samples);
    ShopQueries.SampleOfRun first = samples.get(0);
    check(first.run().runId().equals("r1") && first.run().projectName().equals("alpha"), "embedded run: " + first);
    check("m1".equals(first.run().metadata().get("model")), "JSON column of an embedded row");
    check(first.sample().runId().equals("r1") && first.sample().value() == 1.5, "embedded sample: " + first);
    check(samples.get(1).sample().value() == 2.5 && first.tagCount() == 0, "plain component next to embedded rows");
    check(first.sample().id() != samples.get(1).sample().id(), "each row its own id");
    check(queries.samplesOfRun("r2").isEmpty(), "no row, no embedded rows");

    new TagDao(db).insert(new Tag("r3", "gold", 2, true, LocalDateTime.of(2026, 1, 3, 4, 5)));
    try (Stream<ShopQueries.TagOfRun> tags = queries.tagsOf("beta")) {
      List<ShopQueries.TagOfRun> list = tags.toList();
      check(list.size() == 1 && list.get(0).projectName().equals("beta"), "embedded class row: " + list);
      Tag tag = list.get(0).tag();
      check(tag.getRunId().equals("r3") && tag.name().equals("gold") && tag.weight == 2 && tag.isVisible(), "tag: " + tag);
    }

    new QualityDao(db).insert(new Quality("r1", 87.5, 3, null, new BigDecimal("1.25"), 1000));
    ShopQueries.RunQuality quality = queries.runQuality("r1").orElseThrow();
    check(quality.projectName().equals("alpha") && quality.quality().codeCoveragePercentage() == 87.5, "quality");
    check(quality.quality().oneShotSuccessRate() == null && quality.quality().tokenUsageTotal() == 1000, "nulls");
    check(queries.runQuality("nobody").isEmpty(), "optional without row");
    try {
      queries.runQuality("r2");
      throw new AssertionError("a missing embedded row must not read as a row of NULLs");
    } catch (MappingException e) {
      check(e.getMessage().contains("quality_metrics") && e.getMessage().contains("code_coverage_percentage"),
          "the error names the table and column: " + e.getMessage());
    }
  }

  /** Runs every query of {@link ShopQueries} on a new SQLite file. */
  public static void run(Path file) {
    try (MetricsDatabase db = MetricsDatabase.open(ShopSchema.SCHEMA, file)) {
      run(db);
    }
  }

  /** Runs every query of {@link ShopQueries} on an empty database of schema {@code Shop}, of any engine. */
  public static void run(MetricsDatabase db) {
    RunDao runs = new RunDao(db);
    ShopQueries queries = new ShopQueriesImpl(db);
    UUID token = UUID.randomUUID();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    runs.insert(run("r1", "alpha", t0, token, Status.PASSED, "1.50"));
    runs.insert(run("r2", "alpha", t0.plusSeconds(60), UUID.randomUUID(), Status.FAILED, "2.25"));
    runs.insert(run("r3", "beta", t0.plusSeconds(120), UUID.randomUUID(), Status.PASSED, "9"));
    queries.addSample("r1", 1.5);
    queries.addSample("r1", 2.5);

    List<Run> latest = queries.latest("alpha", 10);
    check(latest.size() == 2 && latest.get(0).runId().equals("r2"), "table records: " + latest);
    check(queries.byToken(token).map(Run::runId).orElseThrow().equals("r1"), "optional table record");
    check(queries.byToken(UUID.randomUUID()).isEmpty(), "optional without row");
    try (Stream<ShopQueries.RunSummary> summaries = queries.summaries("alpha")) {
      List<ShopQueries.RunSummary> list = summaries.toList();
      check(list.size() == 2 && list.get(0).samples() == 2 && list.get(1).samples() == 0, "projection: " + list);
      check("m1".equals(list.get(0).metadata().get("model")), "json component");
    }
    check(queries.count(Status.PASSED, true) == 2, "primitive scalar");
    check(new BigDecimal("3.75").compareTo(queries.totalCost("alpha")) == 0, "decimal scalar");
    check(queries.totalCost("nobody") == null, "null scalar");
    check(queries.lastStart("").orElseThrow().equals(t0.plusSeconds(120)), "optional instant, repeated parameter");
    check(queries.lastStart("nobody").isEmpty(), "optional of NULL");
    check(queries.runIds("alpha").equals(List.of("r1", "r2")), "list of strings");
    check(queries.runIds().equals(List.of("r1", "r2", "r3")), "overload without parameters");
    check(queries.sampleCount() == 2, "int scalar");
    check(queries.runsInYear("2026") == 3 && queries.runsInYear("2025") == 0, "the engine's own date function");
    check(queries.runIdsOnModel("alpha", "m1").equals(List.of("r1", "r2")), "parameters bound in the engine's order");
    check(queries.runIdsOnModel("alpha", "m2").isEmpty() && queries.runIdsOnModel("m1", "alpha").isEmpty(),
        "each parameter where its SQL uses it");
    check(queries.deleteTagsOf("alpha") == 0, "WITH ... DELETE");
    embeddedTables(db, queries);
    check(queries.statuses().equals(List.of(Status.FAILED, Status.PASSED)), "list of enums");
    int failed = db.inTransaction(tx -> queries.fail("alpha", new BigDecimal("2")));
    check(failed == 1, "update count in a transaction");
    check(queries.count(Status.FAILED, true) == 1, "update applied");
    check(queries.samplesOf("r1") == 2, "delete count through a default method");
    queries.deleteTag("r1", "none");
  }
}

package test.metrics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.dao.SortOrder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** Drives the generated DAOs against a real database file. */
public final class Scenario {
  private Scenario() {}

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  private static Run run(String id, String project, Instant started, UUID token, Status status) {
    return new Run(
        id,
        started,
        project,
        null,
        Map.of("model", "m1", "tries", 3),
        null,
        status,
        token,
        new BigDecimal("12.3400"),
        new byte[] {1, 2, 3},
        null,
        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6),
        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
        true,
        null,
        "https://x");
  }

  /** Runs every DAO method once; throws on the first surprise. */
  public static void run(Path file) {
    try (MetricsDatabase db = MetricsDatabase.open(ShopSchema.SCHEMA, file)) {
      RunDao runs = new RunDao(db);
      SampleDao samples = new SampleDao(db);
      TagDao tags = new TagDao(db);
      Instant t0 = Instant.parse("2024-05-01T10:00:00.123456789Z");
      runs.insert(run("r1", "alpha", t0, UUID.fromString("00000000-0000-0000-0000-000000000001"), Status.PASSED));
      runs.insertAll(
          List.of(
              run("r2", "alpha", t0.plusSeconds(1), UUID.fromString("00000000-0000-0000-0000-000000000002"), Status.FAILED),
              run("r3", "beta", t0.minusSeconds(1), UUID.fromString("00000000-0000-0000-0000-000000000003"), Status.PASSED)));
      Run r1 = runs.findById("r1").orElseThrow();
      check(r1.version().equals("1.0.0"), "default version: " + r1.version());
      check(r1.createdAt() != null, "created_at stamped");
      check(r1.day() != null, "day stamped");
      check(r1.metadata().equals(Map.of("model", "m1", "tries", 3)), "json: " + r1.metadata());
      check(r1.cost().equals(new BigDecimal("12.3400")), "decimal");
      check(r1.startedAt().equals(t0), "instant");
      check(r1.payload().length == 3, "bytes");
      check(r1.offsetTime().toInstant().equals(Instant.parse("2024-01-02T01:04:05Z")), "offset");
      check(runs.findByToken(UUID.fromString("00000000-0000-0000-0000-000000000002")).orElseThrow().runId().equals("r2"), "by token");
      check(runs.findByProjectName("alpha").size() == 2, "by project");
      check(runs.findByProjectNameAndStartedAt("alpha", t0).size() == 1, "by project and time");
      check(runs.findByProjectNameAndStatus("beta", Status.PASSED).isPresent(), "by project and status");
      List<Run> byTime = runs.list(RunDao.COL_STARTED_AT, SortOrder.ASC, 10, 0);
      check(byTime.get(0).runId().equals("r3") && byTime.get(2).runId().equals("r2"), "ordered by time");
      check(runs.list(RunDao.COL_STARTED_AT, SortOrder.DESC, 1, 0).get(0).runId().equals("r2"), "desc");
      check(runs.list(2, 1).size() == 2 && runs.list(2, 1).get(0).runId().equals("r2"), "page");
      check(runs.count() == 3 && runs.exists("r1") && !runs.exists("nope"), "count/exists");

      long k1 = samples.insert(new Sample(0, "r1", 1.5, List.of(Map.of("a", 1L)), 7, null, (short) 2, (byte) 3, 1.25f, null, null, null, null, null));
      long[] keys = samples.insertAll(List.of(
          new Sample(0, "r1", 2.5, null, 8, 0.5, (short) 1, (byte) 1, 1f, 9L, (short) 4, (byte) 5, 2f, List.of("x")),
          new Sample(0, "r2", 3.5, null, 9, null, (short) 1, (byte) 1, 1f, null, null, null, null, null)));
      check(keys.length == 2 && keys[0] == k1 + 1, "keys");
      Sample s1 = samples.findById(k1).orElseThrow();
      check(samples.findByLabels(List.of("x")).size() == 1 && samples.findByLabels(List.of("y")).isEmpty(), "by json labels");
      check(Objects.equals(s1.buckets(), List.of(Map.of("a", 1L))), "nested json generics: " + s1.buckets());
      check(samples.findByRunId("r1").size() == 2, "samples by run");
      long upserted = samples.upsert(new Sample(k1, "r1", 9.5, null, 1, null, (short) 0, (byte) 0, 0f, null, null, null, null, null));
      check(upserted == k1 && samples.findById(k1).orElseThrow().value() == 9.5, "upsert");
      check(samples.update(new Sample(k1, "r1", 10.5, null, 1, null, (short) 0, (byte) 0, 0f, null, null, null, null, null)), "update");
      try (Stream<Sample> stream = samples.stream()) {
        check(stream.count() == 3, "stream");
      }

      tags.insert(new Tag("r1", "fast", 2, true, null));
      tags.upsert(new Tag("r1", "fast", 5, false, LocalDateTime.of(2024, 1, 1, 0, 0)));
      Tag tag = tags.findById("r1", "fast").orElseThrow();
      check(tag.weight == 5 && !tag.isVisible(), "composite upsert");
      check(tags.insertAll(List.of(new Tag("r2", "slow", 1, true, null))) == 1, "tags insertAll");
      check(tags.findById("r2", "slow").orElseThrow().getTaggedAt() != null, "local date time default");

      check(runs.deleteById("r1"), "delete");
      check(samples.findByRunId("r1").isEmpty() && tags.findById("r1", "fast").isEmpty(), "cascade");
      check(!runs.update(run("nope", "x", t0, UUID.randomUUID(), Status.PASSED)), "update missing");
      check(LocalDate.now().getYear() >= 2024, "clock");
    }
  }
}

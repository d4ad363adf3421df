package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gao-metrics copy} between a SQLite file and a real PostgreSQL server, both ways, and
 * between two files: whole runs, every value equal afterwards (JSON maps as maps, numbers as
 * numbers, times to the microsecond PostgreSQL keeps), runs already there skipped and named,
 * filters honoured, and mistakes in the command refused before anything is written.
 */
class CopyCommandTest {
  @TempDir Path folder;

  private final List<String> databases = new ArrayList<>();

  @AfterEach
  void dropDatabases() {
    databases.forEach(PostgresServer::dropDatabase);
  }

  private String server(String prefix) {
    String url = PostgresServer.newDatabase(prefix);
    databases.add(url);
    return url;
  }

  /** 45 runs, one of them with nanoseconds in its start time, recorded into a new file. */
  private Path source() throws Exception {
    List<CompleteRun> runs = new DemoRuns(11, Instant.parse("2026-10-01T06:00:00.000001Z")).matrix(3);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      ObjectNode document = RunDocument.write(runs.get(i));
      if (i == 5) {
        document.put("timestamp", Instant.parse(document.get("timestamp").asText()).plusNanos(789).toString());
      }
      lines.append(document).append('\n');
    }
    Path input = Files.writeString(folder.resolve("runs.jsonl"), lines.toString());
    Path file = folder.resolve("source.db");
    CliRun.Result recorded = CliRun.run("record", "--db", file.toString(), input.toString());
    assertEquals(0, recorded.exitCode(), recorded.all());
    return file;
  }

  @Test
  void aFileToAServerAndBackKeepsEveryValue() throws Exception {
    Path file = source();
    String server = server("copy_there");
    String shownServer = "postgresql://postgres@localhost:" + port(server) + "/" + name(server);

    CliRun.Result there = CliRun.run("copy", "--from", file.toString(), "--to", server);
    assertEquals(0, there.exitCode(), there.all());
    long rows = rows(file);
    assertEquals(
        "copied 45 runs (" + rows + " rows) from " + file + " to " + shownServer + "\n"
            + "1 time value had nanoseconds, kept to the microsecond as PostgreSQL keeps time\n",
        there.out());
    assertEquals("", there.err());
    assertSameRuns(export(file.toString()), export(server), true);

    Path back = folder.resolve("back.db");
    CliRun.Result again = CliRun.run("--db", server, "copy", "--to", back.toString());
    assertEquals(0, again.exitCode(), again.all());
    assertEquals("copied 45 runs (" + rows + " rows) from " + shownServer + " to " + back + "\n", again.out());
    assertSameRuns(export(server), export(back.toString()), false);
    assertEquals(0, CliRun.run("validate", "--db", back.toString()).exitCode());

    CliRun.Result twice = CliRun.run("copy", "--from", file.toString(), "--to", server);
    assertEquals(0, twice.exitCode(), twice.all());
    assertTrue(twice.out().startsWith("copied 0 runs (0 rows) from " + file + " to " + shownServer + "\n"
        + "skipped 45 runs already in " + shownServer + ": \""), twice.out());
    assertTrue(twice.out().contains(", ...\n"), twice.out());
  }

  @Test
  void filtersChooseTheRunsAndFileToFileWorksAlike() throws Exception {
    Path file = source();
    Path copy = folder.resolve("bugfix.db");
    CliRun.Result some =
        CliRun.run("copy", "--from", file.toString(), "--to", copy.toString(), "--benchmark", "bugfix-suite",
            "--version", "1.1.0");
    assertEquals(0, some.exitCode(), some.all());
    assertTrue(some.out().startsWith("copied 18 runs ("), some.out());
    List<JsonNode> expected = new ArrayList<>();
    for (JsonNode run : export(file.toString())) {
      if (run.get("benchmark_name").asText().equals("bugfix-suite") && run.get("version").asText().equals("1.1.0")) {
        expected.add(run);
      }
    }
    assertSameRuns(expected, export(copy.toString()), false);

    // at a terminal, progress on standard error after every batch
    CliRun.Result rest = CliRun.run("", true, "copy", "--from", file.toString(), "--to", copy.toString());
    assertEquals(0, rest.exitCode(), rest.all());
    assertEquals("gao-metrics copy: 45 of 45 runs (27 copied, 18 already there)\n", rest.err());
    assertTrue(rest.out().startsWith("copied 27 runs ("), rest.out());
    assertTrue(rest.out().contains("\nskipped 18 runs already in " + copy + ": \""), rest.out());
    assertSameRuns(export(file.toString()), export(copy.toString()), false);
  }

  @Test
  void olderFilesAreReadFromAMigratedCopyAndLeftUnchanged() throws Exception {
    for (String fixture : List.of("gao-metrics-v1.db", "legacy-python-store.db")) {
      Path file = folder.resolve(fixture);
      Files.copy(Path.of("src/test/resources/fixtures", fixture), file);
      byte[] before = Files.readAllBytes(file);
      Path migrated = folder.resolve("migrated-" + fixture);
      Files.copy(file, migrated);
      assertEquals(0, CliRun.run("migrate", "--no-backup", "--db", migrated.toString()).exitCode());
      int runs = export(migrated.toString()).size();
      assertTrue(runs > 0, fixture);

      String server = server("copy_older");
      CliRun.Result copied = CliRun.run("copy", "--from", file.toString(), "--to", server);
      assertEquals(0, copied.exitCode(), copied.all());
      String from = fixture.startsWith("legacy") ? "GAO-Dev's tables" : "version 1";
      assertTrue(copied.out().startsWith("reading a copy of " + file + " migrated from " + from + " to version "
          + GaoMetricsSchema.VERSION + "; " + file + " itself is unchanged\n"
          + "copied " + runs + (runs == 1 ? " run (" : " runs (")), copied.out());
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), fixture + " was changed");
      try (var listing = Files.list(folder)) {
        assertEquals(List.of(), listing.map(Path::getFileName).map(Path::toString)
            .filter(n -> n.startsWith(fixture + "-") || n.endsWith(".backup")).toList());
      }
      assertSameRuns(withoutCreatedAt(export(migrated.toString())), withoutCreatedAt(export(server)), true);
    }
  }

  /** Runs whose created_at a migration stamped when it added the column: each copy stamps its own. */
  private static List<JsonNode> withoutCreatedAt(List<JsonNode> runs) {
    List<JsonNode> stripped = new ArrayList<>();
    for (JsonNode run : runs) {
      ObjectNode copy = run.deepCopy();
      copy.findParents("created_at").forEach(parent -> ((ObjectNode) parent).remove("created_at"));
      stripped.add(copy);
    }
    return stripped;
  }

  @Test
  void aRunTheTargetRefusesCostsOnlyItself() throws Exception {
    Path file = source();
    List<CompleteRun> extra = new DemoRuns(12, Instant.parse("2026-10-20T06:00:00Z")).matrix(1);
    CompleteRun original = extra.get(3);
    Map<String, Object> metadata = new java.util.LinkedHashMap<>(original.run().metadata());
    metadata.put("note", "kept\u0000here"); // SQLite keeps U+0000 in JSON text; PostgreSQL cannot
    BenchmarkRun run = original.run();
    CompleteRun withNul =
        new CompleteRun(
            new BenchmarkRun(run.runId(), run.timestamp(), run.projectName(), run.benchmarkName(), run.version(),
                metadata, run.createdAt(), run.status(), run.finishedAt()),
            original.performance(), original.autonomy(), original.quality(), original.workflow(),
            original.tokenUsage());
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      for (int i = 0; i < extra.size(); i++) {
        store.record(i == 3 ? withNul : extra.get(i));
      }
    }
    String server = server("copy_refused");
    CliRun.Result copied = CliRun.run("copy", "--from", file.toString(), "--to", server);
    assertEquals(3, copied.exitCode(), copied.all());
    assertTrue(copied.out().startsWith("copied 59 runs ("), copied.out());
    assertTrue(copied.err().startsWith("gao-metrics copy: run \"" + run.runId() + "\" not copied: "), copied.err());
    assertTrue(copied.err().contains("U+0000"), copied.err());
    assertTrue(copied.err().endsWith("gao-metrics copy: 1 run was not copied (see above); the others were\n"),
        copied.err());
    List<JsonNode> expected = new ArrayList<>();
    for (JsonNode stored : export(file.toString())) {
      if (!stored.get("run_id").asText().equals(run.runId())) {
        expected.add(stored);
      }
    }
    assertSameRuns(expected, export(server), true);
  }

  @Test
  void mistakesAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path file = source();
    CliRun.Result same = CliRun.run("copy", "--from", file.toString(), "--to", file.toString());
    assertEquals(2, same.exitCode(), same.all());
    assertEquals("gao-metrics copy: --from and --to name the same database (" + file + "); name another target;"
        + " see 'gao-metrics copy --help'\n", same.err());
    Path link = Files.createSymbolicLink(folder.resolve("link.db"), file);
    assertEquals(2, CliRun.run("copy", "--from", file.toString(), "--to", link.toString()).exitCode());

    CliRun.Result noTarget = CliRun.run("copy", "--from", file.toString());
    assertEquals(2, noTarget.exitCode(), noTarget.all());
    assertTrue(noTarget.err().contains("Missing required option: '--to=PATH|URL'"), noTarget.err());

    CliRun.Result badUrl = CliRun.run("copy", "--from", file.toString(), "--to", "postgresql://u:pw@h/db?q=1");
    assertEquals(2, badUrl.exitCode(), badUrl.all());
    assertTrue(badUrl.err().startsWith("gao-metrics copy: invalid --to: the URL's parameter 'q' is not supported"),
        badUrl.err());

    Path older = folder.resolve("older.db");
    MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).file(older).targetVersion(5).open().close();
    CliRun.Result refused = CliRun.run("copy", "--from", file.toString(), "--to", older.toString());
    assertEquals(3, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains(older + " is at an older schema (version 5"), refused.err());
    assertEquals(5, MetricsDatabase.plan(GaoMetricsSchema.SCHEMA, older, GaoMetricsSchema.VERSION).storedVersion());

    CliRun.Result missing = CliRun.run("copy", "--from", folder.resolve("none.db").toString(), "--to",
        folder.resolve("new.db").toString());
    assertEquals(3, missing.exitCode(), missing.all());
    assertTrue(missing.err().contains("no metrics database at " + folder.resolve("none.db")), missing.err());
    assertFalse(Files.exists(folder.resolve("new.db")));
  }

  /** Every run of a database as its JSON Lines export, by run id. */
  private static List<JsonNode> export(String database) throws Exception {
    CliRun.Result exported = CliRun.run("export", "--format", "jsonl", "--oldest-first", "--db", database);
    assertEquals(0, exported.exitCode(), exported.all());
    List<JsonNode> runs = new ArrayList<>();
    for (String line : exported.out().split("\n")) {
      runs.add(RunDocument.mapper().readTree(line));
    }
    return runs;
  }

  /**
   * The same runs with the same values: maps compared as maps, numbers as numbers, and when a
   * server is the target, times to the microsecond.
   */
  private static void assertSameRuns(List<JsonNode> expected, List<JsonNode> actual, boolean toMicros) {
    assertEquals(byId(expected, toMicros).keySet(), byId(actual, false).keySet());
    Map<String, JsonNode> left = byId(expected, toMicros);
    Map<String, JsonNode> right = byId(actual, false);
    left.forEach((id, run) -> assertEquals(run, right.get(id), id));
  }

  private static Map<String, JsonNode> byId(List<JsonNode> runs, boolean toMicros) {
    Map<String, JsonNode> byId = new TreeMap<>();
    for (JsonNode run : runs) {
      ObjectNode copy = run.deepCopy();
      if (toMicros) {
        Instant time = Instant.parse(copy.get("timestamp").asText());
        copy.put("timestamp", time.truncatedTo(ChronoUnit.MICROS).toString());
      }
      byId.put(copy.get("run_id").asText(), copy);
    }
    return byId;
  }

  private static long rows(Path file) throws Exception {
    long rows = 0;
    for (JsonNode run : export(file.toString())) {
      rows += 5 + run.get("token_usage").size();
    }
    return rows;
  }

  private static int port(String url) {
    return Integer.parseInt(url.replaceAll("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1"));
  }

  private static String name(String url) {
    return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
  }
}

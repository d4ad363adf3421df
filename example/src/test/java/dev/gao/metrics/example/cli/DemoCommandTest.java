package dev.gao.metrics.example.cli;

import static dev.gao.metrics.example.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.cli.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} never mixes its runs with real ones: it refuses a database of runs it did not write
 * (unless {@code --force}), always names the file it used, and marks its runs so that {@code delete
 * --demo} removes exactly them. Real runs are recorded with {@code record}, as a collector would.
 */
class DemoCommandTest {
  /** Runs per demo with {@code --repeats 1}: 3 projects, 2 benchmarks, 2 versions, one series 4 times as long. */
  private static final int DEMO_RUNS = 15;

  @TempDir Path folder;

  private Result demo(Path db, String... more) {
    List<String> args = new ArrayList<>(List.of("demo", "--db", db.toString(), "--seed", "4", "--repeats", "1"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** Records real runs with {@code record}; returns their {@code show --json} documents by id. */
  private Map<String, JsonNode> recordRealRuns(Path db, int count) throws Exception {
    List<CompleteRun> runs = new DemoRuns(9, Instant.parse("2026-03-01T08:00:00Z")).matrix(1).subList(0, count);
    Path input = Files.writeString(folder.resolve("real-" + count + ".jsonl"), CliRun.realRunsJsonl(runs));
    Result recorded = run("record", "--db", db.toString(), input.toString());
    assertEquals(0, recorded.exitCode(), recorded.all());
    return shown(db, runs.stream().map(CompleteRun::runId).toList());
  }

  private static Map<String, JsonNode> shown(Path db, List<String> ids) throws Exception {
    Map<String, JsonNode> docs = new HashMap<>();
    for (String id : ids) {
      Result show = run("show", "--json", "--db", db.toString(), id);
      assertEquals(0, show.exitCode(), show.all());
      docs.put(id, RunDocument.mapper().readTree(show.out()));
    }
    return docs;
  }

  /** Every run of the database, as exported. */
  private static List<JsonNode> exported(Path db) throws Exception {
    Result export = run("export", "--format", "jsonl", "--db", db.toString());
    assertEquals(0, export.exitCode(), export.all());
    List<JsonNode> docs = new ArrayList<>();
    for (String line : export.out().lines().toList()) {
      docs.add(RunDocument.mapper().readTree(line));
    }
    return docs;
  }

  private static boolean isDemo(JsonNode doc) {
    JsonNode marker = doc.path("metadata").get(DemoRuns.MARKER);
    return marker != null && marker.isBoolean() && marker.booleanValue();
  }

  @Test
  void theDemoNamesItsFileAndMarksEveryRunAndMayRunAgainOnItsOwnFile() throws Exception {
    Path db = folder.resolve("demo.db");
    Result first = demo(db);
    assertEquals(0, first.exitCode(), first.all());
    List<String> lines = first.out().lines().toList();
    assertEquals("using " + db + " (a new file)", lines.get(0));
    assertTrue(first.out().contains("recorded " + DEMO_RUNS + " runs"), first.out());
    assertTrue(first.out().contains("into " + db), first.out());
    assertTrue(first.out().contains("database now holds " + DEMO_RUNS + " runs (" + DEMO_RUNS + " of them demo runs); delete the demo runs with"
        + " 'gao-metrics delete --demo --db " + db + "'"), first.out());
    List<JsonNode> runs = exported(db);
    assertEquals(DEMO_RUNS, runs.size());
    assertTrue(runs.stream().allMatch(DemoCommandTest::isDemo), "every demo run is marked");

    Result again = run("demo", "--db", db.toString(), "--seed", "5", "--repeats", "1");
    assertEquals(0, again.exitCode(), again.all());
    assertEquals("using " + db + " (" + DEMO_RUNS + " demo runs already, no others)", again.out().lines().findFirst().orElseThrow());
    assertEquals(2 * DEMO_RUNS, exported(db).size());

    // An initialized file without runs is fine too.
    Path empty = folder.resolve("empty.db");
    assertEquals(0, run("init", "--db", empty.toString()).exitCode());
    Result intoEmpty = demo(empty);
    assertEquals(0, intoEmpty.exitCode(), intoEmpty.all());
    assertEquals("using " + empty + " (no runs yet)", intoEmpty.out().lines().findFirst().orElseThrow());
  }

  @Test
  void aFileOfRealRunsIsRefusedUnchangedUnlessForce() throws Exception {
    Path db = folder.resolve("metrics.db");
    Map<String, JsonNode> real = recordRealRuns(db, 3);
    byte[] before = Files.readAllBytes(db);
    Path wal = folder.resolve("metrics.db-wal");
    byte[] walBefore = Files.exists(wal) ? Files.readAllBytes(wal) : null;

    Result refused = demo(db);
    assertEquals(2, refused.exitCode(), refused.all());
    assertEquals("", refused.out());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());
    assertTrue(refused.err().startsWith("gao-metrics demo: " + db + " holds 3 runs that 'gao-metrics demo' did not"
        + " record"), refused.err());
    assertTrue(refused.err().contains("--db demo.db") && refused.err().contains("--force"), refused.err());
    assertArrayEquals(before, Files.readAllBytes(db), "the refused file is unchanged");
    assertArrayEquals(walBefore, Files.exists(wal) ? Files.readAllBytes(wal) : null, "its -wal file too");

    // One real run among demo runs is enough to refuse.
    Path mixed = folder.resolve("mixed.db");
    assertEquals(0, demo(mixed).exitCode());
    recordRealRuns(mixed, 1);
    Result one = demo(mixed);
    assertEquals(2, one.exitCode(), one.all());
    assertTrue(one.err().contains(mixed + " holds 1 run that"), one.err());

    Result forced = demo(db, "--force");
    assertEquals(0, forced.exitCode(), forced.all());
    assertEquals("using " + db + " (3 runs the demo did not record, kept beside the demo runs (--force))",
        forced.out().lines().findFirst().orElseThrow());
    List<JsonNode> all = exported(db);
    assertEquals(3 + DEMO_RUNS, all.size());
    assertEquals(DEMO_RUNS, all.stream().filter(DemoCommandTest::isDemo).count());
    assertEquals(real, shown(db, new ArrayList<>(real.keySet())), "the real runs are as they were");
  }

  @Test
  void olderAndForeignDatabasesOfRealRunsAreRefusedWithoutBeingMigrated() throws Exception {
    for (String fixture : new String[] {"gao-metrics-v1.db", "legacy-python-store.db"}) {
      Path db = folder.resolve(fixture);
      Files.copy(Path.of("src/test/resources/fixtures", fixture), db, StandardCopyOption.REPLACE_EXISTING);
      byte[] before = Files.readAllBytes(db);
      Result refused = demo(db);
      assertEquals(2, refused.exitCode(), fixture + ": " + refused.all());
      assertTrue(refused.err().contains(db + " holds "), refused.err());
      assertArrayEquals(before, Files.readAllBytes(db), fixture + " was neither migrated nor changed");
    }
    // A file that looks like a database but cannot be read: the demo stops before counting its
    // runs, with the file checks every command makes (the header is damaged; restore or salvage).
    byte[] broken = Arrays.copyOf("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 4096);
    Path unreadable = Files.write(folder.resolve("broken.db"), broken);
    Result cannotCount = demo(unreadable);
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, cannotCount.exitCode(), cannotCount.all());
    assertTrue(cannotCount.err().startsWith("gao-metrics demo: Cannot open database file " + unreadable
        + ": the file is damaged"), cannotCount.err());
    assertTrue(cannotCount.err().contains("restore it from a backup"), cannotCount.err());
    assertEquals(1, cannotCount.err().strip().lines().count(), cannotCount.err());
    assertArrayEquals(broken, Files.readAllBytes(unreadable));
    // A file that is no database at all is left to the usual check, which names the problem.
    Path notes = Files.writeString(folder.resolve("notes.txt"), "not a database");
    Result notDatabase = demo(notes);
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, notDatabase.exitCode());
    assertTrue(notDatabase.err().contains("not a SQLite database"), notDatabase.err());
    assertEquals("not a database", Files.readString(notes));
  }

  @Test
  void deleteDemoRemovesExactlyTheDemoRuns() throws Exception {
    Path db = folder.resolve("metrics.db");
    Map<String, JsonNode> real = recordRealRuns(db, 4);
    assertEquals(0, demo(db, "--force").exitCode());
    assertEquals(4 + DEMO_RUNS, exported(db).size());

    Result deleted = run("delete", "--demo", "--db", db.toString());
    assertEquals(0, deleted.exitCode(), deleted.all());
    // Each demo run has its own row, four metric rows and eight token rows.
    assertEquals("deleted " + DEMO_RUNS + " demo runs (" + DEMO_RUNS * 13 + " rows) from " + db + "; 4 other runs kept\n",
        deleted.out());
    List<JsonNode> left = exported(db);
    assertEquals(4, left.size());
    assertTrue(left.stream().noneMatch(DemoCommandTest::isDemo));
    assertEquals(real, shown(db, new ArrayList<>(real.keySet())), "every real run is untouched");
    Result validate = run("validate", "--db", db.toString());
    assertEquals(0, validate.exitCode(), validate.all());

    Result none = run("delete", "--demo", "--db", db.toString());
    assertEquals(0, none.exitCode(), none.all());
    assertEquals("no demo runs in " + db + " (4 other runs); nothing deleted\n", none.out());
    // Now the demo may not write here again.
    assertEquals(2, demo(db).exitCode());
  }

  @Test
  void deleteDemoAsksOnATerminal() throws Exception {
    Path db = folder.resolve("demo.db");
    assertEquals(0, demo(db).exitCode());
    String[] args = {"delete", "--demo", "--db", db.toString()};

    Result declined = run("n\n", true, args);
    assertEquals(0, declined.exitCode(), declined.all());
    assertEquals("delete " + DEMO_RUNS + " demo runs and all their metrics from " + db + ", keeping its 0 other runs? [y/N] ",
        declined.err());
    assertEquals("nothing deleted\n", declined.out());
    Result noAnswer = run("", true, args);
    assertEquals("nothing deleted\n", noAnswer.out());
    assertEquals(DEMO_RUNS, exported(db).size());

    Result accepted = run("yes\n", true, args);
    assertEquals(0, accepted.exitCode(), accepted.all());
    assertTrue(accepted.out().startsWith("deleted " + DEMO_RUNS + " demo runs"), accepted.out());
    assertEquals(0, exported(db).size());

    assertEquals(0, demo(db).exitCode(), "an emptied file takes demo runs again");
    Result yes = run("", true, "delete", "--demo", "--yes", "--db", db.toString());
    assertEquals(0, yes.exitCode(), yes.all());
    assertEquals("", yes.err(), "--yes asks nothing");
    assertEquals(0, exported(db).size());
  }

  @Test
  void deleteNeedsRunIdsOrDemoButNotBoth() throws Exception {
    Path db = folder.resolve("demo.db");
    assertEquals(0, demo(db).exitCode());
    Result both = run("delete", "--demo", "--db", db.toString(), "some-run");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--demo deletes the demo runs; leave out the RUN_ID arguments"), both.err());
    Result neither = run("delete", "--db", db.toString());
    assertEquals(2, neither.exitCode());
    assertTrue(neither.err().contains("give at least one RUN_ID, or --demo"), neither.err());
    assertEquals(DEMO_RUNS, exported(db).size());
  }

  /** Exported as JSON, so that nothing is lost when demo runs are recorded elsewhere and back. */
  @Test
  void demoRunsStayDemoRunsWhenExportedAndRecordedElsewhere() throws Exception {
    Path db = folder.resolve("demo.db");
    assertEquals(0, demo(db).exitCode());
    Path file = folder.resolve("demo.jsonl");
    assertEquals(0, run("export", "--format", "jsonl", "--db", db.toString(), "--output", file.toString()).exitCode());
    Path copy = folder.resolve("copy.db");
    assertEquals(0, run("record", "--db", copy.toString(), file.toString()).exitCode());
    Result again = run("demo", "--db", copy.toString(), "--seed", "6", "--repeats", "1");
    assertEquals(0, again.exitCode(), "only demo runs: " + again.all());
    Result deleted = run("delete", "--demo", "--db", copy.toString());
    assertTrue(deleted.out().startsWith("deleted " + 2 * DEMO_RUNS + " demo runs"), deleted.out());
  }
}

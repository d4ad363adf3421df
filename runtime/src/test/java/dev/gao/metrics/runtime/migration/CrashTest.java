package dev.gao.metrics.runtime.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Sample;
import dev.gao.metrics.runtime.fixture.Versions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM (SIGKILL) while it migrates a populated file from version 1 to 4, at many
 * different moments, and checks after each kill that the file is intact, at one version, with
 * exactly that version's rows; then that a normal open finishes the migration.
 *
 * <p>SQLite only: it is about a file and its journal surviving a writer killed mid-write. On
 * PostgreSQL the server rolls back the transaction of a client that disappears; that a failed step
 * leaves the previous version intact is checked on both engines in {@code MigrationTest}.
 */
class CrashTest {
  private static final int RUNS = 5_000;
  private static final int KILLS = 24;

  @TempDir Path temp;

  @Test
  void aMigrationKilledAtAnyMomentLeavesAnIntactFileAtOneVersion() throws Exception {
    Path template = temp.resolve("template.db");
    MetricsDatabase.open(Versions.schema(1), template).close();
    try (Connection connection = Databases.connect(template)) {
      Sample.populateV1(connection, RUNS);
    }
    assertTrue(Files.notExists(Path.of(template + "-wal")), "template fully checkpointed");

    Map<Integer, Integer> outcomes = new TreeMap<>();
    List<String> log = new ArrayList<>();
    for (int i = 0; i < KILLS; i++) {
      Path folder = Files.createDirectories(temp.resolve("run" + i));
      Path file = folder.resolve("m.db");
      Files.copy(template, file);
      // Half the kills are timed from the start of the open (backup, first statements), half from
      // the middle of the first step, so that they land inside each step and between steps.
      String anchor = i % 2 == 0 ? "OPENING" : "STEP 1->2";
      long delayMs = i % 2 == 0 ? 300L + 35L * (i / 2) : 45L * (i / 2);
      long started = System.nanoTime();
      Process child = start(file);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        do {
          line = out.readLine();
        } while (line != null && !line.equals(anchor));
        assertNotNull(line, "child reached " + anchor);
        Thread.sleep(delayMs);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      }
      int version = check(file);
      outcomes.merge(version, 1, Integer::sum);
      log.add(
          "kill "
              + i
              + " "
              + delayMs
              + " ms after "
              + anchor
              + ": version "
              + version
              + " (exit "
              + child.exitValue()
              + ", "
              + (System.nanoTime() - started) / 1_000_000
              + " ms)");

      try (MetricsDatabase db =
          MetricsDatabase.builder(Versions.schema(4))
              .file(file)
              .backupBeforeMigration(false)
              .open()) {
        assertEquals(4, db.storedVersion());
      }
      assertEquals(4, check(file));
      checkBackups(folder);
    }
    System.out.println("Crash outcomes by version: " + outcomes);
    log.forEach(System.out::println);
    assertTrue(outcomes.size() >= 3, "kills landed at several versions: " + outcomes);
  }

  private static Process start(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            // a killed child cannot delete the native library sqlite-jdbc extracts: keep it in the
            // test's own folder, which is removed afterwards
            "-Dorg.sqlite.tmpdir=" + file.getParent(),
            CrashChild.class.getName(),
            file.toString());
    builder.redirectErrorStream(true);
    return builder.start();
  }

  /** Checks integrity, foreign keys, version bookkeeping and every row; returns the version. */
  private static int check(Path file) throws Exception {
    try (Connection connection = Databases.connect(file)) {
      assertEquals(List.of(List.of("ok")), Databases.query(connection, "PRAGMA integrity_check"));
      assertEquals(List.of(), Databases.query(connection, "PRAGMA foreign_key_check"));
      int version =
          Integer.parseInt(Databases.query(connection, "PRAGMA user_version").get(0).get(0));
      assertTrue(version >= 1 && version <= 4, "version " + version);
      assertEquals(
          List.of(List.of(Integer.toString(version), Versions.hash(version))),
          Databases.query(
              connection,
              "SELECT (SELECT value FROM gao_metrics_schema WHERE key = 'schema_version'),"
                  + " (SELECT value FROM gao_metrics_schema WHERE key = 'identity_hash')"));
      long steps =
          version == 1
              ? 0
              : Long.parseLong(
                  Databases.query(connection, "SELECT count(*) FROM gao_metrics_history")
                      .get(0)
                      .get(0));
      assertEquals(version - 1, steps, "one history row per committed step");
      assertEquals(Sample.expected(version, RUNS), Sample.actual(connection, version));
      return version;
    }
  }

  /** Any backup left is whole: a readable database at version 1. */
  private static void checkBackups(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      for (Path backup : files.filter(p -> p.toString().endsWith(".backup")).toList()) {
        assertEquals(List.of("ok"), Databases.column(backup, "PRAGMA integrity_check"));
        assertEquals(List.of("1"), Databases.column(backup, "PRAGMA user_version"));
      }
    }
  }
}

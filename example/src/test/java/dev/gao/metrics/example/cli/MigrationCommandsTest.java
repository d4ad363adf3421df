package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, migrate, validate and history on copies of the committed version-1 and legacy files. */
class MigrationCommandsTest {
  @TempDir Path folder;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        GaoMetricsCli.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private Path copyOf(String fixture) throws Exception {
    Path file = folder.resolve(fixture);
    Files.copy(Path.of("src/test/resources/fixtures", fixture), file);
    return file;
  }

  @Test
  void readOnlyCommandsShowThePendingStepAndChangeNothing() throws Exception {
    Path file = copyOf("gao-metrics-v1.db");
    byte[] before = Files.readAllBytes(file);

    Result status = run("status", "--db", file.toString());
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(status.out().contains("GaoMetrics version 1 (this build: version 6)"), status.out());
    assertTrue(status.out().contains("pending:  5 steps"), status.out());
    assertTrue(status.out().contains("1 -> 2 (upgrade"), status.out());

    Result dryRun = run("migrate", "--dry-run", "--db", file.toString());
    assertEquals(0, dryRun.exitCode(), dryRun.err());
    assertTrue(dryRun.out().contains("ALTER TABLE \"benchmark_runs\" ADD COLUMN \"status\""), dryRun.out());
    assertTrue(dryRun.out().contains("CREATE TABLE \"token_usage\""), dryRun.out());

    Result validate = run("validate", "--db", file.toString());
    assertEquals(0, validate.exitCode(), validate.out() + validate.err());
    assertTrue(validate.out().contains("matches schema GaoMetrics version 1"), validate.out());

    assertArrayEquals(before, Files.readAllBytes(file), "status, dry run and validate leave the file as it was");
    try (var siblings = Files.list(folder)) {
      assertEquals(1, siblings.count(), "no backup, no -wal left behind");
    }
  }

  @Test
  void migrateUpAndDownWithHistoryAndValidation() throws Exception {
    Path file = copyOf("gao-metrics-v1.db");

    Result up = run("migrate", "--db", file.toString());
    assertEquals(0, up.exitCode(), up.err());
    assertTrue(up.out().contains("from version 1 to 6"), up.out());

    Result history = run("history", "--db", file.toString());
    assertEquals(0, history.exitCode(), history.err());
    assertTrue(history.out().matches("(?s).*upgrade\\s+1 -> 2.*"), history.out());

    assertEquals(0, run("validate", "--db", file.toString()).exitCode());
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP INDEX idx_runs_project");
    }
    Result broken = run("validate", "--db", file.toString());
    assertEquals(ValidateCommand.EXIT_MISMATCH, broken.exitCode(), broken.out() + broken.err());
    assertTrue((broken.out() + broken.err()).contains("idx_runs_project"), broken.out() + broken.err());
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX \"idx_runs_project\" ON \"benchmark_runs\" (\"project_name\")");
    }

    Result down = run("migrate", "--to", "1", "--db", file.toString());
    assertEquals(0, down.exitCode(), down.err());
    assertTrue(down.out().contains("to 1"), down.out());
    Result status = run("status", "--db", file.toString());
    assertTrue(status.out().contains("GaoMetrics version 1 (this build: version 6)"), status.out());
    Result after = run("history", "--db", file.toString());
    assertTrue(after.out().matches("(?s).*downgrade\\s+2 -> 1.*"), after.out());
  }

  @Test
  void aDowngradeThatDropsDataListsItAndAsksAtATerminal() throws Exception {
    Path file = folder.resolve("demo.db");
    assertEquals(0, run("demo", "--db", file.toString()).exitCode());
    byte[] before = Files.readAllBytes(file);

    CliRun.Result no = CliRun.run("n\n", true, "migrate", "--db", file.toString(), "--to", "1");
    assertEquals(0, no.exitCode(), no.err());
    assertTrue(
        no.err().contains("down to version 1 drops table token_usage (720 rows), column benchmark_runs.status (90 values),"
            + " column benchmark_runs.finished_at (90 values)"),
        no.err());
    assertTrue(no.err().contains("[y/N]"), no.err());
    assertEquals("nothing migrated", no.out().strip());
    assertArrayEquals(before, Files.readAllBytes(file), "answered no: the file is as it was");

    CliRun.Result yes = CliRun.run("y\n", true, "migrate", "--db", file.toString(), "--to", "4");
    assertEquals(0, yes.exitCode(), yes.err());
    assertFalse(yes.err().contains("drops"), "6 -> 4 drops nothing: " + yes.err());
    assertTrue(yes.out().contains("from version 6 to 4"), yes.out());

    Result script = run("migrate", "--db", file.toString(), "--to", "1");
    assertEquals(0, script.exitCode(), script.err());
    assertTrue(script.err().contains("drops table token_usage (720 rows)"), "said also without a terminal: " + script.err());
    assertTrue(script.out().contains("from version 4 to 1"), script.out());
  }

  @Test
  void aLegacyFileIsReportedThenAdoptedByMigrate() throws Exception {
    Path file = copyOf("legacy-python-store.db");
    Result status = run("status", "--db", file.toString());
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(status.out().contains("created without gao-metrics; its tables match version 1"), status.out());

    Result migrate = run("migrate", "--db", file.toString());
    assertEquals(0, migrate.exitCode(), migrate.err());
    assertTrue(migrate.out().contains("adopted"), migrate.out());
    assertTrue(migrate.out().contains("to 6"), migrate.out());
    Result after = run("status", "--db", file.toString());
    assertTrue(after.out().matches("(?s).*benchmark_runs\\s+24 rows.*"), after.out());
  }
}

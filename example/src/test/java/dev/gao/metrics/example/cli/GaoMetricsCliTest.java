package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process against real files. */
class GaoMetricsCliTest {
  @TempDir Path folder;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        GaoMetricsCli.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  @Test
  void initCreatesTheFileAndItsFolders() {
    Path file = folder.resolve("a/b/metrics.db");
    Result result = run(Map.of(), "init", "--db", file.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(Files.isRegularFile(file));
    assertTrue(result.out().contains("version 6"), result.out());
  }

  @Test
  void demoThenStatusShowsEveryTableWithItsRowCount() {
    Path file = folder.resolve("demo.db");
    Result demo = run(Map.of(), "demo", "--db", file.toString(), "--seed", "3", "--repeats", "2");
    assertEquals(0, demo.exitCode(), demo.err());
    assertTrue(demo.out().contains("recorded 30 runs (390 rows)"), demo.out());
    assertTrue(demo.out().contains("greenfield-webapp 1.0.0"), demo.out());
    assertTrue(demo.out().contains("database now holds 30 runs"), demo.out());

    Result status = run(Map.of(), "status", "--db", file.toString());
    assertEquals(0, status.exitCode(), status.err());
    for (String table :
        new String[] {"benchmark_runs", "performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics",
          "token_usage"}) {
      int expected = table.equals("token_usage") ? 30 * 8 : 30;
      assertTrue(status.out().matches("(?s).*" + table + "\\s+" + expected + " rows.*"), status.out());
    }
    assertTrue(status.out().contains("pending:  none"), status.out());
    assertTrue(status.out().contains("GaoMetrics version 6"), status.out());
  }

  @Test
  void theEnvironmentVariableChoosesTheFileWhenDbIsAbsent() {
    Path file = folder.resolve("from-env.db");
    Result result = run(Map.of(DatabaseOption.ENVIRONMENT_VARIABLE, file.toString()), "init");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(Files.exists(file));

    Path explicit = folder.resolve("explicit.db");
    run(Map.of(DatabaseOption.ENVIRONMENT_VARIABLE, file.toString()), "init", "--db", explicit.toString());
    assertTrue(Files.exists(explicit), "--db wins over the environment");
  }

  @Test
  void statusOfAMissingFileIsADatabaseErrorOnOneLine() {
    Path file = folder.resolve("missing.db");
    Result result = run(Map.of(), "status", "--db", file.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().contains("gao-metrics init"), result.err());
    assertFalse(Files.exists(file), "status never creates a database");
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws Exception {
    Path file = folder.resolve("notes.db");
    Files.writeString(file, "these are notes, not a database\n".repeat(200));
    byte[] before = Files.readAllBytes(file);
    Result result = run(Map.of(), "status", "--db", file.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode());
    assertTrue(result.err().contains(file.toString()), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file is unchanged");
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    Result result = run(Map.of(), "status", "--no-such-option");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--no-such-option"), result.err());
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"init", "status", "demo", "migrate", "validate", "history"}) {
      Result result = run(Map.of(), command, "--help");
      assertEquals(0, result.exitCode());
      assertTrue(result.out().contains("--db"), result.out());
    }
  }
}

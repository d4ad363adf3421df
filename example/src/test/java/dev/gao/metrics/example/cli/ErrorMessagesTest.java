package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.DemoRuns;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every failure reaches the user as one line that says what to do, with the right exit code and
 * without a Java class name; the stack trace follows only with {@code --debug}.
 */
class ErrorMessagesTest {
  private static final Pattern JAVA_NAMES =
      Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjava\\.[a-z]|^\\s+at ", Pattern.MULTILINE);

  @TempDir Path temp;

  private Path db;

  @BeforeEach
  void database() throws Exception {
    db = temp.resolve("m.db");
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(new DemoRuns(5, Instant.parse("2026-01-01T00:00:00Z")).matrix(1));
    }
  }

  /** A command that fails with what it is given, to reach the command line's handlers. */
  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    private final Throwable failure;

    Failing(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error error) {
        throw error;
      }
      throw (Exception) failure;
    }
  }

  private static CliRun.Result failWith(Throwable failure, String... globalOptions) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        GaoMetricsCli.commandLine(
            Map.of(),
            new Terminal(new ByteArrayInputStream(new byte[0]), false),
            Clock.systemUTC(),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    commandLine.addSubcommand("fail", new Failing(failure));
    // picocli gives a subcommand added later the streams of the time it was added: give it these.
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    // The options go before the subcommand: one added after the top command was built does not
    // inherit --debug.
    String[] all = new String[globalOptions.length + 1];
    System.arraycopy(globalOptions, 0, all, 0, globalOptions.length);
    all[globalOptions.length] = "fail";
    int exitCode = commandLine.execute(all);
    return new CliRun.Result(exitCode, out.toString(), err.toString());
  }

  private static void assertOneLine(CliRun.Result result, int exitCode, String... parts) {
    assertEquals(exitCode, result.exitCode(), result.all());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    for (String part : parts) {
      assertTrue(result.err().contains(part), "expected '" + part + "' in: " + result.err());
    }
    assertFalse(JAVA_NAMES.matcher(result.all()).find(), "a Java name in: " + result.all());
  }

  @Test
  void outOfMemoryIsOneLineWithWhatToDo() {
    CliRun.Result result = failWith(new OutOfMemoryError("Java heap space"));
    assertOneLine(result, GaoMetricsCli.EXIT_DATABASE_ERROR, "gao-metrics fail: out of memory (this JVM may use at most",
        "JAVA_TOOL_OPTIONS=-Xmx2g");
  }

  @Test
  void aStackOverflowIsOneLine() {
    assertOneLine(failWith(new StackOverflowError()), GaoMetricsCli.EXIT_DATABASE_ERROR, "nests too deeply",
        "-Xss16m");
  }

  @Test
  void aFileErrorSaysWhatWentWrongInWordsAndNamesTheFile() {
    CliRun.Result result = failWith(new NoSuchFileException("/work/out/.export-1234.tmp"));
    assertOneLine(result, GaoMetricsCli.EXIT_DATABASE_ERROR,
        "/work/out/.export-1234.tmp: a file or folder on the path does not exist; check the path");
  }

  @Test
  void anUnexpectedFailureIsAnInternalFailureToReport() {
    CliRun.Result result = failWith(new NullPointerException());
    assertOneLine(result, GaoMetricsCli.EXIT_DATABASE_ERROR, "internal failure (null pointer)",
        "run again with --debug");
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun.Result plain = failWith(new NullPointerException("boom"));
    assertFalse(plain.err().contains("\tat "), plain.err());
    CliRun.Result debug = failWith(new NullPointerException("boom"), "--debug");
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, debug.exitCode());
    assertTrue(debug.err().startsWith("gao-metrics fail: internal failure: boom;"), debug.err());
    assertTrue(debug.err().contains("java.lang.NullPointerException: boom"), debug.err());
    // The exception was made here, so its trace starts in this method.
    assertTrue(debug.err().contains("\tat " + ErrorMessagesTest.class.getName() + ".debugAddsTheStackTrace"),
        debug.err());
  }

  @Test
  void debugWorksOnEveryCommandOnEitherSide() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("folder"));
    CliRun.Result before = CliRun.run("--debug", "status", "--db", folder.toString());
    CliRun.Result after = CliRun.run("status", "--db", folder.toString(), "--debug");
    for (CliRun.Result result : new CliRun.Result[] {before, after}) {
      assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), result.all());
      assertTrue(result.err().startsWith("gao-metrics status: Cannot open database " + folder + ": it is a folder"),
          result.err());
      assertTrue(result.err().contains("DatabaseOpenException"), result.err());
    }
  }

  @Test
  void anUnknownStatusIsAUsageError() {
    for (String status : new String[] {"bogus", "FAILED"}) {
      CliRun.Result result = CliRun.run("runs", "--status", status, "--db", db.toString());
      assertOneLine(result, 2, "invalid --status \"" + status + "\": a run's status is one of running, completed,"
          + " failed, timeout", "see 'gao-metrics runs --help'");
    }
    CliRun.Result known = CliRun.run("runs", "--status", "failed", "--db", db.toString());
    assertEquals(0, known.exitCode(), known.all());
  }

  @Test
  void aLatinOneFileIsNamedWithHowToConvertIt() throws Exception {
    Path latin1 = temp.resolve("runs.jsonl");
    Files.write(latin1, "{\"run_id\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    CliRun.Result result = CliRun.run("record", latin1.toString(), "--db", db.toString());
    assertEquals(GaoMetricsCli.EXIT_DATABASE_ERROR, result.exitCode(), result.all());
    assertTrue(result.err().contains(latin1 + ": is not UTF-8 text"), result.err());
    assertTrue(result.err().contains("iconv -f latin1 -t utf-8"), result.err());
    assertFalse(JAVA_NAMES.matcher(result.all()).find(), result.all());
  }

  @Test
  void aBusyDatabaseNamesTheFileAndOffersNoOptionTheCommandLineLacks() throws Exception {
    try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = holder.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      long began = System.nanoTime();
      CliRun.Result result = CliRun.run("delete", "--yes", "--db", db.toString(), firstRun());
      double seconds = (System.nanoTime() - began) / 1e9;
      statement.execute("ROLLBACK");
      assertOneLine(result, GaoMetricsCli.EXIT_DATABASE_ERROR,
          db + " is busy: another program held its write lock for more than 10 s; run the command again");
      assertFalse(result.err().contains("busyTimeout"), result.err());
      assertTrue(seconds >= 9, "waited " + seconds + " s");
    }
    CliRun.Result after = CliRun.run("show", "--db", db.toString(), firstRun());
    assertEquals(0, after.exitCode(), "the run is still there: " + after.all());
  }

  private String firstRun() throws Exception {
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      return store.runs().list(1, 0).get(0).runId();
    }
  }
}

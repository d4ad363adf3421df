package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.MetricsDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The options every command shares, in-process against real files: {@code --db} before or after the
 * subcommand, the default file under {@code $HOME}, and help without picocli warnings.
 */
class GlobalOptionsTest {
  @TempDir Path folder;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        GaoMetricsCli.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private Path demo(String name) {
    Path file = folder.resolve(name);
    Result demo = run(Map.of(), "demo", "--db", file.toString(), "--seed", "1", "--repeats", "1");
    assertEquals(0, demo.exitCode(), demo.err());
    return file;
  }

  @Test
  void dbWorksBeforeAndAfterTheCommand() {
    Path file = demo("m.db");
    Result before = run(Map.of(), "--db", file.toString(), "status");
    assertEquals(0, before.exitCode(), before.err());
    assertTrue(before.out().startsWith("file:     " + file), before.out());
    Result after = run(Map.of(), "status", "--db", file.toString());
    assertEquals(0, after.exitCode(), after.err());
    assertEquals(before.out(), after.out());
    Result equalsForm = run(Map.of(), "--db=" + file, "runs", "--json", "--limit", "0");
    assertEquals(0, equalsForm.exitCode(), equalsForm.err());
    assertEquals(15, equalsForm.out().lines().filter(line -> line.contains("\"run_id\"")).count());

    Path created = folder.resolve("created/before.db");
    Result init = run(Map.of(), "--db", created.toString(), "init");
    assertEquals(0, init.exitCode(), init.err());
    assertTrue(Files.isRegularFile(created));
  }

  @Test
  void theValueAfterTheCommandWinsAndTheEnvironmentComesLast() {
    Path file = demo("m.db");
    Path other = folder.resolve("other.db");
    Result both = run(Map.of(), "--db", other.toString(), "status", "--db", file.toString());
    assertEquals(0, both.exitCode(), both.err());
    assertTrue(both.out().startsWith("file:     " + file), both.out());
    assertFalse(Files.exists(other), "the value before the command was overridden");

    Map<String, String> environment = Map.of(DatabaseOption.ENVIRONMENT_VARIABLE, other.toString());
    Result beforeWinsOverEnvironment = run(environment, "--db", file.toString(), "status");
    assertEquals(0, beforeWinsOverEnvironment.exitCode(), beforeWinsOverEnvironment.err());
    assertTrue(beforeWinsOverEnvironment.out().startsWith("file:     " + file));

    Result fromEnvironment = run(Map.of(DatabaseOption.ENVIRONMENT_VARIABLE, file.toString(), "HOME",
        folder.resolve("home").toString()), "status");
    assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.err());
    assertTrue(fromEnvironment.out().startsWith("file:     " + file), "GAO_METRICS_DB wins over HOME");

    Result twiceAfter = run(Map.of(), "status", "--db", file.toString(), "--db", other.toString());
    assertEquals(2, twiceAfter.exitCode(), "one place may name the file only once");
    assertTrue(twiceAfter.err().contains("--db"), twiceAfter.err());
  }

  @Test
  void theDefaultFileIsUnderHome() {
    Path home = folder.resolve("home");
    Result demo = run(Map.of("HOME", home.toString()), "demo", "--seed", "1", "--repeats", "1");
    assertEquals(0, demo.exitCode(), demo.err());
    Path expected = home.resolve(".gao-dev/metrics.db");
    assertTrue(Files.isRegularFile(expected), demo.out());
    assertTrue(demo.out().contains(expected.toString()), demo.out());
    Result status = run(Map.of("HOME", home.toString()), "status");
    assertTrue(status.out().startsWith("file:     " + expected), status.out());

    Path javaHome = Path.of(System.getProperty("user.home"), ".gao-dev", "metrics.db");
    assertEquals(javaHome, MetricsDatabase.defaultFile(Map.of()));
    assertEquals(javaHome, MetricsDatabase.defaultFile(Map.of("HOME", "  ")), "a blank HOME counts as unset");
    assertEquals(home.resolve(".gao-dev/metrics.db"), MetricsDatabase.defaultFile(Map.of("HOME", home.toString())));
    Map<String, String> unset = new HashMap<>();
    unset.put("HOME", null);
    assertEquals(javaHome, MetricsDatabase.defaultFile(unset));
  }

  @Test
  void everyHelpListsDbAndPrintsNoWarning() {
    List<List<String>> commands = new ArrayList<>();
    collect(GaoMetricsCli.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
        new ArrayList<>(), commands);
    assertTrue(commands.size() > 16, "the top command and every subcommand: " + commands);
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    for (List<String> path : commands) {
      for (String help : new String[] {"--help", "-h"}) {
        List<String> args = new ArrayList<>(path);
        args.add(help);
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
        Result result;
        // picocli's tracer writes its warnings to System.err as it is at the time of the warning
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
        try {
          result = run(Map.of(), args.toArray(String[]::new));
        } finally {
          System.setErr(originalErr);
          System.setOut(originalOut);
        }
        String name = String.join(" ", args);
        String all = result.out() + result.err() + systemOut.toString(StandardCharsets.UTF_8)
            + systemErr.toString(StandardCharsets.UTF_8);
        assertEquals(0, result.exitCode(), name + ": " + all);
        assertTrue(result.out().startsWith("Usage: gao-metrics"), name + ": " + result.out());
        assertTrue(result.out().contains("--db=PATH"), name + " lists --db: " + result.out());
        // the path on one line, unbroken; the rest compared without the white space of wrapping
        assertTrue(
            result.out().contains(" $HOME/.gao-dev/metrics.db (with"), name + " names the default file: " + result.out());
        String text = result.out().replaceAll("\\s+", "");
        assertTrue(text.contains("else$HOME/.gao-dev/metrics.db(withHOMEunsetorblank,theJVM'suser.home)"),
            name + " names the default file: " + result.out());
        assertFalse(all.contains("WARN"), name + ": " + all);
        assertFalse(all.contains("%%"), name + " shows a percent sign once: " + all);
      }
    }
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    into.add(List.copyOf(path));
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      List<String> deeper = new ArrayList<>(path);
      deeper.add(sub.getKey());
      collect(sub.getValue(), deeper, into);
    }
  }
}

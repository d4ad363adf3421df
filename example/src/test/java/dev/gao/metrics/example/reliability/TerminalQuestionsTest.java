package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delete} and {@code prune} ask whenever a person types at a terminal, also when only
 * standard output is redirected ({@code gao-metrics prune --older-than 1d | tee log}). The command
 * line runs in a child JVM on a real pseudo-terminal made by util-linux's {@code script}, with its
 * standard output and error redirected to files; the answer is typed into the terminal.
 */
class TerminalQuestionsTest {
  @TempDir Path folder;

  private Path db;
  private List<CompleteRun> runs;

  @BeforeEach
  void recordRuns() {
    db = folder.resolve("metrics.db");
    runs = new DemoRuns(23, Instant.parse("2025-01-01T00:00:00Z")).matrix(1);
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(runs);
    }
  }

  /** What the command wrote to its redirected standard output and error. */
  private record Output(int exitCode, String out, String err) {}

  /** Runs the command line on a terminal whose keyboard types {@code typed}. */
  private Output onTerminal(String typed, String... args) throws IOException, InterruptedException {
    Path out = folder.resolve("out.txt");
    Path err = folder.resolve("err.txt");
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.add("-Dorg.sqlite.tmpdir=" + folder);
    java.add(GaoMetricsCli.class.getName());
    java.addAll(List.of(args));
    StringBuilder shell = new StringBuilder("exec");
    for (String word : java) {
      shell.append(' ').append(quoted(word));
    }
    shell.append(" >").append(quoted(out.toString())).append(" 2>").append(quoted(err.toString()));
    Process script;
    try {
      script = new ProcessBuilder("script", "-qec", shell.toString(), "/dev/null").start();
    } catch (IOException e) {
      throw new AssertionError("util-linux's script is needed to run a command on a terminal", e);
    }
    // Give the child time to reach its question before the keyboard answers.
    Thread.sleep(1500);
    try {
      script.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
      script.getOutputStream().flush();
    } catch (IOException ended) {
      // The command ended without waiting for an answer: the assertions say what it did instead.
    }
    assertTrue(script.waitFor(60, TimeUnit.SECONDS), "the command ended");
    script.getInputStream().readAllBytes();
    return new Output(script.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private long storedRuns() {
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      return store.runs().count();
    }
  }

  @Test
  void deleteAsksAtATerminalWhenOnlyItsOutputIsRedirected() throws Exception {
    String id = runs.get(0).runId();
    Output no = onTerminal("n\n", "delete", "--db", db.toString(), id);
    assertTrue(no.err().contains("[y/N]"), "asked: " + no.err());
    assertEquals(runs.size(), storedRuns(), "answered no: nothing deleted; " + no.out() + no.err());

    Output yes = onTerminal("y\n", "delete", "--db", db.toString(), id);
    assertEquals(0, yes.exitCode(), yes.err());
    assertEquals(runs.size() - 1, storedRuns(), "answered yes: the run is deleted");
  }

  @Test
  void pruneAsksAtATerminalWhenOnlyItsOutputIsRedirected() throws Exception {
    Output no = onTerminal("n\n", "prune", "--db", db.toString(), "--older-than", "1d");
    assertTrue(no.err().contains("[y/N]"), "asked: " + no.err());
    assertEquals(runs.size(), storedRuns(), "answered no: nothing pruned; " + no.out() + no.err());
    assertFalse(no.out().contains("deleted " + runs.size()), no.out());
  }
}

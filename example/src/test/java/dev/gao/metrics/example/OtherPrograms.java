package dev.gao.metrics.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The programs GAO-Dev's users open their metrics files with besides gao-metrics: the {@code
 * sqlite3} shell (Debian 12's is SQLite 3.40) and Python's {@code sqlite3} module, run as real
 * processes. Both must be installed: {@code .ci/run} installs Debian's {@code sqlite3} package when
 * the shell is missing, and a missing program fails the test instead of skipping it.
 */
final class OtherPrograms {
  private OtherPrograms() {}

  /** What a program printed and how it ended. */
  record Output(int exitCode, String out, String err) {}

  /** Runs {@code command}, feeding it {@code input}, and waits up to a minute. */
  static Output run(List<String> command, String input) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new AssertionError(
          command.get(0) + " is not installed (" + e.getMessage() + "); install Debian's sqlite3 and python3"
              + " packages, as .ci/run does",
          e);
    }
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
    return new Output(
        process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  /** The SQLite version of the {@code sqlite3} shell. */
  static String shellVersion() throws IOException, InterruptedException {
    Output output = run(List.of("sqlite3", ":memory:", "SELECT sqlite_version()"), "");
    assertEquals(0, output.exitCode(), output.err());
    return output.out().strip();
  }

  /** The SQLite version of Python's {@code sqlite3} module. */
  static String pythonVersion() throws IOException, InterruptedException {
    return python("import sqlite3; print(sqlite3.sqlite_version)").strip();
  }

  /** Whether SQLite {@code version} answers {@code json_valid(NULL)} with 0 (before 3.45). */
  static boolean failsNullJsonChecks(String version) {
    String[] parts = version.split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    return major == 3 && minor < 45;
  }

  /**
   * Every problem {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} report for
   * {@code file} in the {@code sqlite3} shell: empty when the file is sound.
   */
  static List<String> shellProblems(Path file) throws IOException, InterruptedException {
    Output output =
        run(List.of("sqlite3", file.toString(), "PRAGMA integrity_check;", "PRAGMA foreign_key_check;"), "");
    assertEquals(0, output.exitCode(), "sqlite3 on " + file + ": " + output.err());
    return problems(output.out());
  }

  /** The same checks through Python's {@code sqlite3} module. */
  static List<String> pythonProblems(Path file) throws IOException, InterruptedException {
    String script =
        "import sqlite3, sys\n"
            + "c = sqlite3.connect(sys.argv[1])\n"
            + "for row in c.execute('PRAGMA integrity_check'):\n"
            + "    print(row[0])\n"
            + "for row in c.execute('PRAGMA foreign_key_check'):\n"
            + "    print('foreign key', row)\n"
            + "c.close()\n";
    return problems(python(script, file.toString()));
  }

  /** Runs a Python script with arguments; fails on a non-zero exit. */
  static String python(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    Output output = run(command, "");
    assertEquals(0, output.exitCode(), "python3 failed: " + output.err());
    return output.out();
  }

  private static List<String> problems(String out) {
    List<String> problems = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank() && !line.strip().equals("ok")) {
        problems.add(line.strip());
      }
    }
    return problems;
  }

  /** Copies a test fixture to {@code target}. */
  static Path fixture(String name, Path target) throws IOException {
    Files.copy(Path.of("src/test/resources/fixtures", name), target);
    return target;
  }
}

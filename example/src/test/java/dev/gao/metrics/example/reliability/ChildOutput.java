package dev.gao.metrics.example.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The lines a child started by {@link ChildJvm} writes to its standard output file. */
final class ChildOutput {
  private final Process child;
  private final Path out;
  private final Path errors;

  private ChildOutput(Process child, Path out, Path errors) {
    this.child = child;
    this.out = out;
    this.errors = errors;
  }

  /** The output of the child started with {@code name} in {@code folder}. */
  static ChildOutput of(Process child, Path folder, String name) {
    return new ChildOutput(child, folder.resolve(name + ".out"), folder.resolve(name + ".err"));
  }

  /** Waits until the child printed {@code line}; fails with its standard error if it never does. */
  void await(String line, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!lines().contains(line)) {
      if (!child.isAlive() && !lines().contains(line)) {
        throw new AssertionError(
            "child " + child.pid() + " ended before " + line + "; " + describe());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "child " + child.pid() + " did not print " + line + " within " + timeout + "; "
                + describe());
      }
      Thread.sleep(10);
    }
  }

  /** Waits for the child to end; returns every line it printed. */
  List<String> awaitEnd(Duration timeout) throws IOException, InterruptedException {
    if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child " + child.pid() + " still runs after " + timeout);
    }
    return lines();
  }

  /** The lines printed so far. */
  List<String> lines() throws IOException {
    return Files.exists(out) ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
  }

  /** The exit status and standard error of the child, for failure messages. */
  String describe() {
    String exit = child.isAlive() ? "still running" : "exit status " + child.exitValue();
    String stderr;
    try {
      stderr = Files.exists(errors) ? Files.readString(errors) : "";
    } catch (IOException e) {
      stderr = "(unreadable: " + e + ")";
    }
    return exit + ", standard error:\n" + stderr;
  }
}

package dev.gao.metrics.example.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a test class's {@code main} in a child JVM on the test's class path. */
final class ChildJvm {
  /** The exit status of a process ended by SIGKILL. */
  static final int KILLED = 128 + 9;

  private ChildJvm() {}

  /**
   * Starts a child. Its standard output goes to {@code <name>.out} in the folder and its standard
   * error to {@code <name>.err}: a file keeps every line the child wrote before it was killed,
   * where a pipe's last lines can be lost between the dying child and the reading thread.
   *
   * @param folder the test's folder: sqlite-jdbc extracts its native library here, because a killed
   *     child cannot delete it and /tmp would collect one copy per kill
   * @param name names the standard error file
   */
  static Process start(Path folder, String name, Class<?> main, String... args)
      throws IOException {
    return start(folder, name, java(folder, main, args));
  }

  /**
   * Starts a child with a changed environment and extra JVM options (before the main class).
   *
   * @param environment variables to set; a null value removes the variable
   * @param jvmOptions options such as {@code -Duser.home=...}
   */
  static Process startWith(
      Path folder, String name, Map<String, String> environment, List<String> jvmOptions, Class<?> main,
      String... args) throws IOException {
    List<String> command = java(folder, main, args);
    command.addAll(command.indexOf(main.getName()), jvmOptions);
    return start(folder, name, command, environment);
  }

  /**
   * Starts a child whose files may not grow past {@code kib} KiB ({@code ulimit -f}; bash counts
   * 1024-byte blocks). A write past the limit fails with EFBIG, or the process gets SIGXFSZ if it
   * does not ignore it.
   */
  static Process startWithFileSizeLimit(
      Path folder, String name, long kib, Class<?> main, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("bash", "-c", "ulimit -f \"$0\" && exec \"$@\""));
    command.add(Long.toString(kib));
    command.addAll(java(folder, main, args));
    return start(folder, name, command);
  }

  /** Kills a child if it still runs and waits for it; for finally blocks. */
  static void destroy(Process child) throws InterruptedException {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Process start(Path folder, String name, List<String> command)
      throws IOException {
    return start(folder, name, command, Map.of());
  }

  private static Process start(
      Path folder, String name, List<String> command, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    environment.forEach(
        (variable, value) -> {
          if (value == null) {
            builder.environment().remove(variable);
          } else {
            builder.environment().put(variable, value);
          }
        });
    builder.redirectOutput(folder.resolve(name + ".out").toFile());
    builder.redirectError(folder.resolve(name + ".err").toFile());
    return builder.start();
  }

  private static List<String> java(Path folder, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-Dorg.sqlite.tmpdir=" + folder);
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }
}

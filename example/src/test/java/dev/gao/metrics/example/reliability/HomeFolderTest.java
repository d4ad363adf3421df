package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default database file of the real command line in its own JVM, whose {@code HOME} differs
 * from its {@code user.home}: {@code HOME=$(mktemp -d) gao-metrics demo} writes under that folder.
 */
class HomeFolderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path temp;

  /** Runs {@code gao-metrics args} in a child with this HOME (null: unset) and user.home. */
  private ChildResult run(String name, String home, Path javaHome, String... args) throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("HOME", home);
    environment.put("GAO_METRICS_DB", null);
    Process child =
        ChildJvm.startWith(temp, name, environment, List.of("-Duser.home=" + javaHome), GaoMetricsCli.class, args);
    ChildOutput output = ChildOutput.of(child, temp, name);
    List<String> lines = output.awaitEnd(TIMEOUT);
    return new ChildResult(child.exitValue(), String.join("\n", lines), output.describe());
  }

  private record ChildResult(int exitCode, String out, String describe) {}

  @Test
  void demoWritesUnderHomeNotUnderUserHome() throws Exception {
    Path home = Files.createDirectory(temp.resolve("home"));
    Path javaHome = Files.createDirectory(temp.resolve("java-home"));
    ChildResult demo = run("demo", home.toString(), javaHome, "demo", "--seed", "4", "--repeats", "1");
    assertEquals(0, demo.exitCode(), demo.describe());
    Path expected = home.resolve(".gao-dev/metrics.db");
    assertTrue(Files.isRegularFile(expected), demo.out());
    assertTrue(demo.out().contains("into " + expected), demo.out());
    assertFalse(Files.exists(javaHome.resolve(".gao-dev")), "nothing under user.home");

    ChildResult status = run("status", home.toString(), javaHome, "status");
    assertEquals(0, status.exitCode(), status.describe());
    assertTrue(status.out().startsWith("file:     " + expected), status.out());
  }

  @Test
  void withoutHomeTheFileIsUnderUserHome() throws Exception {
    Path javaHome = Files.createDirectory(temp.resolve("java-home"));
    for (String home : new String[] {null, " "}) {
      String name = home == null ? "unset" : "blank";
      ChildResult init = run(name, home, javaHome, "init");
      assertEquals(0, init.exitCode(), name + ": " + init.describe());
      Path expected = javaHome.resolve(".gao-dev/metrics.db");
      assertTrue(init.out().contains(expected.toString()), name + ": " + init.out());
      assertTrue(Files.isRegularFile(expected), name);
    }
  }
}

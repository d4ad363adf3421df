package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics reveal what a developer works on: the files the command line creates in the default
 * place ({@code ~/.gao-dev/metrics.db}) and the files it exports are readable by their owner only.
 */
class OwnerOnlyFilesTest {
  @TempDir Path temp;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theDefaultDatabaseItsFolderAndExportsAreOwnerOnly() throws Exception {
    assumeTrue(Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class),
        "the file system has no POSIX permissions");
    String home = System.getProperty("user.home");
    Path fakeHome = Files.createDirectory(temp.resolve("home"));
    System.setProperty("user.home", fakeHome.toString());
    try {
      Cli.Result demo = Cli.run("demo", "--seed", "2", "--repeats", "1");
      assertEquals(0, demo.exitCode(), demo.all());
      Path folder = fakeHome.resolve(".gao-dev");
      assertEquals("rwx------", permissions(folder));
      assertEquals("rw-------", permissions(folder.resolve("metrics.db")));

      Path export = temp.resolve("runs.csv");
      Cli.Result first = Cli.run("export", "--format", "csv", "--output", export.toString());
      assertEquals(0, first.exitCode(), first.all());
      assertEquals("rw-------", permissions(export));
      // Replacing a file that others could read gives an owner-only file too.
      Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rw-r--r--"));
      Cli.Result again = Cli.run("export", "--format", "jsonl", "--force", "--output", export.toString());
      assertEquals(0, again.exitCode(), again.all());
      assertEquals("rw-------", permissions(export));
      assertTrue(Files.readString(export).startsWith("{"), "the new export replaced the old one");
    } finally {
      System.setProperty("user.home", home);
    }
  }

  @Test
  void filesCreatedThroughALinkToNothingAreOwnerOnlyWhateverTheUmask() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("links"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    Path link = Files.createSymbolicLink(folder.resolve("m.db"), Path.of("data/target.db"));
    Path export = folder.resolve("runs.json");
    // A child JVM under umask 000, where anything created with the default mode is 0666.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    for (List<String> args :
        List.of(
            List.of("demo", "--seed", "3", "--repeats", "1", "--db", link.toString()),
            List.of("export", "--db", link.toString(), "--output", export.toString()))) {
      List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 000; exec \"$@\"", "sh", java, "-cp",
          classpath, "dev.gao.metrics.example.cli.GaoMetricsCli"));
      command.addAll(args);
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), args.toString());
      assertEquals(0, child.exitValue(), args + ": " + output);
    }
    assertTrue(Files.isSymbolicLink(link), "the link is kept");
    assertEquals("rwx------", permissions(folder.resolve("data")));
    assertEquals("rw-------", permissions(folder.resolve("data/target.db")));
    assertEquals("rw-------", permissions(export));
  }
}

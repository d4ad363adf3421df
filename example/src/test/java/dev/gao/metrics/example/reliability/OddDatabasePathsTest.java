package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command, given every kind of path that is no usable database: a folder, an empty file, a
 * FIFO, {@code /dev/null}, a symbolic link to nothing, a file its owner made read-only, and another
 * user's files (run as the real user {@code nobody}, uid 65534, through util-linux's {@code
 * setpriv}). Each either works without harm (a command that creates the database fills an empty
 * file or creates a link's target) or fails with the right exit code and exactly one line on
 * standard error that names the path and says what to do, with no Java class name; the odd path is
 * left as it was and no {@code -wal} or {@code -shm} appears beside it.
 */
class OddDatabasePathsTest {
  private static final String OTHER_UID = "65534";

  /** A Java class name, a package name or a stack frame in a message. */
  private static final Pattern JAVA_NAMES =
      Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjava\\.[a-z]|\\bdev\\.gao\\.|^\\s+at ",
          Pattern.MULTILINE);

  /** The commands that create a missing database and fill an empty file. */
  private static final Set<String> CREATING = Set.of("init", "demo", "record", "migrate");

  @TempDir Path temp;

  private Path runFile;

  /** Every command with the arguments it needs to reach the database. */
  private List<List<String>> commands() {
    return List.of(
        List.of("init"),
        List.of("status"),
        List.of("status", "--json"),
        List.of("demo", "--repeats", "1"),
        List.of("migrate"),
        List.of("migrate", "--dry-run"),
        List.of("validate"),
        List.of("history"),
        List.of("record", runFile.toString()),
        List.of("show", "r1"),
        List.of("delete", "r1", "--yes"),
        List.of("runs"),
        List.of("stats", "--all-metrics"),
        List.of("export"),
        List.of("compare", "r1", "r2"),
        List.of("trend", "--metric", "performance_metrics.total_time_seconds"),
        List.of("regressions", "r1"),
        List.of("changes"),
        List.of("prune", "--older-than", "1d", "--yes"),
        List.of("copy", "--to", temp.resolve("copy-target.db").toString()),
        List.of("report", "run", "r1"));
  }

  @BeforeEach
  void runDocument() throws Exception {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path source = Files.createDirectory(temp.resolve("source"));
    Path db = source.resolve("m.db");
    try (BenchmarkStore store = BenchmarkStore.open(db)) {
      store.recordAll(new DemoRuns(1, Instant.parse("2026-01-01T00:00:00Z")).matrix(1));
    }
    runFile = source.resolve("run.jsonl");
    Cli.Result export =
        Cli.run("export", "--db", db.toString(), "--format", "jsonl", "--limit", "1", "--output", runFile.toString());
    assertEquals(0, export.exitCode(), export.all());
    Files.setPosixFilePermissions(runFile, PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void theWalkCoversEveryCommand() {
    Set<String> names = new TreeSet<>(GaoMetricsCli.commandLine(Map.of(), new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter())).getSubcommands().keySet());
    Set<String> walked = new TreeSet<>();
    commands().forEach(command -> walked.add(command.get(0)));
    names.remove("help");
    assertEquals(names, walked, "a command that is not walked here");
  }

  @Test
  void aFolder() throws Exception {
    Path folder = Files.createDirectory(private_("a").resolve("metrics.db"));
    for (List<String> command : commands()) {
      Cli.Result result = run(command, folder);
      assertRefused(result, command, folder, "it is a folder", "Pass the path of a database file, for example "
          + folder.resolve("metrics.db"));
      try (Stream<Path> inside = Files.list(folder)) {
        assertEquals(0, inside.count(), "nothing created in the folder by " + command);
      }
    }
    assertNoSideFiles(folder);
  }

  @Test
  void anEmptyFileIsFilledByTheCommandsThatCreateADatabaseAndNamedByTheOthers() throws Exception {
    Path folder = private_("b");
    for (List<String> command : commands()) {
      Path file = Files.createFile(folder.resolve("metrics.db"));
      Cli.Result result = run(command, file);
      String name = command.get(0);
      if (CREATING.contains(name) && !command.contains("--dry-run")) {
        // record rejects nothing: the exported run is a valid document.
        assertEquals(0, result.exitCode(), command + ": " + result.all());
        assertTrue(Files.size(file) > 0, command + " created the schema in the empty file");
      } else if (command.contains("--dry-run")) {
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.out().contains("new; the schema would be created at version"), result.out());
        assertEquals(0, Files.size(file));
      } else {
        assertRefused(result, command, file, "holds no metrics database yet (it is an empty file)",
            "create one there with 'gao-metrics init --db " + file + "'");
        assertEquals(0, Files.size(file), command + " left the empty file empty");
        assertNoSideFiles(file);
      }
      deleteWithSideFiles(file);
    }
  }

  @Test
  void aFifoIsNeverOpened() throws Exception {
    Path fifo = private_("c").resolve("metrics.db");
    exec(List.of("mkfifo", fifo.toString()));
    for (List<String> command : commands()) {
      // Opening a FIFO for reading blocks until a writer comes: a regression would hang here.
      Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(command, fifo));
      assertRefused(result, command, fifo, "it is not a regular file", "Pass the path of a database file");
      assertEquals("p", kind(fifo), "still a FIFO after " + command);
    }
    assertNoSideFiles(fifo);
  }

  @Test
  void devNull() throws Exception {
    Path devNull = Path.of("/dev/null");
    for (List<String> command : commands()) {
      Cli.Result result = run(command, devNull);
      assertRefused(result, command, devNull, "it is not a regular file", "Pass the path of a database file");
      assertEquals("c", kind(devNull), "still a character device after " + command);
    }
    assertFalse(Files.exists(Path.of("/dev/null-wal")));
    assertFalse(Files.exists(Path.of("/dev/null-shm")));
  }

  @Test
  void aLinkToNothingGetsItsTargetCreatedOrIsNamedWithTheLink() throws Exception {
    Path folder = private_("d");
    Path link = folder.resolve("metrics.db");
    Path target = folder.resolve("target.db");
    for (List<String> command : commands()) {
      Files.createSymbolicLink(link, Path.of("target.db"));
      Cli.Result result = run(command, link);
      String name = command.get(0);
      if (CREATING.contains(name) && !name.equals("migrate")) {
        assertEquals(0, result.exitCode(), command + ": " + result.all());
        assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS), command + " created the link's target");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
      } else {
        assertRefused(result, command, link, "a symbolic link to target.db, which does not exist",
            "create it with 'gao-metrics init --db " + link + "'");
        assertFalse(Files.exists(target), command + " created nothing");
      }
      assertTrue(Files.isSymbolicLink(link));
      Files.delete(link);
      deleteWithSideFiles(target);
    }
  }

  @Test
  void aFileItsOwnerMadeReadOnly() throws Exception {
    Path file = database(private_("e"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    byte[] before = Files.readAllBytes(file);
    for (List<String> command : commands()) {
      Cli.Result result = run(command, file);
      if (command.contains("--dry-run")) {
        // Planning reads without writing.
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.out().contains("nothing to migrate"), result.out());
      } else {
        assertRefused(result, command, file, "it is read-only", "chmod u+rw " + file);
      }
      assertArrayEquals(before, Files.readAllBytes(file), command + " changed the file");
      assertNoSideFiles(file);
    }
  }

  @Test
  void anotherUsersFilesAsThatOtherUser() throws Exception {
    // The database's owner (this process's user) keeps it in a folder others may enter but not
    // write; user nobody points every command at it.
    Path shared = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path secret = database(shared);
    Path readable = Files.copy(secret, shared.resolve("readable.db"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
    byte[] secretBytes = Files.readAllBytes(secret);
    byte[] readableBytes = Files.readAllBytes(readable);
    OtherUser other = OtherUser.prepare(temp);
    String owner = Files.getOwner(secret).getName();
    for (List<String> command : commands()) {
      Cli.Result result = other.run(command, secret);
      assertRefused(result, command, secret, "may not read it (rw-------, owned by " + owner + ")",
          "Run the command as its owner");
    }
    for (List<String> command : commands()) {
      Cli.Result result = other.run(command, readable);
      // init and record open the file for writing at once; the others read it first.
      if (Set.of("init", "record").contains(command.get(0))) {
        assertRefused(result, command, readable, "it is read-only for user nobody (rw-r--r--, owned by " + owner + ")",
            "Run the command as its owner, or copy it to a folder of your own");
      } else {
        assertRefused(result, command, readable, "may not write it or its folder",
            "Run the command as its owner, or copy it");
      }
    }
    assertArrayEquals(secretBytes, Files.readAllBytes(secret));
    assertArrayEquals(readableBytes, Files.readAllBytes(readable));
    assertNoSideFiles(secret);
    assertNoSideFiles(readable);
  }

  /** The runs user nobody can start: the class path copied where it may read it. */
  private record OtherUser(Path classPath, Path home) {
    static OtherUser prepare(Path temp) throws Exception {
      Path root = Files.createDirectory(temp.resolve("classpath"));
      List<String> entries = new ArrayList<>();
      int index = 0;
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path source = Path.of(entry);
        if (!Files.exists(source)) {
          continue;
        }
        Path copy = root.resolve(index++ + "-" + source.getFileName());
        copyTree(source, copy);
        entries.add(copy.toString());
      }
      exec(List.of("chmod", "-R", "a+rX", root.toString()));
      Path home = Files.createDirectory(temp.resolve("nobody-home"));
      exec(List.of("chown", OTHER_UID + ":" + OTHER_UID, home.toString()));
      return new OtherUser(Path.of(String.join(java.io.File.pathSeparator, entries)), home);
    }

    Cli.Result run(List<String> command, Path db) throws Exception {
      List<String> line = new ArrayList<>(List.of(
          "setpriv", "--reuid=" + OTHER_UID, "--regid=" + OTHER_UID, "--clear-groups",
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", classPath.toString(),
          "-Duser.home=" + home, "-Dorg.sqlite.tmpdir=" + home,
          GaoMetricsCli.class.getName()));
      line.addAll(command);
      line.addAll(List.of("--db", db.toString()));
      ProcessBuilder builder = new ProcessBuilder(line).directory(home.toFile());
      builder.environment().put("HOME", home.toString());
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Path out = home.resolve("out");
      Path err = home.resolve("err");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(command + " as user nobody did not finish");
      }
      return new Cli.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  private static void copyTree(Path source, Path copy) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    try (Stream<Path> tree = Files.walk(source)) {
      for (Path path : (Iterable<Path>) tree::iterator) {
        Path to = copy.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to);
        }
      }
    }
  }

  private Cli.Result run(List<String> command, Path db) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--db", db.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  /** A refusal: the exit code, one line on standard error naming the path, the fix, no Java names. */
  private static void assertRefused(Cli.Result result, List<String> command, Path path, String... parts) {
    String err = result.err();
    int expected = command.contains("--status") ? 2 : GaoMetricsCli.EXIT_DATABASE_ERROR;
    assertEquals(expected, result.exitCode(), command + ": " + result.all());
    assertEquals(1, err.strip().lines().count(), command + ": one line on standard error: " + err);
    assertTrue(err.startsWith(qualifiedName(command) + ": "), err);
    assertTrue(err.contains(path.toString()), command + " names " + path + ": " + err);
    for (String part : parts) {
      assertTrue(err.contains(part), command + ": expected '" + part + "' in: " + err);
    }
    assertFalse(JAVA_NAMES.matcher(result.all()).find(), command + " printed a Java name: " + result.all());
  }

  /** The name the command's messages start with: {@code gao-metrics show}, {@code gao-metrics report run}. */
  private static String qualifiedName(List<String> command) {
    CommandLine line = GaoMetricsCli.commandLine(Map.of(), new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    for (String word : command) {
      CommandLine sub = line.getSubcommands().get(word);
      if (sub == null) {
        break;
      }
      line = sub;
    }
    return line.getCommandSpec().qualifiedName();
  }

  private Path private_(String name) throws IOException {
    Path folder = Files.createDirectory(temp.resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  private static Path database(Path folder) throws Exception {
    Path file = folder.resolve("m.db");
    try (BenchmarkStore store = BenchmarkStore.open(file)) {
      store.recordAll(new DemoRuns(2, Instant.parse("2026-01-01T00:00:00Z")).matrix(1));
    }
    return file;
  }

  private static void assertNoSideFiles(Path file) {
    for (String suffix : List.of("-wal", "-shm", "-journal")) {
      Path side = file.resolveSibling(file.getFileName() + suffix);
      assertFalse(Files.exists(side, LinkOption.NOFOLLOW_LINKS), side + " appeared");
    }
  }

  private static void deleteWithSideFiles(Path file) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
    }
  }

  /** The file type letter {@code stat} prints: p for a FIFO, c for a character device. */
  private static String kind(Path path) throws Exception {
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return switch (mode & 0170000) {
      case 0010000 -> "p";
      case 0020000 -> "c";
      case 0100000 -> "-";
      default -> "?";
    };
  }

  private static void exec(List<String> command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail(command.get(0) + " is not installed (" + e.getMessage() + "); it is part of coreutils");
      return;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(command + ": " + output);
    }
  }
}

package dev.gao.metrics.example.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a command writes ({@code export --output}, {@code export --split}), checked so that
 * writing them never destroys data, and written so that a failed command leaves no half file.
 *
 * <p>A path is refused, even with {@code --force}, when it is the database being read or one of
 * its side files ({@code -wal}, {@code -shm}, {@code -journal}; also through a link, {@code ./} or
 * {@code ..}: real paths are compared, and existing files with {@link Files#isSameFile}), when it is
 * any SQLite database (its first 16 bytes), when it is a folder, or when it exists and is not a
 * regular file (a device such as {@code /dev/null} would be replaced by the move). Any other
 * existing file is replaced only with {@code --force}, or when the person at a terminal says yes.
 * When one path of a set is refused, none is written.
 *
 * <p>Each file is written to a temporary file in its own folder, readable by its owner only, and
 * moved into place once every file of the set is complete. Missing folders are created owner-only
 * ({@code rwx------}), as the database's folders are.
 */
final class OutputFiles {
  /** The first 16 bytes of every SQLite database file. */
  static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** The database file and the side files SQLite keeps next to it. */
  private static final List<String> DATABASE_FILES = List.of("", "-wal", "-shm", "-journal");

  private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  private final Path database;
  private final boolean force;
  private final Terminal terminal;
  private final PrintWriter err;

  /**
   * Creates the checks of one command.
   *
   * @param database the database the command reads, whose files are never written; may be null
   * @param force whether existing plain files may be replaced without asking
   * @param terminal where to ask whether to replace existing files, when it is interactive
   * @param err where the question goes
   */
  OutputFiles(Path database, boolean force, Terminal terminal, PrintWriter err) {
    this.database = database;
    this.force = force;
    this.terminal = terminal;
    this.err = err;
  }

  /**
   * Checks the paths of a set of files to write, changing nothing.
   *
   * @param targets the paths, as given
   * @return the paths to write (existing files by their real path, so that a link is followed as
   *     a shell's {@code >} follows it), ready for {@link #writer}; empty when the person at the
   *     terminal declined to replace an existing file
   * @throws RefusedException naming the first path refused and what to do instead
   * @throws IOException if a path cannot be looked at
   */
  Optional<List<Path>> check(List<Path> targets) throws IOException {
    List<Path> resolved = new ArrayList<>();
    List<Path> existing = new ArrayList<>();
    for (Path target : targets) {
      Path path = canonical(target);
      Optional<String> refusal = refusal(path);
      if (refusal.isPresent()) {
        throw new RefusedException(refusal.get());
      }
      if (Files.exists(path)) {
        existing.add(path);
      }
      resolved.add(path);
    }
    if (!existing.isEmpty() && !force) {
      if (!terminal.interactive()) {
        throw new RefusedException(
            existing.get(0) + " exists; pass --force to replace it"
                + (existing.size() > 1 ? " (and " + (existing.size() - 1) + " more existing files)" : "")
                + ", or choose another path");
      }
      String which =
          existing.size() == 1
              ? existing.get(0).toString()
              : existing.size() + " existing files (" + String.join(", ", existing.stream().map(Path::toString).toList())
                  + ")";
      if (!confirmed("replace " + which + "? [y/N] ")) {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(resolved));
  }

  /**
   * Why a path must not be written, whatever {@code --force} says.
   *
   * @param path a path made {@link #canonical}
   * @return the one-line refusal, or empty when the path may be written (replacing a plain file
   *     still needs {@code --force})
   */
  Optional<String> refusal(Path path) throws IOException {
    Optional<String> databaseFile = databaseFile(path);
    if (databaseFile.isPresent()) {
      return Optional.of("refusing to write " + path + ": it is " + databaseFile.get()
          + "; choose another path");
    }
    if (Files.isDirectory(path)) {
      return Optional.of("refusing to write " + path + ": it is a folder, which is never replaced; give the path of a"
          + " file, in it or elsewhere");
    }
    if (Files.exists(path)) {
      if (!Files.isRegularFile(path)) {
        return Optional.of("refusing to write " + path
            + ": it is not a regular file (a device, pipe or socket); choose a file path, or leave the output out"
            + " to write to standard output");
      }
      if (isSqliteDatabase(path)) {
        return Optional.of("refusing to write " + path
            + ": it is a SQLite database, which --force never replaces; choose another path, or move the database"
            + " away first");
      }
      return Optional.empty();
    }
    for (Path folder = path.getParent(); folder != null; folder = folder.getParent()) {
      if (Files.exists(folder)) {
        if (!Files.isDirectory(folder)) {
          return Optional.of("refusing to write " + path + ": " + folder + " is a file, not a folder; choose another path");
        }
        break;
      }
    }
    return Optional.empty();
  }

  /** What the path is among the database's files, when it is one of them. */
  private Optional<String> databaseFile(Path path) throws IOException {
    if (database == null) {
      return Optional.empty();
    }
    List<Path> names = new ArrayList<>();
    names.add(database.toAbsolutePath().normalize());
    names.add(canonical(database));
    for (String suffix : DATABASE_FILES) {
      String what =
          suffix.isEmpty()
              ? "the metrics database being read" + (path.equals(canonical(database)) ? "" : " (" + database + ")")
              : "the " + suffix + " file of the metrics database being read (" + database + ")";
      for (Path name : names) {
        Path file = name.resolveSibling(name.getFileName() + suffix);
        if (canonical(file).equals(path)) {
          return Optional.of(what);
        }
        if (Files.exists(file) && Files.exists(path) && Files.isSameFile(file, path)) {
          return Optional.of(what);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a file starts with SQLite's 16-byte header.
   *
   * @param file an existing regular file
   * @return true for a SQLite database
   * @throws IOException if the file cannot be read
   */
  static boolean isSqliteDatabase(Path file) throws IOException {
    byte[] start = new byte[SQLITE_HEADER.length];
    int read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (read < start.length) {
        int n = in.read(start, read, start.length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
    }
    return read == start.length && Arrays.equals(start, SQLITE_HEADER);
  }

  /**
   * The path with its existing part resolved to its real path (links followed, {@code .} and
   * {@code ..} gone) and the missing rest appended, so that two names of one file compare equal.
   *
   * @param path any path
   * @return the absolute, real path
   * @throws IOException if the existing part cannot be resolved
   */
  static Path canonical(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    Path real = existing.toRealPath();
    while (!missing.isEmpty()) {
      real = real.resolve(missing.pop());
    }
    return real;
  }

  private boolean confirmed(String question) throws IOException {
    return terminal.confirmed(err, question);
  }

  /**
   * Opens the writing of checked paths. Nothing is created until {@link Writing#writers} is asked,
   * so that a command with nothing to write leaves no folder behind.
   *
   * @param checked paths returned by {@link #check}
   * @return the writing; close it to remove what was not committed
   */
  Writing writer(List<Path> checked) {
    return new Writing(checked);
  }

  /** The writing of a set of files: temporary files, moved into place together by {@link #commit}. */
  final class Writing implements Closeable {
    private final List<Path> targets;
    private final List<Path> temporary = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
    private final List<Writer> writers = new ArrayList<>();
    private boolean committed;

    private Writing(List<Path> targets) {
      this.targets = targets;
    }

    /**
     * The writers of the files, in the order of the paths: on the first call the missing folders
     * are created owner-only and a temporary file is created next to each target.
     *
     * @return one UTF-8 writer per path
     * @throws IOException if a folder or file cannot be created
     */
    List<Writer> writers() throws IOException {
      if (writers.isEmpty()) {
        for (Path target : targets) {
          Path folder = target.getParent();
          createFolders(folder);
          Path partial = Files.createTempFile(folder, "." + target.getFileName() + ".", ".partial", fileAttributes(folder));
          temporary.add(partial);
          FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
          channels.add(channel);
          writers.add(new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8)));
        }
      }
      return writers;
    }

    /**
     * Whether {@link #writers} was asked, so that there is something to commit.
     *
     * @return true once the temporary files exist
     */
    boolean started() {
      return !writers.isEmpty();
    }

    /**
     * Flushes every file to disk, checks each path again (a database or folder may have appeared
     * there meanwhile), and moves every file into place.
     *
     * @throws RefusedException if a path became one that is never written; nothing was moved
     * @throws IOException if a file cannot be written or moved
     */
    void commit() throws IOException {
      for (int i = 0; i < writers.size(); i++) {
        writers.get(i).flush();
        channels.get(i).force(true);
        writers.get(i).close();
      }
      for (Path target : targets) {
        Optional<String> refusal = refusal(target);
        if (refusal.isPresent()) {
          throw new RefusedException(refusal.get());
        }
      }
      for (int i = 0; i < temporary.size(); i++) {
        move(temporary.get(i), targets.get(i));
      }
      committed = true;
    }

    /** Closes the files; those not committed are deleted. */
    @Override
    public void close() throws IOException {
      IOException failure = null;
      for (Writer writer : writers) {
        try {
          writer.close();
        } catch (IOException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (!committed) {
        for (Path partial : temporary) {
          Files.deleteIfExists(partial);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Creates a folder and its missing parents, each readable by its owner only.
   *
   * @param folder the folder
   * @throws IOException if one cannot be created
   */
  static void createFolders(Path folder) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path current = folder; current != null && !Files.exists(current); current = current.getParent()) {
      missing.push(current);
    }
    while (!missing.isEmpty()) {
      Path next = missing.pop();
      try {
        Files.createDirectory(next, folderAttributes(next.getParent()));
        if (isPosix(next)) {
          // Exactly rwx------, whatever the umask took away.
          Files.setPosixFilePermissions(next, OWNER_FOLDER);
        }
      } catch (FileAlreadyExistsException e) {
        // Created meanwhile by another process; fine if it is a folder.
        if (!Files.isDirectory(next)) {
          throw e;
        }
      }
    }
  }

  private static FileAttribute<?>[] folderAttributes(Path parent) {
    return parent != null && isPosix(parent)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FOLDER)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] fileAttributes(Path folder) {
    return isPosix(folder)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

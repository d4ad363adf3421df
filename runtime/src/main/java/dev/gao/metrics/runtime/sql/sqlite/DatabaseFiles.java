package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.FileErrors;
import dev.gao.metrics.runtime.sql.sqlite.FileCheck;
import dev.gao.metrics.runtime.sql.sqlite.SideFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Checks and creates the database file before any connection touches it. Metrics can reveal what a
 * developer works on, so folders and files created here are readable by their owner only (where the
 * file system has POSIX permissions). A path that is not a usable database is refused without being
 * modified.
 */
final class DatabaseFiles {
  /** The owner write permission in a file mode. */
  private static final int OWNER_WRITE_BIT = 0200;

  private static final Set<PosixFilePermission> OWNER_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private DatabaseFiles() {}

  /**
   * A database file ready for connections.
   *
   * @param file the absolute, normalized path
   * @param connectingChangesFile whether a connection of the pool would change the existing file
   *     before anything is read (see {@link FileCheck#connectingChangesFile})
   */
  record Prepared(Path file, boolean connectingChangesFile) {}

  /**
   * Makes sure the file is an existing database file or a new empty one. An existing file is
   * looked at with as few file-system calls as possible: opening an up-to-date database should cost
   * little more than connecting to it.
   *
   * @return the file, and whether connecting would change it
   */
  static Prepared prepare(Path file, SqliteDialect dialect) {
    Path absolute = file.toAbsolutePath().normalize();
    Attributes attributes = attributes(absolute);
    if (attributes == null && Files.isSymbolicLink(absolute)) {
      // A link to nothing: the file is created where it points, owner-only like any other.
      absolute = linkTarget(absolute);
      attributes = attributes(absolute);
    }
    if (attributes != null) {
      checkKind(absolute, attributes);
      return new Prepared(absolute, checkExisting(absolute, attributes, dialect).connectingChangesFile());
    }
    Path parent = absolute.getParent();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && Files.isDirectory(existing)) {
      checkFolder(existing, absolute);
      FileOwnership.checkBeforeCreating(absolute, existing);
    }
    try {
      createFolders(parent);
      FileOwnership.check(absolute, dialect.sideFileSuffixes());
      createFile(absolute);
    } catch (IOException e) {
      throw new DatabaseOpenException(
          "Cannot create database file "
              + absolute
              + ": "
              + FileErrors.reason(e)
              + (e instanceof FileSystemException fileSystem
                      && fileSystem.getFile() != null
                      && !fileSystem.getFile().equals(absolute.toString())
                  ? " (" + fileSystem.getFile() + ")"
                  : "")
              + ". Check that the folder "
              + parent
              + " can be created and written, or choose another path.",
          e);
    }
    return new Prepared(absolute, false);
  }

  /**
   * What one attribute read shows of a path.
   *
   * @param directory whether it is a folder
   * @param regularFile whether it is a regular file
   * @param ownerMayNotWrite whether it belongs to this process's user and its owner write
   *     permission is off. The permission bits are read rather than asking the operating system,
   *     which lets a superuser write anything: a file or folder its owner made read-only is treated
   *     as read-only for everyone.
   */
  private record Attributes(boolean directory, boolean regularFile, boolean ownerMayNotWrite) {}

  /**
   * The attributes of the file the path names (following links, as {@link Files#exists} does), or
   * null when there is none. Where the file system has the {@code unix} view, the owner's user id
   * and the permission bits come with the same call, without looking the owner's name up in the
   * user database (a read of {@code /etc/passwd} per call).
   */
  private static Attributes attributes(Path path) {
    try {
      if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
        Map<String, Object> unix = Files.readAttributes(path, "unix:isDirectory,isRegularFile,uid,mode");
        long owner = ((Number) unix.get("uid")).longValue();
        boolean ours =
            FileOwnership.ProcessUser.UID != FileOwnership.ProcessUser.UNKNOWN
                ? owner == FileOwnership.ProcessUser.UID
                : Files.getOwner(path).getName().equals(System.getProperty("user.name"));
        boolean ownerWrite = (((Number) unix.get("mode")).intValue() & OWNER_WRITE_BIT) != 0;
        return new Attributes(
            (Boolean) unix.get("isDirectory"), (Boolean) unix.get("isRegularFile"), ours && !ownerWrite);
      }
      BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
      return new Attributes(basic.isDirectory(), basic.isRegularFile(), false);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Refuses an existing path that is not a regular file (a folder, a FIFO, a device such as {@code
   * /dev/null}, a socket) without opening it: opening a FIFO would block.
   *
   * @param file an absolute path
   * @throws DatabaseOpenException naming the path, what it is and what to pass instead
   */
  static void checkKind(Path file) {
    Attributes attributes = attributes(file);
    if (attributes != null) {
      checkKind(file, attributes);
    }
  }

  private static void checkKind(Path file, Attributes attributes) {
    if (attributes.directory()) {
      throw new DatabaseOpenException(
          "Cannot open database "
              + file
              + ": it is a folder. Nothing was changed. Pass the path of a database file, for"
              + " example "
              + file.resolve("metrics.db")
              + ".");
    }
    if (!attributes.regularFile()) {
      throw new DatabaseOpenException(
          "Cannot open database "
              + file
              + ": it is not a regular file (a device, FIFO or socket), so it cannot hold a"
              + " database. Nothing was changed. Pass the path of a database file instead (a path"
              + " where nothing exists yet becomes a new database).");
    }
  }

  /**
   * Refuses a file this user may not read, naming its permissions and owner.
   *
   * @param file an existing regular file
   */
  static void checkReadable(Path file) {
    if (!Files.isReadable(file)) {
      throw new DatabaseOpenException(
          "Cannot read database file "
              + file
              + ": user "
              + System.getProperty("user.name")
              + " may not read it ("
              + permissions(file)
              + ", "
              + owner(file)
              + "). It was left unchanged. Run the command as its owner, or ask the owner for a"
              + " copy of it.");
    }
  }

  /** Who owns the path, as {@code owned by root}. */
  static String owner(Path path) {
    try {
      return "owned by " + Files.getOwner(path).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "owner unknown";
    }
  }

  private static FileCheck checkExisting(Path file, Attributes attributes, SqliteDialect dialect) {
    if (attributes.ownerMayNotWrite()) {
      throw new DatabaseOpenException(
          "Cannot open database file "
              + file
              + ": it is read-only ("
              + permissions(file)
              + "), and every open may write to it. It was left unchanged. Make it writable"
              + " (chmod u+rw "
              + file
              + "), or copy it and open the copy."
              + interruptedWriteAdvice(file, dialect));
    }
    checkReadable(file);
    if (!Files.isWritable(file)) {
      throw new DatabaseOpenException(
          "Cannot open database file "
              + file
              + ": it is read-only for user "
              + System.getProperty("user.name")
              + " ("
              + permissions(file)
              + ", "
              + owner(file)
              + "), and every open may write to it. It was left unchanged. Run the command as its"
              + " owner, or copy it to a folder of your own and open the copy."
              + interruptedWriteAdvice(file, dialect));
    }
    checkFolder(file.getParent(), file);
    FileOwnership.check(file, dialect.sideFileSuffixes());
    rollBackInterruptedWrite(file, dialect);
    return checkContent(file, dialect);
  }

  /** How long rolling back an interrupted write waits for another process's lock. */
  private static final Duration ROLLBACK_WAIT = Duration.ofSeconds(10);

  /**
   * Rolls back what a writer killed mid-transaction left half-written in the file (a hot {@code
   * -journal} of a rollback-journal file, as GAO-Dev's Python store writes them), as SQLite does on
   * a read-write open. Until then the file holds part of a transaction, read-only connections
   * refuse it, and its header and size may look damaged.
   *
   * @param file an existing database file this process may write
   */
  static void rollBackInterruptedWrite(Path file, SqliteDialect dialect) {
    if (!dialect.hasInterruptedWrite(file)) {
      return;
    }
    try {
      dialect.rollBackInterruptedWrite(file, ROLLBACK_WAIT);
    } catch (SQLException e) {
      throw new DatabaseOpenException(
          "Cannot open database file "
              + file
              + ": "
              + file.getFileName()
              + "-journal beside it holds a transaction that was not finished, and rolling it"
              + " back failed ("
              + e.getMessage()
              + "). Both files were left as they are; keep them together (moving or deleting the"
              + " -journal alone makes the half-written transaction permanent) and retry once no"
              + " other program holds the database.",
          e);
    }
  }

  /**
   * What a read-only or unreadable file's refusal adds when an interrupted write lies beside it:
   * a copy without its {@code -journal} would keep the half-written transaction.
   */
  static String interruptedWriteAdvice(Path file, SqliteDialect dialect) {
    if (!dialect.hasInterruptedWrite(file)) {
      return "";
    }
    return " "
        + file.getFileName()
        + "-journal beside it holds a transaction that was not finished; SQLite rolls it back on"
        + " the first open that may write the file. Copy or move the two files only together"
        + " (cp "
        + file
        + " "
        + file
        + "-journal DEST/): the database without its -journal keeps the half-written transaction.";
  }

  /**
   * Where a chain of symbolic links ends, for a link whose target does not exist.
   *
   * @param link an absolute path that is a symbolic link
   * @return the absolute, normalized path the last link names
   */
  private static Path linkTarget(Path link) {
    Path current = link;
    try {
      for (int hops = 0; Files.isSymbolicLink(current); hops++) {
        if (hops == MAX_LINKS) {
          throw new DatabaseOpenException(
              "Cannot open database file "
                  + link
                  + ": it is a chain of more than "
                  + MAX_LINKS
                  + " symbolic links (a loop?). Pass the path of the database file itself.");
        }
        Path parent = current.getParent();
        Path folder = Files.isDirectory(parent) ? parent.toRealPath() : parent;
        current = folder.resolve(Files.readSymbolicLink(current)).toAbsolutePath().normalize();
      }
    } catch (IOException e) {
      throw new DatabaseOpenException(
          "Cannot open database file "
              + link
              + ": the symbolic link cannot be followed ("
              + FileErrors.describe(e)
              + "). Pass the path of the database file itself.",
          e);
    }
    return current;
  }

  /** Links followed at most, as Linux's own limit for one path. */
  private static final int MAX_LINKS = 40;

  /**
   * Refuses a file that is not a database of the dialect, or whose header and size show it
   * damaged (cut short, impossible page size), reading it with plain file I/O only.
   *
   * @return what the file's first bytes show
   */
  static FileCheck checkContent(Path file, SqliteDialect dialect) {
    FileCheck check = readHeader(file, () -> dialect.checkFile(file));
    if (!check.databaseFile()) {
      throw new DatabaseOpenException(
          "Cannot open "
              + file
              + ": the file exists but is not a SQLite database. It was left unchanged. Move it"
              + " away, or choose another path for the metrics database.");
    }
    if (check.damage().isPresent()) {
      throw damaged(file, check.damage().get(), null);
    }
    return check;
  }

  /** A read of the file's first bytes; one that fails names the file. */
  interface HeaderRead<T> {
    T read() throws IOException;
  }

  /** Runs {@code read}; an I/O failure becomes an error naming the file. */
  static <T> T readHeader(Path file, HeaderRead<T> read) {
    try {
      return read.read();
    } catch (IOException e) {
      throw new DatabaseOpenException(
          "Cannot read database file "
              + file
              + ": "
              + FileErrors.reason(e)
              + ". It was left unchanged. Check the file and its permissions, or choose another"
              + " path.",
          e);
    }
  }

  /** The error of a database file SQLite cannot read, with what to do about it. */
  static DatabaseOpenException damaged(Path file, String damage, Throwable cause) {
    return new DatabaseOpenException(
        "Cannot open database file "
            + file
            + ": the file is damaged, "
            + damage
            + ". It was left unchanged: restore it from a backup (copies taken before migrations"
            + " lie next to it as "
            + file.getFileName()
            + ".v<version>-<time>.backup), or salvage its rows with the sqlite3 shell's .recover"
            + " command into a new file, or " + SideFiles.MOVE_AWAY + " to start a new database."
            + SideFiles.RESTORE_ADVICE,
        cause);
  }

  /**
   * Refuses a folder in which SQLite could not create the database's side files: in WAL mode every
   * open creates {@code -wal} and {@code -shm} next to the file.
   */
  private static void checkFolder(Path folder, Path file) {
    if (folder != null && (!Files.isWritable(folder) || ownerMayNotWrite(folder))) {
      throw new DatabaseOpenException(
          "Cannot open database file "
              + file
              + ": the folder "
              + folder
              + " is read-only for this user ("
              + permissions(folder)
              + "), but SQLite must create "
              + file.getFileName()
              + "-wal and "
              + file.getFileName()
              + "-shm next to the database. Nothing was changed. Make the folder writable (chmod"
              + " u+w "
              + folder
              + "), or move the database to a writable folder.");
    }
  }

  /**
   * Whether this process may write the file and its folder, judged as opening does: a file or
   * folder whose owner made it read-only is read-only for everyone, the superuser too.
   */
  static boolean mayWrite(Path file) {
    Path folder = file.getParent();
    return Files.isWritable(file)
        && !ownerMayNotWrite(file)
        && (folder == null || (Files.isWritable(folder) && !ownerMayNotWrite(folder)));
  }

  /** Whether the path belongs to this process's user and its owner write permission is off. */
  private static boolean ownerMayNotWrite(Path path) {
    Attributes attributes = attributes(path);
    return attributes != null && attributes.ownerMayNotWrite();
  }

  private static String permissions(Path path) {
    try {
      return isPosix(path)
          ? PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
          : "no write access";
    } catch (IOException e) {
      return "permissions unreadable";
    }
  }

  private static void createFolders(Path folder) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path current = folder;
        current != null && !Files.exists(current);
        current = current.getParent()) {
      missing.push(current);
    }
    while (!missing.isEmpty()) {
      Path next = missing.pop();
      try {
        Files.createDirectory(next, attributes(next.getParent(), OWNER_FOLDER));
        restrict(next, OWNER_FOLDER);
      } catch (FileAlreadyExistsException e) {
        // Created meanwhile by another thread or process; fine if it is a folder.
        if (!Files.isDirectory(next)) {
          throw e;
        }
      }
    }
  }

  private static void createFile(Path file) throws IOException {
    try {
      Files.createFile(file, attributes(file.getParent(), OWNER_FILE));
      restrict(file, OWNER_FILE);
    } catch (FileAlreadyExistsException e) {
      // Another process created it meanwhile; the schema check that follows handles it.
    }
  }

  private static FileAttribute<?>[] attributes(
      Path existingFolder, Set<PosixFilePermission> permissions) throws IOException {
    if (existingFolder != null && isPosix(existingFolder)) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
    return new FileAttribute<?>[0];
  }

  /** Sets the permissions exactly, whatever the process umask took away or left. */
  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (isPosix(path)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  /**
   * Whether the path's file system keeps POSIX permissions. Asked of the file system rather than
   * of the path's file store: finding the store reads the mount table, which cost an open about a
   * fifth of its time.
   */
  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

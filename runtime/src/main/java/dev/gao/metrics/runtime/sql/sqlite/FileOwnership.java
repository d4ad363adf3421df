package dev.gao.metrics.runtime.sql.sqlite;

import com.sun.security.auth.module.UnixSystem;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * Refuses a database that other local users could change behind its owner's back. SQLite trusts the
 * files it finds beside a database: a {@code -wal} is replayed into it and a {@code -journal} rolled
 * back into it on the next open, whoever wrote them. So anyone who can create files in the
 * database's folder can replace what it holds, even when the database itself is {@code rw-------}.
 * A database is therefore opened only when
 *
 * <ul>
 *   <li>its folder can be written by nobody but trusted users (the process's user, the database
 *       file's owner and root): not by every user, not by a group other than the owner's private
 *       group, and not owned by anybody else;
 *   <li>every folder above it is owned by a trusted user and, if others can write it, has the
 *       sticky bit (as {@code /tmp} does), so that nobody can swap the database's folder;
 *   <li>its {@code -wal}, {@code -shm} and {@code -journal}, where present, are regular files of a
 *       trusted user.
 * </ul>
 *
 * <p>Where the file system keeps no Unix owners and modes, nothing is checked. The checks read
 * attributes only; they cost a few microseconds per folder of the path.
 */
final class FileOwnership {
  private static final int OTHERS_WRITE = 0002;
  private static final int GROUP_WRITE = 0020;
  private static final int STICKY = 01000;
  private static final long ROOT = 0;

  private FileOwnership() {}

  /**
   * Checks the folder of a database file, the folders above it and the side files beside it.
   *
   * @param file the absolute database file; it may not exist yet
   * @param sideFiles the names SQLite may keep beside it ({@code -wal}, ...), as suffixes
   * @throws DatabaseOpenException naming the folder or file that others could write, and what to do
   */
  static void check(Path file, List<String> sideFiles) {
    Path folder = file.getParent();
    if (folder == null || !file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    long user = ProcessUser.UID;
    if (user == ProcessUser.UNKNOWN) {
      return;
    }
    Unix database = Unix.of(file, true);
    long fileOwner = database == null ? user : database.uid();
    String refusal = database == null ? "Cannot create database file " : "Cannot open database file ";
    String move =
        database == null
            ? " Nothing was created. Choose a path in a folder only you can write (mkdir -m 700"
                + " FOLDER)"
            : " Nothing was read or changed. Move the database (with any -wal, -shm and -journal"
                + " beside it) to a folder only you can write (mkdir -m 700 FOLDER)";
    Path realFolder;
    try {
      realFolder = folder.toRealPath();
    } catch (IOException e) {
      // A folder that cannot be resolved is refused with a clearer message by the caller.
      return;
    }
    Unix own = Unix.of(realFolder, true);
    if (own == null) {
      return;
    }
    if (!trusted(own.uid(), user, fileOwner)) {
      throw new DatabaseOpenException(
          refusal
              + file
              + ": its folder "
              + realFolder
              + " belongs to "
              + ownerName(realFolder, own.uid())
              + ", who could plant "
              + file.getFileName()
              + "-wal or -journal beside it and change what the database holds."
              + move
              + ".");
    }
    String writers = otherWriters(realFolder, own);
    if (writers != null) {
      throw new DatabaseOpenException(
          refusal
              + file
              + ": its folder "
              + realFolder
              + " is writable by "
              + writers
              + " ("
              + own.permissions()
              + "), any of whom could plant "
              + file.getFileName()
              + "-wal or -journal beside it and change what the database holds."
              + move
              + ", or take the others' write permission away (chmod go-w "
              + realFolder
              + ").");
    }
    checkAbove(file, realFolder, realFolder.getParent(), user, fileOwner);
    for (String suffix : sideFiles) {
      Path side = file.resolveSibling(file.getFileName() + suffix);
      Unix found = Unix.of(side, false);
      if (found == null) {
        continue;
      }
      if (!found.regularFile()) {
        throw new DatabaseOpenException(
            "Cannot open database file "
                + file
                + ": "
                + side
                + " beside it is not a regular file (a link, folder or device), and SQLite would"
                + " read or write through it. Nothing was read or changed. Remove "
                + side
                + " if you did not put it there.");
      }
      if (!trusted(found.uid(), user, fileOwner)) {
        throw new DatabaseOpenException(
            "Cannot open database file "
                + file
                + ": "
                + side
                + " beside it belongs to "
                + ownerName(side, found.uid())
                + ", not to the database's owner, and SQLite would read it into the database."
                + " Nothing was read or changed. If nobody else is meant to write this database,"
                + " delete "
                + side
                + " and keep the database in a folder only you can write.");
      }
    }
  }

  /**
   * Checks, before a database's folder is created, the nearest folder that exists and those above
   * it: nobody but trusted users may be able to swap them.
   *
   * @param file the absolute database file to be created
   * @param existing the nearest existing folder above it
   */
  static void checkBeforeCreating(Path file, Path existing) {
    long user = ProcessUser.UID;
    if (user == ProcessUser.UNKNOWN
        || !file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      return;
    }
    checkAbove(file, file.getParent(), real, user, user);
  }

  /**
   * Refuses when a folder from {@code first} up to the root could be swapped by an untrusted user:
   * owned by one, or writable by others without the sticky bit.
   */
  private static void checkAbove(Path file, Path folder, Path first, long user, long fileOwner) {
    for (Path above = first; above != null; above = above.getParent()) {
      Unix ancestor = Unix.of(above, true);
      if (ancestor == null) {
        continue;
      }
      boolean swappable =
          !trusted(ancestor.uid(), user, fileOwner)
              || ((ancestor.mode() & STICKY) == 0 && otherWriters(above, ancestor) != null);
      if (swappable) {
        throw new DatabaseOpenException(
            (Files.exists(file) ? "Cannot open database file " : "Cannot create database file ")
                + file
                + ": the folder "
                + above
                + " above it "
                + (trusted(ancestor.uid(), user, fileOwner)
                    ? "is writable by " + otherWriters(above, ancestor) + " and not sticky"
                    : "belongs to " + ownerName(above, ancestor.uid()))
                + ", so another user could replace "
                + folder
                + " and the database in it. Nothing was read or changed. Move the database (with"
                + " any -wal, -shm and -journal beside it) to a folder of your own whose parents"
                + " only you or root can write.");
      }
    }
  }

  private static boolean trusted(long owner, long user, long fileOwner) {
    return owner == ROOT || owner == user || owner == fileOwner;
  }

  /**
   * Who besides the owner can create files in the folder: every user, a group, or nobody (null). A
   * group-writable folder whose group is its owner's private group (named as the owner, as Debian
   * and Ubuntu create one per user) has no other writers.
   */
  private static String otherWriters(Path folder, Unix attributes) {
    if ((attributes.mode() & OTHERS_WRITE) != 0) {
      return "every user";
    }
    if ((attributes.mode() & GROUP_WRITE) == 0) {
      return null;
    }
    try {
      PosixFileAttributes posix = Files.readAttributes(folder, PosixFileAttributes.class);
      String group = posix.group().getName();
      return group.equals(posix.owner().getName()) ? null : "the group " + group;
    } catch (IOException | UnsupportedOperationException e) {
      return "its group";
    }
  }

  private static String ownerName(Path path, long uid) {
    try {
      String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      return name.equals(Long.toString(uid)) ? "user " + uid : "user " + name + " (uid " + uid + ")";
    } catch (IOException e) {
      return "user " + uid;
    }
  }

  /**
   * A path's owner and mode, from one attribute read.
   *
   * @param uid the owner's user id
   * @param mode the mode bits, including the file type
   * @param regularFile whether it is a regular file
   */
  private record Unix(long uid, int mode, boolean regularFile) {
    /** The attributes, or null when there is no such path or they cannot be read. */
    static Unix of(Path path, boolean followLinks) {
      try {
        Map<String, Object> unix =
            followLinks
                ? Files.readAttributes(path, "unix:uid,mode,isRegularFile")
                : Files.readAttributes(path, "unix:uid,mode,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        return new Unix(
            ((Number) unix.get("uid")).longValue(),
            ((Number) unix.get("mode")).intValue(),
            (Boolean) unix.get("isRegularFile"));
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        // Missing (NoSuchFileException) or unreadable: there is nothing to judge.
        return null;
      }
    }

    /** The permission bits as {@code ls -l} shows them, {@code t} for the sticky bit. */
    String permissions() {
      StringBuilder text = new StringBuilder(9);
      String letters = "rwx";
      for (int bit = 8; bit >= 0; bit--) {
        text.append((mode & (1 << bit)) != 0 ? letters.charAt((8 - bit) % 3) : '-');
      }
      if ((mode & STICKY) != 0) {
        text.setCharAt(8, text.charAt(8) == 'x' ? 't' : 'T');
      }
      return text.toString();
    }
  }

  /**
   * The user id of this process, looked up once; {@link #UNKNOWN} in a runtime image without the
   * {@code jdk.security.auth} module, where nothing is checked.
   */
  static final class ProcessUser {
    static final long UNKNOWN = Long.MIN_VALUE;
    static final long UID = uid();

    private ProcessUser() {}

    private static long uid() {
      try {
        return new UnixSystem().getUid();
      } catch (LinkageError e) {
        return UNKNOWN;
      }
    }
  }
}

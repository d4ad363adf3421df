package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.exception.FileErrors;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Copies of a database file taken before it is migrated: {@code <file>.v<version>-<UTC
 * time>.backup} next to the file, owner-only, written with {@code VACUUM INTO} (a consistent
 * snapshot) to a temporary name and then renamed, so a backup is either whole or absent. The newest
 * {@value #KEEP} backups of a file are kept; older ones are deleted.
 */
public final class Backups {
  static final int KEEP = 3;
  private static final String SUFFIX = ".backup";
  private static final String PARTIAL = ".partial";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** {@link #STAMP} as a regular expression, with the counter a name taken in the same second gets. */
  private static final String STAMP_FORM = "\\d{8}T\\d{6}Z(?:-\\d+)?";

  private Backups() {}

  /**
   * Takes a backup of the file, then prunes old ones. The name carries the version the copy holds
   * (read from the copy itself, in case another process migrated the file meanwhile; 0 for a
   * database without a version yet).
   */
  static Path take(TransactionManager transactions, Path file) {
    Path folder = file.getParent();
    String stamp = STAMP.format(Instant.now());
    try {
      deletePartials(file);
      Path partial = reserve(folder, file.getFileName() + ".copy-" + stamp);
      String into = partial.toString().replace("'", "''");
      transactions.query(
          scope -> {
            try (Statement statement = scope.connection().createStatement()) {
              statement.execute("VACUUM INTO '" + into + "'");
            }
            return null;
          });
      int version = versionOf(partial);
      Path target = unused(folder, file.getFileName() + ".v" + version + "-" + stamp);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      prune(file);
      return target;
    } catch (IOException | SQLException | RuntimeException e) {
      throw new DatabaseOpenException(
          "Cannot take a backup of database "
              + file
              + " before migrating it (nothing was migrated): "
              + (e instanceof IOException io ? FileErrors.describe(io) : e.getMessage())
              + ". Free disk space or fix the folder's permissions, or open the database with"
              + " backupBeforeMigration(false) to migrate without a backup.",
          e);
    }
  }

  private static int versionOf(Path copy) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** The final name of a backup: the base, or the base with a counter if that is taken. */
  private static Path unused(Path folder, String base) {
    for (int attempt = 1; ; attempt++) {
      Path candidate = folder.resolve(base + (attempt == 1 ? "" : "-" + attempt) + SUFFIX);
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  /** An empty owner-only file with a name not yet taken; VACUUM INTO accepts an empty file. */
  private static Path reserve(Path folder, String base) throws IOException {
    for (int attempt = 1; ; attempt++) {
      String name = base + (attempt == 1 ? "" : "-" + attempt) + SUFFIX + PARTIAL;
      Path candidate = folder.resolve(name);
      try {
        if (isPosix(folder)) {
          Files.createFile(
              candidate,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-------"));
        } else {
          Files.createFile(candidate);
        }
        return candidate;
      } catch (FileAlreadyExistsException e) {
        // Taken by another process in the same second; try the next name.
      }
    }
  }

  /**
   * The backups of a file, newest first: only names of the exact form {@link #take} writes,
   * {@code <file>.v<version>-<yyyyMMdd>T<HHmmss>Z[-<n>].backup}, so that a user's own {@code
   * m.db.very-important.backup} is never taken for one (and pruned).
   *
   * @param file the database file
   * @return its backups
   * @throws IOException if its folder cannot be listed
   */
  public static List<Path> list(Path file) throws IOException {
    List<Path> backups = new ArrayList<>();
    Pattern form = Pattern.compile(Pattern.quote(file.getFileName() + ".v") + "\\d+-" + STAMP_FORM + Pattern.quote(SUFFIX));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent())) {
      for (Path entry : entries) {
        if (form.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          backups.add(entry);
        }
      }
    }
    backups.sort(
        Comparator.comparing(Backups::modified)
            .thenComparing(path -> path.getFileName().toString())
            .reversed());
    return backups;
  }

  private static void prune(Path file) throws IOException {
    List<Path> backups = list(file);
    for (Path old : backups.subList(Math.min(KEEP, backups.size()), backups.size())) {
      Files.deleteIfExists(old);
    }
  }

  /**
   * Leftovers of a process that died while writing a backup: only names of the exact form {@link
   * #reserve} gives them, {@code <file>.copy-<yyyyMMdd>T<HHmmss>Z[-<n>].backup.partial}.
   */
  private static void deletePartials(Path file) throws IOException {
    Pattern form = Pattern.compile(Pattern.quote(file.getFileName() + ".copy-") + STAMP_FORM + Pattern.quote(SUFFIX + PARTIAL));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent())) {
      for (Path entry : entries) {
        if (form.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static boolean isPosix(Path folder) throws IOException {
    return Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
  }
}

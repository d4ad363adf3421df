package dev.gao.metrics.runtime.sql.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One fair write lock per database file in this process. Writers of one process queue here, in
 * arrival order, instead of polling SQLite's busy handler; so threads of one process never see
 * SQLITE_BUSY, even through several database objects on the same file.
 */
public final class WriteLocks {
  private static final Map<Path, ReentrantLock> BY_FILE = new ConcurrentHashMap<>();

  private WriteLocks() {}

  /**
   * The write lock of a database file.
   *
   * @param file the database file
   * @return the lock shared by every database object on that file
   */
  public static ReentrantLock forFile(Path file) {
    return BY_FILE.computeIfAbsent(canonical(file), path -> new ReentrantLock(true));
  }

  /**
   * A write lock for a database reached through a data source.
   *
   * @return a new fair lock
   */
  public static ReentrantLock unshared() {
    return new ReentrantLock(true);
  }

  private static Path canonical(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath();
    } catch (IOException e) {
      return absolute;
    }
  }
}

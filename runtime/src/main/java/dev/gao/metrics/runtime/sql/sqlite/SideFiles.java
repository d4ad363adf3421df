package dev.gao.metrics.runtime.sql.sqlite;

/**
 * Advice about the files SQLite keeps beside a database ({@code -wal}, {@code -shm}, {@code
 * -journal}), for every message that tells a person to restore a backup or to move a database
 * away: copying a backup over a file whose {@code -wal} is left beside it lets SQLite replay that
 * log into the restored copy and damage it, and moving a file without its {@code -journal} makes
 * a half-written transaction permanent.
 */
public final class SideFiles {
  /** The sentence that says how to restore a backup, with a leading space. */
  public static final String RESTORE_ADVICE =
      " To restore a backup, stop every program that uses the database, move the file's -wal and -shm"
          + " files away together with it (SQLite would replay a -wal left beside the restored copy and"
          + " damage it), then copy the backup to the file's name.";

  /** How to move a database away: with its side files. */
  public static final String MOVE_AWAY = "move it away together with its -wal, -shm and -journal files";

  private SideFiles() {}
}

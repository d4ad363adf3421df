package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.connection.DatabaseConnections;
import dev.gao.metrics.runtime.connection.PooledConnectionSource;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.sql.sqlite.SideFiles;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Connections to a SQLite database file: the file checked, then pooled. */
public final class SqliteConnections {
  private SqliteConnections() {}

  /**
   * A pool over a database file, created (owner-only) if missing. An existing file is checked
   * first without changing it: see {@link DatabaseFiles} and {@link FileInspection}.
   *
   * @param file the database file
   * @param schema the code's schema, to refuse another application's file before changing it
   * @param dialect SQLite
   * @param poolSize the number of pooled connections
   * @param busyTimeout how long a connection waits for another process's lock
   * @return the connections
   */
  public static DatabaseConnections of(
      Path file, SchemaInfo schema, SqliteDialect dialect, int poolSize, Duration busyTimeout) {
    DatabaseFiles.Prepared prepared = DatabaseFiles.prepare(file, dialect);
    FileInspection.check(prepared, schema, dialect);
    Path target = prepared.file();
    PooledConnectionSource pool;
    try {
      pool =
          new PooledConnectionSource(
              dialect.fileDataSource(target, busyTimeout),
              "database " + target,
              poolSize,
              PooledConnectionSource.DEFAULT_WAIT);
    } catch (SQLException | RuntimeException e) {
      throw openFailure(target, e);
    }
    String location = target.toString();
    return new DatabaseConnections(
        new TransactionManager(pool, dialect, WriteLocks.forFile(target), location),
        target,
        location);
  }

  /** The error of a file SQLite could not open or read, naming damage as such. */
  static DatabaseOpenException openFailure(Path file, Exception e) {
    String message = rootMessage(e);
    if (message.contains("SQLITE_CORRUPT") || message.contains("SQLITE_NOTADB")) {
      return DatabaseFiles.damaged(file, "SQLite reports " + message, e);
    }
    return new DatabaseOpenException(
        "Cannot open database file "
            + file
            + ": "
            + message
            + ". Check that the file is an intact SQLite database this user can read and write,"
            + " or " + SideFiles.MOVE_AWAY + " to start a new database.",
        e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}

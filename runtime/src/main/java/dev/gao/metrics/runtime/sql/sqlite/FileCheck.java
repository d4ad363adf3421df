package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.sql.Dialect;
import java.util.Objects;
import java.util.Optional;

/**
 * What plain reads of an existing file's first bytes show, before any connection touches it.
 *
 * @param databaseFile whether the engine can open the file as a database (an empty file counts as
 *     one)
 * @param damage for a database file, what is wrong with it judged from its header and size (a file
 *     cut short, a header no engine writes); empty when it looks whole
 * @param connectingChangesFile whether the first connection of {@link Dialect#fileDataSource}
 *     changes the file before anything is read (SQLite: switching a rollback-journal file to WAL
 *     rewrites its header); such a file is looked at through {@link Dialect#readOnlyConnection}
 *     first, so that a file the runtime refuses is left as it was
 */
public record FileCheck(boolean databaseFile, Optional<String> damage, boolean connectingChangesFile) {

  /** Checks that {@code damage} is given. */
  public FileCheck {
    Objects.requireNonNull(damage, "damage");
  }

  /** A file that is not a database of the engine. */
  static FileCheck notDatabase() {
    return new FileCheck(false, Optional.empty(), false);
  }
}

package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.migration.SchemaInitializer;
import dev.gao.metrics.runtime.migration.SchemaMarker;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Looks at an existing database read-only before the pool opens it, where connecting would change
 * the file (SQLite's pool connections switch a rollback-journal file to WAL). A file the runtime is
 * going to refuse (another application's tables, another schema, a damaged schema) is refused here,
 * before its header is rewritten. Files this library created are in WAL mode and skip this.
 */
final class FileInspection {
  private FileInspection() {}

  static void check(DatabaseFiles.Prepared prepared, SchemaInfo schema, SqliteDialect dialect) {
    if (!prepared.connectingChangesFile()) {
      return;
    }
    Path file = prepared.file();
    String location = file.toString();
    try (Connection connection = dialect.readOnlyConnection(file)) {
      List<String> tables = dialect.tableNames(connection);
      if (tables.isEmpty()) {
        return;
      }
      if (tables.contains(SchemaMarker.TABLE)) {
        SchemaInitializer.loadMarker(connection)
            .requireSchema(
                schema,
                location,
                ". It was left unchanged. Open the file with the code of its own schema, or choose"
                    + " another path.");
        return;
      }
      // Tables without the marker: adopted later if they match a version, refused here if not.
      new LegacyAdoption(dialect, location)
          .match(schema, LegacyAdoption.describe(connection, dialect, schema), tables);
    } catch (SQLException e) {
      throw SqliteConnections.openFailure(file, e);
    }
  }
}

package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.connection.ExternalConnectionSource;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.migration.PlannedStep;
import dev.gao.metrics.runtime.migration.SchemaInitializer;
import dev.gao.metrics.runtime.migration.SchemaMarker;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Plans a migration of a SQLite file on a read-only connection, changing nothing. */
public final class DryRun {
  private DryRun() {}

  /**
   * What opening the file at {@code targetVersion} would do.
   *
   * @param schema the code's schema
   * @param file the database file, which need not exist
   * @param targetVersion the version to reach
   * @return the plan
   */
  public static MigrationPlan plan(SchemaInfo schema, Path file, int targetVersion) {
    SchemaInfo target = SchemaInitializer.targetSchema(schema, targetVersion);
    Path absolute = file.toAbsolutePath().normalize();
    String location = absolute.toString();
    if (!Files.exists(absolute)) {
      // No file, or a link to none: opening would create the database there.
      return new MigrationPlan(location, 0, 0, target.version(), List.of());
    }
    DatabaseFiles.checkKind(absolute);
    DatabaseFiles.checkReadable(absolute);
    SqliteDialect dialect = new SqliteDialect();
    FileOwnership.check(absolute, dialect.sideFileSuffixes());
    if (dialect.hasInterruptedWrite(absolute)) {
      if (!DatabaseFiles.mayWrite(absolute)) {
        throw new DatabaseOpenException(
            "Cannot read database file "
                + location
                + ": it cannot be read until an unfinished transaction is rolled back, and this"
                + " user may not write it or its folder. It was left unchanged."
                + DatabaseFiles.interruptedWriteAdvice(absolute, dialect));
      }
      DatabaseFiles.rollBackInterruptedWrite(absolute, dialect);
    }
    DatabaseFiles.checkContent(absolute, dialect);
    Path wal = absolute.resolveSibling(absolute.getFileName() + "-wal");
    Path shm = absolute.resolveSibling(absolute.getFileName() + "-shm");
    boolean sideFilesExisted = Files.exists(wal) || Files.exists(shm);
    try {
      return readPlan(schema, absolute, target, dialect);
    } finally {
      if (!sideFilesExisted) {
        removeSideFiles(absolute, wal, shm);
      }
    }
  }

  /**
   * A read-only connection to a WAL file creates {@code -wal} and {@code -shm} next to it but
   * cannot remove them; a plain connection that reads and closes as the last one does (SQLite checkpoints
   * the empty log, which writes nothing, and deletes both). While another process has the database
   * open, SQLite keeps them, as it must.
   */
  private static void removeSideFiles(Path file, Path wal, Path shm) {
    if (!Files.exists(wal) && !Files.exists(shm)) {
      return;
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
    } catch (SQLException e) {
      // Left-over side files are harmless: SQLite reuses them on the next open.
    }
  }

  private static MigrationPlan readPlan(
      SchemaInfo schema, Path absolute, SchemaInfo target, SqliteDialect dialect) {
    String location = absolute.toString();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + absolute);
    try (TransactionManager transactions =
        new TransactionManager(
            new ExternalConnectionSource(dataSource), dialect, WriteLocks.unshared(), location)) {
      return transactions.query(
          scope -> {
            Connection connection = scope.connection();
            List<String> tables = dialect.tableNames(connection);
            if (tables.contains(SchemaMarker.TABLE)) {
              return SchemaInitializer.storedPlan(
                  transactions,
                  dialect,
                  schema,
                  target,
                  location,
                  "; there is nothing to plan. Name the file of schema " + schema.name() + ".");
            }
            if (tables.isEmpty()) {
              return new MigrationPlan(location, 0, 0, target.version(), List.of());
            }
            SchemaInfo adopted =
                new LegacyAdoption(dialect, location)
                    .match(schema, LegacyAdoption.describe(connection, dialect, schema), tables);
            List<PlannedStep> steps =
                SchemaInitializer.plan(
                    transactions, dialect, schema, adopted.version(), target.version(), location);
            return new MigrationPlan(
                location,
                0,
                adopted.version(),
                target.version(),
                steps.stream().map(PlannedStep::step).toList());
          });
    } catch (DatabaseOpenException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e instanceof dev.gao.metrics.runtime.exception.SchemaVersionException version) {
        throw version;
      }
      if (!DatabaseFiles.mayWrite(absolute)) {
        // A WAL database can only be read where its -shm can be created or written.
        throw new DatabaseOpenException(
            "Cannot read database file "
                + location
                + ": user "
                + System.getProperty("user.name")
                + " may not write it or its folder ("
                + DatabaseFiles.owner(absolute)
                + "), and SQLite cannot read it without writing "
                + absolute.getFileName()
                + "-shm beside it. It was left unchanged. Run the command as its owner, or copy"
                + " it (with its -wal, if there is one) to a folder of your own and open the copy.",
            e);
      }
      throw new DatabaseOpenException(
          "Cannot read database file " + location + " to plan its migration: " + e.getMessage(),
          e);
    }
  }
}

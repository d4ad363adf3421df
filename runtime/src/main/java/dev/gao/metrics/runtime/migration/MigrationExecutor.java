package dev.gao.metrics.runtime.migration;

import dev.gao.metrics.runtime.Transaction;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.MigrationException;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import dev.gao.metrics.runtime.schema.DataMigrationStep;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs migration steps, each as one unit: foreign-key enforcement off around the transaction when
 * the step rebuilds tables; {@code BEGIN IMMEDIATE}; the statements; the data migrations; the final
 * statements; the engine's check of every foreign key (SQLite's {@code PRAGMA foreign_key_check}); the history row; the new version in {@code
 * user_version} and the metadata table; {@code COMMIT}; enforcement back on. Any failure rolls the
 * step back, and a process that dies mid-step leaves nothing of it: the database stays at the
 * version it had.
 */
public final class MigrationExecutor {

  private final TransactionManager transactions;
  private final Dialect dialect;
  private final SchemaInfo schema;
  private final String location;
  private final String libraryVersion;

  /**
   * Creates an executor.
   *
   * @param transactions the units of work of the database
   * @param dialect the dialect
   * @param schema the code's schema with its history
   * @param location the database, for messages
   * @param libraryVersion this library's version, recorded in the history
   */
  public MigrationExecutor(
      TransactionManager transactions,
      Dialect dialect,
      SchemaInfo schema,
      String location,
      String libraryVersion) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.schema = schema;
    this.location = location;
    this.libraryVersion = libraryVersion;
  }

  /**
   * Runs one step.
   *
   * @param planned the step
   * @return true if it ran; false if the database was no longer at the step's start version
   *     (another process migrated it meanwhile), in which case nothing was changed
   * @throws MigrationException if the step failed; it was rolled back
   */
  public boolean run(PlannedStep planned) {
    MigrationStep step = planned.step();
    return transactions.exclusiveWrite(
        step.foreignKeysOff(), transaction -> runInTransaction(planned, transaction));
  }

  private boolean runInTransaction(PlannedStep planned, Transaction transaction) {
    MigrationStep step = planned.step();
    Connection connection = transaction.connection();
    long start = System.nanoTime();
    try {
      dialect.lockSchemaChanges(connection, location);
      if (storedVersion(connection) != step.fromVersion()) {
        return false;
      }
      execute(connection, step, step.statements());
      for (DataMigrationStep migration : step.dataMigrations()) {
        runDataMigration(migration, transaction, step);
      }
      execute(connection, step, step.finalStatements());
      checkForeignKeys(connection, step);
      HistoryTable.create(connection, dialect);
      long durationMs = (System.nanoTime() - start) / 1_000_000;
      HistoryTable.insert(
          connection,
          step.fromVersion(),
          step.toVersion(),
          step.upgrade() ? Direction.UPGRADE : Direction.DOWNGRADE,
          step.checksum(),
          durationMs,
          libraryVersion,
          step.upgrade() ? inverseJson(step).orElse(null) : null);
      recordVersion(connection, step.toVersion(), planned.targetIdentityHash());
      return true;
    } catch (SQLException e) {
      throw failure(step, "its bookkeeping failed: " + e.getMessage(), e);
    }
  }

  private void execute(Connection connection, MigrationStep step, List<String> statements) {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw failure(step, "statement failed: " + sql + "\n  " + e.getMessage() + rangeHint(step, e), e);
        }
      }
    } catch (SQLException e) {
      throw failure(step, "could not create a statement: " + e.getMessage(), e);
    }
  }

  private void runDataMigration(
      DataMigrationStep migration, Transaction transaction, MigrationStep step) {
    try {
      migration.migrate(transaction);
    } catch (Exception e) {
      throw failure(
          step,
          "data migration " + migration.getClass().getName() + " failed: " + e.getMessage(),
          e);
    }
  }

  private void checkForeignKeys(Connection connection, MigrationStep step) throws SQLException {
    List<String> violations = dialect.foreignKeyViolations(connection, 10);
    if (!violations.isEmpty()) {
      throw failure(
          step,
          "foreign keys are broken after the step:\n  " + String.join("\n  ", violations),
          null);
    }
  }

  private Optional<String> inverseJson(MigrationStep step) {
    Optional<MigrationStep> inverse = schema.step(step.toVersion(), step.fromVersion());
    Optional<SchemaInfo> target = schema.atVersion(step.fromVersion());
    if (inverse.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    // The downgrade as this engine runs it: a later build that no longer knows this version reads it.
    return Optional.of(
        HistoryTable.stepToJson(inverse.get().forEngine(dialect.engine()), target.get().identityHash()));
  }

  private int storedVersion(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT \"value\" FROM "
                + dialect.quote(MetadataTable.TABLE)
                + " WHERE \"key\" = '"
                + MetadataTable.SCHEMA_VERSION
                + "'")) {
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Integer.parseInt(rs.getString(1).trim()) : -1;
      }
    }
  }

  private void recordVersion(Connection connection, int version, String identityHash)
      throws SQLException {
    dialect.recordVersion(connection, version);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE " + dialect.quote(MetadataTable.TABLE) + " SET \"value\" = ? WHERE \"key\" = ?")) {
      statement.setString(1, Integer.toString(version));
      statement.setString(2, MetadataTable.SCHEMA_VERSION);
      statement.executeUpdate();
      statement.setString(1, identityHash);
      statement.setString(2, MetadataTable.IDENTITY_HASH);
      statement.executeUpdate();
    }
  }

  /**
   * For a copy that failed on a range constraint ({@code ck_<table>_<column>}) of the target
   * version: which stored rows are the cause and what to do. Rows are never dropped to fit a tighter
   * range; the step fails instead.
   */
  private String rangeHint(MigrationStep step, SQLException e) {
    Optional<String> constraint =
        dialect.failedCheckConstraint(e).filter(name -> name.startsWith("ck_"));
    if (constraint.isEmpty()) {
      return "";
    }
    return "\n  Stored rows violate range constraint "
        + constraint.get()
        + " that version "
        + step.toVersion()
        + " declares: correct or delete them at version "
        + step.fromVersion()
        + ", or widen the range, then migrate again.";
  }

  private MetricsException failure(MigrationStep step, String what, Throwable cause) {
    return new MigrationException(
        "Migration of database "
            + location
            + " from schema "
            + schema.name()
            + " version "
            + step.fromVersion()
            + " to version "
            + step.toVersion()
            + " failed and was rolled back; the database is still at version "
            + step.fromVersion()
            + " with every row intact. The "
            + what,
        step.fromVersion(),
        step.toVersion(),
        cause);
  }
}

package dev.gao.metrics.runtime.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One migration step between two consecutive schema versions, upgrade or downgrade. The step runs
 * as one unit: with foreign-key enforcement switched off around it when {@link #foreignKeysOff()},
 * in one {@code BEGIN IMMEDIATE} transaction: the {@link #statements()}, then the {@link
 * #dataMigrations()}, then the {@link #finalStatements()}, then a foreign-key check, the history row
 * and the new version number; then commit.
 *
 * @param fromVersion the version the step starts from, at least 1
 * @param toVersion the version the step leads to, one more or one less than {@code fromVersion}
 * @param statements the SQL statements that change the structure and copy data
 * @param finalStatements SQL statements run after the data migrations, for example dropping a
 *     column that a data migration still reads
 * @param foreignKeysOff whether foreign-key enforcement must be off while the step runs (a table
 *     rebuild); the step checks every foreign key before it commits
 * @param checksum the SHA-256 hex of the step's SQL, recorded in the history
 * @param dataMigrations user code run inside the step's transaction, in order
 */
public record MigrationStep(
    int fromVersion,
    int toVersion,
    List<String> statements,
    List<String> finalStatements,
    boolean foreignKeysOff,
    String checksum,
    List<DataMigrationStep> dataMigrations) {
  private static final String FINAL_SEPARATOR = "-- final statements\n";

  /**
   * Validates the arguments and copies the lists.
   *
   * @param fromVersion the version the step starts from, at least 1
   * @param toVersion the version the step leads to, one more or one less than {@code fromVersion}
   * @param statements the SQL statements that change the structure and copy data
   * @param finalStatements SQL statements run after the data migrations
   * @param foreignKeysOff whether foreign-key enforcement must be off while the step runs
   * @param checksum the SHA-256 hex of the step's SQL
   * @param dataMigrations user code run inside the step's transaction, in order
   * @throws IllegalArgumentException if the versions are not consecutive or below 1
   */
  public MigrationStep {
    if (fromVersion < 1 || toVersion < 1 || Math.abs(fromVersion - toVersion) != 1) {
      throw new IllegalArgumentException(
          "a migration step joins two consecutive versions of at least 1, not "
              + fromVersion
              + " -> "
              + toVersion);
    }
    String name = "step " + fromVersion + " -> " + toVersion;
    statements = copy(statements, "statements of " + name);
    finalStatements = copy(finalStatements, "finalStatements of " + name);
    Objects.requireNonNull(checksum, "checksum of " + name);
    dataMigrations = copy(dataMigrations, "dataMigrations of " + name);
  }

  /**
   * A step of SQL only, without data migrations, with its checksum computed by {@link #checksum}.
   *
   * @param fromVersion the version the step starts from
   * @param toVersion the version the step leads to
   * @param statements the SQL statements
   * @param finalStatements SQL statements run after the data migrations
   * @param foreignKeysOff whether foreign-key enforcement must be off while the step runs
   * @return the step
   * @throws IllegalArgumentException if the versions are not consecutive or below 1
   */
  public static MigrationStep of(
      int fromVersion,
      int toVersion,
      List<String> statements,
      List<String> finalStatements,
      boolean foreignKeysOff) {
    return new MigrationStep(
        fromVersion,
        toVersion,
        statements,
        finalStatements,
        foreignKeysOff,
        checksum(statements, finalStatements),
        List.of());
  }

  /**
   * The SHA-256 hex of a step's SQL: the UTF-8 bytes of every statement, each followed by {@code
   * ";\n"}, then the line {@code "-- final statements\n"}, then every final statement, each
   * followed by {@code ";\n"}.
   *
   * @param statements the step's statements
   * @param finalStatements the step's final statements
   * @return 64 lower-case hex digits
   */
  public static String checksum(List<String> statements, List<String> finalStatements) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    for (String statement : statements) {
      digest.update((statement + ";\n").getBytes(StandardCharsets.UTF_8));
    }
    digest.update(FINAL_SEPARATOR.getBytes(StandardCharsets.UTF_8));
    for (String statement : finalStatements) {
      digest.update((statement + ";\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Whether this step goes up.
   *
   * @return true if {@code toVersion > fromVersion}
   */
  public boolean upgrade() {
    return toVersion > fromVersion;
  }

  private static <T> List<T> copy(List<T> values, String what) {
    Objects.requireNonNull(values, what);
    for (T value : values) {
      Objects.requireNonNull(value, () -> what + " must not contain null");
    }
    return List.copyOf(values);
  }
}

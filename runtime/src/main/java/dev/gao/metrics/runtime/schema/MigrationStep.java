package dev.gao.metrics.runtime.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * @param otherEngines the step's SQL on each other engine the schema was generated for (the
 *     fields above are SQLite's); see {@link #forEngine}
 */
public record MigrationStep(
    int fromVersion,
    int toVersion,
    List<String> statements,
    List<String> finalStatements,
    boolean foreignKeysOff,
    String checksum,
    List<DataMigrationStep> dataMigrations,
    Map<Engine, EngineSql> otherEngines) {
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
   * @param otherEngines the step's SQL on each other engine
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
    Objects.requireNonNull(otherEngines, "otherEngines of " + name);
    otherEngines = Map.copyOf(otherEngines);
    if (otherEngines.containsKey(Engine.SQLITE)) {
      throw new IllegalArgumentException("the SQLite SQL of " + name + " is statements and finalStatements");
    }
  }

  /**
   * The SQL of one step on an engine other than SQLite, which runs with foreign keys enforced.
   *
   * @param statements the SQL statements that change the structure and copy data
   * @param finalStatements SQL statements run after the data migrations
   */
  public record EngineSql(List<String> statements, List<String> finalStatements) {
    /**
     * Copies the lists.
     *
     * @param statements the SQL statements that change the structure and copy data
     * @param finalStatements SQL statements run after the data migrations
     */
    public EngineSql {
      statements = copy(statements, "statements");
      finalStatements = copy(finalStatements, "finalStatements");
    }
  }

  /**
   * A step with its SQLite SQL only.
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
  public MigrationStep(
      int fromVersion,
      int toVersion,
      List<String> statements,
      List<String> finalStatements,
      boolean foreignKeysOff,
      String checksum,
      List<DataMigrationStep> dataMigrations) {
    this(fromVersion, toVersion, statements, finalStatements, foreignKeysOff, checksum, dataMigrations, Map.of());
  }

  /**
   * The same step with its SQL on another engine: the form generated code uses, {@code
   * MigrationStep.of(...).on(Engine.POSTGRESQL, List.of(...), List.of(...))}.
   *
   * @param engine an engine other than SQLite
   * @param engineStatements the statements on that engine
   * @param engineFinalStatements the final statements on that engine
   * @return the step with them
   */
  public MigrationStep on(Engine engine, List<String> engineStatements, List<String> engineFinalStatements) {
    Objects.requireNonNull(engine, "engine");
    Map<Engine, EngineSql> all = new EnumMap<>(Engine.class);
    all.putAll(otherEngines);
    all.put(engine, new EngineSql(engineStatements, engineFinalStatements));
    return new MigrationStep(
        fromVersion, toVersion, statements, finalStatements, foreignKeysOff, checksum, dataMigrations, all);
  }

  /**
   * The step as one engine runs it: its statements, final statements, foreign-key switch and
   * checksum are that engine's (foreign keys stay on except on SQLite); the data migrations are the
   * same.
   *
   * @param engine the engine
   * @return the step on that engine
   * @throws IllegalStateException if the schema was generated without that engine's SQL
   */
  public MigrationStep forEngine(Engine engine) {
    if (engine == Engine.SQLITE) {
      return otherEngines.isEmpty()
          ? this
          : new MigrationStep(fromVersion, toVersion, statements, finalStatements, foreignKeysOff, checksum, dataMigrations);
    }
    EngineSql sql = otherEngines.get(engine);
    if (sql == null) {
      throw new IllegalStateException(
          "migration step "
              + fromVersion
              + " -> "
              + toVersion
              + " has no "
              + engine.displayName()
              + " SQL: its schema was generated by a gao-metrics processor without "
              + engine.displayName()
              + " support; compile the schema again with this version of the processor");
    }
    return new MigrationStep(
        fromVersion,
        toVersion,
        sql.statements(),
        sql.finalStatements(),
        false,
        checksum(sql.statements(), sql.finalStatements()),
        dataMigrations);
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

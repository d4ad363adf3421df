package dev.gao.metrics.runtime.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.runtime.migration.HistoryEntry.Direction;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration history table: one row per step that changed a database's version or form. On
 * upgrades it also stores the inverse step's SQL, so that older code can roll a database back
 * without knowing the newer schema. The runtime writes it inside each step's transaction.
 */
public final class HistoryTable {
  /** The table name. */
  public static final String NAME = "gao_metrics_history";

  private static final DateTimeFormatter APPLIED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT =
      "INSERT INTO \""
          + NAME
          + "\" (\"from_version\", \"to_version\", \"direction\", \"checksum\", \"applied_at\","
          + " \"duration_ms\", \"library_version\", \"downgrade_sql\")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT \"id\", \"from_version\", \"to_version\", \"direction\", \"checksum\","
          + " \"applied_at\", \"duration_ms\", \"library_version\", \"downgrade_sql\" FROM \""
          + NAME
          + "\"";

  private HistoryTable() {}

  /**
   * Whether the database has the table.
   *
   * @param connection the connection
   * @param dialect the database's engine
   * @return true if the table exists
   * @throws SQLException if the query fails
   */
  public static boolean exists(Connection connection, Dialect dialect) throws SQLException {
    return dialect.tableNames(connection).contains(NAME);
  }

  /**
   * Creates the table if it does not exist, in the engine's form (and brings an older form of it to
   * the current one where the engine had one). Every migration step calls this in its transaction.
   *
   * @param connection the connection, inside a write transaction
   * @param dialect the database's engine
   * @throws SQLException if a statement fails
   */
  public static void create(Connection connection, Dialect dialect) throws SQLException {
    dialect.createHistoryTable(connection, NAME);
  }

  /**
   * Records a step.
   *
   * @param connection the connection, inside the step's transaction
   * @param fromVersion the version before the step
   * @param toVersion the version after the step
   * @param direction the kind of step
   * @param checksum the checksum of the step's SQL
   * @param durationMs how long the step ran
   * @param libraryVersion this library's version
   * @param downgradeJson the inverse step as {@link #stepToJson} renders it (upgrades only), or
   *     null
   * @throws SQLException if the insert fails
   */
  public static void insert(
      Connection connection,
      int fromVersion,
      int toVersion,
      Direction direction,
      String checksum,
      long durationMs,
      String libraryVersion,
      String downgradeJson)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setInt(1, fromVersion);
      statement.setInt(2, toVersion);
      statement.setString(3, direction.sql());
      statement.setString(4, checksum);
      statement.setString(5, APPLIED_AT.format(Instant.now()));
      statement.setLong(6, durationMs);
      statement.setString(7, libraryVersion);
      statement.setString(8, downgradeJson);
      statement.executeUpdate();
    }
  }

  /**
   * Every row, oldest first; empty if the table does not exist.
   *
   * @param connection the connection
   * @param dialect the database's engine
   * @return the history
   * @throws SQLException if the query fails
   */
  public static List<HistoryEntry> read(Connection connection, Dialect dialect) throws SQLException {
    List<HistoryEntry> entries = new ArrayList<>();
    if (!exists(connection, dialect)) {
      return entries;
    }
    try (PreparedStatement statement =
            connection.prepareStatement(SELECT + " ORDER BY \"id\"");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        entries.add(
            new HistoryEntry(
                rs.getLong(1),
                rs.getInt(2),
                rs.getInt(3),
                Direction.ofSql(rs.getString(4)),
                rs.getString(5),
                APPLIED_AT.parse(rs.getString(6), Instant::from),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9)));
      }
    }
    return entries;
  }

  /**
   * The downgrade step from {@code from} to {@code from - 1} that the latest upgrade from {@code
   * from - 1} to {@code from} stored.
   *
   * @param connection the connection
   * @param dialect the database's engine
   * @param from the version to go down from
   * @return the stored step and the identity hash of its target, empty if none was stored
   * @throws SQLException if the query fails
   */
  public static Optional<PlannedStep> storedDowngrade(Connection connection, Dialect dialect, int from)
      throws SQLException {
    if (!exists(connection, dialect)) {
      return Optional.empty();
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT \"downgrade_sql\" FROM \""
                + NAME
                + "\" WHERE \"direction\" = 'upgrade' AND \"from_version\" = ?"
                + " AND \"to_version\" = ? AND \"downgrade_sql\" IS NOT NULL"
                + " ORDER BY \"id\" DESC LIMIT 1")) {
      statement.setInt(1, from - 1);
      statement.setInt(2, from);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String json = rs.getString(1);
        MigrationStep step = stepFromJson(json, from, from - 1);
        return Optional.of(new PlannedStep(step, identityHashOf(json), true));
      }
    }
  }

  /**
   * The JSON stored for a downgrade step: its statements, final statements, whether foreign keys
   * must be off, its checksum, and the identity hash of the version it leads to.
   *
   * @param step the downgrade step
   * @param targetIdentityHash the identity hash of the version the step leads to
   * @return the JSON text
   */
  public static String stepToJson(MigrationStep step, String targetIdentityHash) {
    ObjectNode node = JSON.createObjectNode();
    node.put("fromVersion", step.fromVersion());
    node.put("toVersion", step.toVersion());
    ArrayNode statements = node.putArray("statements");
    step.statements().forEach(statements::add);
    ArrayNode finals = node.putArray("finalStatements");
    step.finalStatements().forEach(finals::add);
    node.put("foreignKeysOff", step.foreignKeysOff());
    node.put("checksum", step.checksum());
    node.put("identityHash", targetIdentityHash);
    return node.toString();
  }

  /**
   * Reads a stored step.
   *
   * @param json the stored JSON
   * @param from the version the step must start from
   * @param to the version the step must lead to
   * @return the step, without data migrations
   * @throws IllegalStateException if the JSON is not a stored step between those versions
   */
  public static MigrationStep stepFromJson(String json, int from, int to) {
    try {
      JsonNode node = JSON.readTree(json);
      List<String> statements = strings(node.get("statements"));
      List<String> finals = strings(node.get("finalStatements"));
      JsonNode checksum = node.get("checksum");
      return new MigrationStep(
          from,
          to,
          statements,
          finals,
          node.path("foreignKeysOff").asBoolean(false),
          checksum == null || !checksum.isTextual()
              ? MigrationStep.checksum(statements, finals)
              : checksum.asText(),
          List.of());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException(
          "the stored downgrade step " + from + " -> " + to + " in " + NAME + " is damaged: " + e.getMessage(),
          e);
    }
  }

  private static String identityHashOf(String json) {
    try {
      return JSON.readTree(json).path("identityHash").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("expected an array of SQL statements");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("expected SQL text but found " + item);
      }
      values.add(item.asText());
    }
    return values;
  }
}

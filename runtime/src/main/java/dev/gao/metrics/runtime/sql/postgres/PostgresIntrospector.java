package dev.gao.metrics.runtime.sql.postgres;

import dev.gao.metrics.runtime.schema.LiveTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a table's structure from {@code pg_catalog}, in the schema the connection creates tables in
 * ({@code current_schema()}): columns with the type as {@code format_type} writes it, NOT NULL, the
 * default as {@code pg_get_expr} writes it (identity columns as {@code GENERATED ... AS IDENTITY}),
 * the primary key, the indexes created with CREATE INDEX, the foreign keys with their actions, the
 * named CHECK constraints and the user triggers.
 */
final class PostgresIntrospector {
  private static final String TABLE =
      "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = coalesce(?, current_schema()) AND c.relname = ? AND c.relkind IN ('r', 'p')";

  private static final String COLUMNS =
      "SELECT a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
          + " pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity"
          + " FROM pg_catalog.pg_attribute a"
          + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

  private static final String PRIMARY_KEY =
      "SELECT k.attnum, k.position FROM pg_catalog.pg_constraint c,"
          + " unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)"
          + " WHERE c.conrelid = ? AND c.contype = 'p'";

  private static final String INDEXES =
      "SELECT i.relname, x.indisunique, a.attname FROM pg_catalog.pg_index x"
          + " JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid,"
          + " unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)"
          + " JOIN pg_catalog.pg_attribute a ON a.attnum = k.attnum"
          + " WHERE x.indrelid = ? AND a.attrelid = x.indrelid AND NOT x.indisprimary"
          + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid"
          + " AND c.conrelid = x.indrelid)"
          + " ORDER BY i.relname, k.position";

  private static final String FOREIGN_KEYS =
      "SELECT c.conname, a.attname, r.relname, ra.attname, c.confdeltype, c.confupdtype"
          + " FROM pg_catalog.pg_constraint c"
          + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
          + " JOIN pg_catalog.pg_class r ON r.oid = c.confrelid"
          + " JOIN pg_catalog.pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]"
          + " WHERE c.conrelid = ? AND c.contype = 'f' ORDER BY a.attname, c.conname";

  private static final String CHECKS =
      "SELECT conname, pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint"
          + " WHERE conrelid = ? AND contype = 'c' ORDER BY conname";

  private static final String TRIGGERS =
      "SELECT tgname, pg_catalog.pg_get_triggerdef(oid) FROM pg_catalog.pg_trigger"
          + " WHERE tgrelid = ? AND NOT tgisinternal ORDER BY tgname";

  private static final String TABLES =
      "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid ="
          + " c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
          + " ORDER BY c.relname";

  List<String> tableNames(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(TABLES);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  Optional<LiveTable> describe(Connection connection, String table) throws SQLException {
    return describe(connection, null, table);
  }

  /**
   * The structure of a table of a named schema.
   *
   * @param connection the connection
   * @param schema the schema (namespace), or null for the connection's current one
   * @param table the table name
   * @return the structure, empty when there is no such table
   */
  Optional<LiveTable> describe(Connection connection, String schema, String table) throws SQLException {
    long oid;
    try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        oid = rs.getLong(1);
      }
    }
    Map<Integer, Integer> keyPositions = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY)) {
      statement.setLong(1, oid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          keyPositions.put(rs.getInt(1), rs.getInt(2));
        }
      }
    }
    List<LiveTable.Column> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setLong(1, oid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String identity = rs.getString(6);
          String defaultSql = rs.getString(5);
          if ("d".equals(identity)) {
            defaultSql = PostgresDialect.IDENTITY_BY_DEFAULT;
          } else if ("a".equals(identity)) {
            defaultSql = PostgresDialect.IDENTITY_ALWAYS;
          }
          columns.add(
              new LiveTable.Column(
                  rs.getString(2), rs.getString(3), rs.getBoolean(4), defaultSql, keyPositions.getOrDefault(rs.getInt(1), 0)));
        }
      }
    }
    return Optional.of(
        new LiveTable(
            table,
            true,
            columns,
            indexes(connection, oid),
            foreignKeys(connection, oid),
            null,
            named(connection, TRIGGERS, oid),
            named(connection, CHECKS, oid)));
  }

  private static List<LiveTable.Index> indexes(Connection connection, long oid) throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
      statement.setLong(1, oid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(rs.getString(3));
          unique.put(rs.getString(1), rs.getBoolean(2));
        }
      }
    }
    List<LiveTable.Index> indexes = new ArrayList<>();
    columns.forEach((name, names) -> indexes.add(new LiveTable.Index(name, names, unique.get(name))));
    return indexes;
  }

  private static List<LiveTable.ForeignKey> foreignKeys(Connection connection, long oid) throws SQLException {
    List<LiveTable.ForeignKey> keys = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS)) {
      statement.setLong(1, oid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          keys.add(
              new LiveTable.ForeignKey(
                  rs.getString(2), rs.getString(3), rs.getString(4), action(rs.getString(5)), action(rs.getString(6))));
        }
      }
    }
    return keys;
  }

  /** A foreign key action as DDL writes it, from its {@code pg_constraint} letter. */
  static String action(String letter) {
    return switch (letter) {
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> "NO ACTION";
    };
  }

  private static Map<String, String> named(Connection connection, String query, long oid) throws SQLException {
    Map<String, String> named = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setLong(1, oid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          named.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return named;
  }
}

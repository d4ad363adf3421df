package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.schema.LiveTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a table's live structure through SQLite's {@code pragma_*} table-valued functions. */
final class SqliteIntrospector {
  private static final String TABLES =
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
          + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
  private static final String TABLE =
      "SELECT strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name = ?";
  private static final String TABLE_SQL =
      "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?";
  private static final String TRIGGERS =
      "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name";
  private static final String COLUMNS =
      "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) ORDER BY cid";
  private static final String INDEXES =
      "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name";
  private static final String INDEX_COLUMNS =
      "SELECT name FROM pragma_index_info(?) ORDER BY seqno";
  private static final String FOREIGN_KEYS =
      "SELECT \"from\", \"table\", \"to\", on_delete, on_update FROM pragma_foreign_key_list(?)"
          + " ORDER BY id, seq";
  private static final String PRIMARY_KEY =
      "SELECT name FROM pragma_table_xinfo(?) WHERE pk > 0 ORDER BY pk";

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
    boolean strict;
    try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        strict = rs.getInt(1) == 1;
      }
    }
    return Optional.of(
        new LiveTable(
            table,
            strict,
            columns(connection, table),
            indexes(connection, table),
            foreignKeys(connection, table),
            tableSql(connection, table),
            triggers(connection, table)));
  }

  private static Map<String, String> triggers(Connection connection, String table) throws SQLException {
    Map<String, String> triggers = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(TRIGGERS)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          triggers.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return triggers;
  }

  private static String tableSql(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(TABLE_SQL)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private List<LiveTable.Column> columns(Connection connection, String table) throws SQLException {
    List<LiveTable.Column> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.add(
              new LiveTable.Column(
                  rs.getString(1),
                  rs.getString(2) == null ? "" : rs.getString(2),
                  rs.getInt(3) == 1,
                  rs.getString(4),
                  rs.getInt(5)));
        }
      }
    }
    return columns;
  }

  private List<LiveTable.Index> indexes(Connection connection, String table) throws SQLException {
    List<LiveTable.Index> indexes = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          indexes.add(new LiveTable.Index(name, indexColumns(connection, name), rs.getInt(2) == 1));
        }
      }
    }
    return indexes;
  }

  private List<String> indexColumns(Connection connection, String index) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(INDEX_COLUMNS)) {
      statement.setString(1, index);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          columns.add(name == null ? "<expression>" : name);
        }
      }
    }
    return columns;
  }

  private List<LiveTable.ForeignKey> foreignKeys(Connection connection, String table)
      throws SQLException {
    List<LiveTable.ForeignKey> foreignKeys = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String referencedTable = rs.getString(2);
          String referencedColumn = rs.getString(3);
          if (referencedColumn == null) {
            // REFERENCES parent without a column list means the parent's primary key.
            referencedColumn = primaryKeyOf(connection, referencedTable);
          }
          foreignKeys.add(
              new LiveTable.ForeignKey(
                  rs.getString(1),
                  referencedTable,
                  referencedColumn,
                  rs.getString(4).toUpperCase(Locale.ROOT),
                  rs.getString(5).toUpperCase(Locale.ROOT)));
        }
      }
    }
    return foreignKeys;
  }

  private String primaryKeyOf(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : "<primary key>";
      }
    }
  }
}

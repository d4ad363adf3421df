package dev.gao.metrics.example;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads tables of a database file with a plain SQLite connection, independently of the library. */
public final class TableDump {
  private TableDump() {}

  /**
   * Every row of each table, ordered by rowid, as column name to value maps.
   *
   * @param file the database file
   * @param tables the tables
   * @return table name to rows
   */
  static Map<String, List<Map<String, Object>>> rows(Path file, List<String> tables) throws SQLException {
    Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              Object value = rs.getObject(i);
              row.put(meta.getColumnName(i), value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
            }
            rows.add(row);
          }
        }
        dump.put(table, rows);
      }
    }
    return dump;
  }

  /**
   * The first column of every row of a query.
   *
   * @param file the database file
   * @param sql the query
   * @return the values as text
   */
  public static List<String> column(Path file, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}

package dev.gao.metrics.processor.query;

import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.JDBC;

/**
 * An in-memory SQLite database holding the tables and indexes of one schema, on which queries are
 * prepared (never run) to check them and learn their result columns.
 */
public final class SchemaDatabase implements AutoCloseable {
  private static final Pattern DRIVER_MESSAGE = Pattern.compile("^\\[SQLITE_\\w+][^(]*\\((.*)\\)$", Pattern.DOTALL);

  private final Connection connection;

  private SchemaDatabase(Connection connection) {
    this.connection = connection;
  }

  /**
   * Creates the database of {@code schema}.
   *
   * @throws SQLException if SQLite cannot be loaded or refuses the schema
   */
  public static SchemaDatabase create(SchemaModel schema, SqlDialect dialect) throws SQLException {
    // The driver is instantiated directly: DriverManager does not see drivers of a processor's loader.
    Connection connection = new JDBC().connect(JDBC.PREFIX + ":memory:", new Properties());
    try (Statement statement = connection.createStatement()) {
      for (TableModel table : schema.tables()) {
        statement.execute(dialect.createTable(table));
        for (IndexModel index : table.indexes()) {
          statement.execute(dialect.createIndex(table, index));
        }
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new SchemaDatabase(connection);
  }

  /**
   * Prepares {@code sql} and reads its result columns and parameter count.
   *
   * @throws SQLException if SQLite refuses the statement; {@link #reason} gives its message
   */
  public PreparedQuery prepare(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      ResultSetMetaData metaData = statement.getMetaData();
      int count = columnCount(metaData);
      List<String> columns = new ArrayList<>(count);
      List<String> declaredTypes = new ArrayList<>(count);
      List<String> originTables = new ArrayList<>(count);
      List<String> originColumns = new ArrayList<>(count);
      for (int i = 1; i <= count; i++) {
        columns.add(metaData.getColumnLabel(i));
        // Only a result column taken straight from a table has a table name and a declared type.
        String table = metaData.getTableName(i);
        boolean computed = table == null || table.isEmpty();
        declaredTypes.add(computed ? null : metaData.getColumnTypeName(i));
        originTables.add(computed ? null : table);
        // JDBC defines the column name as the origin column's; sqlite-jdbc gives the result name.
        originColumns.add(computed ? null : metaData.getColumnName(i));
      }
      return new PreparedQuery(
          columns, declaredTypes, originTables, originColumns, statement.getParameterMetaData().getParameterCount());
    }
  }

  /** The driver reports a statement without result columns by failing to count them. */
  private static int columnCount(ResultSetMetaData metaData) {
    try {
      return metaData.getColumnCount();
    } catch (SQLException e) {
      return 0;
    }
  }

  /** SQLite's own message in a driver exception, without the driver's prefix. */
  public static String reason(SQLException e) {
    String message = String.valueOf(e.getMessage());
    Matcher matcher = DRIVER_MESSAGE.matcher(message);
    return matcher.matches() ? matcher.group(1) : message;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

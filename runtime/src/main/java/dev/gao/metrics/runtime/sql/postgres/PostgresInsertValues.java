package dev.gao.metrics.runtime.sql.postgres;

import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.InsertValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a DAO's INSERT on PostgreSQL, from the live catalog: the schema's column defaults
 * are SQLite's text, so PostgreSQL's own are read where the validated table keeps them ({@code
 * pg_get_expr}), and a NULL bound to a column with a default is replaced by it ({@code COALESCE}, as
 * on SQLite).
 *
 * <p>A key the database assigns comes from the column's sequence (an identity column's or a {@code
 * serial}'s). A key the row gives is written as given and, like SQLite's AUTOINCREMENT, moves the
 * sequence past it, so that a key assigned later, in the same batch too, is larger than every key
 * written before: all in the statement itself, its one parameter read once through a subquery. That
 * costs about 6 microseconds a row over a plain {@code COALESCE(?, nextval(...))} (10,000 rows in
 * JDBC batches: 135 ms against 74 ms), which a batch that moved the sequence once after its rows
 * would save, at the price of keys assigned after a given key in the same batch being smaller than
 * it, unlike on SQLite. Two transactions that give keys above the sequence at the same time may move
 * it in either order; keys given by rows are rare next to assigned ones, and a collision would fail
 * as a duplicate key, never overwrite a row.
 */
final class PostgresInsertValues {
  private static final String COLUMNS =
      "SELECT a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity,"
          + " pg_catalog.pg_get_serial_sequence("
          + "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), a.attname)"
          + " FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')"
          + " AND a.attnum > 0 AND NOT a.attisdropped";

  private PostgresInsertValues() {}

  /** The parameters of {@code table}'s INSERT, read on {@code connection}. */
  static InsertValues of(Connection connection, TableInfo table) throws SQLException {
    Map<String, Live> live = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setString(1, table.name());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          live.put(rs.getString(1), new Live(rs.getString(2), "a".equals(rs.getString(3)), rs.getString(4)));
        }
      }
    }
    List<String> parameters = new ArrayList<>();
    boolean always = false;
    for (ColumnInfo column : table.columns()) {
      Live found = live.get(column.name());
      boolean assignedKey = table.autoIncrement() && column.primaryKeyPosition() > 0;
      if (found == null) {
        parameters.add("?");
      } else if (assignedKey && found.sequence() != null) {
        parameters.add(assignedKey(found.sequence()));
        always |= found.identityAlways();
      } else if (found.defaultSql() != null) {
        parameters.add("COALESCE(?, " + found.defaultSql() + ")");
      } else {
        parameters.add("?");
      }
    }
    return new InsertValues(always ? " OVERRIDING SYSTEM VALUE" : "", parameters);
  }

  /**
   * The key: a new one from {@code sequence} for NULL, else the given one, moving the sequence past
   * it if it is ahead of the sequence ({@code last_value} counts as taken only once {@code
   * is_called}).
   */
  static String assignedKey(String sequence) {
    String regclass = "'" + sequence.replace("'", "''") + "'::regclass";
    return "(SELECT CASE WHEN k IS NULL THEN pg_catalog.nextval("
        + regclass
        + ") WHEN k > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "
        + sequence
        + ") THEN pg_catalog.setval("
        + regclass
        + ", k) ELSE k END FROM (SELECT CAST(? AS bigint) AS k) AS given)";
  }

  /**
   * A live column.
   *
   * @param defaultSql its default as PostgreSQL writes it, or null
   * @param identityAlways whether it is {@code GENERATED ALWAYS AS IDENTITY}
   * @param sequence the qualified name of its sequence, or null
   */
  private record Live(String defaultSql, boolean identityAlways, String sequence) {}
}

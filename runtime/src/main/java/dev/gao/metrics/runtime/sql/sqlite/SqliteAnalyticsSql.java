package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * SQLite's spelling of the analytics' SQL: {@code json_each} over JSON text, time periods cut from
 * the fixed-width UTC text times are stored as ({@code 2026-01-05T13:04:05.000000000Z}), the
 * {@code rowid} as storage order, {@code IS} as null-safe equality and {@code -1} as no limit.
 */
enum SqliteAnalyticsSql implements AnalyticsSql {
  INSTANCE;

  @Override
  public String jsonEntries(String jsonColumn, String alias) {
    return "json_each(" + jsonColumn + ") " + alias;
  }

  @Override
  public String entryIsNumber(String alias) {
    // json_each also walks arrays (integer keys) and scalars (a NULL key): only an object's
    // members, whose keys are text, are entries of a map
    return alias + ".type IN ('integer', 'real') AND typeof(" + alias + ".key) = 'text'";
  }

  @Override
  public String entryNumber(String alias) {
    return alias + ".value";
  }

  @Override
  public String toDouble(String expression) {
    // SQLite's SUM, AVG and arithmetic on mixed values already work in doubles where it matters;
    // a CAST would only cost a function call per value
    return expression;
  }

  @Override
  public String textParameter(String javaType) {
    return "?";
  }

  @Override
  public String inJsonArray(String column, String javaType, String parameter) {
    return column + " IN (SELECT value FROM json_each(" + parameter + "))";
  }

  @Override
  public String periodLabel(String timeColumn, String period) {
    return switch (period) {
      case "hour" -> "substr(" + timeColumn + ", 1, 13)";
      case "day" -> "substr(" + timeColumn + ", 1, 10)";
      case "week" -> "date(substr(" + timeColumn + ", 1, 10), '-6 days', 'weekday 1')";
      case "month" -> "substr(" + timeColumn + ", 1, 7)";
      default -> throw new IllegalArgumentException("no such period: " + period);
    };
  }

  @Override
  public String storageOrder(String alias) {
    return alias + ".rowid";
  }

  @Override
  public String sortedText(String expression) {
    return expression;
  }

  @Override
  public String same(String left, String right) {
    return left + " IS " + right;
  }

  @Override
  public void bindLimit(PreparedStatement statement, int index, long limit) throws SQLException {
    statement.setLong(index, limit < 0 ? -1 : limit);
  }
}

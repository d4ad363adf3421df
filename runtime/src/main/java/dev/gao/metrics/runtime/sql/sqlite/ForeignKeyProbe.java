package dev.gao.metrics.runtime.sql.sqlite;

import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.ValueText;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Names the foreign key that failed. SQLite reports only that some foreign key failed, so after a
 * failed write the parent row of each foreign-key value is looked up, inside the same transaction,
 * and the first one missing is named with its table, column and value.
 */
final class ForeignKeyProbe {
  private final TableInfo table;
  private final SqliteDialect dialect;

  ForeignKeyProbe(TableInfo table, SqliteDialect dialect) {
    this.table = table;
    this.dialect = dialect;
  }

  /**
   * The violation naming the first foreign key whose referenced row is missing.
   *
   * @param connection the connection the write failed on
   * @param values the row's foreign-key values, in {@code table.foreignKeys()} order
   * @param cause the driver's exception
   * @return the named violation, or empty if every referenced row exists or the lookup fails
   */
  Optional<ForeignKeyViolationException> missingParent(
      Connection connection, Object[] values, SQLException cause) {
    List<ForeignKeyInfo> foreignKeys = table.foreignKeys();
    for (int i = 0; i < Math.min(values.length, foreignKeys.size()); i++) {
      Object value = values[i];
      if (value == null) {
        continue;
      }
      ForeignKeyInfo foreignKey = foreignKeys.get(i);
      try {
        if (!parentExists(connection, foreignKey, value)) {
          return Optional.of(violation(foreignKey, value, cause));
        }
      } catch (SQLException e) {
        cause.addSuppressed(e);
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private ForeignKeyViolationException violation(
      ForeignKeyInfo foreignKey, Object value, SQLException cause) {
    String parent = foreignKey.referencedTable();
    return new ForeignKeyViolationException(
        "FOREIGN KEY constraint failed on "
            + table.name()
            + "."
            + foreignKey.column()
            + ": value "
            + ValueText.of(value)
            + " refers to no row of "
            + parent
            + " ("
            + parent
            + "."
            + foreignKey.referencedColumn()
            + "); insert that row first",
        table.name(),
        foreignKey.column(),
        value,
        cause);
  }

  private boolean parentExists(Connection connection, ForeignKeyInfo foreignKey, Object value)
      throws SQLException {
    try (PreparedStatement probe =
        connection.prepareStatement(
            "SELECT 1 FROM "
                + dialect.quote(foreignKey.referencedTable())
                + " WHERE "
                + dialect.quote(foreignKey.referencedColumn())
                + " = ? LIMIT 1")) {
      probe.setObject(1, value);
      try (ResultSet rs = probe.executeQuery()) {
        return rs.next();
      }
    }
  }
}

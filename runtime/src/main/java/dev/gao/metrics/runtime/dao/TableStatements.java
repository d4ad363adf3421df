package dev.gao.metrics.runtime.dao;

import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.sql.InsertValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a DAO's operations, rendered once from the table's structure: every column in table
 * order, the key in key order. Parameters bind in table order ({@link TableDao#bindRow}), except in
 * lookups, which bind the compared columns in the order given, and in {@link #update} on an engine
 * without numbered parameters, whose {@link #updateOrder} says where each column goes.
 */
final class TableStatements {
  private final Dialect dialect;
  private final String table;
  private final String selectAll;
  private final String orderByKey;
  private final String whereKey;

  /** Inserts one row; returns its key when the key is automatic. */
  final String insert;

  /** Inserts one row of a batch, without returning a key. */
  final String insertBatch;

  /** Inserts one row or updates the row with its key; returns the key when it is automatic. */
  final String upsert;

  /** The key columns in key order, as binders name them. */
  final ColumnRef<?>[] key;

  /** Selects the row with the given key. */
  final String selectByKey;

  /** Selects every row ordered by the key. */
  final String selectAllOrdered;

  /** Selects a page of rows ordered by the key; parameters: limit, offset. */
  final String selectPage;

  /** Follows {@code ORDER BY <column> <direction>}: the key to break ties, then limit and offset. */
  final String orderedPageTail;

  /**
   * Updates the non-key columns of the row with the given key. Where the engine numbers parameters
   * they are numbered by column position, so that {@link TableDao#bindRow} binds it as it is;
   * elsewhere they come in statement order, and {@link #updateOrder} maps them.
   */
  final String update;

  /**
   * For each column in table order, the position of its parameter in {@link #update}, or 0 where the
   * statement has none; null where the parameters are numbered by column position.
   */
  final int[] updateOrder;

  /** Deletes the row with the given key. */
  final String deleteByKey;

  /** Counts the rows. */
  final String count;

  /** Tells whether a row with the given key exists: 1 or 0 on SQLite, a boolean on PostgreSQL. */
  final String exists;

  TableStatements(TableInfo info, Dialect dialect, InsertValues values) {
    this.dialect = dialect;
    this.table = dialect.quote(info.name());
    List<ColumnInfo> columns = info.columns();
    List<String> key = info.primaryKey();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("table " + info.name() + " has no primary key");
    }
    if (values.parameters().size() != columns.size()) {
      throw new IllegalArgumentException(
          "table " + info.name() + " has " + columns.size() + " columns, but got " + values.parameters().size()
              + " INSERT parameters");
    }
    List<String> names = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (ColumnInfo column : columns) {
      names.add(column.name());
      if (column.primaryKeyPosition() == 0) {
        updated.add(column.name());
      }
    }
    this.key = key.stream().map(column -> new ColumnRef<>(info.name(), column)).toArray(ColumnRef<?>[]::new);
    String quotedKey = quotedList(key);
    String returningKey = info.autoIncrement() ? " RETURNING " + quotedKey : "";
    this.selectAll = "SELECT " + quotedList(names) + " FROM " + table;
    this.orderByKey = " ORDER BY " + quotedKey;
    this.whereKey = where(key);
    this.insertBatch =
        "INSERT INTO "
            + table
            + " ("
            + quotedList(names)
            + ")"
            + values.overriding()
            + " VALUES ("
            + String.join(", ", values.parameters())
            + ")";
    this.insert = insertBatch + returningKey;
    List<String> upserted = updated.isEmpty() && info.autoIncrement() ? key : updated;
    // DO NOTHING would return no key on conflict, hence the key "updated" to itself.
    this.upsert =
        insertBatch
            + " ON CONFLICT ("
            + quotedKey
            + ") "
            + (upserted.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + assignments(upserted, "excluded."))
            + returningKey;
    this.selectByKey = selectAll + whereKey;
    this.selectAllOrdered = selectAll + orderByKey;
    this.selectPage = selectAllOrdered + " LIMIT ? OFFSET ?";
    this.orderedPageTail = ", " + quotedKey + " LIMIT ? OFFSET ?";
    this.updateOrder = dialect.numberedParameters() ? null : new int[names.size()];
    this.update = update(names, updated, key);
    this.deleteByKey = "DELETE FROM " + table + whereKey;
    this.count = "SELECT COUNT(*) FROM " + table;
    this.exists = "SELECT EXISTS (SELECT 1 FROM " + table + whereKey + ")";
  }

  /**
   * Selects the rows whose {@code columns} equal the parameters, in the order given; with {@code
   * orderByKey}, ordered by the key.
   */
  String selectWhere(List<String> columns, boolean orderByKey) {
    return selectAll + where(columns) + (orderByKey ? this.orderByKey : "");
  }

  /** Selects every row ordered by the quoted {@code column} in {@code direction}, then pages. */
  String selectOrderedPage(String column, SortOrder direction) {
    return selectAll + " ORDER BY " + dialect.quote(column) + " " + direction.name() + orderedPageTail;
  }

  private String update(List<String> names, List<String> updated, List<String> key) {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
    int position = 0;
    // Nothing but the key: the statement still tells whether the row exists.
    List<String> set = updated.isEmpty() ? key : updated;
    for (int i = 0; i < set.size(); i++) {
      String column = set.get(i);
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(column)).append(" = ");
      sql.append(updated.isEmpty() ? dialect.quote(column) : parameter(names, column, ++position));
    }
    sql.append(" WHERE ");
    for (int i = 0; i < key.size(); i++) {
      String column = key.get(i);
      sql.append(i == 0 ? "" : " AND ").append(dialect.quote(column)).append(" = ").append(parameter(names, column, ++position));
    }
    return sql.toString();
  }

  /**
   * The parameter of {@code column}, the {@code position}th of the statement: numbered by the
   * column's position where the engine numbers parameters ({@code ?3}), else {@code ?} with its place
   * noted in {@link #updateOrder}.
   */
  private String parameter(List<String> names, String column, int position) {
    int index = names.indexOf(column);
    if (updateOrder == null) {
      return "?" + (index + 1);
    }
    updateOrder[index] = position;
    return "?";
  }

  private String where(List<String> columns) {
    StringBuilder sql = new StringBuilder(" WHERE ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : " AND ").append(dialect.quote(columns.get(i))).append(" = ?");
    }
    return sql.toString();
  }

  private String assignments(List<String> columns, String source) {
    StringBuilder sql = new StringBuilder();
    for (String column : columns) {
      String quoted = dialect.quote(column);
      sql.append(sql.length() == 0 ? "" : ", ").append(quoted).append(" = ").append(source).append(quoted);
    }
    return sql.toString();
  }

  private String quotedList(List<String> columns) {
    StringBuilder sql = new StringBuilder();
    for (String column : columns) {
      sql.append(sql.length() == 0 ? "" : ", ").append(dialect.quote(column));
    }
    return sql.toString();
  }
}

package dev.gao.metrics.runtime.dao;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.ConnectionScope;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.connection.TransactionManager;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.sql.Dialect;
import dev.gao.metrics.runtime.sql.ErrorContext;
import dev.gao.metrics.runtime.sql.InsertValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Base class of every generated DAO: runs the DAO's SQL on the database's connections.
 *
 * <p>The SQL of the table's operations is rendered from its {@link TableInfo} the first time the
 * DAO needs it. The operations that do not depend on the type of the key ({@link #insertBatch},
 * {@link #update}, {@link #list(int, long)}, {@link #list(ColumnRef, SortOrder, int, long)}, {@link
 * #count} and {@link #stream}) are implemented here; a generated DAO adds the typed ones (insert,
 * lookups by key and by index) as thin methods over the protected ones below, and binds and reads
 * rows with {@link #bindRow} and {@link #readRow}.
 *
 * <p>Every operation joins the calling thread's unit of work on this database, or runs in its own:
 * writes in a write transaction (multi-row writes atomically), reads on a pooled connection.
 * Statements are prepared once per physical connection and reused. Driver exceptions are translated
 * into {@link MetricsException}s that name this table, the column and, where known, the value.
 *
 * @param <T> the row type
 */
public abstract class TableDao<T> {
  private static final int BATCH_SIZE = 1000;
  private static final Object[] NO_VALUES = {};

  private final MetricsDatabase database;
  private final TableInfo table;
  private final TransactionManager transactions;
  private final Dialect dialect;
  private final SqlValues values;
  private final ErrorContext errorContext;
  private final Map<String, Integer> parameterOfColumn = new HashMap<>();
  private final StatementRunner statements;
  private final Map<String, Lookup> lookupsOfOne = new ConcurrentHashMap<>();
  private final Map<String, Lookup> lookupsOfAll = new ConcurrentHashMap<>();
  // Rendered on first use; immutable, so a race renders it twice at worst.
  private TableStatements sql;

  /**
   * Binds the DAO to a database.
   *
   * @param database the open database
   * @param table this DAO's table
   * @throws IllegalArgumentException if the database's schema has no table of that name
   */
  protected TableDao(MetricsDatabase database, TableInfo table) {
    this.database = Objects.requireNonNull(database, "database");
    this.table = Objects.requireNonNull(table, "table");
    if (!database.schema().hasTable(table.name())) {
      throw new IllegalArgumentException(
          "Table "
              + table.name()
              + " is not part of schema "
              + database.schema().name()
              + " that database "
              + database.location()
              + " was opened with; open the database with the schema that lists it");
    }
    this.transactions = database.transactions();
    this.dialect = database.dialect();
    this.values = database.values();
    this.errorContext = ErrorContext.of(database.location(), table);
    this.statements = new StatementRunner(transactions, this::translate);
    List<ColumnInfo> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      parameterOfColumn.put(columns.get(i).name(), i + 1);
    }
  }

  /**
   * This DAO's table.
   *
   * @return the table
   */
  public final TableInfo table() {
    return table;
  }

  /**
   * The database this DAO works on.
   *
   * @return the database
   */
  public final MetricsDatabase database() {
    return database;
  }

  /**
   * The database's JSON codec, for JSON columns.
   *
   * @return the codec
   */
  protected final JsonCodec json() {
    return database.json();
  }

  /**
   * The database's conversions of values, which {@link #bindRow} and {@link #readRow} bind and read
   * every column with, as its engine stores them.
   *
   * @return the conversions
   */
  protected final SqlValues values() {
    return values;
  }

  /**
   * Binds every column of the row, in table column order, to parameters 1 to n.
   *
   * @param statement the statement
   * @param row the row
   * @throws SQLException if the driver refuses a value
   */
  protected abstract void bindRow(PreparedStatement statement, T row) throws SQLException;

  /**
   * Reads one row whose columns are in table column order, starting at index 1.
   *
   * @param resultSet the result set on the row
   * @return the row
   * @throws SQLException if a value cannot be read
   */
  protected abstract T readRow(ResultSet resultSet) throws SQLException;

  /**
   * The SQL values of the row's foreign-key columns, in {@code table().foreignKeys()} order. Used
   * only to name the offending column and value when a foreign-key constraint fails.
   *
   * @param row the row
   * @return the values; empty by default
   */
  protected Object[] foreignKeyValues(T row) {
    return NO_VALUES;
  }

  /**
   * Inserts one row: binds it and executes the statement.
   *
   * @param sql the INSERT (or upsert) statement
   * @param row the row
   */
  protected final void insertRow(String sql, T row) {
    transactions.write(
        scope -> {
          try {
            PreparedStatement statement = scope.prepare(sql);
            bindRow(statement, row);
            statement.executeUpdate();
          } catch (SQLException e) {
            throw rowFailure(scope, e, row);
          }
          return null;
        });
  }

  /**
   * Inserts one row and returns the key the statement returns.
   *
   * @param sql an INSERT (or upsert) with {@code RETURNING} the key
   * @param row the row
   * @return the first column of the first returned row
   */
  protected final long insertRowReturningKey(String sql, T row) {
    return transactions.write(scope -> insertReturningKey(scope, prepare(scope, sql), row));
  }

  /**
   * Inserts rows in one transaction, in batches of 1000.
   *
   * @param sql the INSERT statement
   * @param rows the rows
   * @return the number of rows written
   */
  protected final int insertRows(String sql, Iterable<? extends T> rows) {
    Objects.requireNonNull(rows, "rows");
    return transactions.atomicWrite(
        scope -> {
          PreparedStatement statement = prepare(scope, sql);
          List<T> batch = new ArrayList<>(BATCH_SIZE);
          int written = 0;
          try {
            for (T row : rows) {
              bindRow(statement, row);
              statement.addBatch();
              batch.add(row);
              if (batch.size() == BATCH_SIZE) {
                written += executeBatch(scope, statement, batch);
              }
            }
            if (!batch.isEmpty()) {
              written += executeBatch(scope, statement, batch);
            }
          } catch (SQLException e) {
            // The statement is cached: rows of a failed batch must not run with the next one.
            clearBatch(statement);
            throw translate(e);
          } catch (RuntimeException e) {
            clearBatch(statement);
            throw e;
          }
          return written;
        });
  }

  /**
   * Inserts rows in one transaction, reusing the statement, and returns their keys.
   *
   * @param sql an INSERT with {@code RETURNING} the key
   * @param rows the rows
   * @return the returned keys, in row order
   */
  protected final long[] insertRowsReturningKeys(String sql, Iterable<? extends T> rows) {
    Objects.requireNonNull(rows, "rows");
    return transactions.atomicWrite(
        scope -> {
          PreparedStatement statement = prepare(scope, sql);
          long[] keys = new long[16];
          int count = 0;
          for (T row : rows) {
            if (count == keys.length) {
              keys = Arrays.copyOf(keys, count * 2);
            }
            keys[count++] = insertReturningKey(scope, statement, row);
          }
          return Arrays.copyOf(keys, count);
        });
  }

  /**
   * Executes an UPDATE or DELETE.
   *
   * @param sql the statement
   * @param binder binds its parameters
   * @return the number of affected rows
   */
  protected final int executeUpdate(String sql, StatementBinder binder) {
    return statements.update(sql, binder);
  }

  /**
   * Executes an UPDATE that writes the values of one row, so that a failed constraint names the
   * offending value (for example a metric outside its range).
   *
   * @param sql the statement
   * @param binder binds its parameters
   * @param row the row whose values the statement writes
   * @return the number of affected rows
   */
  protected final int updateRow(String sql, StatementBinder binder, T row) {
    return statements.update(sql, binder, (scope, e) -> rowFailure(scope, e, row));
  }

  /**
   * Runs a query that returns at most one row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @return the row, or empty
   * @throws MetricsException if the query returns more than one row
   */
  protected final Optional<T> queryOne(String sql, StatementBinder binder) {
    return Optional.ofNullable(statements.single(sql, binder, this::readRow, "row of table " + table.name()));
  }

  /**
   * Runs a query and reads every row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @return the rows, in result order
   */
  protected final List<T> queryList(String sql, StatementBinder binder) {
    return statements.list(sql, binder, this::readRow);
  }

  /**
   * Runs a query and returns the first column of its first row as a long, such as a count.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @return the value; 0 if the query returns no row or NULL
   */
  protected final long queryLong(String sql, StatementBinder binder) {
    return statements.firstLong(sql, binder);
  }

  /**
   * Runs a query as a lazy stream. The stream holds a connection until it is closed (or read to its
   * end): use try-with-resources.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @return the rows
   */
  protected final Stream<T> queryStream(String sql, StatementBinder binder) {
    return statements.stream(sql, binder, this::readRow);
  }

  // ---------------------------------------------------------------- the table's operations

  /**
   * Inserts all {@code rows} in one transaction, in JDBC batches, without reading back keys: all or
   * none. The fastest way to load many rows.
   *
   * @param rows the rows to insert
   * @return the number of rows inserted
   */
  public final int insertBatch(Iterable<? extends T> rows) {
    return insertRows(sql().insertBatch, rows);
  }

  /**
   * Writes the non-key columns of {@code row} to the row with its key. An automatic key of 0 (or
   * null) names no row, as it does for insert.
   *
   * @param row the new values
   * @return whether a row with that key exists (and was updated)
   */
  public final boolean update(T row) {
    TableStatements sql = sql();
    return updateRow(sql.update, statement -> bindRow(ReorderedParameters.of(statement, sql.updateOrder), row), row)
        > 0;
  }

  /**
   * A page of rows ordered by primary key.
   *
   * @param limit the most rows to return
   * @param offset how many rows to skip first
   * @return the rows of the page
   */
  public final List<T> list(int limit, long offset) {
    return queryList(sql().selectPage, page(limit, offset));
  }

  /**
   * A page of rows ordered by a column; rows with equal values are ordered by primary key.
   *
   * @param orderBy the column to order by: one of the generated DAO's column constants ({@code
   *     COL_TIMESTAMP} for column {@code timestamp}), whose row type makes a column of another
   *     table a compile-time error
   * @param order ascending or descending
   * @param limit the most rows to return
   * @param offset how many rows to skip first
   * @return the rows of the page
   * @throws IllegalArgumentException if {@code orderBy} names another table or a column this table
   *     does not have (a {@code ColumnRef} built by hand)
   */
  public final List<T> list(ColumnRef<T> orderBy, SortOrder order, int limit, long offset) {
    Objects.requireNonNull(orderBy, "orderBy");
    Objects.requireNonNull(order, "order");
    if (!orderBy.table().equals(table.name())) {
      throw new IllegalArgumentException(
          "column " + orderBy + " is not a column of table " + table.name());
    }
    return queryList(
        sql().selectOrderedPage(table.column(orderBy.column()).name(), order), page(limit, offset));
  }

  /**
   * The number of rows.
   *
   * @return the row count
   */
  public final long count() {
    return queryLong(sql().count, StatementBinder.NONE);
  }

  /**
   * Every row ordered by primary key, read lazily, never all in memory. The stream holds a
   * connection until it is closed: use it in a try-with-resources statement.
   *
   * @return the rows; close it when done
   */
  public final Stream<T> stream() {
    return queryStream(sql().selectAllOrdered, StatementBinder.NONE);
  }

  /**
   * Inserts one row with the table's INSERT.
   *
   * @param row the row
   */
  protected final void insertRow(T row) {
    insertRow(sql().insert, row);
  }

  /**
   * Inserts one row with the table's INSERT and returns the key the database assigned (or the
   * row's own, if it has one).
   *
   * @param row the row
   * @return the key of the inserted row
   */
  protected final long insertRowReturningKey(T row) {
    return insertRowReturningKey(sql().insert, row);
  }

  /**
   * Inserts rows in one transaction with the table's INSERT and returns their keys.
   *
   * @param rows the rows
   * @return the keys, in row order
   */
  protected final long[] insertRowsReturningKeys(Iterable<? extends T> rows) {
    return insertRowsReturningKeys(sql().insert, rows);
  }

  /**
   * Inserts one row, or updates the row with its key if there is one.
   *
   * @param row the row
   */
  protected final void upsertRow(T row) {
    insertRow(sql().upsert, row);
  }

  /**
   * Inserts one row, or updates the row with its key if there is one, and returns the key.
   *
   * @param row the row
   * @return the key of the written row
   */
  protected final long upsertRowReturningKey(T row) {
    return insertRowReturningKey(sql().upsert, row);
  }

  /**
   * The row with the given key.
   *
   * @param key the values of the key columns, in key order, each of its column's Java type
   * @return the row, or empty if there is none
   */
  protected final Optional<T> findOneByKey(Object... key) {
    TableStatements sql = sql();
    return queryOne(sql.selectByKey, binder(sql.key, key));
  }

  /**
   * Deletes the row with the given key.
   *
   * @param key the values of the key columns, in key order, each of its column's Java type
   * @return whether a row was deleted
   */
  protected final boolean deleteByKey(Object... key) {
    TableStatements sql = sql();
    return executeUpdate(sql.deleteByKey, binder(sql.key, key)) > 0;
  }

  /**
   * Whether a row with the given key exists.
   *
   * @param key the values of the key columns, in key order, each of its column's Java type
   * @return whether it exists
   */
  protected final boolean existsByKey(Object... key) {
    TableStatements sql = sql();
    return queryLong(sql.exists, binder(sql.key, key)) != 0;
  }

  /**
   * The row whose {@code columns} equal {@code values}, for lookups by the columns of a unique
   * index.
   *
   * @param columns the SQL names of the compared columns
   * @param values their values, in that order, each of its column's Java type
   * @return the row, or empty if there is none
   * @throws MetricsException if more than one row matches
   */
  protected final Optional<T> findOneWhere(String[] columns, Object... values) {
    Lookup lookup = lookup(lookupsOfOne, columns, false);
    return queryOne(lookup.sql(), binder(lookup.columns(), values));
  }

  /**
   * The rows whose {@code columns} equal {@code values}, ordered by primary key.
   *
   * @param columns the SQL names of the compared columns
   * @param values their values, in that order, each of its column's Java type
   * @return the matching rows
   */
  protected final List<T> findAllWhere(String[] columns, Object... values) {
    Lookup lookup = lookup(lookupsOfAll, columns, true);
    return queryList(lookup.sql(), binder(lookup.columns(), values));
  }

  // ---------------------------------------------------------------- support

  private TableStatements sql() {
    TableStatements rendered = sql;
    if (rendered == null) {
      InsertValues insert = transactions.query(scope -> dialect.insertValues(scope.connection(), table));
      rendered = new TableStatements(table, dialect, insert);
      sql = rendered;
    }
    return rendered;
  }

  private Lookup lookup(Map<String, Lookup> cache, String[] columns, boolean orderByKey) {
    String key = columns.length == 1 ? columns[0] : String.join("\0", columns);
    Lookup known = cache.get(key);
    if (known != null) {
      return known;
    }
    Lookup rendered = new Lookup(sql().selectWhere(List.of(columns), orderByKey), refs(columns));
    cache.put(key, rendered);
    return rendered;
  }

  private ColumnRef<?>[] refs(String[] columns) {
    ColumnRef<?>[] refs = new ColumnRef<?>[columns.length];
    for (int i = 0; i < columns.length; i++) {
      refs[i] = new ColumnRef<>(table.name(), table.column(columns[i]).name());
    }
    return refs;
  }

  /** Binds {@code values} to parameters 1 to n with {@link SqlValues#setValue}. */
  private StatementBinder binder(ColumnRef<?>[] columns, Object[] values) {
    if (values.length != columns.length) {
      throw new IllegalArgumentException(
          "expected " + columns.length + " values, for " + Arrays.asList(columns) + ", but got " + values.length);
    }
    return statement -> {
      for (int i = 0; i < values.length; i++) {
        this.values.setValue(statement, i + 1, values[i], columns[i]);
      }
    };
  }

  private static StatementBinder page(int limit, long offset) {
    return statement -> {
      statement.setInt(1, limit);
      statement.setLong(2, offset);
    };
  }

  private PreparedStatement prepare(ConnectionScope scope, String sql) {
    try {
      return scope.prepare(sql);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private long insertReturningKey(ConnectionScope scope, PreparedStatement statement, T row) {
    try {
      bindRow(statement, row);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new MetricsException(
              "INSERT into table " + table.name() + " returned no key; the SQL needs RETURNING");
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw rowFailure(scope, e, row);
    }
  }

  private int executeBatch(ConnectionScope scope, PreparedStatement statement, List<T> batch) {
    try {
      int written = 0;
      for (int count : statement.executeBatch()) {
        written += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
      }
      batch.clear();
      return written;
    } catch (SQLException e) {
      clearBatch(statement);
      MetricsException translated = translate(e);
      if (translated instanceof CheckViolationException check && check.column() != null && check.value() == null) {
        Optional<T> offending = outOfRange(batch, check.column());
        if (offending.isPresent()) {
          throw rowFailure(scope, e, offending.get());
        }
      }
      if (translated instanceof ForeignKeyViolationException foreignKey && foreignKey.value() != null) {
        // The engine named the value (PostgreSQL): the first row that binds it is the one.
        Optional<T> offending = binding(batch, foreignKey.column(), foreignKey.value());
        if (offending.isPresent()) {
          throw rowFailure(scope, e, offending.get());
        }
      } else if (translated instanceof ForeignKeyViolationException) {
        for (T row : batch) {
          Optional<ForeignKeyViolationException> named =
              dialect.missingParent(scope.connection(), table, foreignKeyValues(row), e);
          if (named.isPresent()) {
            throw named.get();
          }
        }
      }
      throw translated;
    }
  }

  private static void clearBatch(PreparedStatement statement) {
    try {
      statement.clearBatch();
    } catch (SQLException e) {
      // The next addBatch starts a new batch regardless.
    }
  }

  /** Translates the failure of a statement that bound one row with {@link #bindRow}. */
  private MetricsException rowFailure(ConnectionScope scope, SQLException e, T row) {
    MetricsException translated =
        dialect.translate(e, new ErrorContext(errorContext.location(), table, boundValues(row)));
    // SQLite names no value, and often no column: look the parent rows up.
    if (translated instanceof ForeignKeyViolationException foreignKey && foreignKey.value() == null) {
      Optional<ForeignKeyViolationException> named =
          dialect.missingParent(scope.connection(), table, foreignKeyValues(row), e);
      if (named.isPresent()) {
        return named.get();
      }
    }
    return translated;
  }

  private MetricsException translate(SQLException e) {
    return dialect.translate(e, errorContext);
  }

  /** The first row of {@code rows} whose value of metric column {@code column} is outside its range. */
  private Optional<T> outOfRange(List<T> rows, String column) {
    MetricInfo metric = table.columns().stream()
        .filter(c -> c.name().equals(column) && c.metric() != null)
        .map(ColumnInfo::metric)
        .findFirst()
        .orElse(null);
    if (metric == null) {
      return Optional.empty();
    }
    for (T row : rows) {
      Function<String, Object> values = boundValues(row);
      Object value = values == null ? null : values.apply(column);
      Double number = value instanceof Number n ? Double.valueOf(n.doubleValue()) : parse(value);
      if (number != null && !metric.contains(number)) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /**
   * The first of {@code rows} that binds {@code value} (or a value of the same text, as an engine's
   * message quotes it) to column {@code column}.
   */
  private Optional<T> binding(List<T> rows, String column, Object value) {
    String text = String.valueOf(value);
    for (T row : rows) {
      Function<String, Object> values = boundValues(row);
      Object bound = values == null ? null : values.apply(column);
      if (bound != null && (bound.equals(value) || String.valueOf(bound).equals(text))) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  private static Double parse(Object value) {
    if (value instanceof String text) {
      try {
        return Double.valueOf(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The values the row binds, by column name; null if binding fails again. */
  private Function<String, Object> boundValues(T row) {
    try {
      BoundValues values = BoundValues.capture(statement -> bindRow(statement, row));
      return column -> {
        Integer parameter = parameterOfColumn.get(column);
        return parameter == null ? null : values.get(parameter);
      };
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** The SQL of a lookup by some columns, and those columns for messages. */
  private record Lookup(String sql, ColumnRef<?>[] columns) {}
}

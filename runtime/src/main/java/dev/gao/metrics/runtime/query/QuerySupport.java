package dev.gao.metrics.runtime.query;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.connection.RowReader;
import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.connection.StatementRunner;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.QueryPreparationException;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.sql.ErrorContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Base class of every generated {@code @MetricsQueries} implementation: runs its SQL on the
 * database's connections.
 *
 * <p>Every query joins the calling thread's unit of work on this database, or runs in its own:
 * INSERT, UPDATE and DELETE in a write transaction, SELECTs on a pooled connection. Statements are
 * prepared once per physical connection and reused, and driver exceptions are translated into
 * {@link MetricsException}s, as for the DAOs.
 *
 * <p>SQLite's statements were prepared against the schema while the interface compiled. A database
 * on PostgreSQL prepares every statement of the implementation when it is created, without running
 * any, and refuses it with a {@link QueryPreparationException} naming each query the server does not
 * accept.
 */
public abstract class QuerySupport {
  private final MetricsDatabase database;
  private final StatementRunner statements;

  /**
   * Binds the queries to a database. On PostgreSQL, prepares each of {@code postgresStatements}
   * first, without running it.
   *
   * @param database the open database
   * @param schemaName the name of the schema the queries were checked against
   * @param postgresStatements every query as PostgreSQL runs it, with what its code reads
   * @throws IllegalArgumentException if the database was opened with another schema
   * @throws QueryPreparationException on PostgreSQL, if the server refuses any of the statements or
   *     one returns other columns than its code reads
   */
  protected QuerySupport(MetricsDatabase database, String schemaName, List<QueryStatement> postgresStatements) {
    this.database = Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(postgresStatements, "postgresStatements");
    if (!database.schema().name().equals(schemaName)) {
      throw new IllegalArgumentException(
          "These queries were checked against schema "
              + schemaName
              + ", but database "
              + database.location()
              + " was opened with schema "
              + database.schema().name()
              + "; open the database with schema "
              + schemaName);
    }
    ErrorContext errors = ErrorContext.of(database.location());
    this.statements = new StatementRunner(database.transactions(), e -> database.dialect().translate(e, errors));
    if (engine() == Engine.POSTGRESQL) {
      new QueryCheck(database.transactions(), database.dialect()).check(database.location(), postgresStatements);
    }
  }

  /**
   * The engine of the database, whose SQL the generated code runs.
   *
   * @return the engine
   */
  protected final Engine engine() {
    return database.dialect().engine();
  }

  /**
   * The database these queries run on.
   *
   * @return the database
   */
  public final MetricsDatabase database() {
    return database;
  }

  /**
   * The database's JSON codec, for JSON values.
   *
   * @return the codec
   */
  protected final JsonCodec json() {
    return database.json();
  }

  /**
   * The database's conversions of values, which the generated queries bind their parameters and
   * read their results with, as its engine stores them.
   *
   * @return the conversions
   */
  protected final SqlValues values() {
    return database.values();
  }

  /**
   * Runs a query that returns at most one row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads the row
   * @param <T> the row type
   * @return the row, or empty when there is none or it reads as null
   * @throws MetricsException if the query returns more than one row
   */
  protected final <T> Optional<T> queryOne(String sql, StatementBinder binder, RowReader<T> reader) {
    return Optional.ofNullable(querySingle(sql, binder, reader));
  }

  /**
   * Runs a query that returns at most one row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads the row
   * @param <T> the row type
   * @return the row, or null when there is none
   * @throws MetricsException if the query returns more than one row
   */
  protected final <T> T querySingle(String sql, StatementBinder binder, RowReader<T> reader) {
    return statements.single(sql, binder, reader, "row");
  }

  /**
   * Runs a query that returns exactly one row, such as an aggregate read into a primitive.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads the row
   * @param <T> the row type
   * @return the row
   * @throws MetricsException if the query returns no row or more than one
   */
  protected final <T> T queryRequired(String sql, StatementBinder binder, RowReader<T> reader) {
    T value = querySingle(sql, binder, reader);
    if (value == null) {
      throw new MetricsException("Expected exactly one row, but got none from: " + sql);
    }
    return value;
  }

  /**
   * Runs a query and reads every row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads one row
   * @param <T> the row type
   * @return the rows, in result order
   */
  protected final <T> List<T> queryList(String sql, StatementBinder binder, RowReader<T> reader) {
    return statements.list(sql, binder, reader);
  }

  /**
   * Runs a query as a lazy stream. The stream holds a connection until it is closed (or read to its
   * end): use try-with-resources.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param reader reads one row
   * @param <T> the row type
   * @return the rows
   */
  protected final <T> Stream<T> queryStream(String sql, StatementBinder binder, RowReader<T> reader) {
    return statements.stream(sql, binder, reader);
  }

  /**
   * Executes an INSERT, UPDATE or DELETE.
   *
   * @param sql the statement
   * @param binder binds its parameters
   * @return the number of affected rows
   */
  protected final int executeUpdate(String sql, StatementBinder binder) {
    return statements.update(sql, binder);
  }
}

package dev.gao.metrics.runtime.connection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of an open result set as a lazy stream. Resources are released when the stream is
 * closed, and already when the last row has been read, so that a stream read to its end does not
 * hold a connection even if the caller forgets to close it.
 */
final class ResultStream<T> extends Spliterators.AbstractSpliterator<T> implements AutoCloseable {
  private final ResultSet resultSet;
  private final PreparedStatement statement;
  private final RowReader<T> reader;
  private final Function<SQLException, RuntimeException> errors;
  private final Runnable release;
  private boolean closed;

  ResultStream(
      ResultSet resultSet,
      PreparedStatement statement,
      RowReader<T> reader,
      Function<SQLException, RuntimeException> errors,
      Runnable release) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.resultSet = resultSet;
    this.statement = statement;
    this.reader = reader;
    this.errors = errors;
    this.release = release;
  }

  Stream<T> stream() {
    return StreamSupport.stream(this, false).onClose(this::close);
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    if (closed) {
      return false;
    }
    T row;
    try {
      if (!resultSet.next()) {
        close();
        return false;
      }
      row = reader.read(resultSet);
    } catch (SQLException e) {
      close();
      throw errors.apply(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    action.accept(row);
    return true;
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the result set and statement and gives the connection back; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      resultSet.close();
    } catch (SQLException e) {
      // Closing the statement below releases the same resources.
    }
    try {
      statement.close();
    } catch (SQLException e) {
      // The connection is given back either way.
    }
    release.run();
  }
}

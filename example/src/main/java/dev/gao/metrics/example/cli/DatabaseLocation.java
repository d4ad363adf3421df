package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a command's database is: a SQLite file, or a database on a PostgreSQL server. {@link
 * #toString()} is how every message names it, and never holds a password.
 */
sealed interface DatabaseLocation permits DatabaseLocation.FileDatabase, DatabaseLocation.ServerDatabase {

  /**
   * A builder that opens this database with the runtime's defaults.
   *
   * @param schema the code's schema
   * @return the builder
   */
  MetricsDatabase.Builder builder(SchemaInfo schema);

  /**
   * The file, for a SQLite database.
   *
   * @return the file, or empty on a server
   */
  Optional<Path> file();

  /**
   * A plain connection outside the runtime, for reading a database as it is, at any version, and
   * never creating it: a session on a server; on a file one in SQLite's read-write mode that the
   * caller only reads with, because a read-only connection to a WAL file would leave an empty
   * {@code -wal} and {@code -shm} beside it, having no right to remove them when it closes.
   *
   * @return the connection
   * @throws SQLException if it cannot be made
   */
  Connection connect() throws SQLException;

  /**
   * Whether this is a SQLite file.
   *
   * @return true for a file
   */
  default boolean isFile() {
    return file().isPresent();
  }

  /**
   * A SQLite file.
   *
   * @param path the absolute path
   */
  record FileDatabase(Path path) implements DatabaseLocation {
    @Override
    public MetricsDatabase.Builder builder(SchemaInfo schema) {
      return MetricsDatabase.builder(schema).file(path);
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }

    @Override
    public Connection connect() throws SQLException {
      return DriverManager.getConnection("jdbc:sqlite:file:" + path + "?mode=rw");
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /**
   * A database on a PostgreSQL server.
   *
   * @param jdbcUrl the driver's URL, without user or password
   * @param user the user
   * @param password the password, or null to connect without one (trust, or a certificate); never
   *     printed
   * @param display the database as messages name it: {@code postgresql://user@host:port/database},
   *     with its {@code sslmode} if one was given
   */
  record ServerDatabase(String jdbcUrl, String user, String password, String display)
      implements DatabaseLocation {

    /**
     * Checks the parts.
     *
     * @param jdbcUrl the driver's URL
     * @param user the user
     * @param password the password, or null
     * @param display the printable name
     */
    public ServerDatabase {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(display, "display");
    }

    @Override
    public MetricsDatabase.Builder builder(SchemaInfo schema) {
      MetricsDatabase.Builder builder = MetricsDatabase.builder(schema).url(jdbcUrl).user(user);
      return password == null ? builder : builder.password(password);
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }

    @Override
    public Connection connect() throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      if (password != null) {
        properties.setProperty("password", password);
      }
      return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The printable name; the password is never part of it. */
    @Override
    public String toString() {
      return display;
    }
  }
}

package dev.gao.metrics.runtime.sql.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries on the test
 * class path (no server needs to be installed or running), and stopped when the JVM exits. Each
 * caller gets a database of its own, so test classes never see each other's tables.
 */
public final class PostgresServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  /** The server, started on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // The JVM is exiting; the server's temporary folder goes with the machine.
                    }
                  }));
    }
    return server;
  }

  /**
   * A new, empty database on the server.
   *
   * @param prefix the start of its name, for example the test class
   * @return its JDBC URL, user {@code postgres}
   */
  public static String newDatabase(String prefix) {
    String name = (prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet());
    DataSource admin = server().getPostgresDatabase();
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /**
   * Drops a database {@link #newDatabase} created, ending any connection still open to it, so that
   * its files are gone before the server's folder is deleted when the JVM exits.
   *
   * @param url a URL {@link #newDatabase} returned
   */
  public static void dropDatabase(String url) {
    int query = url.indexOf('?');
    String name = url.substring(url.lastIndexOf('/') + 1, query < 0 ? url.length() : query);
    DataSource admin = server().getPostgresDatabase();
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + name, e);
    }
  }

  /**
   * A connection to a database of the server, whose session runs in UTC as the runtime's do.
   *
   * @param url a URL {@link #newDatabase} returned
   * @return the connection; the caller closes it
   * @throws SQLException if it cannot connect
   */
  public static Connection connect(String url) throws SQLException {
    Connection connection = java.sql.DriverManager.getConnection(url, "postgres", "");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
    }
    return connection;
  }
}

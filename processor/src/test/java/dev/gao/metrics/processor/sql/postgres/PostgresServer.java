package dev.gao.metrics.processor.sql.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the processor's tests run DDL and migrations on: started from the binaries
 * on the test class path the first time a test asks for it, shared by every test of the JVM, and
 * stopped when the JVM ends. Each test class asks for a database of its own.
 */
public final class PostgresServer {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres running;

  private PostgresServer() {}

  private static synchronized EmbeddedPostgres running() {
    if (running == null) {
      try {
        running = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
      }
      EmbeddedPostgres server = running;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
    }
    return running;
  }

  private static void stop(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // The JVM ends either way; the server's data folder is temporary.
    }
  }

  /**
   * Creates an empty database named after {@code owner} and a counter.
   *
   * @return its JDBC URL; the user is {@code postgres}, without a password
   */
  public static String newDatabase(String owner) {
    String name = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + COUNTER.incrementAndGet();
    EmbeddedPostgres server = running();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return server.getJdbcUrl("postgres", name);
  }

  /** A connection to the database at {@code url}, whose session runs in UTC as the runtime's do. */
  public static Connection connect(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url, "postgres", "");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
    }
    return connection;
  }
}

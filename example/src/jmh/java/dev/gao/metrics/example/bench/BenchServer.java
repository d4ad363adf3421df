package dev.gao.metrics.example.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;

/**
 * The PostgreSQL server of a launcher run: an embedded PostgreSQL 17 (the binaries on the class
 * path, started in a temporary folder and stopped on close), or the existing server of {@code
 * --pg-url}. Either way its URL and user go to {@link PostgresDatabases} as system properties,
 * which the launcher passes on to the forks, and its settings are printed.
 */
final class BenchServer implements AutoCloseable {
  private final EmbeddedPostgres embedded;

  private BenchServer(EmbeddedPostgres embedded) {
    this.embedded = embedded;
  }

  /**
   * Starts an embedded server, or uses the one {@code url} names.
   *
   * @param url a {@code jdbc:postgresql://} URL, or null for an embedded server
   * @return the server; closing it stops an embedded one
   */
  static BenchServer start(String url) throws IOException {
    EmbeddedPostgres embedded = null;
    if (url == null) {
      System.out.println("starting an embedded PostgreSQL server...");
      embedded = EmbeddedPostgres.builder().start();
      System.setProperty(PostgresDatabases.URL_PROPERTY, embedded.getJdbcUrl("postgres", "postgres"));
      System.setProperty(PostgresDatabases.USER_PROPERTY, "postgres");
    } else {
      System.setProperty(PostgresDatabases.URL_PROPERTY, url);
    }
    BenchServer server = new BenchServer(embedded);
    System.out.println(describe());
    return server;
  }

  /** The server, where it runs and its settings, as a markdown table. */
  static String describe() {
    StringBuilder out = new StringBuilder();
    out.append("PostgreSQL server: ").append(System.getProperty(PostgresDatabases.URL_PROPERTY))
        .append(System.getProperty(PostgresDatabases.USER_PROPERTY) != null ? " (embedded)" : "")
        .append(String.format("%n%n| setting | value |%n|---|---|%n"));
    for (Map.Entry<String, String> setting : PostgresDatabases.settings().entrySet()) {
      out.append(String.format("| %s | %s |%n", setting.getKey(), setting.getValue()));
    }
    return out.toString();
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}

package dev.gao.metrics.runtime.sql.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.DatabaseOpenException;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A server older than the SQL the library writes is refused by name and version before anything is
 * read or written. The test server is 17; its connections here report an older major version
 * through their metadata, which is what the check reads, and everything else is the real server.
 */
class ServerVersionTest {
  @Test
  void aServerOlderThanTwelveIsRefusedAndLeftAlone() throws Exception {
    String url = PostgresServer.newDatabase("server_version");
    PGSimpleDataSource server = new PGSimpleDataSource();
    server.setURL(url);
    server.setUser("postgres");
    DatabaseOpenException refused =
        assertThrows(
            DatabaseOpenException.class,
            () -> MetricsDatabase.builder(TestSchema.SCHEMA).dataSource(reportingVersion(server, 11)).open());
    assertEquals(
        "Cannot open data source "
            + "reporting PostgreSQL 11.22"
            + ": the server runs PostgreSQL 11.22, and gao-metrics needs PostgreSQL 12 or newer;"
            + " nothing was read or changed.",
        refused.getMessage());
    try (Connection connection = PostgresServer.connect(url);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "nothing was created");
    }
    // the same server reporting its own version opens
    try (MetricsDatabase db =
        MetricsDatabase.builder(TestSchema.SCHEMA).dataSource(reportingVersion(server, 17)).open()) {
      assertEquals(List.of(), db.validate());
    }
  }

  /** The data source's connections, reporting PostgreSQL {@code major}.22 as their version. */
  private static DataSource reportingVersion(DataSource real, int major) {
    return proxy(
        DataSource.class,
        (method, args) -> {
          Object result = method.invoke(real, args);
          if (method.getName().equals("getConnection")) {
            return connection((Connection) result, major);
          }
          return result;
        },
        "reporting PostgreSQL " + major + ".22");
  }

  private static Connection connection(Connection real, int major) {
    return proxy(
        Connection.class,
        (method, args) -> {
          Object result = method.invoke(real, args);
          if (method.getName().equals("getMetaData")) {
            DatabaseMetaData metadata = (DatabaseMetaData) result;
            return proxy(
                DatabaseMetaData.class,
                (m, a) ->
                    switch (m.getName()) {
                      case "getDatabaseMajorVersion" -> major;
                      case "getDatabaseProductVersion" -> major + ".22";
                      case "getConnection" -> connection(real, major);
                      default -> m.invoke(metadata, a);
                    },
                "metadata");
          }
          return result;
        },
        real.toString());
  }

  private interface Call {
    Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Call call, String name) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return name;
              }
              try {
                return call.invoke(method, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}

package dev.gao.metrics.example.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.sql.postgres.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command against a database on a real PostgreSQL server, named as libpq names it ({@code
 * postgresql://user@host:port/db}) or as the driver does ({@code jdbc:postgresql://...}), with the
 * password from the URL, {@code PGPASSWORD} or a password file. The server asks this test's user
 * for a password (a {@code scram-sha-256} line for it heads {@code pg_hba.conf}), so a wrong or
 * missing one fails, and the password is looked for in everything the commands print.
 */
class ServerCommandsTest {
  private static final String USER = "gm_cli_user";
  private static final String PASSWORD = "Pw-7q!x_secret";
  private static int port;
  private static final List<String> DATABASES = new ArrayList<>();

  @TempDir Path folder;

  @BeforeAll
  static void passwordUser() throws Exception {
    String url = PostgresServer.newDatabase("cli_admin");
    DATABASES.add(url);
    port = Integer.parseInt(url.replaceAll("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1"));
    try (Connection admin = PostgresServer.connect(url);
        Statement statement = admin.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
        if (!rs.next()) {
          statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
      }
      String hbaFile;
      try (ResultSet rs = statement.executeQuery("SHOW hba_file")) {
        rs.next();
        hbaFile = rs.getString(1);
      }
      Path hba = Path.of(hbaFile);
      String rules = Files.readString(hba);
      String line = "host all " + USER + " all scram-sha-256\n";
      if (!rules.startsWith(line)) {
        Files.writeString(hba, line + rules);
      }
      statement.execute("SELECT pg_reload_conf()");
    }
  }

  @AfterAll
  static void dropDatabases() {
    DATABASES.forEach(PostgresServer::dropDatabase);
  }

  /** A new database owned by the test's user, by its name. */
  private static String database(String prefix) throws Exception {
    String url = PostgresServer.newDatabase(prefix);
    DATABASES.add(url);
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (Connection admin = PostgresServer.connect(url);
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER DATABASE \"" + name + "\" OWNER TO " + USER);
      statement.execute("ALTER SCHEMA public OWNER TO " + USER);
    }
    return name;
  }

  private static String libpq(String database) {
    return "postgresql://" + USER + ":" + PASSWORD + "@localhost:" + port + "/" + database;
  }

  private static String shown(String database) {
    return "postgresql://" + USER + "@localhost:" + port + "/" + database;
  }

  private static CliRun.Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), false);
    int exitCode =
        GaoMetricsCli.commandLine(environment, terminal, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    CliRun.Result result = new CliRun.Result(exitCode, out.toString(), err.toString());
    assertFalse(result.all().contains(PASSWORD), () -> "the password was printed: " + result.all());
    assertFalse(result.all().contains("Pw-7q"), result.all());
    return result;
  }

  private static CliRun.Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Fixed runs, without the demo's marker, as a JSON Lines file: the same input for a file and a server. */
  private Path runs() throws Exception {
    List<CompleteRun> runs = new DemoRuns(42, Instant.parse("2026-11-01T08:00:00.123456Z")).matrix(3);
    return Files.writeString(folder.resolve("runs.jsonl"), CliRun.realRunsJsonl(runs));
  }

  @Test
  void everyCommandAnswersOnAServerAsOnAFile() throws Exception {
    String name = database("cli_all");
    String server = libpq(name);
    String file = folder.resolve("same.db").toString();
    Path input = runs();

    CliRun.Result migrate = run("migrate", "--db", server);
    assertEquals(0, migrate.exitCode(), migrate.all());
    assertEquals("created schema GaoMetrics version " + GaoMetricsSchema.VERSION + " in " + shown(name) + "\n",
        migrate.out());
    CliRun.Result init = run("init", "--db", server);
    assertEquals(0, init.exitCode(), init.all());
    assertEquals("ready: " + shown(name) + " (schema GaoMetrics, version " + GaoMetricsSchema.VERSION + ")\n",
        init.out());

    for (String db : List.of(server, file)) {
      CliRun.Result recorded = run("record", "--db", db, input.toString());
      assertEquals(0, recorded.exitCode(), recorded.all());
    }
    String first = firstRun(file);
    String last = lastRun(file);
    List<List<String>> questions =
        List.of(
            List.of("runs", "--json", "--limit", "0"),
            List.of("runs", "--benchmark", "bugfix-suite", "--oldest-first"),
            List.of("stats", "--all-metrics", "--json", "--by", "benchmark_name,version"),
            List.of("stats", "--metric", "total_time_seconds"),
            List.of("show", first, "--json"),
            List.of("show", last, "--json"),
            List.of("compare", first, last, "--json"),
            List.of("trend", "--metric", "total_time_seconds", "--interval", "day", "--json"),
            List.of("regressions", "--json"),
            List.of("export", "--format", "jsonl"));
    for (List<String> question : questions) {
      CliRun.Result onServer = run(with(question, "--db", server));
      CliRun.Result onFile = run(with(question, "--db", file));
      assertEquals(onFile.exitCode(), onServer.exitCode(), question + ": " + onServer.all());
      assertTrue(onServer.exitCode() <= 1, question + ": " + onServer.all());
      if (question.contains("--json") || question.contains("jsonl")) {
        // jsonb keeps an object's keys in its own order, and each engine stamps created_at itself
        assertSameJson(comparable(onFile.out()), comparable(onServer.out()), question.toString());
      } else {
        assertEquals(onFile.out().replace(file, "DB"), onServer.out().replace(shown(name), "DB"), question.toString());
      }
    }

    CliRun.Result status = run("status", "--db", server);
    assertEquals(0, status.exitCode(), status.all());
    assertTrue(
        status.out().matches("(?s)database: " + java.util.regex.Pattern.quote(shown(name))
            + " \\(PostgreSQL 17\\.\\d+ server, \\d+\\.\\d MiB\\)\nschema:   GaoMetrics version "
            + GaoMetricsSchema.VERSION + " .*"),
        status.out());
    assertTrue(status.out().contains("\n  benchmark_runs       45 rows\n"), status.out());
    assertFalse(status.out().contains("file:"), status.out());
    JsonNode json = RunDocument.mapper().readTree(run("status", "--json", "--db", server).out());
    assertEquals(shown(name), json.get("database").asText());
    assertTrue(json.get("server").asText().startsWith("PostgreSQL 17."), json.toString());
    assertTrue(json.get("bytes").asLong() > 1_000_000, json.toString());
    assertEquals(45, json.get("tables").get("benchmark_runs").asInt());

    CliRun.Result validate = run("validate", "--db", server);
    assertEquals(0, validate.exitCode(), validate.all());
    assertEquals(shown(name) + " matches schema GaoMetrics version " + GaoMetricsSchema.VERSION + "\n",
        validate.out());
    CliRun.Result history = run("history", "--db", server);
    assertEquals(shown(name) + " was created at version " + GaoMetricsSchema.VERSION + " and never migrated\n",
        history.out());

    CliRun.Result dryRun = run("migrate", "--db", server, "--to", "5", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.all());
    assertTrue(dryRun.out().startsWith("Database " + shown(name) + ": at version " + GaoMetricsSchema.VERSION
        + "; 1 step to version 5\n"), dryRun.out());
    CliRun.Result down = run("migrate", "--db", server, "--to", "5", "--yes");
    assertEquals(0, down.exitCode(), down.all());
    assertEquals("migrated " + shown(name) + " from version " + GaoMetricsSchema.VERSION + " to 5 in 1 step\n",
        down.out());
    CliRun.Result older = run("runs", "--db", server);
    assertEquals(3, older.exitCode(), older.all());
    assertTrue(older.err().contains(shown(name) + " is at an older schema (version 5"), older.err());
    CliRun.Result up = run("migrate", "--db", server);
    assertEquals("migrated " + shown(name) + " from version 5 to " + GaoMetricsSchema.VERSION + " in 1 step\n",
        up.out());
    String migrated = run("history", "--db", server).out();
    assertTrue(migrated.contains("downgrade  " + GaoMetricsSchema.VERSION + " -> 5"), migrated);
    assertTrue(migrated.contains("upgrade    5 -> " + GaoMetricsSchema.VERSION), migrated);
    assertEquals(0, run("validate", "--db", server).exitCode());

    CliRun.Result deleted = run("delete", "--db", server, first);
    assertEquals("deleted 1 run (" + rowsOf(file, first) + " rows) from " + shown(name) + "\n", deleted.out());
    CliRun.Result pruned = run("prune", "--db", server, "--older-than", "1d", "--yes");
    assertEquals(0, pruned.exitCode(), pruned.all());
    assertTrue(pruned.out().startsWith("deleted 44 runs older than "), pruned.out());
    assertTrue(pruned.out().matches("(?s).*vacuum: [0-9,]+ bytes before, [0-9,]+ after \\([0-9,]+ freed\\)\n"),
        pruned.out());
    assertEquals(0, count(name, "SELECT count(*) FROM benchmark_runs"));
    assertEquals(0, count(name, "SELECT count(*) FROM token_usage"));

    CliRun.Result toOne = run("migrate", "--db", server, "--to", "1", "--yes");
    assertEquals(0, toOne.exitCode(), toOne.all());
    assertTrue(toOne.err().contains(" drops table token_usage (0 rows)"), toOne.err());
    assertTrue(toOne.err().endsWith("(no backup is taken on a server: back the database up with pg_dump first)\n"),
        toOne.err());
    assertEquals(0, run("validate", "--db", server).exitCode());
    CliRun.Result back = run("migrate", "--db", server);
    assertEquals("migrated " + shown(name) + " from version 1 to " + GaoMetricsSchema.VERSION + " in "
        + (GaoMetricsSchema.VERSION - 1) + " steps\n", back.out());
  }

  @Test
  void demoRunsOnAServerAreMarkedAndDeletedAlone() throws Exception {
    String name = database("cli_demo");
    String server = libpq(name);
    CliRun.Result demo = run("demo", "--db", server, "--repeats", "2", "--seed", "7");
    assertEquals(0, demo.exitCode(), demo.all());
    assertTrue(demo.out().startsWith("using " + shown(name) + " (an empty database)\n"), demo.out());
    assertTrue(demo.out().contains("recorded 30 runs (") && demo.out().contains(" into " + shown(name) + " in "),
        demo.out());
    CliRun.Result again = run("demo", "--db", server, "--repeats", "1", "--seed", "8");
    assertTrue(again.out().startsWith("using " + shown(name) + " (30 demo runs already, no others)\n"), again.out());

    CliRun.Result real = run("record", "--db", server, runs().toString());
    assertEquals(0, real.exitCode(), real.all());
    CliRun.Result refused = run("demo", "--db", server);
    assertEquals(2, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains(shown(name) + " holds 45 runs that 'gao-metrics demo' did not record"),
        refused.err());

    CliRun.Result deleted = run("delete", "--demo", "--db", server);
    assertEquals(0, deleted.exitCode(), deleted.all());
    assertTrue(deleted.out().startsWith("deleted 45 demo runs ("), deleted.out());
    assertTrue(deleted.out().endsWith(" from " + shown(name) + "; 45 other runs kept\n"), deleted.out());
    assertEquals(45, count(name, "SELECT count(*) FROM benchmark_runs"));
  }

  @Test
  void thePasswordComesFromTheUrlThenPgpasswordThenThePasswordFile() throws Exception {
    String name = database("cli_password");
    String bare = "postgresql://" + USER + "@localhost:" + port + "/" + name;
    assertEquals(0, run("init", "--db", libpq(name)).exitCode());

    CliRun.Result none = run(Map.of("HOME", folder.toString()), "status", "--db", bare);
    assertEquals(3, none.exitCode(), none.all());
    assertTrue(none.err().startsWith("gao-metrics status: Cannot open PostgreSQL database jdbc:postgresql://localhost:"
        + port + "/" + name + ": "), none.err());
    assertTrue(none.err().contains("password"), none.err());

    CliRun.Result wrong =
        run("status", "--db", "postgresql://" + USER + ":not-it@localhost:" + port + "/" + name);
    assertEquals(3, wrong.exitCode(), wrong.all());
    assertTrue(wrong.err().contains("password authentication failed for user \"" + USER + "\""), wrong.err());
    assertFalse(wrong.all().contains("not-it"), wrong.all());

    assertEquals(0, run(Map.of("PGPASSWORD", PASSWORD, "HOME", folder.toString()), "status", "--db", bare).exitCode());
    // The URL's password wins over the variable.
    assertEquals(0, run(Map.of("PGPASSWORD", "stale"), "status", "--db", libpq(name)).exitCode());

    Path passFile = folder.resolve("pgpass");
    Files.writeString(passFile, "# host:port:database:user:password\n"
        + "otherhost:*:*:*:nope\n"
        + "localhost:" + port + ":" + name + ":" + USER + ":" + PASSWORD + "\n");
    Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> environment = new HashMap<>();
    environment.put("PGPASSFILE", passFile.toString());
    CliRun.Result fromFile = run(environment, "status", "--db", bare);
    assertEquals(0, fromFile.exitCode(), fromFile.all());
    assertEquals("", fromFile.err());

    Path home = Files.createDirectory(folder.resolve("home"));
    Files.copy(passFile, home.resolve(".pgpass"));
    assertEquals(0, run(Map.of("HOME", home.toString()), "validate", "--db", bare).exitCode());

    Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun.Result open = run(environment, "status", "--db", bare);
    assertEquals(3, open.exitCode(), open.all());
    assertTrue(open.err().startsWith("gao-metrics status: warning: password file " + passFile
        + " is ignored: its group or others may access it; make it private with 'chmod 600 " + passFile + "'\n"),
        open.err());

    CliRun.Result jdbc =
        run("history", "--db", "jdbc:postgresql://localhost:" + port + "/" + name + "?user=" + USER
            + "&password=" + PASSWORD + "&ApplicationName=gm-test");
    assertEquals(0, jdbc.exitCode(), jdbc.all());
    assertEquals(shown(name) + " was created at version " + GaoMetricsSchema.VERSION + " and never migrated\n",
        jdbc.out());
    CliRun.Result fromVariable =
        run(Map.of(DatabaseOption.ENVIRONMENT_VARIABLE, libpq(name)), "validate", "--debug");
    assertEquals(0, fromVariable.exitCode(), fromVariable.all());

    CliRun.Result traced =
        run(Map.of("GAO_METRICS_TRACE_SQL", "1"), "--debug", "show", "--db", libpq(name), "no-such-run");
    assertEquals(3, traced.exitCode(), traced.all());
    assertTrue(traced.err().contains("sql "), traced.err());
    assertTrue(traced.err().contains("at dev.gao.metrics"), traced.err());
    CliRun.Result help = run("--db", libpq(name), "status", "--help");
    assertEquals(0, help.exitCode(), help.all());
  }

  @Test
  void sslmodePassesThroughToTheDriver() throws Exception {
    String name = database("cli_ssl");
    CliRun.Result required = run("init", "--db", libpq(name) + "?sslmode=require&application_name=gm");
    assertEquals(3, required.exitCode(), required.all());
    assertTrue(required.err().contains("The server does not support SSL"), required.err());
    CliRun.Result fromEnvironment = run(Map.of("PGSSLMODE", "verify-full"), "init", "--db", libpq(name));
    assertTrue(fromEnvironment.err().contains("The server does not support SSL"), fromEnvironment.err());
    CliRun.Result disabled = run(Map.of("PGSSLMODE", "require"), "init", "--db", libpq(name) + "?sslmode=disable");
    assertEquals(0, disabled.exitCode(), disabled.all());
    assertEquals("ready: " + shown(name) + "?sslmode=disable (schema GaoMetrics, version "
        + GaoMetricsSchema.VERSION + ")\n", disabled.out());
  }

  @Test
  void libpqOptionsGiveTheToolsASchemaOfTheirOwn() throws Exception {
    String name = database("cli_options");
    try (Connection admin = PostgresServer.connect("jdbc:postgresql://localhost:" + port + "/" + name);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE TABLE public.another_application (id int)");
      statement.execute("CREATE SCHEMA gao AUTHORIZATION " + USER);
    }
    String own = libpq(name) + "?options=-csearch_path%3Dgao&application_name=gao-metrics%20cli";
    CliRun.Result init = run("init", "--db", own);
    assertEquals(0, init.exitCode(), init.all());
    assertEquals(1, count(name, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'gao'"
        + " AND table_name = 'benchmark_runs'"));
    assertEquals(0, count(name, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        + " AND table_name = 'benchmark_runs'"));
    assertEquals(0, run("record", "--db", own, runs().toString()).exitCode());
    assertEquals(45, count(name, "SELECT count(*) FROM gao.benchmark_runs"));
    assertEquals(0, run("validate", "--db", own).exitCode());
  }

  @Test
  void aBadUrlIsAUsageErrorThatNamesWhatIsWrong() {
    String base = "postgresql://" + USER + ":" + PASSWORD + "@localhost:" + port;
    Map<String, String> expected =
        Map.of(
            base + "/db?sslmode=sometimes", "invalid --db: sslmode 'sometimes' is not one of disable, allow,"
                + " prefer, require, verify-ca, verify-full",
            base + "/db?pool=3", "invalid --db: the URL's parameter 'pool' is not supported",
            "postgresql://" + USER + ":" + PASSWORD + "@localhost:99999/db",
                "invalid --db: the URL's port '99999' is not a port number (1 to 65535)",
            "postgresql://%2Fvar%2Frun%2Fpostgresql/db",
                "invalid --db: the URL names a Unix-domain socket (/var/run/postgresql)",
            "mysql://" + USER + ":" + PASSWORD + "@localhost/db", "invalid --db: it is a URL but not a PostgreSQL one",
            "postgresql://" + USER + ":" + PASSWORD + "%zz@localhost/db",
                "invalid --db: the URL's password has a '%' that does not start a percent-encoded byte");
    expected.forEach(
        (url, message) -> {
          CliRun.Result result = run("status", "--db", url);
          assertEquals(2, result.exitCode(), result.all());
          assertTrue(result.err().startsWith("gao-metrics status: " + message), result.err());
        });
    CliRun.Result fromVariable = run(Map.of(DatabaseOption.ENVIRONMENT_VARIABLE, base + "/db?x=1"), "runs");
    assertTrue(fromVariable.err().startsWith("gao-metrics runs: invalid $GAO_METRICS_DB: the URL's parameter 'x'"),
        fromVariable.err());
  }

  @Test
  void anEmptyServerDatabaseIsNamedWithWhatToDo() throws Exception {
    String name = database("cli_empty");
    CliRun.Result status = run("status", "--db", libpq(name));
    assertEquals(3, status.exitCode(), status.all());
    assertEquals("gao-metrics status: " + shown(name) + " holds no metrics database yet (it has no tables); create"
        + " one there with 'gao-metrics init --db " + shown(name) + "'\n", status.err());
    try (Connection admin = PostgresServer.connect("jdbc:postgresql://localhost:" + port + "/" + name);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE TABLE public.someone_elses (id int)");
    }
    CliRun.Result foreign = run("migrate", "--db", libpq(name));
    assertEquals(3, foreign.exitCode(), foreign.all());
    assertTrue(foreign.err().contains("holds tables (someone_elses) but no gao-metrics metadata"), foreign.err());
    CliRun.Result down = run("status", "--db", "postgresql://" + USER + ":" + PASSWORD + "@localhost:1/" + name);
    assertEquals(3, down.exitCode(), down.all());
    assertTrue(down.err().startsWith("gao-metrics status: Cannot open PostgreSQL database jdbc:postgresql://localhost:1/"
        + name + ": Connection refused. Check that the server runs"), down.err());
  }

  /** JSON output as trees (key order aside) without the engines' own created_at stamps. */
  private static List<JsonNode> comparable(String json) throws Exception {
    List<JsonNode> trees = new ArrayList<>();
    var parser = RunDocument.mapper().createParser(json);
    var values = RunDocument.mapper().readValues(parser, JsonNode.class);
    while (values.hasNext()) {
      JsonNode tree = values.next();
      tree.findParents("created_at").forEach(parent -> ((com.fasterxml.jackson.databind.node.ObjectNode) parent)
          .remove("created_at"));
      trees.add(tree);
    }
    return trees;
  }

  /**
   * The same JSON, numbers to 12 significant digits: sums of a run's map entries are added in
   * each engine's order, so their last bits may differ.
   */
  private static void assertSameJson(Object expected, Object actual, String where) {
    if (expected instanceof List<?> left && actual instanceof List<?> right) {
      assertEquals(left.size(), right.size(), where);
      for (int i = 0; i < left.size(); i++) {
        assertSameJson(left.get(i), right.get(i), where + "[" + i + "]");
      }
      return;
    }
    JsonNode left = (JsonNode) expected;
    JsonNode right = (JsonNode) actual;
    if (left.isNumber() && right.isNumber()) {
      double a = left.asDouble();
      double b = right.asDouble();
      assertTrue(a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)),
          where + ": " + a + " vs " + b);
    } else if (left.isContainerNode() && right.isContainerNode()) {
      assertEquals(left.size(), right.size(), where);
      if (left.isArray()) {
        for (int i = 0; i < left.size(); i++) {
          assertSameJson(left.get(i), right.get(i), where + "[" + i + "]");
        }
      } else {
        left.fieldNames().forEachRemaining(
            field -> assertSameJson(left.get(field), right.path(field), where + "." + field));
      }
    } else {
      assertEquals(left, right, where);
    }
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  private static CliRun.Result run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  private static String firstRun(String file) throws Exception {
    return RunDocument.mapper().readTree(run("runs", "--json", "--limit", "1", "--oldest-first", "--db", file).out())
        .get(0).get("run_id").asText();
  }

  private static String lastRun(String file) throws Exception {
    return RunDocument.mapper().readTree(run("runs", "--json", "--limit", "1", "--db", file).out())
        .get(0).get("run_id").asText();
  }

  private static int rowsOf(String file, String run) throws Exception {
    JsonNode document = RunDocument.mapper().readTree(run("show", run, "--json", "--db", file).out());
    return 5 + document.get("token_usage").size();
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection connection = PostgresServer.connect("jdbc:postgresql://localhost:" + port + "/" + database);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

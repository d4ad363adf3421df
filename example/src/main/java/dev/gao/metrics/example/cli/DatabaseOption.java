package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --db} option every command shares, with its fallbacks. It is a global option of the
 * top command, inherited by every subcommand: {@code gao-metrics --db F status} and {@code
 * gao-metrics status --db F} mean the same, and when both are given the one after the subcommand
 * wins, because picocli parses the arguments in order into the one field.
 *
 * <p>It names a SQLite file or a database on a PostgreSQL server ({@code postgresql://...} as libpq
 * writes it, or {@code jdbc:postgresql://...}; see {@link ServerUrls}).
 */
public final class DatabaseOption {
  /** The environment variable that names the database when {@code --db} is absent. */
  public static final String ENVIRONMENT_VARIABLE = "GAO_METRICS_DB";

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      scope = ScopeType.INHERIT,
      description =
          "The metrics database, before or after the command (the one after wins): a SQLite file,%n"
              + "or a PostgreSQL database as postgresql://user@host:5432/db?sslmode=require%n"
              + "(or jdbc:postgresql://host:5432/db). The password comes from the URL, else%n"
              + "$PGPASSWORD, else ~/.pgpass ($PGPASSFILE); it is never printed.%n"
              + "Default: $" + ENVIRONMENT_VARIABLE + ", else%n"
              + "$HOME/.gao-dev/metrics.db (with HOME unset or blank, the JVM's user.home).")
  String value;

  /**
   * The database to use: {@code --db}, else {@value #ENVIRONMENT_VARIABLE}, else the default file in
   * {@code $HOME} (see {@link MetricsDatabase#defaultFile(Map)}).
   *
   * @param environment the process environment
   * @param warnings told about a password file that was ignored
   * @return the database
   * @throws IllegalArgumentException naming what is wrong with a URL (never its password)
   */
  DatabaseLocation resolve(Map<String, String> environment, Consumer<String> warnings) {
    String text = value;
    String source = "--db";
    if (text == null) {
      String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        text = fromEnvironment;
        source = "$" + ENVIRONMENT_VARIABLE;
      }
    }
    if (text == null) {
      return new DatabaseLocation.FileDatabase(MetricsDatabase.defaultFile(environment).toAbsolutePath());
    }
    return locate(text, source, environment, warnings);
  }

  /**
   * The database a file path or PostgreSQL URL names.
   *
   * @param text the path or URL
   * @param source the option or variable it came from, for messages
   * @param environment the process environment
   * @param warnings told about a password file that was ignored
   * @return the database
   * @throws IllegalArgumentException naming what is wrong with a URL (never its password)
   */
  static DatabaseLocation locate(
      String text, String source, Map<String, String> environment, Consumer<String> warnings) {
    if (ServerUrls.isServer(text)) {
      try {
        return ServerUrls.parse(text, environment, warnings);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid " + source + ": " + e.getMessage(), e);
      }
    }
    if (ServerUrls.isOtherUrl(text)) {
      throw new IllegalArgumentException(
          "invalid " + source + ": it is a URL but not a PostgreSQL one; give a SQLite file's path,"
              + " postgresql://user@host:5432/database or jdbc:postgresql://host:5432/database");
    }
    try {
      return new DatabaseLocation.FileDatabase(Path.of(text).toAbsolutePath());
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("invalid " + source + ": " + e.getMessage(), e);
    }
  }
}

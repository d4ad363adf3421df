package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --db} option every command shares, with its fallbacks. It is a global option of the
 * top command, inherited by every subcommand: {@code gao-metrics --db F status} and {@code
 * gao-metrics status --db F} mean the same, and when both are given the one after the subcommand
 * wins, because picocli parses the arguments in order into the one field.
 */
public final class DatabaseOption {
  /** The environment variable that names the database file when {@code --db} is absent. */
  public static final String ENVIRONMENT_VARIABLE = "GAO_METRICS_DB";

  @Option(
      names = "--db",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description =
          "The metrics database file, before or after the command (the one after wins).%n"
              + "Default: $" + ENVIRONMENT_VARIABLE + ", else%n"
              + "$HOME/.gao-dev/metrics.db (with HOME unset or blank, the JVM's user.home).")
  Path file;

  /**
   * The file to use: {@code --db}, else {@value #ENVIRONMENT_VARIABLE}, else the default file in
   * {@code $HOME} (see {@link MetricsDatabase#defaultFile(Map)}).
   *
   * @param environment the process environment
   * @return the database file
   */
  Path resolve(Map<String, String> environment) {
    if (file != null) {
      return file.toAbsolutePath();
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment).toAbsolutePath();
    }
    return MetricsDatabase.defaultFile(environment).toAbsolutePath();
  }
}

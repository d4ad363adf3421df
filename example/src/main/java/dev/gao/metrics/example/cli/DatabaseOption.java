package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --db} option every command shares, with its fallbacks. */
public final class DatabaseOption {
  /** The environment variable that names the database file when {@code --db} is absent. */
  public static final String ENVIRONMENT_VARIABLE = "GAO_METRICS_DB";

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "The metrics database file. Default: $" + ENVIRONMENT_VARIABLE + ", else ~/.gao-dev/metrics.db.")
  Path file;

  /**
   * The file to use: {@code --db}, else {@value #ENVIRONMENT_VARIABLE}, else the default file.
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
    return MetricsDatabase.defaultFile();
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that works on one database shares: the database, a file or a server (the top
 * command's global {@code --db}, see {@link DatabaseOption}), and the streams.
 */
abstract class DatabaseCommand implements Callable<Integer> {
  /** The environment variable that makes commands print every statement they run. */
  static final String TRACE_VARIABLE = "GAO_METRICS_TRACE_SQL";

  @Spec CommandSpec spec;

  private DatabaseLocation location;

  /**
   * The database: {@code --db}, else {@code GAO_METRICS_DB}, else the default file; read once per
   * command, warnings (a password file ignored) to standard error.
   *
   * @throws ParameterException naming what is wrong with a URL
   */
  final DatabaseLocation location() {
    if (location == null) {
      try {
        location =
            cli()
                .database()
                .resolve(
                    cli().environment(),
                    warning -> {
                      err().println(spec.qualifiedName() + ": warning: " + warning);
                      err().flush();
                    });
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
    return location;
  }

  /**
   * Opens the database for a command that reads or deletes runs (see {@link
   * Databases#openCurrent}); with {@code GAO_METRICS_TRACE_SQL} set to anything, every statement the
   * command runs is printed to standard error with its duration.
   */
  final BenchmarkStore openCurrent() {
    String trace = cli().environment().get(TRACE_VARIABLE);
    if (trace == null || trace.isEmpty()) {
      return Databases.openCurrent(location(), null);
    }
    PrintWriter err = err();
    return Databases.openCurrent(
        location(),
        (sql, nanos) -> {
          err.printf(java.util.Locale.ROOT, "sql %.3f ms: %s%n", nanos / 1e6, sql);
          err.flush();
        });
  }

  /**
   * The top command, with the global options, however deep this command sits ({@code report run}
   * is two levels down).
   */
  final GaoMetricsCli cli() {
    for (CommandLine line = spec.commandLine(); line != null; line = line.getParent()) {
      if (line.getCommand() instanceof GaoMetricsCli top) {
        return top;
      }
    }
    throw new IllegalStateException(spec.qualifiedName() + " runs outside the gao-metrics command");
  }

  /** Standard output of this command line. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error of this command line. */
  final PrintWriter err() {
    return spec.commandLine().getErr();
  }
}

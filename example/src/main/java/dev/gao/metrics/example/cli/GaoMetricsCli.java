package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.exception.MetricsException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gao-metrics} command line: creates, inspects and fills GAO-Dev metrics databases.
 *
 * <p>Exit codes: 0 success, 1 a check failed ({@code validate}) or a regression was found ({@code
 * regressions}), 2 usage error (one line naming the option, and where help is) or a refusal to
 * write where data would be lost ({@code export --output} naming the database, {@code demo} into
 * real runs), 3 database or file
 * error ({@code record}: a document was rejected; {@code show}, {@code delete}, {@code compare},
 * {@code regressions}: an unknown run).
 * Errors go to standard error as one line that says what to do.
 *
 * <p>{@code --db} is a global option: it may come before the subcommand or after it (see {@link
 * DatabaseOption}).
 */
@Command(
    name = "gao-metrics",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Records and inspects GAO-Dev benchmark metrics in a SQLite database.",
    subcommands = {
      InitCommand.class,
      StatusCommand.class,
      DemoCommand.class,
      MigrateCommand.class,
      ValidateCommand.class,
      HistoryCommand.class,
      RecordCommand.class,
      ShowCommand.class,
      DeleteCommand.class,
      RunsCommand.class,
      StatsCommand.class,
      ExportCommand.class,
      CompareCommand.class,
      TrendCommand.class,
      RegressionsCommand.class,
      PruneCommand.class
    })
public final class GaoMetricsCli implements Runnable {
  /** Exit code of a database or file error. */
  public static final int EXIT_DATABASE_ERROR = 3;

  @Spec CommandSpec spec;

  /** The global {@code --db}, inherited by every subcommand. */
  @Mixin DatabaseOption database;

  private final Map<String, String> environment;
  private final Terminal terminal;
  private final Clock clock;

  /**
   * Creates the command.
   *
   * @param environment where {@code GAO_METRICS_DB} and {@code HOME} are looked up
   */
  public GaoMetricsCli(Map<String, String> environment) {
    this(environment, Terminal.system(), Clock.systemUTC());
  }

  GaoMetricsCli(Map<String, String> environment, Terminal terminal, Clock clock) {
    this.environment = Map.copyOf(environment);
    this.terminal = terminal;
    this.clock = clock;
  }

  /** The clock commands take "now" from ({@code prune --older-than}). */
  Clock clock() {
    return clock;
  }

  /** Standard input, and whether a person is at it. */
  Terminal terminal() {
    return terminal;
  }

  /** The global {@code --db} option, as given before or after the subcommand. */
  DatabaseOption database() {
    return database;
  }

  /** The process environment this command reads. */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Builds the command line with its exit-code rules.
   *
   * @param environment where {@code GAO_METRICS_DB} and {@code HOME} are looked up
   * @param out standard output
   * @param err standard error
   * @return the configured command line
   */
  public static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err) {
    return commandLine(environment, Terminal.system(), out, err);
  }

  /**
   * Builds the command line over the given standard input.
   *
   * @param environment where {@code GAO_METRICS_DB} and {@code HOME} are looked up
   * @param terminal standard input, and whether it is a terminal
   * @param out standard output
   * @param err standard error
   * @return the configured command line
   */
  static CommandLine commandLine(
      Map<String, String> environment, Terminal terminal, PrintWriter out, PrintWriter err) {
    return commandLine(environment, terminal, Clock.systemUTC(), out, err);
  }

  /**
   * Builds the command line over the given standard input and clock.
   *
   * @param environment where {@code GAO_METRICS_DB} and {@code HOME} are looked up
   * @param terminal standard input, and whether it is a terminal
   * @param clock where "now" comes from
   * @param out standard output
   * @param err standard error
   * @return the configured command line
   */
  static CommandLine commandLine(
      Map<String, String> environment, Terminal terminal, Clock clock, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new GaoMetricsCli(environment, terminal, clock));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine failed = exception.getCommandLine();
          String name = failed.getCommandSpec().qualifiedName();
          String message = String.valueOf(exception.getMessage()).replace(System.lineSeparator(), " ").replace('\n', ' ');
          failed.getErr().println(name + ": " + message + "; see '" + name + " --help'");
          failed.getErr().flush();
          return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          failed.getErr().println("gao-metrics " + failed.getCommandName() + ": " + oneLine(exception));
          failed.getErr().flush();
          // A refusal (a path that would destroy data, a demo into real runs) is fixed like a usage error.
          return exception instanceof RefusedException
              ? failed.getCommandSpec().exitCodeOnInvalidInput()
              : EXIT_DATABASE_ERROR;
        });
    return commandLine;
  }

  static String oneLine(Exception exception) {
    String message = exception.getMessage();
    if (message == null || message.isBlank()) {
      message = exception.getClass().getSimpleName();
    }
    if (!(exception instanceof MetricsException) && !(exception instanceof IllegalStateException)) {
      message = exception.getClass().getSimpleName() + ": " + message;
    }
    return message.replace(System.lineSeparator(), " ").replace('\n', ' ');
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int exitCode = commandLine(System.getenv(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }
}

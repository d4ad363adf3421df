package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.exception.FileErrors;
import dev.gao.metrics.runtime.exception.MetricsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code gao-metrics} command line: creates, inspects and fills GAO-Dev metrics databases.
 *
 * <p>Exit codes: 0 success, 1 a check failed ({@code validate}), a regression was found ({@code
 * regressions}) or a regression is open at the newest run ({@code changes}), 2 usage error (one
 * line naming the option, and where help is) or a refusal to write where data would be lost ({@code export --output} or {@code report --output} naming the
 * database, {@code report site --output} a folder of other files, {@code demo} into real runs), 3
 * database or file error ({@code record}: a document was rejected; {@code show}, {@code delete},
 * {@code compare}, {@code regressions}, {@code report run}, {@code report compare}: an unknown run;
 * {@code report --open}: no browser could be started).
 * Errors go to standard error as one line that says what to do.
 *
 * <p>{@code --db} is a global option: it may come before the subcommand or after it (see {@link
 * DatabaseOption}).
 */
@Command(
    name = "gao-metrics",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Records and inspects GAO-Dev benchmark metrics in a SQLite file or a PostgreSQL database.",
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
      ChangesCommand.class,
      PruneCommand.class,
      CopyCommand.class,
      ReportCommand.class
    })
public final class GaoMetricsCli implements Runnable {
  /** Exit code of a database or file error. */
  public static final int EXIT_DATABASE_ERROR = 3;

  @Spec CommandSpec spec;

  /** The global {@code --db}, inherited by every subcommand. */
  @Mixin DatabaseOption database;

  /** The global {@code --debug}: an error's stack trace after its one-line message. */
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "After an error's one-line message, print its stack trace to standard error.")
  boolean debug;

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
    GaoMetricsCli top = new GaoMetricsCli(environment, terminal, clock);
    CommandLine commandLine = new CommandLine(top);
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
          failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(exception, failed));
          if (top.debug) {
            exception.printStackTrace(failed.getErr());
          }
          failed.getErr().flush();
          // A refusal (a path that would destroy data, a demo into real runs) is fixed like a usage error.
          return exception instanceof RefusedException
              ? failed.getCommandSpec().exitCodeOnInvalidInput()
              : EXIT_DATABASE_ERROR;
        });
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    commandLine.setExecutionStrategy(
        parseResult -> {
          try {
            return runLast.execute(parseResult);
          } catch (Error error) {
            // An Error passes the exception handler: out of memory, a stack overflow. One line, no
            // stack trace (with the heap exhausted printing one may fail too) unless --debug.
            List<CommandLine> commands = parseResult.asCommandLineList();
            CommandLine failed = commands.get(commands.size() - 1);
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + errorLine(error));
            if (top.debug) {
              error.printStackTrace(failed.getErr());
            }
            failed.getErr().flush();
            return EXIT_DATABASE_ERROR;
          }
        });
    return commandLine;
  }

  /** The one line of an {@link Error} that reached the command line, saying what to do. */
  static String errorLine(Error error) {
    if (error instanceof OutOfMemoryError) {
      return "out of memory (this JVM may use at most "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB); give it more, for example with JAVA_TOOL_OPTIONS=-Xmx2g, or give the command"
          + " less to do at once (--limit, a smaller input file)";
    }
    if (error instanceof StackOverflowError) {
      return "the input nests too deeply to process; flatten it, or give the JVM a larger thread"
          + " stack with JAVA_TOOL_OPTIONS=-Xss16m";
    }
    return "internal failure (" + plainWords(error.getClass().getSimpleName()) + "); run again with"
        + " --debug and report what it prints";
  }

  /**
   * An exception as one line that says what to do, without Java class names: the message of the
   * library's and the commands' own exceptions, an I/O failure in plain words with its file, and
   * anything else as an internal failure to report (its stack trace with {@code --debug}).
   *
   * @param exception what the command threw
   * @param failed the command that threw it
   * @return one line
   */
  static String oneLine(Exception exception, CommandLine failed) {
    Exception cause =
        exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
    String message;
    if (cause instanceof BusyException && onFile(failed)) {
      message = busy(failed);
    } else if (cause instanceof IOException io) {
      message = FileErrors.describe(io) + "; check the path and its permissions";
    } else if (cause instanceof MetricsException || cause instanceof IllegalStateException) {
      message = cause.getMessage();
    } else {
      String detail = cause.getMessage();
      message = "internal failure"
          + (detail == null || detail.isBlank() ? " (" + plainWords(cause.getClass().getSimpleName()) + ")" : ": " + detail)
          + "; run again with --debug and report what it prints";
    }
    if (message == null || message.isBlank()) {
      message = plainWords(cause.getClass().getSimpleName());
    }
    return message.replace(System.lineSeparator(), " ").replace('\n', ' ');
  }

  /**
   * {@link #oneLine(Exception, CommandLine)} outside a command's failure, as for one rejected run.
   *
   * @param exception the failure
   * @return one line
   */
  static String oneLine(Exception exception) {
    return oneLine(exception, null);
  }

  /** The busy error as the command line has it: it waits the library's default, with no option. */
  private static String busy(CommandLine failed) {
    String file =
        failed != null && failed.getCommand() instanceof DatabaseCommand command ? fileOf(command) : "the database";
    return file + " is busy: another program held its write lock for more than "
        + MetricsDatabase.DEFAULT_BUSY_TIMEOUT.toSeconds() + " s; run the command again once that"
        + " program is done (what this command had committed before stays)";
  }

  /**
   * Whether the failed command works on a SQLite file, whose busy error is another program's write
   * lock; on a server the exception says itself what kept it busy (a conflict that stayed, or every
   * pooled connection in use).
   */
  private static boolean onFile(CommandLine failed) {
    if (failed == null || !(failed.getCommand() instanceof DatabaseCommand command)) {
      return true;
    }
    try {
      return command.location().isFile();
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static String fileOf(DatabaseCommand command) {
    try {
      return command.location().toString();
    } catch (RuntimeException e) {
      return "the database";
    }
  }

  /** {@code OutOfMemoryError} as {@code out of memory}: a class name in plain words. */
  static String plainWords(String simpleName) {
    String bare = simpleName.replaceAll("(Exception|Error)$", "");
    return bare.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).strip();
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

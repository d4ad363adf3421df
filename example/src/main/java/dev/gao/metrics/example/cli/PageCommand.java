package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What the one-page report commands share: the page goes to standard output or, with {@code
 * --output}, to a file written through {@link OutputFiles} (complete or not at all, never over the
 * database), optionally opened in the system's browser.
 */
abstract class PageCommand extends DatabaseCommand {
  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output; FILE appears only once the page is complete.")
  Path output;

  @Option(names = "--title", paramLabel = "TITLE", description = "The page's title.")
  String title;

  @Option(names = "--force", description = "Replace an existing file at --output (never a database or folder).")
  boolean force;

  @Option(names = "--open", description = "Open the written file in the system's browser ($BROWSER, else xdg-open or open).")
  boolean open;

  /** The one-line error of an unknown run id, which exits with code 3. */
  final IllegalStateException unknownRun(RunNotFoundException e) {
    return new IllegalStateException(
        "no run " + Show.quoted(String.valueOf(e.value())) + " in " + location()
            + "; check the run id (it is case-sensitive) and the database (--db or $"
            + DatabaseOption.ENVIRONMENT_VARIABLE + ")",
        e);
  }

  /** Renders the page from the open database. */
  abstract String render(BenchmarkStore store);

  /** Checks the options before the database is opened; usage errors as {@link ParameterException}. */
  void checkOptions() {}

  @Override
  public final Integer call() throws IOException {
    if (open && output == null) {
      throw new ParameterException(spec.commandLine(), "--open needs --output FILE: the browser opens the written file");
    }
    checkOptions();
    Optional<FormatOptions.Destination> destination = FormatOptions.Destination.of(this, output, force);
    if (destination.isEmpty()) {
      return 0;
    }
    String page;
    try (BenchmarkStore store = openCurrent()) {
      page = render(store);
    }
    destination.get().print(out -> out.print(page));
    if (open) {
      Browser.open(destination.get().file().orElseThrow(), cli().environment());
    }
    return 0;
  }
}

package dev.gao.metrics.example.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The output options {@code regressions}, {@code compare} and {@code changes} share: {@code
 * --format} (the table, JSON, or a format for CI), {@code --json} (the same as {@code --format
 * json}), and {@code --output FILE}, written through {@link OutputFiles} as {@code export
 * --output} writes.
 */
final class FormatOptions {
  /** The formats. */
  enum Format {
    table,
    json,
    markdown,
    junit,
    github
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table (the default), json, markdown (a summary for a pull request or $GITHUB_STEP_SUMMARY),"
          + " junit (JUnit XML for a test report) or github (GitHub Actions workflow commands).")
  Format format;

  @Option(names = "--json", description = "The same as --format json.")
  boolean json;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE (UTF-8) instead of standard output; FILE appears only once complete, and is never"
          + " the database or a folder.")
  Path output;

  @Option(names = "--force", description = "Let --output replace an existing file (never a database or folder).")
  boolean force;

  /**
   * The format asked for.
   *
   * @param spec the command, for usage errors
   * @return {@code --format}, {@code json} for {@code --json}, else {@code table}
   * @throws ParameterException for {@code --json} with another {@code --format}, or {@code --force}
   *     without {@code --output}
   */
  Format format(CommandSpec spec) {
    if (json && format != null && format != Format.json) {
      throw new ParameterException(
          spec.commandLine(), "give --json or --format " + format + ", not both (--json is --format json)");
    }
    if (force && output == null) {
      throw new ParameterException(spec.commandLine(), "--force applies to --output FILE; give both or neither");
    }
    return json ? Format.json : format == null ? Format.table : format;
  }

  /** What a command prints. */
  interface Body {
    /**
     * Prints.
     *
     * @param out where to print
     * @throws IOException if writing fails
     */
    void print(PrintWriter out) throws IOException;
  }

  /**
   * Checks {@code --output} before anything is read: a database, a folder or a device is refused,
   * an existing file needs {@code --force} or a yes at a terminal.
   *
   * @param command the command, for the database and the streams
   * @return where to print, empty when the person at the terminal declined to replace the file
   * @throws RefusedException naming a path that is never written
   * @throws IOException if the path cannot be looked at
   */
  Optional<Destination> destination(DatabaseCommand command) throws IOException {
    return Destination.of(command, output, force);
  }

  /** Standard output, or the checked {@code --output} file. */
  static final class Destination {
    private final PrintWriter out;
    private final OutputFiles files;
    private final List<Path> checked;

    private Destination(PrintWriter out, OutputFiles files, List<Path> checked) {
      this.out = out;
      this.files = files;
      this.checked = checked;
    }

    /**
     * Checks an output file before anything is read: a database, a folder or a device is refused,
     * an existing file needs {@code force} or a yes at a terminal.
     *
     * @param command the command, for the database and the streams
     * @param output the file, or null for standard output
     * @param force whether an existing plain file may be replaced without asking
     * @return where to print, empty when the person at the terminal declined to replace the file
     * @throws RefusedException naming a path that is never written
     * @throws IOException if the path cannot be looked at
     */
    static Optional<Destination> of(DatabaseCommand command, Path output, boolean force) throws IOException {
      if (output == null) {
        return Optional.of(new Destination(command.out(), null, null));
      }
      OutputFiles files =
          new OutputFiles(command.location().file().orElse(null), force, command.cli().terminal(), command.err());
      Optional<List<Path>> checked = files.check(List.of(output));
      if (checked.isEmpty()) {
        command.out().println("nothing written");
        return Optional.empty();
      }
      return Optional.of(new Destination(null, files, checked.get()));
    }

    /**
     * The file written to.
     *
     * @return the checked file, or empty for standard output
     */
    Optional<Path> file() {
      return checked == null ? Optional.empty() : Optional.of(checked.get(0));
    }

    /**
     * Prints to standard output, or writes the file, which appears only once complete.
     *
     * @param body what to print
     * @throws IOException if the file cannot be written
     */
    void print(Body body) throws IOException {
      if (out != null) {
        body.print(out);
        out.flush();
        return;
      }
      StringWriter text = new StringWriter();
      PrintWriter printer = new PrintWriter(text);
      body.print(printer);
      printer.flush();
      try (OutputFiles.Writing writing = files.writer(checked)) {
        writing.writers().get(0).write(text.toString());
        writing.commit();
      }
    }
  }
}

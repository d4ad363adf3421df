package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics report run}: the HTML report of one run ({@link RunReport}), to standard
 * output or to a file written through {@link OutputFiles}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one run's HTML report: its facts and summary, every metric by table with unit and direction,"
          + " phase times and token usage by agent, by model and by token type as tables and bar charts.",
      "The page is self-contained (styles, uPlot and data inside) and fetches nothing.",
      "--output never writes over the database or its side files, another SQLite database or a folder; an"
          + " existing file is replaced only with --force (on a terminal, after asking).",
      "Exit code 3 when there is no such run."
    })
final class ReportRunCommand extends DatabaseCommand {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id.")
  String runId;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output; FILE appears only once the page is complete.")
  Path output;

  @Option(names = "--title", paramLabel = "TITLE", description = "The page's title (default: Run RUN_ID).")
  String title;

  @Option(names = "--force", description = "Replace an existing file at --output (never a database or folder).")
  boolean force;

  @Override
  public Integer call() throws IOException {
    DatabaseLocation database = location();
    PrintWriter out = out();
    OutputFiles files = new OutputFiles(database.file().orElse(null), force, cli().terminal(), err());
    List<Path> checked = List.of();
    if (output != null) {
      Optional<List<Path>> accepted = files.check(List.of(output));
      if (accepted.isEmpty()) {
        out.println("nothing written");
        return 0;
      }
      checked = accepted.get();
    }
    String page;
    try (BenchmarkStore store = openCurrent()) {
      page = new RunReport(GaoRunModel.analytics(store)).render(runId, title, null);
    } catch (RunNotFoundException e) {
      throw new IllegalStateException(
          "no run " + Show.quoted(runId) + " in " + database + "; check the run id (it is case-sensitive)"
              + " and the database (--db or $" + DatabaseOption.ENVIRONMENT_VARIABLE + ")", e);
    }
    if (checked.isEmpty()) {
      out.print(page);
      out.flush();
      return 0;
    }
    try (OutputFiles.Writing writing = files.writer(checked)) {
      Writer writer = writing.writers().get(0);
      writer.write(page);
      writing.commit();
    }
    return 0;
  }
}

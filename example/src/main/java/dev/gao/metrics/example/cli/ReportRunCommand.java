package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gao-metrics report run}: the HTML report of one run ({@link RunReport}). */
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
final class ReportRunCommand extends PageCommand {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id.")
  String runId;

  @Override
  String render(BenchmarkStore store) {
    try {
      return new RunReport(GaoRunModel.analytics(store)).render(runId, title, null);
    } catch (RunNotFoundException e) {
      throw unknownRun(e);
    }
  }
}

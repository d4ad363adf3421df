package dev.gao.metrics.example.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gao-metrics report}: HTML reports, one self-contained file each; its subcommands name the
 * report ({@code run}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    subcommands = ReportRunCommand.class,
    description = {
      "Writes HTML reports: one file each, with its styles, charts (uPlot, inlined) and data inside, that"
          + " open offline in any browser.",
      "report run RUN: one run's facts, summary, every metric by table, and its breakdowns as tables and charts."
    })
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package dev.gao.metrics.example.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gao-metrics report}: HTML reports, one self-contained file each; its subcommands name the
 * report ({@code run}, {@code compare}, {@code trend}, {@code site}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    subcommands = {
      ReportRunCommand.class,
      ReportCompareCommand.class,
      ReportTrendCommand.class,
      ReportSiteCommand.class
    },
    description = {
      "Writes HTML reports: one file each, with its styles, charts (uPlot, inlined) and data inside, that"
          + " open offline in any browser.",
      "report run RUN: one run's facts, summary, every metric by table, and its breakdowns as tables and charts.",
      "report compare BASELINE CANDIDATE: two runs side by side with deltas and verdicts.",
      "report trend --metric M...: trends with statistics, slope, r\u00b2, direction and insights.",
      "report site --output DIR: a dashboard of every group with trend, run and comparison pages."
    })
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.exception.RunNotFoundException;
import dev.gao.metrics.runtime.report.CompareReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gao-metrics report compare}: two runs side by side as an HTML page ({@link CompareReport}). */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the HTML comparison of two runs: both runs' facts side by side, how many metrics improved,"
          + " regressed, stayed within the threshold, changed or are missing, every metric with both values,"
          + " the absolute and relative delta and the verdict, and a bar chart of the relative deltas.",
      "The numbers are those of gao-metrics compare with the same thresholds. The page is self-contained.",
      "Exit code 3 when either run does not exist."
    })
final class ReportCompareCommand extends PageCommand {
  @Parameters(index = "0", paramLabel = "BASELINE", description = "The baseline run's id.")
  String baselineId;

  @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The candidate run's id.")
  String candidateId;

  @Mixin ThresholdOptions thresholdOptions;

  private Thresholds thresholds;

  @Override
  void checkOptions() {
    thresholds = thresholdOptions.thresholds(spec);
  }

  @Override
  String render(BenchmarkStore store) {
    try {
      return new CompareReport(GaoRunModel.analytics(store))
          .render(baselineId, candidateId, thresholds, title, null);
    } catch (RunNotFoundException e) {
      throw unknownRun(e);
    }
  }
}

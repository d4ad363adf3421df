package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.GaoRunModel;
import dev.gao.metrics.runtime.analytics.RegressionOptions;
import dev.gao.metrics.runtime.analytics.Thresholds;
import dev.gao.metrics.runtime.report.ReportSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics report site}: a folder of linked HTML reports over every run ({@link ReportSite}). */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a static site of reports into a folder: index.html, a dashboard of every project, benchmark and"
          + " version (runs, failure rate, latest run and status, a sparkline per key metric, the metrics that"
          + " regressed); one trend page per project and benchmark with every metric's trend, one line per"
          + " version, moving averages and the regressed runs marked with their evidence; the run page of each"
          + " group's latest run and its comparison with the run before.",
      "Every page is self-contained and fetches nothing; the pages link to each other.",
      "The folder is created if missing. A folder that holds other files than an earlier site's is refused"
          + " unless --force; pages of an earlier site that this one no longer has are removed."
    })
final class ReportSiteCommand extends DatabaseCommand {
  /** The files a site writes, and removes when a later site no longer has them. */
  private static final Pattern SITE_FILE = Pattern.compile("index\\.html|(run|compare|trend)-[a-z0-9-]+\\.html");

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder to write the site into.")
  Path output;

  @Option(names = "--title", paramLabel = "TITLE", description = "The dashboard's title (default: Benchmark runs).")
  String title;

  @Option(names = "--force", description = "Write into a folder that holds other files (they are left as they are).")
  boolean force;

  @Option(names = "--open", description = "Open the dashboard in the system's browser ($BROWSER, else xdg-open or open).")
  boolean open;

  @Option(
      names = "--key-metric",
      paramLabel = "METRIC",
      description = "A metric the dashboard draws a sparkline of (repeatable; default: total time, tokens, cost,"
          + " coverage and manual interventions).")
  List<String> keyMetrics;

  @Option(
      names = "--latest",
      paramLabel = "N",
      defaultValue = "10",
      description = "Check each group's latest run against its N comparable runs before it (default ${DEFAULT-VALUE}).")
  int latest;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "5",
      description = "Runs the trends' moving averages span (default ${DEFAULT-VALUE}).")
  int window;

  @Mixin ThresholdOptions thresholdOptions;

  @Override
  public Integer call() throws IOException {
    if (latest < 1) {
      throw new ParameterException(spec.commandLine(), "--latest must be 1 or more but was " + latest);
    }
    if (window < 1) {
      throw new ParameterException(spec.commandLine(), "--window must be 1 or more but was " + window);
    }
    Thresholds thresholds = thresholdOptions.thresholds(spec);
    List<String> keys = keyMetrics == null ? GaoRunModel.KEY_METRICS : keyMetrics;
    checkFolder();
    PrintWriter out = out();
    ReportSite.Written written;
    long started = System.nanoTime();
    try (BenchmarkStore store = openCurrent()) {
      ReportSite site;
      try {
        site =
            new ReportSite(GaoRunModel.analytics(store))
                .keyMetrics(keys)
                .regressions(RegressionOptions.againstLatest(latest).thresholds(thresholds))
                .thresholds(thresholds)
                .window(window);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      written = site.write(output, title, null);
    }
    removeStale(written);
    out.printf(
        Locale.ROOT,
        "wrote %d pages of %d runs in %d groups (%d with a regressed latest run) to %s in %.1f s%n",
        written.files().size(),
        written.runs(),
        written.groups(),
        written.regressedGroups(),
        written.index(),
        (System.nanoTime() - started) / 1e9);
    out.flush();
    if (open) {
      Browser.open(written.index(), cli().environment());
    }
    return 0;
  }

  /** Refuses a path that is not a folder, and a folder of other files without --force. */
  private void checkFolder() throws IOException {
    if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(output)) {
      throw new RefusedException(
          "--output " + output + " is a file, not a folder; a site is a folder of pages: name a folder");
    }
    if (!Files.isDirectory(output) || force) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(output)) {
      for (Path file : files) {
        if (!SITE_FILE.matcher(file.getFileName().toString()).matches()) {
          throw new RefusedException(
              "--output " + output + " holds " + file.getFileName() + ", which is not a page of a site;"
                  + " name an empty or new folder, or add --force to write beside it");
        }
      }
    }
  }

  /** Removes the pages of an earlier site that this one did not write. */
  private void removeStale(ReportSite.Written written) throws IOException {
    Set<Path> kept = new HashSet<>();
    written.files().forEach(f -> kept.add(f.getFileName()));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(output)) {
      for (Path file : files) {
        if (SITE_FILE.matcher(file.getFileName().toString()).matches() && !kept.contains(file.getFileName())) {
          Files.delete(file);
        }
      }
    }
  }
}

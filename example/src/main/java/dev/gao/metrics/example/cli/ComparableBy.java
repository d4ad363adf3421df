package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.GaoRunModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --comparable-by} option of {@code regressions} and {@code changes}: runs that share these dimensions are compared. */
final class ComparableBy {
  private ComparableBy() {}

  /**
   * The dimensions of a comma-separated list; an empty list is none (every run is comparable).
   *
   * @param list the option's value
   * @param spec the command, for usage errors
   * @return the dimensions' columns
   * @throws ParameterException for an unknown dimension or the status column
   */
  static List<String> dimensions(String list, CommandSpec spec) {
    List<String> dimensions = new ArrayList<>();
    for (String dimension : list.split(",", -1)) {
      if (dimension.isBlank()) {
        continue;
      }
      String name = dimension.strip();
      if (name.equals("status")) {
        throw new ParameterException(
            spec.commandLine(), "--comparable-by cannot use status; failed runs are left out unless --include-failed");
      }
      try {
        dimensions.add(GaoRunModel.MODEL.dimension(name));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "invalid --comparable-by: " + e.getMessage());
      }
    }
    return dimensions;
  }
}

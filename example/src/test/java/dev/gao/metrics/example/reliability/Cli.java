package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process, as a user would from a shell. */
final class Cli {
  private Cli() {}

  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        GaoMetricsCli.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}

package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import dev.gao.metrics.example.RunDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process, with a given standard input, for the export and demo tests. */
final class CliRun {
  private CliRun() {}

  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** Runs with standard input {@code stdin}, which is a terminal when {@code interactive}. */
  static Result run(String stdin, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive);
    int exitCode =
        GaoMetricsCli.commandLine(Map.of(), terminal, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Runs {@code export --db db args...} with empty standard input that is not a terminal. */
  static Result export(Path db, String... args) {
    List<String> full = new ArrayList<>(List.of("export", "--db", db.toString()));
    full.addAll(List.of(args));
    return run(full.toArray(String[]::new));
  }

  /** Runs with empty standard input that is not a terminal, as in a script. */
  static Result run(String... args) {
    return run("", false, args);
  }

  /**
   * Run documents of runs that a collector recorded, not the demo: the demo runs' documents
   * without {@link DemoRuns#MARKER}.
   */
  static String realRunsJsonl(List<CompleteRun> runs) {
    StringBuilder lines = new StringBuilder();
    for (CompleteRun run : runs) {
      ObjectNode doc = RunDocument.write(run);
      ((ObjectNode) doc.get("metadata")).remove(DemoRuns.MARKER);
      lines.append(doc).append('\n');
    }
    return lines.toString();
  }

  /** The permissions of a file as {@code rw-------}. */
  static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

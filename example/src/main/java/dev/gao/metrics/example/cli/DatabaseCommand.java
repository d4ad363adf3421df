package dev.gao.metrics.example.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command that works on one database file shares: {@code --db} and the streams. */
abstract class DatabaseCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @ParentCommand GaoMetricsCli parent;
  @Spec CommandSpec spec;

  /** The database file: {@code --db}, else {@code GAO_METRICS_DB}, else the default file. */
  final Path file() {
    return database.resolve(parent.environment());
  }

  /** Standard output of this command line. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error of this command line. */
  final PrintWriter err() {
    return spec.commandLine().getErr();
  }
}

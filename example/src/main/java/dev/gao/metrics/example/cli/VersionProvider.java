package dev.gao.metrics.example.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version of the jar the command runs from. */
public final class VersionProvider implements IVersionProvider {
  /** Creates the provider; picocli calls this. */
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    String version = GaoMetricsCli.class.getPackage().getImplementationVersion();
    return new String[] {"gao-metrics " + (version == null ? "(development build)" : version)};
  }
}

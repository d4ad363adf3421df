package dev.gao.metrics.example.cli;

import java.io.InputStream;

/**
 * Standard input and whether a person is at it: {@code record} reads documents from it, and
 * {@code delete} asks for confirmation on it only when it is a terminal.
 *
 * @param stdin standard input
 * @param interactive whether standard input and output are a terminal ({@code System.console()}
 *     exists); progress and confirmation questions only appear then
 */
record Terminal(InputStream stdin, boolean interactive) {
  /**
   * The process's own standard input and console.
   *
   * @return the terminal of this process
   */
  static Terminal system() {
    return new Terminal(System.in, System.console() != null);
  }
}

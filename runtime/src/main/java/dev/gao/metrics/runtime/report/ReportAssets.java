package dev.gao.metrics.runtime.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * uPlot's script, stylesheet and MIT license, unpacked from its WebJar into the runtime's
 * resources at build time; read once.
 */
final class ReportAssets {
  /** The uPlot version the build unpacks. */
  static final String UPLOT_VERSION = "1.6.30";

  static final String SCRIPT = read("uplot/uPlot.iife.min.js");
  static final String STYLE = read("uplot/uPlot.min.css");
  static final String LICENSE = read("uplot/LICENSE");

  static {
    // Inlined as they are: they must not end their element or the comment the license sits in.
    if (SCRIPT.contains("</") || STYLE.contains("</") || LICENSE.contains("*/")) {
      throw new IllegalStateException("the bundled uPlot files cannot be inlined as they are");
    }
  }

  private ReportAssets() {}

  private static String read(String name) {
    try (InputStream in = ReportAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the runtime jar lacks " + name + "; it is unpacked from uPlot's WebJar at build time");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

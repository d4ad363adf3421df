package dev.gao.metrics.runtime.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library, recorded in every database it creates. */
public final class LibraryVersion {
  private static final String VERSION = load();

  private LibraryVersion() {}

  /**
   * The version, as the build recorded it.
   *
   * @return the version, or {@code unknown} when the build's record is missing
   */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = LibraryVersion.class.getResourceAsStream("/dev/gao/metrics/runtime/library.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // The version is informational; a database is still usable without it.
    }
    return properties.getProperty("version", "unknown");
  }
}

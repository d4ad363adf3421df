package dev.gao.metrics.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library, recorded in every database it creates. */
final class LibraryVersion {
  private static final String VERSION = load();

  private LibraryVersion() {}

  static String get() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = LibraryVersion.class.getResourceAsStream("library.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // The version is informational; a database is still usable without it.
    }
    return properties.getProperty("version", "unknown");
  }
}

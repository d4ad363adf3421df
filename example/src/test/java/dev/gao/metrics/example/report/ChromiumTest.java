package dev.gao.metrics.example.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without Chromium or chromedriver a browser test is aborted with the reason, or fails when required. */
class ChromiumTest {
  @TempDir Path folder;

  private Path program(String name) throws IOException {
    Path file = Files.writeString(folder.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void aMissingBrowserAbortsTheTestWithTheProgramAndTheFix() throws IOException {
    Path browser = folder.resolve("chromium");
    Path driver = program("chromedriver");
    for (String mode : new String[] {null, "", "yes", "REQUIRED"}) {
      TestAbortedException aborted =
          assertThrows(TestAbortedException.class, () -> Chromium.requirePrograms(browser, driver, mode));
      assertEquals("Chromium (" + browser + ") is missing; the browser report tests need them:"
          + " apt-get install chromium chromium-driver (set GAO_METRICS_BROWSER_TESTS=required to fail instead)",
          aborted.getMessage(), "mode " + mode);
    }
  }

  @Test
  void whenRequiredAMissingProgramFailsTheTest() throws IOException {
    Path browser = program("chromium");
    Path driver = folder.resolve("chromedriver");
    AssertionFailedError failed =
        assertThrows(AssertionFailedError.class, () -> Chromium.requirePrograms(browser, driver, "required"));
    assertEquals("chromedriver (" + driver + ") is missing; the browser report tests need them:"
        + " apt-get install chromium chromium-driver (GAO_METRICS_BROWSER_TESTS=required)", failed.getMessage());

    AssertionFailedError both = assertThrows(AssertionFailedError.class,
        () -> Chromium.requirePrograms(folder.resolve("none"), folder.resolve("neither"), "required"));
    assertEquals("Chromium (" + folder.resolve("none") + ") and chromedriver (" + folder.resolve("neither")
        + ") are missing; the browser report tests need them: apt-get install chromium chromium-driver"
        + " (GAO_METRICS_BROWSER_TESTS=required)", both.getMessage());
  }

  @Test
  void aFileThatCannotBeRunCountsAsMissing() throws IOException {
    Path browser = Files.writeString(folder.resolve("chromium"), "not a program");
    Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rw-------"));
    assertThrows(TestAbortedException.class, () -> Chromium.requirePrograms(browser, program("chromedriver"), null));
  }

  @Test
  void withBothProgramsNothingHappens() throws IOException {
    assertDoesNotThrow(() -> Chromium.requirePrograms(program("chromium"), program("chromedriver"), "required"));
  }
}

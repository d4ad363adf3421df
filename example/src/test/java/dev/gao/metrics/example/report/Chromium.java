package dev.gao.metrics.example.report;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (both given by path, so Selenium
 * Manager never runs), with a fresh profile, a fixed window, and what a page did: its console
 * messages, the URLs it requested, and full-page screenshots under {@code
 * target/report-screenshots}.
 *
 * <p>Without the programs a test is aborted, naming what is missing and how to install it; with
 * {@code GAO_METRICS_BROWSER_TESTS=required} in the environment (as {@code .ci/run} sets) it fails.
 *
 * <p>Selenium logs once that it has no CDP implementation for this Chromium version: none is
 * needed, since the logs and screenshots go through chromedriver's own commands.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final String REQUIRED_VARIABLE = "GAO_METRICS_BROWSER_TESTS";
  static final int WIDTH = 1280;
  static final int HEIGHT = 1600;
  /** {@code example/target/report-screenshots}; Surefire names the module's folder in {@code basedir}. */
  static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "report-screenshots");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final List<LogEntry> console = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * Starts Chromium with its profile in a new folder under {@code folder}; aborts or fails the test
   * as the class comment says when Chromium or chromedriver is missing.
   */
  static Chromium start(Path folder) throws IOException {
    requirePrograms(BROWSER, DRIVER, System.getenv(REQUIRED_VARIABLE));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Without it a screenshot beyond the window leaves out a scrollbar's width of the page.
        "--hide-scrollbars",
        "--lang=en-US",
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--user-data-dir=" + Files.createTempDirectory(folder, "chromium-profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new Chromium(new ChromeDriver(service, options));
  }

  /**
   * Fails (when {@code mode} is {@code required}) or aborts the test when either program is not an
   * executable file, with a message naming it and the Debian packages that bring both.
   */
  static void requirePrograms(Path browser, Path driver, String mode) {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(browser)) {
      missing.add("Chromium (" + browser + ")");
    }
    if (!Files.isExecutable(driver)) {
      missing.add("chromedriver (" + driver + ")");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
        + " missing; the browser report tests need them: apt-get install chromium chromium-driver";
    if ("required".equals(mode)) {
      fail(message + " (" + REQUIRED_VARIABLE + "=required)");
    }
    Assumptions.abort(message + " (set " + REQUIRED_VARIABLE + "=required to fail instead)");
  }

  /** Opens a file, after forgetting what earlier pages logged and requested. */
  void open(Path file) {
    collect();
    console.clear();
    requests.clear();
    driver.get(file.toUri().toString());
  }

  /** The file URL of {@code file} as the browser names it. */
  static String url(Path file) {
    return file.toUri().toString();
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Runs a script in the page and returns what it returns, as Selenium converts it. */
  Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  /** Every console message of the page opened last, so far. */
  List<LogEntry> console() {
    collect();
    return List.copyOf(console);
  }

  /** The URL of every request the page opened last made so far, the page itself first. */
  List<String> requests() {
    collect();
    return List.copyOf(requests);
  }

  /** The URLs of the page's resource timing entries (what it loaded after the document). */
  List<String> resourceUrls() {
    Object urls = script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    List<String> names = new ArrayList<>();
    for (Object url : (List<?>) urls) {
      names.add(String.valueOf(url));
    }
    return names;
  }

  /** Saves the whole page, not only the window, as {@code target/report-screenshots/NAME.png}. */
  Path screenshot(String name) {
    List<?> size = (List<?>) script(
        "var d = document.documentElement; return [d.scrollWidth, d.scrollHeight];");
    double width = ((Number) size.get(0)).doubleValue();
    double height = ((Number) size.get(1)).doubleValue();
    Map<String, Object> shot = driver.executeCdpCommand(
        "Page.captureScreenshot",
        Map.of(
            "format", "png",
            "captureBeyondViewport", true,
            "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Path file = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Moves what chromedriver has logged since the last call into this object's lists. */
  private void collect() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(entry);
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message;
      try {
        message = JSON.readTree(entry.getMessage()).path("message");
      } catch (IOException e) {
        throw new UncheckedIOException("chromedriver wrote a performance entry that is no JSON: " + entry, e);
      }
      if (message.path("method").asText().equals("Network.requestWillBeSent")) {
        requests.add(message.path("params").path("request").path("url").asText());
      }
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}

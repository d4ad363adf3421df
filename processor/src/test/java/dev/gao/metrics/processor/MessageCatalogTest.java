package dev.gao.metrics.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.diag.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic ID is unique, listed in the README's table of compile errors, and reported by at
 * least one test of the processor (by its ID or its enum constant), so that no message goes
 * untested or undocumented.
 */
class MessageCatalogTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  @Test
  void everyIdIsUnique() {
    Set<String> ids = new HashSet<>();
    for (Message message : Message.values()) {
      assertTrue(ids.add(message.id()), "two messages share " + message.id());
      assertTrue(message.id().matches("GM\\d{3}"), message.id());
    }
  }

  @Test
  void everyIdIsInTheReadme() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Set<String> listed = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| (GM\\d{3}(?: / GM\\d{3})*) \\|").matcher(readme);
    while (row.find()) {
      listed.addAll(List.of(row.group(1).split(" / ")));
    }
    Set<String> missing = new TreeSet<>();
    for (Message message : Message.values()) {
      if (!listed.contains(message.id())) {
        missing.add(message.id());
      }
    }
    assertEquals(Set.of(), missing, "IDs missing from the README's table of compile errors");
  }

  @Test
  void everyIdIsReportedByATest() {
    StringBuilder tests = new StringBuilder();
    try (Stream<Path> files = Files.walk(ROOT.resolve("processor/src/test/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (!file.getFileName().toString().equals("MessageCatalogTest.java")) {
          tests.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> untested = new ArrayList<>();
    for (Message message : Message.values()) {
      if (!Pattern.compile("\\b" + message.id() + "\\b").matcher(tests).find()
          && !tests.toString().contains("Message." + message.name())) {
        untested.add(message.id() + " " + message.name());
      }
    }
    assertEquals(List.of(), untested, "messages no test reports");
  }
}

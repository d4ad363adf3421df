package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of the runtime's sources, read from the sources themselves (imports and qualified
 * names): each SQL engine has one home under {@code sql/}, which nothing but the root package (the
 * public API, which chooses the engine) and the engine itself names; no two packages below the root
 * name each other; and the root package holds only public types.
 */
class PackageDependenciesTest {
  private static final String ROOT = "dev.gao.metrics.runtime";
  private static final Path SOURCES = Path.of("src/main/java/dev/gao/metrics/runtime");
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(dev\\.gao\\.metrics\\.runtime(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
  private static final Set<String> ENGINES = Set.of(ROOT + ".sql.sqlite", ROOT + ".sql.postgres");

  /** Package to the packages its sources name. */
  private static final Map<String, Set<String>> USES = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(file);
        String owner = packageOf(text);
        Set<String> used = USES.computeIfAbsent(owner, p -> new TreeSet<>());
        Matcher reference = REFERENCE.matcher(text.replaceFirst("(?m)^package [^;]+;", ""));
        while (reference.find()) {
          if (!reference.group(1).equals(owner)) {
            used.add(reference.group(1));
          }
        }
      }
    }
    assertTrue(USES.size() > 5, "sources read: " + USES.keySet());
  }

  private static String packageOf(String text) {
    Matcher declaration = Pattern.compile("(?m)^package ([\\w.]+);").matcher(text);
    assertTrue(declaration.find());
    return declaration.group(1);
  }

  @Test
  void noTwoPackagesBelowTheRootNameEachOther() {
    List<String> cycles = new ArrayList<>();
    USES.forEach(
        (owner, used) -> {
          for (String other : used) {
            if (!owner.equals(ROOT)
                && !other.equals(ROOT)
                && owner.compareTo(other) < 0
                && USES.getOrDefault(other, Set.of()).contains(owner)) {
              cycles.add(owner + " <-> " + other);
            }
          }
        });
    assertEquals(List.of(), cycles);
  }

  @Test
  void eachEngineIsNamedOnlyByItselfAndTheApiThatChoosesIt() {
    List<String> strays = new ArrayList<>();
    USES.forEach(
        (owner, used) -> {
          for (String engine : ENGINES) {
            if (used.contains(engine) && !owner.equals(ROOT) && !owner.startsWith(engine)) {
              strays.add(owner + " names " + engine);
            }
          }
        });
    assertEquals(List.of(), strays);
  }

  @Test
  void theSeamNamesNoEngine() {
    Set<String> seam = USES.get(ROOT + ".sql");
    for (String engine : ENGINES) {
      assertFalse(seam.contains(engine), "sql names " + engine);
    }
  }

  @Test
  void theRootPackageHoldsOnlyTheApi() throws IOException {
    List<String> internal = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String name = file.getFileName().toString().replace(".java", "");
        if (name.equals("package-info")) {
          continue;
        }
        String text = Files.readString(file);
        if (!Pattern.compile("(?m)^public [a-z ]*(class|interface|record|enum) " + name + "\\b").matcher(text).find()) {
          internal.add(name);
        }
      }
    }
    assertEquals(List.of(), internal, "types of the root package that are not public API");
  }
}

package dev.gao.metrics.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Test sources and compilations. */
final class Sources {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  private Sources() {}

  /** A source file of the given qualified type name, its lines joined with newlines. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceString(qualifiedName, String.join("\n", lines) + "\n");
  }

  /** A source in package {@code p} with the model annotations and common JDK types imported. */
  static JavaFileObject java(String simpleName, String... lines) {
    String header =
        "package p;\n\nimport dev.gao.metrics.annotations.*;\nimport java.math.BigDecimal;\n"
            + "import java.time.*;\nimport java.util.*;\n\n";
    return JavaFileObjects.forSourceString("p." + simpleName, header + String.join("\n", lines) + "\n");
  }

  /** The representative input under {@code golden/input}. */
  static List<JavaFileObject> goldenInput() {
    Path root = GOLDEN.resolve("input");
    List<JavaFileObject> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String name = root.relativize(path).toString().replace('/', '.').replaceAll("\\.java$", "");
        files.add(JavaFileObjects.forSourceString(name, Files.readString(path, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Compiles with the processor. */
  static Compilation compile(List<JavaFileObject> files, String... options) {
    return Compiler.javac().withProcessors(new MetricsProcessor()).withOptions((Object[]) options).compile(files);
  }

  /** Compiles with the processor. */
  static Compilation compile(JavaFileObject... files) {
    return compile(List.of(files));
  }

  /** The text of a generated source file. */
  static String generated(Compilation compilation, String qualifiedName) {
    try {
      return compilation
          .generatedSourceFile(qualifiedName)
          .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName))
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

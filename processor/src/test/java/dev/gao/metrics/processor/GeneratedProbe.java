package dev.gao.metrics.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Runs only annotation processing and lists the generated sources, even when errors are reported. */
final class GeneratedProbe {
  private GeneratedProbe() {}

  static Set<String> generated(List<String> options, JavaFileObject... files) {
    Path out = null;
    try {
      out = Files.createTempDirectory("gao-probe");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, null)) {
        List<String> all =
            Stream.concat(Stream.of("-proc:only", "-s", out.toString(), "-d", out.toString()), options.stream())
                .toList();
        JavaCompiler.CompilationTask task = javac.getTask(null, manager, d -> {}, all, null, List.of(files));
        task.setProcessors(List.of(new MetricsProcessor()));
        task.call();
      }
      Path root = out;
      Set<String> names = new TreeSet<>();
      try (Stream<Path> paths = Files.walk(root)) {
        paths
            .filter(p -> p.toString().endsWith(".java"))
            .forEach(p -> names.add(root.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", "")));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(out);
    }
  }

  /** Deletes the probe's folder with everything in it. */
  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

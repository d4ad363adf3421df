package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas that list tables compiled earlier, found on the class path. */
class LibraryTablesTest {
  /** Compiles {@code source} into {@code folder}, as a library would ship it; the class path to use it. */
  private static List<File> library(Path folder, Compiler compiler, JavaFileObject source) throws IOException {
    Compilation compiled = compiler.compile(source);
    assertThat(compiled).succeeded();
    for (JavaFileObject file : compiled.generatedFiles()) {
      Path target = folder.resolve(file.getName().replaceFirst("^/CLASS_OUTPUT/", ""));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.write(target, in.readAllBytes());
      }
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(folder.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return classpath;
  }

  @Test
  void schemaListingABrokenLibraryTableSaysSo(@TempDir Path folder) throws IOException {
    JavaFileObject table = Sources.java("Old", "@MetricsTable", "public record Old(String id) {}");
    JavaFileObject db =
        Sources.source(
            "q.Db",
            "package q;",
            "import dev.gao.metrics.annotations.MetricsSchema;",
            "@MetricsSchema(version = 1,",
            "    tables = p.Old.class)",
            "interface Db {}");
    Compilation c =
        Compiler.javac()
            .withProcessors(new MetricsProcessor())
            .withClasspath(library(folder, Compiler.javac().withOptions("-proc:none"), table))
            .compile(db);
    assertThat(c).hadErrorContaining("[GM129] schema Db is not generated: table p.Old has errors")
        .inFile(db)
        .onLineContaining("tables = p.Old.class");
  }

  @Test
  void schemaListingALibraryTableUsesItsDao(@TempDir Path folder) throws IOException {
    JavaFileObject table = Sources.java("Old", "@MetricsTable", "public record Old(@PrimaryKey String id) {}");
    JavaFileObject db =
        Sources.source(
            "q.Db",
            "package q;",
            "import dev.gao.metrics.annotations.MetricsSchema;",
            "@MetricsSchema(version = 1, tables = p.Old.class)",
            "interface Db {}");
    Compilation c =
        Compiler.javac()
            .withProcessors(new MetricsProcessor())
            .withClasspath(
                library(
                    folder,
                    Compiler.javac()
                        .withProcessors(new MetricsProcessor())
                        .withOptions("-Agaometrics.requireSchema=false"),
                    table))
            .compile(db);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("q.DbSchema").contentsAsUtf8String().contains("List.of(\n          OldDao.TABLE));");
  }
}

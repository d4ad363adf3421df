package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the generated sources of the representative input with the files under
 * {@code golden/expected}. Run with {@code -Dgolden.update=true} to rewrite them.
 */
class GoldenFilesTest {
  static final List<String> GENERATED =
      List.of("test.metrics.RunDao", "test.metrics.SampleDao", "test.metrics.TagDao", "test.metrics.QualityDao", "test.metrics.ShopSchema",
          "test.metrics.ShopQueriesImpl");

  @Test
  void generatedSourcesMatchGoldenFiles() throws IOException {
    Compilation compilation = Sources.compile(Sources.goldenInput());
    boolean update = Boolean.getBoolean("golden.update");
    for (String name : GENERATED) {
      String actual = Sources.generated(compilation, name);
      Path expected = Sources.GOLDEN.resolve("expected").resolve(name.replace('.', '/') + ".java");
      if (update) {
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, name);
    }
  }

  @Test
  void generatedCodeCompilesWithoutWarnings() {
    Compilation compilation = Sources.compile(Sources.goldenInput(), "-Xlint:all", "-Werror");
    assertThat(compilation).succeededWithoutWarnings();
  }
}

package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Compiling the same input twice, even in another order, gives byte-identical sources. */
class DeterminismTest {
  private static Map<String, String> sources(Compilation compilation) {
    assertThat(compilation).succeeded();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      try {
        files.put(file.getName(), file.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  @Test
  void generatedSourcesAreByteIdentical() {
    List<JavaFileObject> input = Sources.goldenInput();
    Map<String, String> first = sources(Sources.compile(input));
    List<JavaFileObject> reversed = new ArrayList<>(input);
    Collections.reverse(reversed);
    Map<String, String> second = sources(Sources.compile(reversed));
    assertEquals(first.keySet(), second.keySet());
    assertEquals(GoldenFilesTest.GENERATED.size(), first.size());
    assertEquals(first, second);
  }
}

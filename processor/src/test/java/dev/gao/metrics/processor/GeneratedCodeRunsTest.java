package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated DAOs of the representative input, driven against a real SQLite file. */
class GeneratedCodeRunsTest {
  @Test
  void everyDaoMethodWorksAgainstSqlite(@TempDir Path folder) throws Throwable {
    List<JavaFileObject> input = new ArrayList<>(Sources.goldenInput());
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.Scenario",
            Files.readString(Path.of("src/test/resources/scenario/test/metrics/Scenario.java"), StandardCharsets.UTF_8)));
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.QueriesScenario",
            Files.readString(
                Path.of("src/test/resources/scenario/test/metrics/QueriesScenario.java"), StandardCharsets.UTF_8)));
    input.add(
        JavaFileObjects.forSourceString(
            "test.metrics.MetricScenario",
            Files.readString(Path.of("src/test/resources/scenario/test/metrics/MetricScenario.java"), StandardCharsets.UTF_8)));
    Compilation compilation = Sources.compile(input);
    assertThat(compilation).succeeded();
    CompiledClasses classes = new CompiledClasses(compilation);
    try {
      classes.loadClass("test.metrics.QueriesScenario").getMethod("run", Path.class).invoke(null, folder.resolve("queries.db"));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    try {
      classes.loadClass("test.metrics.MetricScenario").getMethod("run", Path.class).invoke(null, folder.resolve("metric.db"));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    Class<?> scenario = classes.loadClass("test.metrics.Scenario");
    try {
      scenario.getMethod("run", Path.class).invoke(null, folder.resolve("shop.db"));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

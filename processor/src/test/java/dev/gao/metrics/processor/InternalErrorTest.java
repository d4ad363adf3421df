package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A failure inside the processor becomes a [GM100] error instead of crashing javac. */
class InternalErrorTest {
  /** Runs the processor with a round that fails when asked for its elements. */
  static final class FailingRounds extends AbstractProcessor {
    private final MetricsProcessor delegate = new MetricsProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(env);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      RoundEnvironment failing =
          (RoundEnvironment)
              Proxy.newProxyInstance(
                  RoundEnvironment.class.getClassLoader(),
                  new Class<?>[] {RoundEnvironment.class},
                  (proxy, method, args) -> {
                    throw new IllegalStateException("broken round");
                  });
      return delegate.process(annotations, failing);
    }
  }

  @Test
  void exceptionsAreReportedAsInternalErrors() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id) {}");
    Compilation c = Compiler.javac().withProcessors(new FailingRounds()).compile(t);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[GM100] internal error while processing the round: java.lang.IllegalStateException: broken round");
  }
}

package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Tables and schemas that refer to classes generated later wait for the round that has them. */
class RoundsTest {
  /** Generates {@code p.Extra}, a record, in the first round. */
  static final class ExtraGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.gao.metrics.annotations.MetricsTable");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      if (!done) {
        done = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("p.Extra").openWriter()) {
          writer.write("package p;\npublic record Extra(String a, long b) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void tableUsingAClassGeneratedInTheSameRoundIsDeferred() throws IOException {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(@PrimaryKey String id, @Json Extra extra,",
            "    @ForeignKey(table = U.class) String uId) {}");
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(version = 1, tables = {U.class, T.class})", "interface Db {}");
    JavaFileObject u = Sources.java("U", "@MetricsTable", "public record U(@PrimaryKey String id, @Json Extra more) {}");
    Compilation c =
        Compiler.javac().withProcessors(new ExtraGenerator(), new MetricsProcessor()).compile(t, u, db);
    assertThat(c).succeeded();
    String dao = Sources.generated(c, "p.TDao");
    assertTrue(dao.contains("JsonType<Extra> EXTRA_JSON"), dao);
    assertTrue(Sources.generated(c, "p.DbSchema").contains("UDao.TABLE"));
  }

  @Test
  void nestedTablesGetJoinedNames() {
    JavaFileObject outer =
        Sources.java(
            "Outer",
            "public class Outer {",
            "  @MetricsTable",
            "  public record Inner(@PrimaryKey(autoGenerate = true) Long id, @Nullable Integer n) {}",
            "  @MetricsSchema(version = 1, tables = Inner.class)",
            "  interface Db {}",
            "}");
    Compilation c = Sources.compile(outer);
    assertThat(c).succeeded();
    String dao = Sources.generated(c, "p.Outer_InnerDao");
    assertTrue(dao.contains("public final class Outer_InnerDao extends TableDao<Outer.Inner>"), dao);
    assertTrue(dao.contains("values().setGeneratedKeyObject(statement, 1, row.id(), COL_ID)"), dao);
    assertTrue(dao.contains("values().getLongObject(resultSet, 1, COL_ID)"), dao);
    assertTrue(Sources.generated(c, "p.Outer_DbSchema").contains("Outer_InnerDao.TABLE"));
  }

  @Test
  void packagePrivateTableGetsPackagePrivateDao() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "record T(@PrimaryKey String id, String statement) {}");
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(version = 1, tables = T.class)", "interface Db {}");
    Compilation c = Sources.compile(t, db);
    assertThat(c).succeeded();
    String dao = Sources.generated(c, "p.TDao");
    assertTrue(dao.contains("\nfinal class TDao extends TableDao<T>"), dao);
    assertTrue(dao.contains("return findOneByKey(id);"), dao);
    assertTrue(dao.contains("values().setText(statement, 2, row.statement(), COL_STATEMENT);"), dao);
  }

  @Test
  void jsonTypesKeepGenericArgumentsAndDropTypeAnnotations() {
    JavaFileObject use =
        Sources.source(
            "p.Use",
            "package p;",
            "import java.lang.annotation.*;",
            "@Target(ElementType.TYPE_USE) @interface Nullable {}");
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(@PrimaryKey String id,",
            "    @Json Map<String, @p.Nullable List<? extends Number>> values) {}");
    Compilation c = Sources.compile(List.of(use, t), "-Agaometrics.requireSchema=false");
    assertThat(c).succeeded();
    String dao = Sources.generated(c, "p.TDao");
    assertTrue(
        dao.contains("JsonType<Map<String, List<? extends Number>>> VALUES_JSON = JsonType.ofField(T.class, \"values\");"),
        dao);
    assertTrue(dao.contains("\"java.util.Map<java.lang.String, java.util.List<? extends java.lang.Number>>\", true"), dao);
  }
}

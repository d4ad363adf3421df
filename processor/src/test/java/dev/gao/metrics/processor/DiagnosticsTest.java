package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: its ID, the line it points at, and that nothing is generated for the type. */
class DiagnosticsTest {
  private static final String NO_SCHEMA = "-Agaometrics.requireSchema=false";

  private static Compilation compileTables(JavaFileObject... files) {
    return Sources.compile(List.of(files), NO_SCHEMA);
  }

  private static void assertError(Compilation compilation, String id, JavaFileObject file, String line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(file).onLineContaining(line);
  }

  private static void assertGenerated(Set<String> expected, List<String> options, JavaFileObject... files) {
    assertEquals(expected, GeneratedProbe.generated(options, files));
  }

  @Test
  void noPrimaryKey() {
    JavaFileObject t = Sources.java("T", "@MetricsTable(name = \"t\")", "public record T(String a) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM101", t, "@MetricsTable(name = \"t\")");
    assertThat(c).hadErrorContaining("table t has no primary key");
    JavaFileObject ok = Sources.java("Ok", "@MetricsTable", "public record Ok(@PrimaryKey String id) {}");
    assertGenerated(Set.of("p.OkDao"), List.of(NO_SCHEMA), t, ok);
  }

  @Test
  void twoPrimaryKeyAnnotations() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable", "public record T(", "  @PrimaryKey String a,", "  @PrimaryKey String b) {}");
    assertError(compileTables(t), "GM102", t, "@PrimaryKey String b");
  }

  @Test
  void primaryKeyAnnotationAndList() {
    JavaFileObject t =
        Sources.java(
            "T", "@MetricsTable(", "    primaryKey = {\"a\", \"b\"})", "public record T(@PrimaryKey String a, String b) {}");
    assertError(compileTables(t), "GM102", t, "primaryKey = {\"a\", \"b\"}");
  }

  @Test
  void autoGenerateOnText() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable", "public record T(", "  @PrimaryKey(autoGenerate = true) String id) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM103", t, "autoGenerate = true");
    assertThat(c).hadErrorContaining("but id is java.lang.String");
  }

  @Test
  void unsupportedTypeSuggestsJson() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable", "public record T(", "  @PrimaryKey String id,", "  List<String> tags) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM104", t, "List<String> tags");
    assertThat(c).hadErrorContaining("annotate it with @Json");
  }

  @Test
  void jsonOnPrimitive() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable", "public record T(", "  @PrimaryKey String id,", "  @Json int count) {}");
    assertError(compileTables(t), "GM105", t, "@Json int count");
  }

  @Test
  void foreignKeyToNonTable() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = String.class) String other) {}");
    assertError(compileTables(t), "GM106", t, "@ForeignKey(table = String.class)");
  }

  @Test
  void foreignKeyTypeMismatchNamesBothTypes() {
    JavaFileObject parent =
        Sources.java("Parent", "@MetricsTable", "public record Parent(@PrimaryKey(autoGenerate = true) long id) {}");
    JavaFileObject child =
        Sources.java(
            "Child",
            "@MetricsTable",
            "public record Child(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = Parent.class) String parentId) {}");
    Compilation c = compileTables(parent, child);
    assertError(c, "GM107", child, "String parentId");
    assertThat(c).hadErrorContaining("column parent_id has type java.lang.String, but the key it references, parent.id, has type long");
    assertGenerated(Set.of("p.ParentDao"), List.of(NO_SCHEMA), parent, child);
  }

  @Test
  void foreignKeyToCompositeKey() {
    JavaFileObject parent =
        Sources.java(
            "Parent", "@MetricsTable(primaryKey = {\"a\", \"b\"})", "public record Parent(String a, String b) {}");
    JavaFileObject child =
        Sources.java(
            "Child",
            "@MetricsTable",
            "public record Child(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = Parent.class) String a) {}");
    assertError(compileTables(parent, child), "GM108", child, "@ForeignKey(table = Parent.class)");
  }

  @Test
  void duplicateTableNameInSchema() {
    JavaFileObject a = Sources.java("A", "@MetricsTable(name = \"same\")", "public record A(@PrimaryKey String id) {}");
    JavaFileObject b = Sources.java("B", "@MetricsTable(name = \"same\")", "public record B(@PrimaryKey String id) {}");
    JavaFileObject db =
        Sources.java("Db", "@MetricsSchema(version = 1, tables = {A.class,", "    B.class})", "interface Db {}");
    Compilation c = Sources.compile(a, b, db);
    assertError(c, "GM109", b, "@MetricsTable(name = \"same\")");
    assertError(c, "GM109", db, "B.class");
    assertGenerated(Set.of("p.ADao"), List.of(), a, b, db);
  }

  @Test
  void duplicateColumnName() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Column(name = \"x\") String first,",
            "  @Column(name = \"X\") String second) {}");
    assertError(compileTables(t), "GM110", t, "String second");
  }

  @Test
  void indexNamingMissingColumnListsColumns() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(indexes = @Index(",
            "    columns = \"nope\"))",
            "public record T(@PrimaryKey String id, String projectName) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM111", t, "columns = \"nope\"");
    assertThat(c).hadErrorContaining("names column nope, which table t does not have; its columns are: id, project_name");
  }

  @Test
  void primaryKeyListNamingMissingColumn() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable(", "    primaryKey = \"nope\")", "public record T(String id) {}");
    assertError(compileTables(t), "GM112", t, "primaryKey = \"nope\"");
  }

  @Test
  void privateNestedTable() {
    JavaFileObject t =
        Sources.java(
            "Outer",
            "public class Outer {",
            "  @MetricsTable",
            "  private record Hidden(@PrimaryKey String id) {}",
            "}");
    assertError(compileTables(t), "GM113", t, "@MetricsTable");
  }

  @Test
  void innerClassTable() {
    JavaFileObject t =
        Sources.java(
            "Outer",
            "public class Outer {",
            "  @MetricsTable",
            "  public class Inner {",
            "    @PrimaryKey final String id;",
            "    public Inner(String id) { this.id = id; }",
            "  }",
            "}");
    Compilation c = compileTables(t);
    assertError(c, "GM113", t, "@MetricsTable");
    assertThat(c).hadErrorContaining("inner (non-static) class");
  }

  @Test
  void tableOnInterface() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public interface T {}");
    assertError(compileTables(t), "GM114", t, "@MetricsTable");
  }

  @Test
  void classWithoutCanonicalConstructor() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public class T {",
            "  @PrimaryKey final String id;",
            "  final int count;",
            "  public T(String id) { this.id = id; this.count = 0; }",
            "}");
    Compilation c = compileTables(t);
    assertError(c, "GM115", t, "public class T {");
    assertThat(c).hadErrorContaining("(java.lang.String id, int count)");
  }

  @Test
  void classFieldWithoutAccessor() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public class T {",
            "  @PrimaryKey final String id;",
            "  private final boolean secret;",
            "  public T(String id, boolean secret) { this.id = id; this.secret = secret; }",
            "}");
    Compilation c = compileTables(t);
    assertError(c, "GM116", t, "private final boolean secret;");
    assertThat(c).hadErrorContaining("isSecret() or secret()");
  }

  @Test
  void tableNotListedBySchema() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id) {}");
    Compilation c = Sources.compile(t);
    assertError(c, "GM117", t, "@MetricsTable");
  }

  @Test
  void requireSchemaOptionSilencesUnlistedTables() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id) {}");
    Compilation c = Sources.compile(List.of(t), NO_SCHEMA);
    assertFalse(c.errors().stream().anyMatch(d -> d.getMessage(null).contains("[GM117]")));
    assertTrue(c.generatedSourceFile("p.TDao").isPresent() || !c.errors().isEmpty());
  }

  @Test
  void schemaVersionBelowOne() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id) {}");
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(tables = T.class,", "    version = 0)", "interface Db {}");
    assertError(Sources.compile(t, db), "GM118", db, "version = 0");
  }

  @Test
  void schemaListingNonTable() {
    JavaFileObject db =
        Sources.java("Db", "@MetricsSchema(version = 1,", "    tables = String.class)", "interface Db {}");
    assertError(Sources.compile(db), "GM119", db, "tables = String.class");
  }

  @Test
  void generatedNameClash() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id) {}");
    JavaFileObject dao = Sources.java("TDao", "class TDao {}");
    assertError(compileTables(t, dao), "GM120", t, "public record T(");
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(version = 1, tables = T.class)", "interface Db {}");
    assertGenerated(Set.of(), List.of(), t, dao, db);
  }

  @Test
  void invalidIdentifier() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable(name = \"bad name\")", "public record T(@PrimaryKey String id) {}");
    assertError(compileTables(t), "GM121", t, "bad name");
  }

  @Test
  void duplicateIndexNameInTable() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(indexes = {@Index(name = \"i\", columns = \"a\"), @Index(name = \"i\", columns = \"b\")})",
            "public record T(@PrimaryKey String id, String a, String b) {}");
    assertError(compileTables(t), "GM122", t, "@MetricsTable(indexes");
  }

  @Test
  void duplicateIndexNameInSchema() {
    JavaFileObject a =
        Sources.java("A", "@MetricsTable(indexes = @Index(name = \"i\", columns = \"x\"))", "public record A(@PrimaryKey String id, String x) {}");
    JavaFileObject b =
        Sources.java("B", "@MetricsTable(indexes = @Index(name = \"i\", columns = \"x\"))", "public record B(@PrimaryKey String id, String x) {}");
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(version = 1, tables = {A.class,", "    B.class})", "interface Db {}");
    assertError(Sources.compile(a, b, db), "GM122", db, "B.class");
  }

  @Test
  void unresolvedTypeReportedInLastRound() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id, Missing missing) {}");
    Compilation c = compileTables(t);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[GM123] p.T refers to types that could not be resolved: Missing");
  }

  @Test
  void genericTable() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T<X>(@PrimaryKey String id) {}");
    assertError(compileTables(t), "GM124", t, "@MetricsTable");
  }

  @Test
  void indexWithRepeatedColumn() {
    JavaFileObject t =
        Sources.java(
            "T", "@MetricsTable(indexes = @Index(", "    columns = {\"a\", \"a\"}))", "public record T(@PrimaryKey String id, String a) {}");
    assertError(compileTables(t), "GM125", t, "columns = {\"a\", \"a\"}");
  }

  @Test
  void schemaWithoutTables() {
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(version = 1, tables = {})", "interface Db {}");
    assertError(Sources.compile(db), "GM126", db, "@MetricsSchema");
  }

  /**
   * A package-private table listed by a schema in another package: javac refuses the class literal
   * itself, before the processor could say anything of its own (the former GM128 could never be
   * reported, and is retired).
   */
  @Test
  void aPackagePrivateTableOfAnotherPackage() {
    JavaFileObject hidden =
        Sources.source(
            "q.Hidden",
            "package q;",
            "import dev.gao.metrics.annotations.*;",
            "@MetricsTable",
            "record Hidden(@PrimaryKey String id) {}");
    JavaFileObject db = Sources.java("Db", "@MetricsSchema(version = 1, tables = q.Hidden.class)", "interface Db {}");
    Compilation c = Sources.compile(hidden, db);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("q.Hidden is not public in q; cannot be accessed from outside package")
        .inFile(db)
        .onLineContaining("@MetricsSchema");
  }

  @Test
  void columnTypeNotAccessible() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(@PrimaryKey String id,",
            "    Hidden hidden) {",
            "  private enum Hidden { A }",
            "}");
    assertError(compileTables(t), "GM127", t, "Hidden hidden");
  }

  @Test
  void foreignKeyTargetWithErrors() {
    JavaFileObject parent = Sources.java("Parent", "@MetricsTable", "public record Parent(String id) {}");
    JavaFileObject child =
        Sources.java(
            "Child",
            "@MetricsTable",
            "public record Child(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = Parent.class) String parentId) {}");
    Compilation c = compileTables(parent, child);
    assertError(c, "GM130", child, "@ForeignKey(table = Parent.class)");
    assertError(c, "GM101", parent, "@MetricsTable");
  }

  @Test
  void foreignKeyTargetNotInSchema() {
    JavaFileObject parent = Sources.java("Parent", "@MetricsTable", "public record Parent(@PrimaryKey String id) {}");
    JavaFileObject child =
        Sources.java(
            "Child",
            "@MetricsTable",
            "public record Child(@PrimaryKey String id, @ForeignKey(table = Parent.class) String parentId) {}");
    JavaFileObject db =
        Sources.java("Db", "@MetricsSchema(version = 1,", "    tables = Child.class)", "interface Db {}");
    JavaFileObject other =
        Sources.java("Other", "@MetricsSchema(version = 1, tables = Parent.class)", "interface Other {}");
    assertError(Sources.compile(parent, child, db, other), "GM131", db, "tables = Child.class");
  }

  @Test
  void schemaListingTableTwice() {
    JavaFileObject t = Sources.java("T", "@MetricsTable", "public record T(@PrimaryKey String id) {}");
    JavaFileObject db =
        Sources.java("Db", "@MetricsSchema(version = 1, tables = {T.class,", "    T.class})", "interface Db {}");
    assertError(Sources.compile(t, db), "GM132", db, "    T.class})");
  }

  @Test
  void foreignKeyToPrimitiveClass() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = int.class) int other) {}");
    assertError(compileTables(t), "GM106", t, "@ForeignKey(table = int.class)");
  }

  @Test
  void setNullOnNotNullColumn() {
    JavaFileObject parent = Sources.java("Parent", "@MetricsTable", "public record Parent(@PrimaryKey String id) {}");
    JavaFileObject child =
        Sources.java(
            "Child",
            "@MetricsTable",
            "public record Child(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = Parent.class,",
            "      onDelete = ForeignKey.Action.SET_NULL) String parentId) {}");
    assertError(compileTables(parent, child), "GM133", child, "onDelete = ForeignKey.Action.SET_NULL");
  }

  @Test
  void duplicateTableNameInCompilation() {
    JavaFileObject a = Sources.java("A", "@MetricsTable(name = \"same\")", "public record A(@PrimaryKey String id) {}");
    JavaFileObject b = Sources.java("B", "@MetricsTable(name = \"same\")", "public record B(@PrimaryKey String id) {}");
    Compilation c = compileTables(a, b);
    assertError(c, "GM109", b, "@MetricsTable(name = \"same\")");
    assertThat(c).hadErrorContaining("table name same is used by both p.A and p.B");
  }

  @Test
  void packagePrivateTableInSchemaOfAnotherPackage() {
    JavaFileObject t =
        Sources.source(
            "q.T",
            "package q;",
            "import dev.gao.metrics.annotations.*;",
            "@MetricsTable",
            "record T(@PrimaryKey String id) {",
            "  public static final Class<?> TYPE = T.class;",
            "}");
    JavaFileObject db =
        Sources.source(
            "r.Db",
            "package r;",
            "import dev.gao.metrics.annotations.*;",
            "@MetricsSchema(version = 1,",
            "    tables = q.T.class)",
            "interface Db {}");
    Compilation c = Sources.compile(t, db);
    // javac itself refuses the class literal; the schema then stays unresolved and is not generated.
    assertThat(c).hadErrorContaining("q.T is not public in q").inFile(db).onLineContaining("tables = q.T.class");
    assertThat(c).hadErrorContaining("[GM123] r.Db").inFile(db).onLineContaining("interface Db");
  }

  @Test
  void defaultOnAutoGeneratedKey() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey(autoGenerate = true) @Column(defaultValue = \"1\") long id) {}");
    assertError(compileTables(t), "GM134", t, "defaultValue = \"1\"");
  }

  @Test
  void reservedTableName() {
    JavaFileObject t =
        Sources.java("T", "@MetricsTable(name = \"sqlite_stat\")", "public record T(@PrimaryKey String id) {}");
    assertError(compileTables(t), "GM121", t, "sqlite_stat");
  }

  @Test
  void manyProblemsReportedInOnePass() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(indexes = @Index(columns = \"nope\"))",
            "public record T(",
            "  Object first,",
            "  @Json long second) {}");
    Compilation c = compileTables(t);
    assertThat(c).hadErrorContaining("[GM101]");
    assertThat(c).hadErrorContaining("[GM104]");
    assertThat(c).hadErrorContaining("[GM105]");
    assertThat(c).hadErrorContaining("[GM111]");
  }

  @Test
  void metricOnANonNumericColumn() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Metric(unit = \"s\") String duration,",
            "  @Metric @Json List<Long> samples,",
            "  @Metric(min = 0) BigDecimal cost,",
            "  @Metric(max = 9) byte tiny) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM162", t, "@Metric(unit = \"s\") String duration");
    assertError(c, "GM162", t, "@Metric @Json List<Long> samples");
    assertThat(c).hadErrorContaining("but duration is java.lang.String");
    assertEquals(2, c.errors().stream().filter(d -> d.getMessage(null).contains("[GM162]")).count());
  }

  @Test
  void metricWithInvalidRange() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Metric(min = 100,",
            "      max = 0) double inverted,",
            "  @Metric(max = Double.NaN) double notANumber,",
            "  @Metric(min = 5, max = 5) double single) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM163", t, "@Metric(min = 100,");
    assertError(c, "GM163", t, "@Metric(max = Double.NaN)");
    assertThat(c).hadErrorContaining("min must not exceed max");
    assertThat(c).hadErrorContaining("a bound cannot be NaN");
    assertEquals(2, c.errors().stream().filter(d -> d.getMessage(null).contains("[GM163]")).count());
    JavaFileObject ok =
        Sources.java("Ok", "@MetricsTable", "public record Ok(@PrimaryKey String id, @Metric(min = 5, max = 5) int x) {}");
    assertGenerated(Set.of("p.OkDao"), List.of(NO_SCHEMA), t, ok);
  }

  @Test
  void metricOnAJsonValueThatIsNotAMapFromStringToNumbers() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Metric @Json List<Integer> list,",
            "  @Metric @Json Map<String, String> words,",
            "  @Metric @Json Map<Integer, Long> byNumber,",
            "  @SuppressWarnings(\"rawtypes\") @Metric @Json Map raw,",
            "  @Metric @Json long[] array,",
            "  @Metric @Json SortedMap<String, Long> sorted,",
            "  @Metric @Json LinkedHashMap<String, BigDecimal> linked,",
            "  @Metric @Json TreeMap<String, Number> tree,",
            "  @Metric @Json Map<String, Byte> bytes,",
            "  @Metric @Json Map<String, Short> shorts,",
            "  @Metric @Json Map<String, Integer> ints,",
            "  @Metric @Json Map<String, Float> floats,",
            "  @Metric @Json Map<String, Double> doubles) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM162", t, "@Metric @Json List<Integer> list");
    assertError(c, "GM162", t, "@Metric @Json Map<String, String> words");
    assertError(c, "GM162", t, "@Metric @Json Map<Integer, Long> byNumber");
    assertError(c, "GM162", t, "@Metric @Json Map raw");
    assertError(c, "GM162", t, "@Metric @Json long[] array");
    assertThat(c).hadErrorContaining("but words is java.util.Map<java.lang.String,java.lang.String>");
    assertThat(c).hadErrorContaining("and on @Json maps from String to numbers");
    assertEquals(5, c.errors().stream().filter(d -> d.getMessage(null).contains("[GM162]")).count());
  }

  @Test
  void metricWithARangeOnAJsonMap() {
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Metric(unit = \"s\",",
            "      min = 0) @Json Map<String, Double> phaseTimes,",
            "  @Metric(unit = \"tokens\", better = Metric.Better.LOWER,",
            "      max = 1e6) @Json Map<String, Long> tokens,",
            "  @Metric(unit = \"%\") @Json Map<String, Double> shares) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM164", t, "min = 0) @Json Map<String, Double> phaseTimes");
    assertError(c, "GM164", t, "max = 1e6) @Json Map<String, Long> tokens");
    assertThat(c).hadErrorContaining("@Metric of phaseTimes sets min = 0.0, but a range cannot be enforced");
    assertThat(c).hadErrorContaining("remove min and max");
    assertEquals(2, c.errors().stream().filter(d -> d.getMessage(null).contains("[GM164]")).count());
    assertEquals(2, c.errors().size());
    JavaFileObject ok =
        Sources.java(
            "Ok",
            "@MetricsTable",
            "public record Ok(@PrimaryKey String id, @Metric(unit = \"%\") @Json Map<String, Double> shares) {}");
    assertGenerated(Set.of("p.OkDao"), List.of(NO_SCHEMA), t, ok);
  }

  private static long count(Compilation compilation, String id) {
    return compilation.errors().stream().filter(d -> d.getMessage(null).contains("[" + id + "]")).count();
  }

  @Test
  void tableNameLongerThanPostgresKeeps() {
    String name = "t".repeat(64);
    JavaFileObject t = Sources.java("T", "@MetricsTable(name = \"" + name + "\")", "public record T(@PrimaryKey String id) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM169", t, name);
    assertThat(c).hadErrorContaining("table name " + name + " is 64 bytes long in UTF-8, but PostgreSQL keeps only the first 63");
    assertEquals(1, count(c, "GM169"), "the names made from it are not reported again");
  }

  @Test
  void primaryKeyConstraintNameLongerThanPostgresKeeps() {
    String name = "t".repeat(59);
    JavaFileObject t = Sources.java("T", "@MetricsTable(name = \"" + name + "\")", "public record T(@PrimaryKey String id) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM169", t, name);
    assertThat(c).hadErrorContaining("primary-key constraint name " + name + "_pkey is 64 bytes long");
    assertThat(c).hadErrorContaining("it is made from the table name");
    String fits = "t".repeat(58);
    JavaFileObject ok = Sources.java("Ok", "@MetricsTable(name = \"" + fits + "\")", "public record Ok(@PrimaryKey String id) {}");
    assertGenerated(Set.of("p.OkDao"), List.of(NO_SCHEMA), ok);
  }

  @Test
  void columnNamesLongerThanPostgresKeeps() {
    String written = "c".repeat(64);
    String component = "a".repeat(64);
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Column(name = \"" + written + "\") String named,",
            "  String " + component + ") {}");
    Compilation c = compileTables(t);
    assertError(c, "GM169", t, written);
    assertError(c, "GM169", t, "String " + component);
    assertThat(c).hadErrorContaining("column name " + written + " is 64 bytes long");
    assertEquals(2, count(c, "GM169"));
  }

  @Test
  void indexNamesLongerThanPostgresKeeps() {
    String written = "i".repeat(64);
    String column = "c".repeat(58);
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(name = \"t\", indexes = {",
            "    @Index(name = \"" + written + "\", columns = \"a\"),",
            "    @Index(columns = \"" + column + "\")})",
            "public record T(@PrimaryKey String id, String a, String " + column + ") {}");
    Compilation c = compileTables(t);
    assertError(c, "GM169", t, "@Index(name = \"" + written);
    assertError(c, "GM169", t, "@Index(columns = \"" + column);
    assertThat(c).hadErrorContaining("index name idx_t_" + column + " is 64 bytes long");
    assertThat(c).hadErrorContaining("give the index a name with @Index(name = ...)");
  }

  @Test
  void rangeConstraintNameLongerThanPostgresKeeps() {
    String column = "c".repeat(59);
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(name = \"t\")",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @Metric(min = 0) double " + column + ",",
            "  @Metric(unit = \"s\") double " + column.substring(1) + "x) {}");
    Compilation c = compileTables(t);
    assertError(c, "GM169", t, "@Metric(min = 0)");
    assertThat(c).hadErrorContaining("range constraint name ck_t_" + column + " is 64 bytes long");
    assertThat(c).hadErrorContaining("it is made from the table and column names: shorten either");
    assertEquals(1, count(c, "GM169"), "a metric without a range has no constraint");
  }

  @Test
  void enumCheckNameLongerThanPostgresKeeps() {
    String column = "e".repeat(59);
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(name = \"t\")",
            "public record T(",
            "  @PrimaryKey String id,",
            "  Kind " + column + ",",
            "  None " + column.substring(1) + "x) {",
            "  public enum Kind { A, B }",
            "  public enum None {}",
            "}");
    Compilation c = compileTables(t);
    assertError(c, "GM169", t, "Kind " + column);
    assertThat(c).hadErrorContaining("enum check constraint name ck_t_" + column + " is 64 bytes long");
    assertThat(c).hadErrorContaining("it is made from the table and column names: shorten either");
    assertEquals(1, count(c, "GM169"), "an enum without constants has no check");
  }

  @Test
  void foreignKeyNamesLongerThanPostgresKeeps() {
    String column = "p".repeat(59);
    JavaFileObject parent = Sources.java("P", "@MetricsTable(name = \"p\")", "public record P(@PrimaryKey String id) {}");
    JavaFileObject t =
        Sources.java(
            "T",
            "@MetricsTable(name = \"t\")",
            "public record T(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = P.class) String " + column + ") {}");
    Compilation c = compileTables(parent, t);
    assertError(c, "GM169", t, "@ForeignKey(table = P.class)");
    assertThat(c).hadErrorContaining("foreign-key constraint name fk_t_" + column + " is 64 bytes long");
    assertThat(c).hadErrorContaining("index name idx_t_" + column + " is 65 bytes long");
    assertThat(c).hadErrorContaining("declare an index that starts with the column");
    assertEquals(2, count(c, "GM169"));
    String fits = "p".repeat(58);
    JavaFileObject indexed =
        Sources.java(
            "Ok",
            "@MetricsTable(name = \"t\", indexes = @Index(name = \"idx_t_parent\", columns = \"" + fits + "\"))",
            "public record Ok(",
            "  @PrimaryKey String id,",
            "  @ForeignKey(table = P.class) String " + fits + ") {}");
    assertGenerated(Set.of("p.PDao", "p.OkDao"), List.of(NO_SCHEMA), parent, indexed);
  }
}

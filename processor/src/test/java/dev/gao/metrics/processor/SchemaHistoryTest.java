package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.gao.metrics.processor.history.HistoryCheck;
import dev.gao.metrics.processor.history.Snapshot;
import dev.gao.metrics.processor.history.SnapshotReader;
import dev.gao.metrics.processor.history.SnapshotWriter;
import dev.gao.metrics.processor.identity.SchemaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots on disk: written, chained by parent hashes, and checked on every compilation. */
class SchemaHistoryTest {
  @TempDir Path dir;

  static JavaFileObject run(String... components) {
    List<String> lines = new ArrayList<>();
    lines.add("@MetricsTable(name = \"run\")");
    lines.add("public record Run(");
    lines.add("    @PrimaryKey long id,");
    for (int i = 0; i < components.length; i++) {
      lines.add("    " + components[i] + (i + 1 < components.length ? "," : ") {}"));
    }
    return Sources.java("Run", lines.toArray(String[]::new));
  }

  static JavaFileObject schema(int version, String... annotations) {
    List<String> lines = new ArrayList<>(List.of(annotations));
    lines.add("@MetricsSchema(version = " + version + ", tables = {Run.class})");
    lines.add("public interface Db {}");
    return Sources.java("Db", lines.toArray(String[]::new));
  }

  Compilation compile(JavaFileObject... files) {
    return Sources.compile(List.of(files), "-Agaometrics.schemaDir=" + dir);
  }

  Path snapshot(int version) {
    return dir.resolve("p.Db").resolve(version + ".json");
  }

  String read(int version) throws IOException {
    return Files.readString(snapshot(version), StandardCharsets.UTF_8);
  }

  void assertError(Compilation compilation, String id, JavaFileObject file, String line, String... texts) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(file).onLineContaining(line);
    for (String text : texts) {
      assertThat(compilation).hadErrorContaining(text);
    }
  }

  @Test
  void versionOneWritesItsSnapshotAndKeepsTheSchemaClass() throws IOException {
    Compilation withHistory = compile(run("String name"), schema(1));
    assertThat(withHistory).succeededWithoutWarnings();
    String text = read(1);
    assertTrue(text.startsWith("{\n  \"formatVersion\": 2,\n  \"schema\": \"Db\",\n  \"version\": 1,\n"), text);
    assertTrue(text.contains("\"parentHash\": null"));
    assertTrue(text.contains("\"javaType\": \"p.Run\""));
    assertTrue(text.endsWith("}\n"));
    Compilation without = Sources.compile(List.of(run("String name"), schema(1)));
    assertEquals(Sources.generated(without, "p.DbSchema"), Sources.generated(withHistory, "p.DbSchema"));
    assertThat(compile(run("String name"), schema(1))).succeededWithoutWarnings();
    assertEquals(text, read(1));
  }

  @Test
  void aSnapshotFromBeforeTheNullSafeCheckAndTheTimeTriggersAsksForANewVersionThatAddsThem() throws Exception {
    JavaFileObject run = run("@Nullable @Json Map<String, Long> tokens", "Instant startedAt");
    assertThat(compile(run, schema(1))).succeededWithoutWarnings();
    // The snapshot as builds before these rules wrote it: without the two members, and its hash.
    String current = read(1);
    assertTrue(current.contains("\"nullSafeJsonCheck\": true") && current.contains("\"normalizedTime\": true"), current);
    Snapshot earlier = SnapshotReader.read(current.replace(",\n          \"nullSafeJsonCheck\": true", "")
        .replace(",\n          \"normalizedTime\": true", "").replaceAll("\"identityHash\": \"[0-9a-f]+\"", "\"identityHash\": \"x\""));
    Snapshot rehashed = new Snapshot(
        earlier.schema(), SchemaJson.identityHash(earlier.schema()), null, earlier.renames(), earlier.allowedDataLoss());
    Files.writeString(snapshot(1), SnapshotWriter.write(rehashed), StandardCharsets.UTF_8);

    JavaFileObject v1 = schema(1);
    assertError(
        compile(run, v1), "GM136", v1, "@MetricsSchema", "bump the version to 2",
        "column run.tokens: JSON check failing NULL before SQLite 3.45 -> null-safe",
        "column run.started_at: time text stored as written -> normalized to UTC by triggers");
    Compilation bumped = compile(run, schema(2));
    assertThat(bumped).succeededWithoutWarnings();
    String schemaClass = Sources.generated(bumped, "p.DbSchema");
    assertTrue(schemaClass.contains("CREATE TABLE \\\"run__new\\\""), schemaClass);
    assertTrue(schemaClass.contains("CHECK (\\\"tokens\\\" IS NULL OR json_valid(\\\"tokens\\\"))"), schemaClass);
    assertTrue(schemaClass.contains("CREATE TRIGGER \\\"tr_run_time_insert\\\""), schemaClass);
  }

  @Test
  void unitAndDirectionAreMetadataButARangeIsStructure() throws IOException {
    assertThat(compile(run("double coverage"), schema(1))).succeededWithoutWarnings();
    String plain = read(1);
    Compilation described = compile(run("@Metric(unit = \"%\", better = Metric.Better.HIGHER) double coverage"), schema(1));
    assertThat(described).succeededWithoutWarnings();
    assertEquals(plain, read(1), "unit and direction leave the snapshot alone");
    String generated = Sources.generated(described, "p.RunDao");
    assertTrue(
        generated.contains("new MetricInfo(\"%\", Better.HIGHER, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)"),
        generated);
    JavaFileObject ranged = run("@Metric(unit = \"%\", better = Metric.Better.HIGHER, min = 0, max = 100) double coverage");
    JavaFileObject v1 = schema(1);
    assertError(compile(ranged, v1), "GM136", v1, "@MetricsSchema", "coverage: range none -> [0.0, 100.0]");
    Compilation bumped = compile(ranged, schema(2));
    assertThat(bumped).succeededWithoutWarnings();
    assertTrue(read(2).contains("\"min\": \"0\",\n          \"max\": \"100\""), read(2));
    String schemaClass = Sources.generated(bumped, "p.DbSchema");
    assertTrue(schemaClass.contains("CREATE TABLE \\\"run__new\\\""), schemaClass);
    assertTrue(
        schemaClass.contains("CONSTRAINT \\\"ck_run_coverage\\\" CHECK (\\\"coverage\\\" BETWEEN 0 AND 100)"),
        schemaClass);
  }

  @Test
  void aMetricOnAJsonMapIsMetadataWithoutACheck() throws IOException {
    String maps =
        "@Nullable @Json Map<String, Double> phaseTimes, @Nullable @Json SortedMap<String, Long> tokens";
    Compilation without = compile(run(maps), schema(1));
    assertThat(without).succeededWithoutWarnings();
    String plain = read(1);
    Compilation described =
        compile(
            run(
                "@Metric(unit = \"s\", better = Metric.Better.LOWER) @Nullable @Json Map<String, Double> phaseTimes",
                "@Metric(unit = \"tokens\") @Nullable @Json SortedMap<String, Long> tokens"),
            schema(1));
    assertThat(described).succeededWithoutWarnings();
    assertEquals(plain, read(1), "a map metric leaves the snapshot and its identity hash alone");
    String dao = Sources.generated(described, "p.RunDao");
    assertTrue(
        dao.contains("new MetricInfo(\"s\", Better.LOWER, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)"), dao);
    assertTrue(
        dao.contains("new MetricInfo(\"tokens\", Better.NONE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)"),
        dao);
    String ddl = ddl(dao);
    assertEquals(ddl(Sources.generated(without, "p.RunDao")), ddl, "the same DDL as without @Metric");
    assertTrue(ddl.contains("CHECK (\\\"phase_times\\\" IS NULL OR json_valid(\\\"phase_times\\\"))"), ddl);
    assertFalse(dao.contains("ck_run_"), dao);
    assertEquals(Sources.generated(without, "p.DbSchema"), Sources.generated(described, "p.DbSchema"));
  }

  /** The CREATE TABLE statement of a generated DAO, as the lines of its string literal. */
  private static String ddl(String dao) {
    return String.join(
        "\n", dao.lines().filter(l -> l.contains("\"CREATE TABLE") || l.trim().startsWith("+ \"")).toList());
  }

  @Test
  void bumpWritesTheNextSnapshotChainedToThePrevious() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    byte[] first = Files.readAllBytes(snapshot(1));
    Compilation second = compile(run("String name", "@Nullable String note"), schema(2));
    assertThat(second).succeededWithoutWarnings();
    assertTrue(read(2).contains("\"parentHash\": \"" + HistoryCheck.sha256(first) + "\""));
    String generated = Sources.generated(second, "p.DbSchema");
    assertTrue(generated.contains("ALTER TABLE \\\"run\\\" ADD COLUMN \\\"note\\\" TEXT"), generated);
    assertTrue(generated.contains("ALTER TABLE \\\"run\\\" DROP COLUMN \\\"note\\\""), generated);
    assertTrue(generated.contains("public static final SchemaInfo V1 = new SchemaInfo("), generated);
    assertTrue(generated.contains("private static final TableInfo V1_RUN = new TableInfo("), generated);
    assertTrue(generated.contains("<p>Upgrade 1 -> 2:"), generated);
    assertArrayEqualsBytes(first, Files.readAllBytes(snapshot(1)));
  }

  private static void assertArrayEqualsBytes(byte[] expected, byte[] actual) {
    assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
  }

  @Test
  void changeWithoutBumpListsTheDifferences() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject schema = schema(1);
    Compilation c = compile(run("String name", "@Nullable String note", "int size"), schema);
    assertError(
        c, "GM136", schema, "@MetricsSchema", "bump the version to 2", "added column run.note", "added column run.size");
  }

  @Test
  void editedEarlierSnapshotIsReported() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    assertThat(compile(run("String name", "@Nullable String note"), schema(2))).succeeded();
    Files.writeString(snapshot(1), read(1).replace("\"notNull\": true", "\"notNull\": false").replace("}\n", "} \n"));
    JavaFileObject schema = schema(2);
    Compilation c = compile(run("String name", "@Nullable String note"), schema);
    assertError(c, "GM145", schema, "@MetricsSchema", "its version or identityHash does not match its content");
    assertError(c, "GM139", schema, "@MetricsSchema", "1.json was edited after version 2 was recorded");
  }

  @Test
  void snapshotBytesEditedAfterSuccessorIsReported() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    assertThat(compile(run("String name", "@Nullable String note"), schema(2))).succeeded();
    Files.writeString(snapshot(1), read(1) + "\n");
    JavaFileObject schema = schema(2);
    assertError(
        compile(run("String name", "@Nullable String note"), schema),
        "GM139",
        schema,
        "@MetricsSchema",
        "1.json was edited after version 2 was recorded; restore it");
  }

  @Test
  void missingSnapshotIsReported() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    assertThat(compile(run("String name", "@Nullable String note"), schema(2))).succeeded();
    Files.delete(snapshot(1));
    JavaFileObject schema = schema(2);
    assertError(
        compile(run("String name", "@Nullable String note"), schema),
        "GM137",
        schema,
        "@MetricsSchema",
        "the snapshot of version 1 is missing: restore " + snapshot(1));
  }

  @Test
  void lowerVersionIsReported() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    assertThat(compile(run("String name", "@Nullable String note"), schema(2))).succeeded();
    JavaFileObject schema = schema(1);
    assertError(compile(run("String name"), schema), "GM138", schema, "@MetricsSchema", "the version went down from 2 to 1");
  }

  @Test
  void unreadableSnapshotIsReported() throws IOException {
    Files.createDirectories(snapshot(1).getParent());
    Files.writeString(snapshot(1), "{\"formatVersion\": 1, ");
    JavaFileObject schema = schema(2);
    assertError(compile(run("String name"), schema), "GM145", schema, "@MetricsSchema", "1.json cannot be used");
  }

  @Test
  void versionAboveOneNeedsTheFolder() {
    JavaFileObject schema = schema(2);
    Compilation c = Sources.compile(List.of(run("String name"), schema));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[GM135]").inFile(schema).onLineContaining("@MetricsSchema");
    assertThat(c).hadErrorContaining("-Agaometrics.schemaDir=<folder>");
  }

  @Test
  void declaredRenamesAreRecordedAndOutliveTheirAnnotation() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    Compilation renamed = compile(run("@RenamedFrom(name = \"name\", version = 2) String title"), schema(2));
    assertThat(renamed).succeededWithoutWarnings();
    assertTrue(read(2).contains("\"columns\": [\n      {\n        \"table\": \"run\",\n        \"from\": \"name\",\n        \"to\": \"title\""), read(2));
    String generated = Sources.generated(renamed, "p.DbSchema");
    assertTrue(generated.contains("ALTER TABLE \\\"run\\\" RENAME COLUMN \\\"name\\\" TO \\\"title\\\""), generated);
    Compilation again = compile(run("String title"), schema(2));
    assertThat(again).succeededWithoutWarnings();
    assertEquals(generated, Sources.generated(again, "p.DbSchema"));
  }

  @Test
  void renamedTable() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject table =
        Sources.java(
            "Run",
            "@MetricsTable(name = \"runs\")",
            "@RenamedFrom(name = \"run\", version = 2)",
            "public record Run(@PrimaryKey long id, String name) {}");
    Compilation c = compile(table, schema(2));
    assertThat(c).succeededWithoutWarnings();
    assertTrue(Sources.generated(c, "p.DbSchema").contains("ALTER TABLE \\\"run\\\" RENAME TO \\\"runs\\\""));
  }

  @Test
  void dataLossNeedsAcknowledgement() throws IOException {
    assertThat(compile(run("String name", "@Nullable String note"), schema(1))).succeeded();
    JavaFileObject schema = schema(2);
    assertError(
        compile(run("String name"), schema),
        "GM141",
        schema,
        "@MetricsSchema",
        "version 2 loses data: dropped column run.note",
        "add @AllowDataLoss(version = 2, table = \"run\", column = \"note\", reason = \"...\") to schema Db");
    assertFalse(Files.exists(snapshot(2)));
    Compilation acknowledged =
        compile(run("String name"), schema(2, "@AllowDataLoss(version = 2, table = \"run\", column = \"note\", reason = \"unused\")"));
    assertThat(acknowledged).succeededWithoutWarnings();
    assertTrue(read(2).contains("\"reason\": \"unused\""));
    assertTrue(Sources.generated(acknowledged, "p.DbSchema").contains("ALTER TABLE \\\"run\\\" DROP COLUMN \\\"note\\\""));
  }

  @Test
  void notNullColumnWithoutDefaultNeedsAcknowledgement() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject schema = schema(2);
    assertError(
        compile(run("String name", "int size"), schema),
        "GM141",
        schema,
        "@MetricsSchema",
        "added column run.size is NOT NULL without a default",
        "@AllowDataLoss(version = 2, table = \"run\", column = \"size\", reason = \"...\")");
  }

  @Test
  void droppedAndAddedColumnIsAmbiguous() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject table = run("String title");
    Compilation c = compile(table, schema(2));
    assertError(
        c,
        "GM140",
        table,
        "public record Run(",
        "version 2 drops column run.name and adds column run.title",
        "add @RenamedFrom(name = \"name\", version = 2) to the component of column run.title",
        "@AllowDataLoss(version = 2, table = \"run\", column = \"name\", reason = \"...\")");
  }

  @Test
  void droppedAndAddedTableIsAmbiguous() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject table =
        Sources.java("Run", "@MetricsTable(name = \"runs\")", "public record Run(@PrimaryKey long id, String name) {}");
    assertError(
        compile(table, schema(2)),
        "GM140",
        table,
        "public record Run(",
        "add @RenamedFrom(name = \"run\", version = 2) to the @MetricsTable type of runs");
  }

  @Test
  void renameFromUnknownName() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject table = run("@RenamedFrom(name = \"nome\", version = 2) String title");
    assertError(
        compile(table, schema(2)),
        "GM144",
        table,
        "@RenamedFrom(name = \"nome\"",
        "version 1 has no column in table run named nome (it has: id, name)");
  }

  @Test
  void renameFromUnknownTable() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject table =
        Sources.java(
            "Run",
            "@MetricsTable(name = \"runs\")",
            "@RenamedFrom(name = \"rum\", version = 2)",
            "public record Run(@PrimaryKey long id, String name) {}");
    assertError(compile(table, schema(2)), "GM144", table, "@RenamedFrom(name = \"rum\"", "version 1 has no table named rum");
  }

  static JavaFileObject migration(String name, String annotation, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("import dev.gao.metrics.runtime.Transaction;");
    lines.add("import dev.gao.metrics.runtime.schema.DataMigrationStep;");
    lines.add(annotation);
    lines.addAll(List.of(body));
    return Sources.java(name, lines.toArray(String[]::new));
  }

  @Test
  void dataMigrationsAreAttachedToTheirStep() {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    JavaFileObject fill =
        migration(
            "Fill",
            "@DataMigration(schema = Db.class, from = 1, to = 2)",
            "public class Fill implements DataMigrationStep { public void migrate(Transaction t) {} }");
    JavaFileObject undo =
        migration(
            "Undo",
            "@DataMigration(schema = Db.class, from = 2, to = 1)",
            "public class Undo implements DataMigrationStep { public void migrate(Transaction t) {} }");
    Compilation c = compile(run("String name", "@Nullable String note"), schema(2), fill, undo);
    assertThat(c).succeededWithoutWarnings();
    String generated = Sources.generated(c, "p.DbSchema");
    // The data migrations close the step; its PostgreSQL SQL follows.
    assertTrue(generated.contains("List.of(\n                      new Fill()))\n                  .on(\n                      Engine.POSTGRESQL,"), generated);
    assertTrue(generated.contains("-- data migrations: p.Fill"), generated);
    assertNotEquals(generated.indexOf("new Fill()"), generated.indexOf("new Undo()"));
  }

  @Test
  void dataMigrationForAPairThatIsNotAStep() {
    JavaFileObject fill =
        migration(
            "Fill",
            "@DataMigration(schema = Db.class, from = 1, to = 3)",
            "public class Fill implements DataMigrationStep { public void migrate(Transaction t) {} }");
    assertError(
        compile(run("String name"), schema(1), fill),
        "GM142",
        fill,
        "@DataMigration",
        "@DataMigration(from = 1, to = 3) of p.Fill is not a step of schema Db (versions 1 to 1)");
  }

  @Test
  void dataMigrationNotImplementingTheInterface() {
    JavaFileObject fill =
        migration("Fill", "@DataMigration(schema = Db.class, from = 1, to = 2)", "public class Fill {}");
    assertError(compile(run("String name"), schema(1), fill), "GM143", fill, "@DataMigration", "it does not implement that interface");
  }

  @Test
  void dataMigrationWithoutPublicNoArgumentConstructor() {
    JavaFileObject fill =
        migration(
            "Fill",
            "@DataMigration(schema = Db.class, from = 1, to = 2)",
            "public class Fill implements DataMigrationStep {",
            "  public Fill(int x) {}",
            "  public void migrate(Transaction t) {}",
            "}");
    assertError(compile(run("String name"), schema(1), fill), "GM143", fill, "@DataMigration", "no public no-argument constructor");
  }

  @Test
  void dataMigrationThatIsNotPublic() {
    JavaFileObject fill =
        migration(
            "Fill",
            "@DataMigration(schema = Db.class, from = 1, to = 2)",
            "class Fill implements DataMigrationStep { public void migrate(Transaction t) {} }");
    assertError(compile(run("String name"), schema(1), fill), "GM143", fill, "@DataMigration", "not a public top-level");
  }

  private static final Path EXAMPLE = Path.of("../example/src/main");
  private static final String EXAMPLE_SCHEMA = "dev.gao.metrics.example.model.GaoMetrics";

  /** The example's model sources, its schema declared as version {@code version}. */
  private static List<JavaFileObject> exampleModel(int version) throws IOException {
    List<JavaFileObject> files = new ArrayList<>();
    Path folder = EXAMPLE.resolve("java/dev/gao/metrics/example/model");
    try (var paths = Files.list(folder)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String name = path.getFileName().toString().replaceAll("\\.java$", "");
        if (name.equals("package-info")) {
          continue;
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (name.equals("GaoMetrics")) {
          assertTrue(text.contains("    version = 6,\n"), text);
          text = text.replace("    version = 6,\n", "    version = " + version + ",\n");
        }
        files.add(JavaFileObjects.forSourceString("dev.gao.metrics.example.model." + name, text));
      }
    }
    return files;
  }

  private static String identityHash(Compilation compilation) {
    Matcher hash = Pattern.compile("IDENTITY_HASH = \"([0-9a-f]{64})\"").matcher(Sources.generated(compilation, EXAMPLE_SCHEMA + "Schema"));
    assertTrue(hash.find());
    return hash.group(1);
  }

  /**
   * The example's versions 1 to 5 are format-1 files, read as they are. Its enum columns gained the
   * check of their names, a structural change: compiled as version 5 the model no longer matches
   * that snapshot, and the build names the difference; as version 6 it compiles and writes, in
   * format 2, exactly the snapshot the example commits.
   */
  @Test
  void theExampleHistoryOfFormatOneFilesCompilesAsItIsAndItsNextVersionIsWrittenInFormatTwo() throws IOException {
    Path folder = Files.createDirectories(dir.resolve(EXAMPLE_SCHEMA));
    List<byte[]> recorded = new ArrayList<>();
    for (int version = 1; version <= 5; version++) {
      Path file = EXAMPLE.resolve("schemas").resolve(EXAMPLE_SCHEMA).resolve(version + ".json");
      Files.copy(file, folder.resolve(version + ".json"));
      recorded.add(Files.readAllBytes(file));
      assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith("{\n  \"formatVersion\": 1,\n"), file.toString());
    }
    String fiveHash = SnapshotReader.read(new String(recorded.get(4), StandardCharsets.UTF_8)).identityHash();
    assertNotEquals("4f1871749131049f9f81a95cb9819059c5d1f7a0d5c86157f0a6d976c4c70ca4", fiveHash, "the identity is the neutral one");

    Compilation five = Sources.compile(exampleModel(5), "-Agaometrics.schemaDir=" + dir);
    assertThat(five).failed();
    assertThat(five)
        .hadErrorContaining(
            "[GM136] the tables differ from the recorded snapshot of version 5 ("
                + folder.resolve("5.json")
                + "): bump the version to 6 (or undo the change); differences:\n"
                + "    - column benchmark_runs.status: enum names unchecked -> [completed, failed, running, timeout]\n"
                + "    - column token_usage.token_type: enum names unchecked -> [cache_read, cache_write, input, output]");
    assertFalse(Files.exists(folder.resolve("6.json")), "nothing written");

    Compilation six = Sources.compile(exampleModel(6), "-Agaometrics.schemaDir=" + dir);
    assertThat(six).succeededWithoutWarnings();
    byte[] written = Files.readAllBytes(folder.resolve("6.json"));
    String text = new String(written, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\n  \"formatVersion\": 2,\n  \"schema\": \"GaoMetrics\",\n  \"version\": 6,\n"), text);
    assertTrue(text.contains("\"parentHash\": \"" + HistoryCheck.sha256(recorded.get(4)) + "\""), text);
    String hash = identityHash(six);
    assertNotEquals(fiveHash, hash, "the names are structure");
    assertTrue(text.contains("\"identityHash\": \"" + hash + "\""), text);
    assertTrue(text.contains("\"enumNames\": [\"completed\", \"failed\", \"running\", \"timeout\"]"), text);
    assertArrayEqualsBytes(
        Files.readAllBytes(EXAMPLE.resolve("schemas").resolve(EXAMPLE_SCHEMA).resolve("6.json")), written);
    for (int version = 1; version <= 5; version++) {
      assertArrayEqualsBytes(recorded.get(version - 1), Files.readAllBytes(folder.resolve(version + ".json")));
    }
  }

  @Test
  void historyIsDeterministic() throws IOException {
    assertThat(compile(run("String name"), schema(1))).succeeded();
    Compilation first = compile(run("String name", "@Nullable String note", "@Column(defaultValue = \"3\") int size"), schema(2));
    byte[] snapshot = Files.readAllBytes(snapshot(2));
    Compilation second = compile(run("String name", "@Nullable String note", "@Column(defaultValue = \"3\") int size"), schema(2));
    assertEquals(Sources.generated(first, "p.DbSchema"), Sources.generated(second, "p.DbSchema"));
    assertArrayEqualsBytes(snapshot, Files.readAllBytes(snapshot(2)));
  }
}

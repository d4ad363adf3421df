package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.gao.metrics.processor.history.HistoryCheck;
import dev.gao.metrics.processor.migration.SqliteDatabase;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.runtime.schema.MigrationStep;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.schema.TriggerInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated schema class with history, compared with its golden file and then loaded and driven
 * against SQLite: its earlier version's metadata creates a populated database, and its steps take it
 * up and back down.
 */
class GeneratedHistoryRunsTest {
  @TempDir Path dir;

  private static JavaFileObject tables(String indexed, String run) {
    return Sources.java(
        "Tables",
        "public final class Tables {",
        "  private Tables() {}",
        "  @MetricsTable(name = \"run\", indexes = @Index(columns = \"" + indexed + "\"))",
        run,
        "  @MetricsTable(name = \"sample\")",
        "  public record Sample(@PrimaryKey(autoGenerate = true) long id,",
        "      @ForeignKey(table = Run.class, onDelete = ForeignKey.Action.CASCADE) String runId, double value) {}",
        "}");
  }

  private static JavaFileObject schema(int version, String... annotations) {
    String[] lines = new String[annotations.length + 2];
    System.arraycopy(annotations, 0, lines, 0, annotations.length);
    lines[annotations.length] = "@MetricsSchema(version = " + version + ", tables = {Tables.Run.class, Tables.Sample.class})";
    lines[annotations.length + 1] = "public interface Db {}";
    return Sources.java("Db", lines);
  }

  private static final String V1_RUN =
      "  public record Run(@PrimaryKey String id, String status, @Nullable String note, int score) {}";
  private static final String V2_RUN =
      "  public record Run(@PrimaryKey String id, @RenamedFrom(name = \"status\", version = 2) String state,"
          + " long score, @Nullable Instant finishedAt";
  private static final String V2_LOSS =
      "@AllowDataLoss(version = 2, table = \"run\", column = \"note\", reason = \"never read\")";

  /** Version 2, and with {@code extra} components version 3. */
  private Compilation compile(int version, String extra) {
    return Sources.compile(
        List.of(tables("state", V2_RUN + extra + ") {}"), schema(version, V2_LOSS)), "-Agaometrics.schemaDir=" + dir);
  }

  @Test
  void stepsOfTheGeneratedClassMigrateUpAndDown() throws Exception {
    String option = "-Agaometrics.schemaDir=" + dir;
    Compilation v1 = Sources.compile(List.of(tables("status", V1_RUN), schema(1)), option);
    assertThat(v1).succeeded();
    Compilation v2 = compile(2, "");
    assertThat(v2).succeededWithoutWarnings();
    assertGolden("p/DbSchema.java", Sources.generated(v2, "p.DbSchema"));
    assertGolden("schemas/p.Db/1.json", Files.readString(dir.resolve("p.Db/1.json"), StandardCharsets.UTF_8));
    assertGolden("schemas/p.Db/2.json", Files.readString(dir.resolve("p.Db/2.json"), StandardCharsets.UTF_8));
    SchemaInfo schema = (SchemaInfo) new CompiledClasses(v2).loadClass("p.DbSchema").getField("SCHEMA").get(null);
    SchemaInfo first = schema.history().versions().get(0);
    MigrationStep up = step(schema, 1, 2);
    MigrationStep down = step(schema, 2, 1);
    assertTrue(up.foreignKeysOff(), "score int -> long rebuilds run");
    try (SqliteDatabase db = create(first);
        SqliteDatabase freshV1 = create(first);
        SqliteDatabase freshV2 = create(schema)) {
      db.execute("INSERT INTO \"run\" VALUES ('r1', 'done', 'n', 3), ('r2', 'failed', NULL, 4)");
      db.execute("INSERT INTO \"sample\" (\"run_id\", \"value\") VALUES ('r1', 1.5), ('r2', 2.5), ('r1', 3.5)");
      db.run(sql(up));
      assertEquals(freshV2.structure(), db.structure());
      assertEquals(List.of("[r1, done, 3, null]", "[r2, failed, 4, null]"), db.values("run", List.of("id", "state", "score", "finished_at")));
      assertEquals(List.of("[1, r1, 1.5]", "[2, r2, 2.5]", "[3, r1, 3.5]"), db.values("sample", List.of("id", "run_id", "value")));
      db.run(sql(down));
      assertEquals(freshV1.structure(), db.structure());
      assertEquals(List.of("[r1, done, 3]", "[r2, failed, 4]"), db.values("run", List.of("id", "status", "score")));
      assertEquals(List.of("[1, r1, 1.5]", "[2, r2, 2.5]", "[3, r1, 3.5]"), db.values("sample", List.of("id", "run_id", "value")));
    }
  }

  /** Copies the snapshots of versions 1 and 2 as builds before format 2 wrote them. */
  private void formatOneHistory() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("p.Db"));
    for (String file : List.of("1.json", "2.json")) {
      Files.copy(Sources.GOLDEN.resolve("versioned/format1/p.Db").resolve(file), folder.resolve(file));
    }
  }

  private String snapshot(int version) throws IOException {
    return Files.readString(dir.resolve("p.Db/" + version + ".json"), StandardCharsets.UTF_8);
  }

  @Test
  void aFormatOneHistoryIsUsedAsItIsAndTheNextVersionIsWrittenInFormatTwo() throws IOException {
    formatOneHistory();
    byte[] one = Files.readAllBytes(dir.resolve("p.Db/1.json"));
    byte[] two = Files.readAllBytes(dir.resolve("p.Db/2.json"));
    assertTrue(snapshot(2).startsWith("{\n  \"formatVersion\": 1,\n"));
    Compilation v2 = compile(2, "");
    assertThat(v2).succeededWithoutWarnings();
    String golden = Files.readString(Sources.GOLDEN.resolve("versioned/p/DbSchema.java"), StandardCharsets.UTF_8);
    assertEquals(golden, Sources.generated(v2, "p.DbSchema"), "the same class as from a history written in format 2");
    assertArrayEquals(one, Files.readAllBytes(dir.resolve("p.Db/1.json")));
    assertArrayEquals(two, Files.readAllBytes(dir.resolve("p.Db/2.json")));
    assertFalse(Files.exists(dir.resolve("p.Db/3.json")));

    Compilation v3 = compile(3, ", @Nullable String comment");
    assertThat(v3).succeededWithoutWarnings();
    String three = snapshot(3);
    assertTrue(three.startsWith("{\n  \"formatVersion\": 2,\n  \"schema\": \"Db\",\n  \"version\": 3,\n"), three);
    assertTrue(three.contains("\"parentHash\": \"" + HistoryCheck.sha256(two) + "\""), three);
    assertTrue(three.contains("\"kind\": \"INSTANT\"") && !three.contains("sqlType"), three);
    assertArrayEquals(one, Files.readAllBytes(dir.resolve("p.Db/1.json")), "format-1 files are never rewritten");
    assertArrayEquals(two, Files.readAllBytes(dir.resolve("p.Db/2.json")));
    String schemaClass = Sources.generated(v3, "p.DbSchema");
    assertTrue(schemaClass.contains("ALTER TABLE \\\"run\\\" ADD COLUMN \\\"comment\\\" TEXT"), schemaClass);
    Matcher hash = Pattern.compile("IDENTITY_HASH = \"([0-9a-f]{64})\"").matcher(golden);
    assertTrue(hash.find());
    assertTrue(
        schemaClass.contains("\"Db\",\n      2,\n      \"" + hash.group(1) + "\""),
        "version 2, read from format 1, has its neutral identity hash");

    Compilation again = compile(3, ", @Nullable String comment");
    assertThat(again).succeededWithoutWarnings();
    assertEquals(schemaClass, Sources.generated(again, "p.DbSchema"));
    assertEquals(three, snapshot(3));
  }

  @Test
  void aFormatOneSnapshotEditedByHandIsRefused() throws IOException {
    formatOneHistory();
    String two = snapshot(2);
    JavaFileObject v2 = schema(2, V2_LOSS);
    String option = "-Agaometrics.schemaDir=" + dir;
    for (String[] edit :
        new String[][] {
          {"\"sqlType\": \"INTEGER\",\n          \"javaType\": \"long\",\n          \"notNull\": true",
            "\"sqlType\": \"REAL\",\n          \"javaType\": \"long\",\n          \"notNull\": true",
            "column run.score records sqlType REAL, but its javaType long is stored as INTEGER; restore the file from version control"},
          {"\"default\": null,\n          \"primaryKeyPosition\": 0,\n          \"json\": false,\n          \"normalizedTime\"",
            "\"default\": \"(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))\",\n          \"primaryKeyPosition\": 0,\n"
                + "          \"json\": false,\n          \"normalizedTime\"",
            "its version or identityHash does not match its content; restore it from version control"},
        }) {
      String edited = two.replace(edit[0], edit[1]);
      assertFalse(two.equals(edited), edit[0]);
      Files.writeString(dir.resolve("p.Db/2.json"), edited, StandardCharsets.UTF_8);
      Compilation c = Sources.compile(List.of(tables("state", V2_RUN + ") {}"), v2), option);
      assertThat(c).failed();
      assertThat(c).hadErrorContaining("[GM145]").inFile(v2).onLineContaining("@MetricsSchema");
      assertThat(c).hadErrorContaining("2.json cannot be used: " + edit[2]);
    }
    Files.writeString(dir.resolve("p.Db/2.json"), two, StandardCharsets.UTF_8);
    assertThat(compile(2, "")).succeededWithoutWarnings();
  }

  /** Compares with the file under {@code golden/versioned}; {@code -Dgolden.update=true} rewrites it. */
  private static void assertGolden(String name, String actual) throws IOException {
    Path expected = Sources.GOLDEN.resolve("versioned").resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, name);
  }

  private static MigrationStep step(SchemaInfo schema, int from, int to) {
    return schema.history().steps().stream()
        .filter(s -> s.fromVersion() == from && s.toVersion() == to)
        .findFirst()
        .orElseThrow();
  }

  private static StepSql sql(MigrationStep step) {
    StepSql sql = new StepSql(step.statements(), step.finalStatements(), step.foreignKeysOff());
    assertEquals(sql.checksum(), step.checksum());
    return sql;
  }

  private static SqliteDatabase create(SchemaInfo schema) throws Exception {
    SqliteDatabase db = SqliteDatabase.empty();
    for (TableInfo table : schema.tables()) {
      db.execute(table.createSql());
      for (IndexInfo index : table.indexes()) {
        db.execute(index.createSql());
      }
      for (TriggerInfo trigger : table.triggers()) {
        db.execute(trigger.createSql());
      }
    }
    return db;
  }
}

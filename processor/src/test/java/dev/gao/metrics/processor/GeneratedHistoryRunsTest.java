package dev.gao.metrics.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.gao.metrics.processor.migration.SqliteDatabase;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.runtime.migration.MigrationStep;
import dev.gao.metrics.runtime.schema.IndexInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import dev.gao.metrics.runtime.schema.TriggerInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void stepsOfTheGeneratedClassMigrateUpAndDown() throws Exception {
    String option = "-Agaometrics.schemaDir=" + dir;
    Compilation v1 =
        Sources.compile(
            List.of(
                tables("status", "  public record Run(@PrimaryKey String id, String status, @Nullable String note, int score) {}"),
                schema(1)),
            option);
    assertThat(v1).succeeded();
    Compilation v2 =
        Sources.compile(
            List.of(
                tables(
                    "state",
                    "  public record Run(@PrimaryKey String id, @RenamedFrom(name = \"status\", version = 2) String state,"
                        + " long score, @Nullable Instant finishedAt) {}"),
                schema(2, "@AllowDataLoss(version = 2, table = \"run\", column = \"note\", reason = \"never read\")")),
            option);
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
